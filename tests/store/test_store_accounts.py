"""Accounts, sessions, API tokens and settings in the store (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.accounts import AccountError
from tawthiq.store import SQLStore
from tawthiq.store.base import WebSession

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def session(token_hash: str, user: str, expires_at: dt.datetime = NOW + HOUR) -> WebSession:
    return WebSession(token_hash, user, f"csrf-{token_hash}", NOW, expires_at)


def test_users_are_added_checked_and_audited_without_their_hash(store: SQLStore) -> None:
    added = store.add_user("alice", "reviewer", "argon2-hash-a", by="admin")
    store.add_user("bob.k", "viewer", "argon2-hash-b", by="admin")
    assert store.get_user("alice") == added
    assert (added.role, added.disabled, added.created_at.tzinfo) == ("reviewer", False, dt.UTC)
    assert [user.name for user in store.users()] == ["alice", "bob.k"]
    assert store.get_user("carol") is None
    with pytest.raises(AccountError, match="already exists"):
        store.add_user("alice", "admin", "other", by="admin")
    with pytest.raises(AccountError, match="not a role"):
        store.add_user("carol", "owner", "h", by="admin")
    with pytest.raises(AccountError, match="account name"):
        store.add_user("carol smith", "viewer", "h", by="admin")
    entry = store.audit(target="user:alice")[0]
    assert (entry.actor, entry.action, entry.before, entry.after) == (
        "admin",
        "user.add",
        None,
        {"name": "alice", "role": "reviewer"},
    )
    assert all("argon2" not in repr(e) for e in store.audit())


def test_a_session_lives_until_it_expires(store: SQLStore) -> None:
    store.add_user("alice", "analyst", "h", by="admin")
    store.add_session(session("s1", "alice"))
    found = store.get_session("s1", now=NOW + dt.timedelta(minutes=59))
    assert found == session("s1", "alice")
    assert store.get_session("s1", now=NOW + HOUR) is None
    assert store.get_session("unknown", now=NOW) is None
    store.delete_session("s1")
    assert store.get_session("s1", now=NOW) is None


def test_disabling_or_a_new_password_ends_sessions_and_tokens_stop_working(store: SQLStore) -> None:
    store.add_user("alice", "analyst", "old-hash", by="admin")
    store.add_user("bob", "analyst", "h", by="admin")
    for token_hash, user in (("a1", "alice"), ("a2", "alice"), ("b1", "bob")):
        store.add_session(session(token_hash, user))
    token = store.add_token("alice", "t-alice", "script", by="alice")
    changed = store.update_user("alice", by="admin", password_hash="new-hash")
    assert changed.password_hash == "new-hash"
    assert store.get_session("a1", now=NOW) is None
    assert store.get_session("a2", now=NOW) is None
    assert store.get_session("b1", now=NOW) is not None
    owner = store.token_user("t-alice")
    assert owner is not None and owner.name == "alice"  # a token outlives a password change

    store.add_session(session("a3", "alice"))
    disabled = store.update_user("alice", by="admin", disabled=True, role="viewer")
    assert (disabled.disabled, disabled.role) == (True, "viewer")
    assert store.get_session("a3", now=NOW) is None
    assert store.token_user("t-alice") is None
    store.add_session(session("a4", "alice"))  # a session made before the check, say
    assert store.get_session("a4", now=NOW) is None
    store.update_user("alice", by="admin", disabled=False)
    assert store.get_session("a4", now=NOW) is not None

    password, role = store.audit(target="user:alice")[1:3][::-1]
    assert (password.before, password.after) == ({}, {"password": "changed"})
    assert (role.before, role.after) == (
        {"role": "analyst", "disabled": False},
        {"role": "viewer", "disabled": True},
    )
    assert store.tokens() == [token]
    with pytest.raises(AccountError, match="no account"):
        store.update_user("nobody", by="admin", role="admin")
    with pytest.raises(AccountError, match="not a role"):
        store.update_user("bob", by="admin", role="owner")


def test_a_revoked_token_no_longer_authenticates(store: SQLStore) -> None:
    store.add_user("alice", "analyst", "h", by="admin")
    store.add_user("bob", "reviewer", "h", by="admin")
    first = store.add_token("alice", "hash-1", "laptop", by="alice")
    second = store.add_token("bob", "hash-2", "cron", by="admin")
    assert [t.id for t in store.tokens()] == [first.id, second.id]
    assert store.tokens("bob") == [second]
    store.revoke_token(first.id, by="admin")
    store.revoke_token(first.id, by="admin")  # again: nothing more to do, nor to audit
    assert store.token_user("hash-1") is None
    bob = store.token_user("hash-2")
    assert bob is not None and bob.role == "reviewer"
    assert [t.revoked for t in store.tokens()] == [True, False]
    revoked = store.audit(target=f"token:{first.id}")
    assert [e.action for e in revoked] == ["token.revoke", "token.add"]
    assert revoked[0].after == {"user": "alice", "label": "laptop", "revoked": True}
    assert all("hash-" not in repr(e) for e in store.audit())
    with pytest.raises(AccountError, match="no API token"):
        store.revoke_token(999, by="admin")
    with pytest.raises(AccountError, match="no account"):
        store.add_token("nobody", "hash-3", "x", by="admin")


def test_settings_are_kept_and_audited(store: SQLStore) -> None:
    assert store.setting("public_view") is None
    store.set_setting("public_view", "on", by="admin")
    store.set_setting("public_view", "off", by="root")
    assert store.setting("public_view") == "off"
    changes = [(e.actor, e.before, e.after) for e in store.audit(target="setting:public_view")]
    assert changes == [
        ("root", {"value": "on"}, {"value": "off"}),
        ("admin", {"value": None}, {"value": "on"}),
    ]
