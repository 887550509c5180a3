"""Who is asking: passwords, sessions, API tokens, CSRF and login throttling, for pages and API alike.

Only hashes are stored: argon2id for passwords (argon2-cffi), sha256 for session cookies and API tokens
(random 256-bit values, so a fast hash is enough). A login always issues a fresh session token, so a
token planted before login is useless (session fixation). Cookies are HttpOnly, SameSite=Strict and
Secure; a write made with a session cookie must also carry the session's CSRF token, while a request
with a bearer token carries no ambient credential and needs none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import HTTPException, Request, status

from tawthiq.accounts import Permission, allowed
from tawthiq.store.base import Store, User, WebSession

SESSION_COOKIE = "tawthiq_session"
LOGIN_CSRF_COOKIE = "tawthiq_login"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_LIFETIME = dt.timedelta(hours=12)
TOKEN_PREFIX = "tq_"

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password anybody has: keeps the timing of unknown names")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (salted; parameters from argon2-cffi's defaults)."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def digest(token: str) -> str:
    """How a session cookie or API token is kept: its sha256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts as: an account (by session or token) or the public, read-only view."""

    name: str
    role: str
    via: str  # "session", "token" or "public"
    csrf: str | None = None
    session_hash: str | None = None

    @property
    def public(self) -> bool:
        return self.via == "public"

    def can(self, permission: Permission) -> bool:
        return allowed(self.role, permission)


class LoginThrottle:
    """Refuses logins after too many failures from one address or for one name, for a while.

    Kept in memory, per process: ``tawthiq serve`` runs one process, so one limit holds. Counting
    failures per name as well stops a password guesser who rotates addresses.
    """

    def __init__(self, failures: int = 5, window_s: float = 900.0) -> None:
        self.failures, self.window_s = failures, window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, *keys: str) -> int:
        """Seconds until a login for these keys may be tried again (0: now)."""
        now = time.monotonic()
        with self._lock:
            waits = [self._wait(key, now) for key in keys]
        return max(waits, default=0)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._seen.setdefault(key, deque()).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._seen.pop(key, None)

    def _wait(self, key: str, now: float) -> int:
        times = self._seen.get(key)
        if not times:
            return 0
        while times and now - times[0] > self.window_s:
            times.popleft()
        if len(times) < self.failures:
            return 0
        return int(self.window_s - (now - times[0])) + 1


class LoginRefused(Exception):  # noqa: N818 (reads as what happened)
    """Wrong name or password (deliberately not saying which), or a disabled account."""


class LoginThrottled(Exception):  # noqa: N818 (reads as what happened)
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed logins: wait {retry_after} seconds, then try again")


def authenticate(store: Store, throttle: LoginThrottle, name: str, password: str, address: str) -> User:
    """The account ``name`` if ``password`` is its password; throttled per address and per name."""
    keys = (f"address:{address}", f"name:{name.casefold()}")
    wait = throttle.retry_after(*keys)
    if wait:
        raise LoginThrottled(wait)
    user = store.get_user(name)
    matches = password_matches(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not matches or user.disabled:
        throttle.failed(*keys)
        raise LoginRefused("wrong name or password, or the account is disabled")
    throttle.succeeded(*keys)
    return user


def start_session(store: Store, user: User, *, now: dt.datetime | None = None) -> tuple[str, WebSession]:
    """A new session for ``user``: the cookie value to set (shown once) and what the store keeps."""
    now = now or dt.datetime.now(dt.UTC)
    token = new_token()
    session = WebSession(
        token_hash=digest(token),
        user=user.name,
        csrf=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    store.add_session(session)
    return token, session


def principal_of(request: Request, store: Store) -> Principal | None:
    """The account a request acts as, from its bearer token or its session cookie; None if neither."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "the Authorization header must be 'Bearer <token>': create a token with "
                "'tawthiq tokens add NAME'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        user = store.token_user(digest(token.strip()))
        if user is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "this API token is unknown or revoked: ask an admin for a new one",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return Principal(user.name, user.role, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        session = store.get_session(digest(cookie), now=dt.datetime.now(dt.UTC))
        if session is not None:
            user = store.get_user(session.user)
            if user is not None and not user.disabled:
                return Principal(user.name, user.role, "session", session.csrf, session.token_hash)
    return None


def public_principal() -> Principal:
    """The anonymous reader of a published public view: reads, never sees restricted fields."""
    return Principal("public", "viewer", "public")


def csrf_valid(principal: Principal, submitted: str | None) -> bool:
    """Whether a write may go ahead: bearer-token requests need no CSRF token; sessions do."""
    if principal.via == "token":
        return True
    if principal.csrf is None or not submitted:
        return False
    return hmac.compare_digest(principal.csrf, submitted)
