"""``tawthiq serve`` (the review app), ``tawthiq users`` (accounts) and ``tawthiq audit`` (the log).

The first admin account can only be made here, on the machine that holds the database: the web app
has no sign-up page, so nobody can claim a fresh server from the network.
"""

from __future__ import annotations

import ipaddress
import sys

import click

from tawthiq.cli.common import db_option, opened_store

CLI_ACTOR = "cli"
"""Who the audit log names for changes made with these commands (the operating-system user is added)."""


def _actor() -> str:
    import getpass

    try:
        return f"{CLI_ACTOR}:{getpass.getuser()}"
    except (KeyError, OSError):
        return CLI_ACTOR


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--tile-url",
    metavar="URL",
    help="An online tile server (https://…/{z}/{x}/{y}.png) drawn under the offline OCHA basemap.",
)
@click.option("--tile-attribution", default="", metavar="TEXT", help="Credit line of the tile server.")
@click.option(
    "--exposed",
    is_flag=True,
    help="Allow listening on an address other than this machine's; put it behind HTTPS.",
)
@db_option
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, tile_url: str | None, tile_attribution: str, exposed: bool
) -> None:
    """Run the review web app (Arabic and English) on http://HOST:PORT, one process.

    It listens on this machine only unless --exposed is given: session cookies are Secure, so any
    other address must be served through an HTTPS reverse proxy (Caddy, nginx) in front of it."""
    import uvicorn

    from tawthiq.web import WebConfig, create_app

    if not _loopback(host):
        if not exposed:
            raise click.UsageError(
                f"{host} is reachable from other machines: add --exposed, and serve it only through "
                "an HTTPS reverse proxy (the session cookies are Secure and the reports are sensitive)"
            )
        click.echo(
            f"WARNING: listening on {host}:{port}, reachable from the network. Put an HTTPS reverse "
            "proxy in front of it; plain HTTP exposes passwords and sessions.",
            err=True,
        )
    with opened_store(ctx) as store:
        if not any(user.role == "admin" and not user.disabled for user in store.users()):
            click.echo(
                "no admin account yet: create one with `tawthiq users add NAME --role admin`", err=True
            )
        app = create_app(store, WebConfig(tile_url=tile_url, tile_attribution=tile_attribution))
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        click.echo(f"tawthiq review app on http://{shown}:{port}/ (Ctrl+C to stop)", err=True)
        uvicorn.run(app, host=host, port=port, workers=1, proxy_headers=False, server_header=False)


def _read_password(from_stdin: bool) -> str:
    from tawthiq.accounts import AccountError, check_password

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        return check_password(password)
    except AccountError as error:
        raise click.BadParameter(str(error), param_hint="password") from error


@click.group()
def users() -> None:
    """Accounts of the review app: viewer, analyst, reviewer, admin."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["viewer", "analyst", "reviewer", "admin"]),
    default="viewer",
    show_default=True,
)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@db_option
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Create an account; the password is asked twice (hidden), or read from stdin."""
    from tawthiq.accounts import AccountError, check_name
    from tawthiq.web.auth import hash_password

    try:
        check_name(name)
    except AccountError as error:
        raise click.BadParameter(str(error), param_hint="NAME") from error
    password = _read_password(password_stdin)
    with opened_store(ctx) as store:
        try:
            store.add_user(name, role, hash_password(password), by=_actor())
        except AccountError as error:
            raise click.ClickException(str(error)) from error
    click.echo(
        f"created {role} account {name!r}; log in at http://127.0.0.1:8000/login after `tawthiq serve`"
    )


@users.command("list")
@db_option
@click.pass_context
def users_list(ctx: click.Context) -> None:
    """List the accounts with their role and whether they may log in."""
    with opened_store(ctx) as store:
        found = store.users()
    if not found:
        click.echo("no accounts; create the first admin with `tawthiq users add NAME --role admin`", err=True)
        return
    for user in found:
        state = "disabled" if user.disabled else "active"
        click.echo(f"{user.name}\t{user.role}\t{state}\t{user.created_at.isoformat(timespec='seconds')}")


@users.command("set")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "reviewer", "admin"]))
@click.option("--disable", "disabled", flag_value=True, default=None, help="Stop the account logging in.")
@click.option("--enable", "disabled", flag_value=False, help="Let a disabled account log in again.")
@click.option("--password-stdin", is_flag=True, help="Set a new password read from the first line of stdin.")
@click.option("--password", "prompt_password", is_flag=True, help="Set a new password, asked twice (hidden).")
@db_option
@click.pass_context
def users_set(
    ctx: click.Context,
    name: str,
    role: str | None,
    disabled: bool | None,
    password_stdin: bool,
    prompt_password: bool,
) -> None:
    """Change an account's role, password, or whether it may log in (its sessions end)."""
    from tawthiq.accounts import AccountError
    from tawthiq.web.auth import hash_password

    new_hash = None
    if password_stdin or prompt_password:
        new_hash = hash_password(_read_password(password_stdin))
    if role is None and disabled is None and new_hash is None:
        raise click.UsageError("nothing to change: give --role, --disable, --enable or --password-stdin")
    with opened_store(ctx) as store:
        if store.get_user(name) is None:
            raise click.ClickException(f"no account {name!r}: `tawthiq users list` shows them")
        try:
            user = store.update_user(name, by=_actor(), role=role, password_hash=new_hash, disabled=disabled)
        except AccountError as error:
            raise click.ClickException(str(error)) from error
    click.echo(f"{user.name}: {user.role}, {'disabled' if user.disabled else 'active'}")


@click.group()
def audit() -> None:
    """The append-only, hash-chained log of every review and account change."""


@audit.command("verify")
@db_option
@click.pass_context
def audit_verify(ctx: click.Context) -> None:
    """Recompute the hash chain: exit 0 if intact, 1 naming the first entry that does not match."""
    with opened_store(ctx) as store:
        check = store.verify_audit()
    if check.ok:
        click.echo(f"audit log intact: {check.entries} entries, head {check.head}")
        return
    click.echo(f"audit log BROKEN at entry {check.first_bad}: {check.problem}", err=True)
    ctx.exit(1)


@audit.command("show")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--target", metavar="TARGET", help="Only entries about this target (incident:ID, user:NAME).")
@db_option
@click.pass_context
def audit_show(ctx: click.Context, limit: int, target: str | None) -> None:
    """The latest entries, newest first, one JSON object a line."""
    import json

    with opened_store(ctx) as store:
        entries = store.audit(target=target, limit=limit)
    for entry in entries:
        record = {
            "id": entry.id,
            "at": entry.at.isoformat(),
            "actor": entry.actor,
            "action": entry.action,
            "target": entry.target,
            "before": entry.before,
            "after": entry.after,
            "hash": entry.hash,
        }
        click.echo(json.dumps(record, ensure_ascii=False))
