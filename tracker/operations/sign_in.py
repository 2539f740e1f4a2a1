"""Signing in: checking a password without telling who exists, single-use sign-in links, the audit trail.

A sign-in link carries `sign_in_stamp(user)`, a fingerprint of the user's last sign-in time. Every
sign-in (by password or by link) changes that time, so a link works once and only until the user
signs in some other way. `claim_sign_in_link` changes it with a conditional UPDATE, so two requests
racing with the same link cannot both win.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import UTC
from functools import cache

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from tracker.domain import User
from tracker.domain.base import utcnow
from tracker.operations.audit import Actor, record
from tracker.operations.users import find_user, hash_password, verify_password

SIGN_IN_ACTION = "user.sign_in"
AUDIT_ENTITY = "user"  # as the other user.* events (tracker.operations.users)


class SignInMethod(enum.StrEnum):
    PASSWORD = "password"  # noqa: S105 - the name of the method, not a password
    LINK = "link"


@cache
def _dummy_hash() -> str:
    return hash_password("not anyone's password")


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, else None.

    An unknown email, a user without a password and an inactive user cost one password check each,
    like a real attempt, so that the time taken does not tell whether an address has an account.
    """
    user = find_user(session, email)
    if user is None or not user.password_hash:
        verify_password(User(password_hash=_dummy_hash()), password)
        return None
    if not verify_password(user, password) or not user.is_active:
        return None
    return user


def sign_in_stamp(user: User) -> str:
    """A fingerprint of the user's last sign-in that changes with every sign-in (same on every backend)."""
    moment = user.last_sign_in_dt
    if moment is None:
        text = "never"
    else:
        if moment.tzinfo is not None:  # PostgreSQL gives aware datetimes, SQLite naive UTC ones
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        text = moment.isoformat(timespec="microseconds")
    return hashlib.sha256(f"{user.id}:{text}".encode()).hexdigest()[:20]


def record_sign_in(session: Session, user: User, method: SignInMethod) -> None:
    """Note a successful sign-in: the user's last sign-in time (voids open links) and the audit trail."""
    user.last_sign_in_dt = utcnow()
    _audit(session, user, method)
    session.flush()


def claim_sign_in_link(session: Session, user: User, stamp: str) -> bool:
    """Use a sign-in link made for `user` with `stamp`: True once, False if it was used or is void.

    On success the sign-in is recorded as `record_sign_in` does.
    """
    if not hmac.compare_digest(stamp, sign_in_stamp(user)):
        return False
    previous = user.last_sign_in_dt
    now = utcnow()
    unchanged = User.last_sign_in_dt.is_(None) if previous is None else User.last_sign_in_dt == previous
    result = session.execute(
        update(User).where(User.id == user.id, unchanged).values(last_sign_in_dt=now),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]  # Session.execute says Result; an UPDATE's has rowcount
        return False  # another request used the link a moment ago
    set_committed_value(user, "last_sign_in_dt", now)
    _audit(session, user, SignInMethod.LINK)
    session.flush()
    return True


def _audit(session: Session, user: User, method: SignInMethod) -> None:
    record(session, Actor(user=user), SIGN_IN_ACTION, AUDIT_ENTITY, user.id, field="method", new=str(method))


def end_sessions(session: Session, user: User) -> None:
    """Sign the user out everywhere: every session cookie of theirs, a copied one too, stops working."""
    user.session_version += 1
    session.flush()
