"""Accounts, sessions, API tokens and settings in the SQL store; each function runs in the caller's
transaction, and every write a person makes is audited in it (never with a password or token hash)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from tawthiq.accounts import AccountError, check_name, check_role
from tawthiq.store import audit, review, schema
from tawthiq.store.base import ApiToken, User, WebSession


def add_user(
    connection: sa.Connection, name: str, role: str, password_hash: str, *, by: str, now: dt.datetime
) -> User:
    check_name(name)
    check_role(role)
    if get_user(connection, name) is not None:
        raise AccountError(
            f"an account named {name!r} already exists: choose another name, or change that one"
        )
    connection.execute(
        schema.users.insert().values(
            name=name, role=role, password_hash=password_hash, created_at=now, disabled=False
        )
    )
    audit.append(connection, by, "user.add", f"user:{name}", None, {"name": name, "role": role}, at=now)
    return User(name, role, password_hash, now, False)


def get_user(connection: sa.Connection, name: str) -> User | None:
    row = connection.execute(sa.select(schema.users).where(schema.users.c.name == name)).first()
    return None if row is None else _user(row)


def users(connection: sa.Connection) -> list[User]:
    table = schema.users
    return [_user(row) for row in connection.execute(sa.select(table).order_by(table.c.name))]


def update_user(
    connection: sa.Connection,
    name: str,
    *,
    by: str,
    now: dt.datetime,
    role: str | None,
    password_hash: str | None,
    disabled: bool | None,
) -> User:
    """Change what was given; a disabled account or a new password logs the account out everywhere."""
    user = get_user(connection, name)
    if user is None:
        raise AccountError(f"there is no account named {name!r}: check the name, or add the account")
    changes: dict[str, Any] = {}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if role is not None and role != user.role:
        changes["role"], before["role"], after["role"] = check_role(role), user.role, role
    if disabled is not None and disabled != user.disabled:
        changes["disabled"], before["disabled"], after["disabled"] = disabled, user.disabled, disabled
    if password_hash is not None:
        changes["password_hash"], after["password"] = password_hash, "changed"
    if not changes:
        return user
    table = schema.users
    connection.execute(table.update().where(table.c.name == name).values(**changes))
    if changes.get("disabled") or password_hash is not None:
        connection.execute(schema.web_sessions.delete().where(schema.web_sessions.c.user == name))
    audit.append(connection, by, "user.update", f"user:{name}", before, after, at=now)
    found = get_user(connection, name)
    assert found is not None
    return found


def add_session(connection: sa.Connection, session: WebSession) -> None:
    connection.execute(
        schema.web_sessions.insert().values(
            token_hash=session.token_hash,
            user=session.user,
            csrf=session.csrf,
            created_at=session.created_at,
            expires_at=session.expires_at,
        )
    )


def get_session(connection: sa.Connection, token_hash: str, now: dt.datetime) -> WebSession | None:
    sessions, table = schema.web_sessions, schema.users
    row = connection.execute(
        sa.select(sessions)
        .join(table, table.c.name == sessions.c.user)
        .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now, table.c.disabled.is_(False))
    ).first()
    if row is None:
        return None
    return WebSession(row.token_hash, row.user, row.csrf, row.created_at, row.expires_at)


def delete_session(connection: sa.Connection, token_hash: str) -> None:
    connection.execute(schema.web_sessions.delete().where(schema.web_sessions.c.token_hash == token_hash))


def add_token(
    connection: sa.Connection, user: str, token_hash: str, label: str, *, by: str, now: dt.datetime
) -> ApiToken:
    if get_user(connection, user) is None:
        raise AccountError(f"there is no account named {user!r}: add the account before giving it a token")
    table = schema.api_tokens
    inserted = connection.execute(
        table.insert().values(user=user, token_hash=token_hash, label=label, created_at=now, revoked=False)
    )
    token_id = review.inserted_id(inserted)
    audit.append(
        connection, by, "token.add", f"token:{token_id}", None, {"user": user, "label": label}, at=now
    )
    return ApiToken(token_id, user, label, now, False)


def token_user(connection: sa.Connection, token_hash: str) -> User | None:
    tokens, table = schema.api_tokens, schema.users
    row = connection.execute(
        sa.select(table)
        .join(tokens, tokens.c.user == table.c.name)
        .where(tokens.c.token_hash == token_hash, tokens.c.revoked.is_(False), table.c.disabled.is_(False))
    ).first()
    return None if row is None else _user(row)


def tokens(connection: sa.Connection, user: str | None) -> list[ApiToken]:
    table = schema.api_tokens
    statement = sa.select(table).order_by(table.c.created_at, table.c.id)
    if user is not None:
        statement = statement.where(table.c.user == user)
    return [
        ApiToken(row.id, row.user, row.label, row.created_at, bool(row.revoked))
        for row in connection.execute(statement)
    ]


def revoke_token(connection: sa.Connection, token_id: int, *, by: str, now: dt.datetime) -> None:
    """Revoke a token; revoking it again changes nothing and is not audited twice."""
    table = schema.api_tokens
    row = connection.execute(sa.select(table).where(table.c.id == token_id)).first()
    if row is None:
        raise AccountError(f"there is no API token {token_id}: list the tokens to find its number")
    if row.revoked:
        return
    connection.execute(table.update().where(table.c.id == token_id).values(revoked=True))
    audit.append(
        connection,
        by,
        "token.revoke",
        f"token:{token_id}",
        {"user": row.user, "label": row.label, "revoked": False},
        {"user": row.user, "label": row.label, "revoked": True},
        at=now,
    )


def setting(connection: sa.Connection, key: str) -> str | None:
    table = schema.settings
    found: str | None = connection.scalar(sa.select(table.c.value).where(table.c.key == key))
    return found


def set_setting(connection: sa.Connection, key: str, value: str, *, by: str, now: dt.datetime) -> None:
    table = schema.settings
    old = setting(connection, key)
    if old is None:
        connection.execute(table.insert().values(key=key, value=value, updated_at=now, updated_by=by))
    else:
        connection.execute(
            table.update().where(table.c.key == key).values(value=value, updated_at=now, updated_by=by)
        )
    audit.append(connection, by, "setting.set", f"setting:{key}", {"value": old}, {"value": value}, at=now)


def _user(row: sa.Row[Any]) -> User:
    return User(row.name, row.role, row.password_hash, row.created_at, bool(row.disabled))
