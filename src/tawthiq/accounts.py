"""Who may do what: the four roles of a documentation team and the permission each one holds.

Pure data and checks; the web app and the REST API both ask :func:`allowed` before every action, so
the two can never disagree about a role.
"""

from __future__ import annotations

import re
from typing import Literal

Role = Literal["viewer", "analyst", "reviewer", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "analyst", "reviewer", "admin")
"""Each role holds every permission of the roles before it."""

Permission = Literal["read", "export", "note", "edit", "ingest", "assess", "merge", "audit", "admin"]

_GRANTS: dict[Role, frozenset[Permission]] = {
    "viewer": frozenset({"read"}),
    "analyst": frozenset({"read", "export", "note", "edit", "ingest"}),
    "reviewer": frozenset({"read", "export", "note", "edit", "ingest", "assess", "merge"}),
    "admin": frozenset({"read", "export", "note", "edit", "ingest", "assess", "merge", "audit", "admin"}),
}
"""viewer reads; analyst also annotates, edits fields, ingests and exports; reviewer also assesses,
merges and splits; admin also manages accounts, settings and reads the audit log."""

_NAME = re.compile(r"^[\w.@-]{1,64}$")

MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """An account that cannot be created or changed as asked; the message says why."""


def allowed(role: str, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission`` (an unknown role holds none)."""
    return permission in _GRANTS.get(role, frozenset())  # type: ignore[call-overload]


def check_role(role: str) -> Role:
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role: choose one of {', '.join(ROLES)}")
    return role


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise AccountError(
            f"{name!r} is not a usable account name: use 1 to 64 letters, digits, '.', '_', '@' or '-'"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 1024:
        raise AccountError("the password is longer than 1024 characters: use a shorter one")
    return password
