"""One-time sign-in links: the token, checking it, and the mail that carries it.

The token is 32 random bytes (URL-safe base64) that say nothing: the server keeps its SHA-256 with the user,
where to go afterwards, `sign_in_stamp(user)` and the end of its validity (tracker.domain.sign_in: a copy of the
database signs no one in). It expires after SIGN_IN_LINK_MAX_AGE seconds (a reminder's after a week); the stamp
changes with every sign-in, which makes the link single use (tracker.operations.sign_in). Expired tokens are
deleted when new ones are made.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracker.domain import SignInToken, User
from tracker.domain.base import utcnow
from tracker.domain.mail import SentMail
from tracker.domain.sign_in import NEXT_PATH_MAX_LENGTH, token_hash
from tracker.mail import MailError, send_mail
from tracker.operations.mailing import SignInLink
from tracker.operations.sign_in import sign_in_stamp
from tracker.outbox import Outcome, send_queued
from tracker.web.agreement import agreement_name, product_name
from tracker.web.urls import is_local_path

TOKEN_BYTES = 32


class LinkProblem(enum.StrEnum):
    INVALID = "invalid"  # unknown (mistyped, cut off, another server's), or its user is gone or inactive
    EXPIRED = "expired"
    USED = "used"  # the user has signed in since the link was made


@dataclass(frozen=True)
class LinkCheck:
    """What a token is worth: its user and stamp when it is valid, else the problem."""

    user: User | None = None
    stamp: str = ""
    next_path: str | None = None
    problem: LinkProblem | None = None
    user_id: int | None = None  # also set for a used link, to recognise its user already signed in

    @property
    def ok(self) -> bool:
        return self.problem is None and self.user is not None


def max_age() -> int:
    return int(current_app.config.get("SIGN_IN_LINK_MAX_AGE") or 30 * 60)


def make_token(session: Session, user: User, next_path: str | None = None, *, valid_for: int | None = None) -> str:
    """A new one-time sign-in token for `user`, stored as its hash in `session`'s transaction. `valid_for`
    (seconds) overrides SIGN_IN_LINK_MAX_AGE: a reminder read the next morning must still work, a link asked for
    on the sign-in page need not."""
    now = utcnow()
    session.execute(delete(SignInToken).where(SignInToken.expires_dt < now))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    keep_next = next_path if next_path and is_local_path(next_path) and len(next_path) <= NEXT_PATH_MAX_LENGTH \
        else None
    session.add(SignInToken(token_hash=token_hash(token), user_id=user.id, stamp=sign_in_stamp(user),
                            next_path=keep_next, created_dt=now,
                            expires_dt=now + timedelta(seconds=valid_for if valid_for is not None else max_age())))
    session.flush()
    return token


def _aware(moment: datetime) -> datetime:
    """PostgreSQL gives aware datetimes, SQLite naive UTC ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def check_token(session: Session, token: str) -> LinkCheck:
    """Whether `token` may sign someone in now. Never raises for a bad token; writes nothing."""
    if not 20 <= len(token) <= 100:
        return LinkCheck(problem=LinkProblem.INVALID)
    found = session.scalar(select(SignInToken).where(SignInToken.token_hash == token_hash(token)))
    if found is None:
        return LinkCheck(problem=LinkProblem.INVALID)
    if _aware(found.expires_dt) <= utcnow():
        return LinkCheck(problem=LinkProblem.EXPIRED)
    user = session.get(User, found.user_id)
    if user is None or not user.is_active:
        return LinkCheck(problem=LinkProblem.INVALID)
    if sign_in_stamp(user) != found.stamp:
        return LinkCheck(problem=LinkProblem.USED, user_id=user.id)
    safe_next = found.next_path if found.next_path and is_local_path(found.next_path) else None
    return LinkCheck(user=user, stamp=found.stamp, next_path=safe_next, user_id=user.id)


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL for a mail. PUBLIC_BASE_URL when set: a link built from the request's Host header
    could be made to point elsewhere by whoever asks for a link in someone else's name."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def link_mail(user: User, link: str) -> tuple[str, str]:
    """Subject and body of the sign-in link mail, in the request's language."""
    product, agreement = product_name(), agreement_name()
    minutes = max(1, max_age() // 60)
    subject = gettext("Your sign-in link to %(product)s", product=product)
    paragraphs = [
        gettext("Hello %(name)s,", name=user.name),
        gettext("Here is your link to sign in to %(product)s, the yearly follow-up of %(agreement)s:",
                product=product, agreement=agreement) if agreement else
        gettext("Here is your link to sign in to %(product)s:", product=product),
        link,
        ngettext(
            "The link is valid for %(num)d minute and can be used once.",
            "The link is valid for %(num)d minutes and can be used once.",
            minutes,
        ),
        gettext(
            "If the link has stopped working, you can ask for a new one at %(url)s",
            url=external_url("auth.request_link"),
        ),
        gettext("If you did not ask for the link, you can ignore this email."),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def send_link(session: Session, user: User, next_path: str | None = None) -> None:
    """Mail `user` a sign-in link (its token stored in `session`). Raises tracker.mail.MailError when the mail
    server fails; the token is then removed again, since no one got it."""
    token = make_token(session, user, next_path)
    subject, body = link_mail(user, external_url("auth.use_link", token=token))
    try:
        send_mail(current_app.config, user.email, subject, body)
    except MailError:
        session.execute(delete(SignInToken).where(SignInToken.token_hash == token_hash(token)))
        raise


def mint_link(session: Session, user: User, next_path: str | None, valid_for: int | None) -> str:
    """A sign-in link for a queued mail, minted when it is sent (tracker.outbox), in the sender's session."""
    return external_url("auth.use_link", token=make_token(session, user, next_path, valid_for=valid_for))


def reminder_link(next_path: str | None = None) -> SignInLink:
    """The link a reminder or a "sent back" mail carries: valid for REMINDER_LINK_MAX_AGE (a week), since such a
    mail is often read days later."""
    return SignInLink(next_path, int(current_app.config.get("REMINDER_LINK_MAX_AGE") or 7 * 24 * 3600))


def send_queued_mails(mails: Sequence[SentMail]) -> list[Outcome]:
    """Send the mails the request queued; call it after the request's commit."""
    return send_queued(current_app.extensions["tracker.db"], current_app.config, mint_link, [m.id for m in mails])
