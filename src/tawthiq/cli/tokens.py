"""``tawthiq tokens``: API tokens for scripts that call the REST API (docs/api.md).

A token acts with its account's role. Only its sha256 is kept, so it is printed once, when made, and
can never be shown again: a lost token is revoked and replaced.
"""

from __future__ import annotations

import click

from tawthiq.cli.common import db_option, opened_store
from tawthiq.cli.web import _actor


@click.group()
def tokens() -> None:
    """API tokens of the REST API (``Authorization: Bearer <token>``)."""


@tokens.command("add")
@click.argument("user")
@click.option("--label", default="", help="What the token is for (a script's name); shown in lists.")
@db_option
@click.pass_context
def tokens_add(ctx: click.Context, user: str, label: str) -> None:
    """Make a token for the account USER and print it: it is shown this once, so keep it now."""
    from tawthiq.accounts import AccountError
    from tawthiq.web.auth import TOKEN_PREFIX, digest, new_token

    label = label.strip() or "command line"
    token = new_token(TOKEN_PREFIX)
    with opened_store(ctx) as store:
        try:
            kept = store.add_token(user, digest(token), label, by=_actor())
        except AccountError as error:
            raise click.ClickException(str(error)) from error
    click.echo(token)
    click.echo(
        f"token {kept.id} for {user!r} ({label}); it is not shown again. Send it as "
        "'Authorization: Bearer <token>'; revoke it with `tawthiq tokens revoke "
        f"{kept.id}`",
        err=True,
    )


@tokens.command("list")
@click.argument("user", required=False)
@db_option
@click.pass_context
def tokens_list(ctx: click.Context, user: str | None) -> None:
    """List the tokens (of USER, or everyone's): id, account, label, made, state. Never the tokens."""
    with opened_store(ctx) as store:
        found = store.tokens(user)
    if not found:
        who = f" for {user!r}" if user else ""
        click.echo(f"no API tokens{who}; make one with `tawthiq tokens add NAME`", err=True)
        return
    for token in found:
        state = "revoked" if token.revoked else "active"
        made = token.created_at.isoformat(timespec="seconds")
        click.echo(f"{token.id}\t{token.user}\t{token.label}\t{made}\t{state}")


@tokens.command("revoke")
@click.argument("token_id", metavar="ID", type=click.IntRange(min=1))
@db_option
@click.pass_context
def tokens_revoke(ctx: click.Context, token_id: int) -> None:
    """Revoke the token ID (from `tawthiq tokens list`): requests with it are refused from now on."""
    with opened_store(ctx) as store:
        token = next((t for t in store.tokens() if t.id == token_id), None)
        if token is None:
            raise click.ClickException(f"there is no API token {token_id}: see `tawthiq tokens list`")
        if token.revoked:
            click.echo(f"token {token_id} of {token.user!r} was already revoked", err=True)
            return
        store.revoke_token(token_id, by=_actor())
    click.echo(f"revoked token {token_id} of {token.user!r} ({token.label})", err=True)
