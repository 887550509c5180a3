"""``tawthiq users``, ``tawthiq audit`` and the refusals of ``tawthiq serve``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tawthiq.cli import main
from tawthiq.store import open_store
from tawthiq.web.auth import password_matches

PASSWORD = "a passphrase long enough"


def run(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_first_admin_from_stdin_is_stored_as_an_argon2_hash_and_audited(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    code, out, _ = run(
        db, "users", "add", "amal", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0, out
    with open_store(db) as store:
        user = store.get_user("amal")
        assert user is not None and user.role == "admin"
        assert user.password_hash.startswith("$argon2id$")
        assert password_matches(user.password_hash, PASSWORD)
        [entry] = store.audit()
        assert entry.action == "user.add" and entry.actor.startswith("cli")
        assert PASSWORD not in str(entry.after) and "argon2" not in str(entry.after)
    code, out, _ = run(db, "users", "list")
    assert code == 0 and out.startswith("amal\tadmin\tactive")


def test_password_is_prompted_twice_when_not_on_stdin(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    code, _, _ = run(db, "users", "add", "amal", "--role", "admin", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 0
    code, _, _ = run(db, "users", "add", "basel", stdin=f"{PASSWORD}\nsomething else entirely\n")
    assert code != 0
    with open_store(db) as store:
        assert store.get_user("basel") is None


def test_bad_accounts_are_refused_with_a_reason(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    code, _, err = run(db, "users", "add", "amal", "--password-stdin", stdin="short\n")
    assert code == 2 and "too short" in err
    code, _, err = run(db, "users", "add", "bad name!", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 2 and "not a usable account name" in err
    run(db, "users", "add", "amal", "--password-stdin", stdin=PASSWORD + "\n")
    code, _, err = run(db, "users", "add", "amal", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 1


def test_users_set_changes_role_and_disables(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run(db, "users", "add", "amal", "--password-stdin", stdin=PASSWORD + "\n")
    code, out, _ = run(db, "users", "set", "amal", "--role", "reviewer", "--disable")
    assert code == 0 and out.strip() == "amal: reviewer, disabled"
    code, out, _ = run(db, "users", "set", "amal", "--enable")
    assert code == 0 and out.strip() == "amal: reviewer, active"
    assert run(db, "users", "set", "amal")[0] == 2
    assert run(db, "users", "set", "nobody", "--enable")[0] == 1


def test_audit_verify_passes_then_names_the_first_tampered_entry(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    for name in ("amal", "basel", "carim"):
        run(db, "users", "add", name, "--password-stdin", stdin=PASSWORD + "\n")
    code, out, _ = run(db, "audit", "verify")
    assert code == 0
    assert "3 entries" in out and "head " in out
    code, out, _ = run(db, "audit", "show", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 2 and '"user:carim"' in out.splitlines()[0]
    with sqlite3.connect(db) as connection:
        table = next(
            name
            for (name,) in connection.execute("select name from sqlite_master where type='table'")
            if "audit" in name
        )
        triggers = connection.execute(
            "select name from sqlite_master where type='trigger' and tbl_name=?", (table,)
        ).fetchall()
        for (trigger,) in triggers:
            connection.execute(f'drop trigger "{trigger}"')  # an attacker with the file can do this
        connection.execute(f"update {table} set actor='someone else' where id=2")
    code, _, err = run(db, "audit", "verify")
    assert code == 1
    assert "BROKEN at entry 2" in err


def test_serve_refuses_a_network_address_unless_told(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "t.db", "serve", "--host", "0.0.0.0")
    assert code == 2
    assert "--exposed" in err and "HTTPS" in err
