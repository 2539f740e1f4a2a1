"""One-time sign-in links: the signed token, checking it, and the mail that carries it.

The token is signed with the app's SECRET_KEY (itsdangerous, its own salt), expires after
SIGN_IN_LINK_MAX_AGE seconds and carries the user's id, `sign_in_stamp(user)` and where to go
afterwards. The stamp changes with every sign-in, which makes the link single use
(tracker.operations.sign_in).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext, ngettext
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from tracker.domain import User
from tracker.domain.mail import SentMail
from tracker.mail import send_mail
from tracker.operations.mailing import SignInLink
from tracker.operations.sign_in import sign_in_stamp
from tracker.outbox import Outcome, send_queued
from tracker.web.urls import is_local_path

SALT = "tracker.sign-in-link"


class LinkProblem(enum.StrEnum):
    INVALID = "invalid"  # tampered, cut off, another server's, or its user is gone or inactive
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


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def max_age() -> int:
    return int(current_app.config.get("SIGN_IN_LINK_MAX_AGE") or 30 * 60)


def make_token(user: User, next_path: str | None = None, *, valid_for: int | None = None) -> str:
    """A one-time sign-in token. `valid_for` (seconds, signed into the token) overrides SIGN_IN_LINK_MAX_AGE:
    a reminder read the next morning must still work, a link asked for on the sign-in page need not."""
    payload: dict[str, Any] = {"u": user.id, "s": sign_in_stamp(user)}
    if next_path and is_local_path(next_path):
        payload["n"] = next_path
    if valid_for is not None:
        payload["v"] = int(valid_for)
    return _serializer().dumps(payload)


def check_token(session: Session, token: str) -> LinkCheck:
    """Whether `token` may sign someone in now. Never raises for a bad token."""
    try:
        payload, signed_at = _serializer().loads(token, return_timestamp=True)
    except BadData:
        return LinkCheck(problem=LinkProblem.INVALID)
    if not isinstance(payload, dict):
        return LinkCheck(problem=LinkProblem.INVALID)
    lifetime = payload.get("v") if isinstance(payload.get("v"), int) else max_age()
    if (datetime.now(UTC) - signed_at).total_seconds() > lifetime:
        return LinkCheck(problem=LinkProblem.EXPIRED)
    user_id, stamp, next_path = payload.get("u"), payload.get("s"), payload.get("n")
    if not isinstance(user_id, int) or not isinstance(stamp, str):
        return LinkCheck(problem=LinkProblem.INVALID)
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        return LinkCheck(problem=LinkProblem.INVALID)
    if sign_in_stamp(user) != stamp:
        return LinkCheck(problem=LinkProblem.USED, user_id=user.id)
    safe_next = next_path if isinstance(next_path, str) and is_local_path(next_path) else None
    return LinkCheck(user=user, stamp=stamp, next_path=safe_next, user_id=user.id)


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute URL for a mail. PUBLIC_BASE_URL when set: a link built from the request's Host header
    could be made to point elsewhere by whoever asks for a link in someone else's name."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return str(base).rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def link_mail(user: User, link: str) -> tuple[str, str]:
    """Subject and body of the sign-in link mail, in the request's language."""
    product = gettext("Biogas follow-up")
    minutes = max(1, max_age() // 60)
    subject = gettext("Your sign-in link to %(product)s", product=product)
    paragraphs = [
        gettext("Hello %(name)s,", name=user.name),
        gettext(
            "Here is your link to sign in to %(product)s, the yearly follow-up of the agreement on biogas:",
            product=product,
        ),
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


def send_link(user: User, next_path: str | None = None) -> None:
    """Mail `user` a sign-in link. Raises tracker.mail.MailError when the mail server fails."""
    link = external_url("auth.use_link", token=make_token(user, next_path))
    subject, body = link_mail(user, link)
    send_mail(current_app.config, user.email, subject, body)


def mint_link(user: User, next_path: str | None, valid_for: int | None) -> str:
    """A sign-in link for a queued mail, minted when it is sent (tracker.outbox)."""
    return external_url("auth.use_link", token=make_token(user, next_path, valid_for=valid_for))


def reminder_link(next_path: str | None = None) -> SignInLink:
    """The link a reminder or a "sent back" mail carries: valid for REMINDER_LINK_MAX_AGE (a week), since such a
    mail is often read days later."""
    return SignInLink(next_path, int(current_app.config.get("REMINDER_LINK_MAX_AGE") or 7 * 24 * 3600))


def send_queued_mails(mails: Sequence[SentMail]) -> list[Outcome]:
    """Send the mails the request queued; call it after the request's commit."""
    return send_queued(current_app.extensions["tracker.db"], current_app.config, mint_link, [m.id for m in mails])
