"""Sending the outbox: the mails queued by the operations (SentMail rows), after the transaction that queued
them has committed. A view sends the mails it queued right after its commit; `tracker send-mail` (for a
scheduler) sends whatever is due, retries included.

Each mail is claimed before it is sent: one UPDATE that succeeds for one sender only (not sent, not claimed by
a live sender, due), committed; then it is sent, and marked sent (or failed, with the next attempt after a
growing pause: 1, 2, 4, 8 minutes; after MAX_ATTEMPTS it is given up and shown as failed). Two senders never
send one mail twice, a second press of a button sends nothing new, and a sender that dies leaves its mails
queued: once its claim has run out (CLAIM_TIME) another sender takes them. A sender that dies between the
SMTP server's acceptance and the mark can send a mail twice; SMTP offers no way to make that exactly once.

The sign-in link is minted here, for the recipient, when the mail is sent (`mint_link`): the stored body
never holds a live link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from tracker.database import Database
from tracker.domain import User
from tracker.domain.base import utcnow
from tracker.domain.mail import LINK_PLACEHOLDER, MAX_ATTEMPTS, MailState, SentMail
from tracker.mail import MailError, MailSettings, send_mail

CLAIM_TIME = timedelta(minutes=5)
MintLink = Callable[[Session, User, str | None, int | None], str]
"""(the sender's session, recipient, next path, valid for seconds) -> the link's URL, its token stored."""


def retry_pause(attempts: int) -> timedelta:
    """The pause before the next attempt after `attempts` failed ones: 1, 2, 4, 8 … minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Outcome:
    mail_id: int
    to_email: str
    state: MailState
    error: str | None = None


def _due(now: datetime) -> Any:
    return (SentMail.is_sent.is_(False), SentMail.attempts < MAX_ATTEMPTS,
            or_(SentMail.claimed_until_dt.is_(None), SentMail.claimed_until_dt < now),
            or_(SentMail.next_attempt_dt.is_(None), SentMail.next_attempt_dt <= now))


def _claim(database: Database, mail_id: int, now: datetime) -> bool:
    with database.session(write=True) as session:
        claimed = session.execute(update(SentMail).where(SentMail.id == mail_id, *_due(now))
                                  .values(claimed_until_dt=now + CLAIM_TIME).returning(SentMail.id)).scalar()
        session.commit()
    return claimed is not None


def _send_one(database: Database, settings: MailSettings, mint_link: MintLink, mail_id: int) -> Outcome | None:
    now = utcnow()
    if not _claim(database, mail_id, now):
        return None  # sent, given up, not due, or another sender has it
    with database.session(write=True) as session:
        mail = session.get(SentMail, mail_id)
        assert mail is not None
        body = mail.body
        if mail.carries_link:
            user = session.get(User, mail.user_id) if mail.user_id is not None else None
            if user is None or not user.is_active:
                return _mark(session, mail, "the recipient is no longer an active user", final=True)
            body = body.replace(LINK_PLACEHOLDER, mint_link(session, user, mail.link_next, mail.link_valid_for))
        try:
            send_mail(settings, mail.to_email, mail.subject, body)
        except MailError as error:
            return _mark(session, mail, str(error))
        return _mark(session, mail, None)


def _mark(session: Session, mail: SentMail, error: str | None, final: bool = False) -> Outcome:
    """The attempt's result, committed: sent, or failed with the next attempt (none when `final`)."""
    mail.claimed_until_dt = None
    mail.attempts = MAX_ATTEMPTS if final else mail.attempts + 1
    if error is None:
        mail.is_sent, mail.error, mail.delivered_dt, mail.next_attempt_dt = True, None, utcnow(), None
    else:
        mail.error = error
        mail.next_attempt_dt = None if mail.attempts >= MAX_ATTEMPTS else utcnow() + retry_pause(mail.attempts)
    session.commit()
    return Outcome(mail.id, mail.to_email, mail.state, mail.error)


def send_queued(database: Database, settings: MailSettings | Mapping[str, Any], mint_link: MintLink,
                mail_ids: Iterable[int] | None = None) -> list[Outcome]:
    """Send the queued mails `mail_ids` (all that are due when None), each once; their outcomes, in order.
    A mail another sender has, or that is not due, is left alone (and not in the outcomes)."""
    config = settings if isinstance(settings, MailSettings) else MailSettings.from_config(settings)
    if mail_ids is None:
        with database.session() as session:
            mail_ids = list(session.scalars(select(SentMail.id).where(*_due(utcnow())).order_by(SentMail.id)))
    outcomes = []
    for mail_id in mail_ids:
        outcome = _send_one(database, config, mint_link, mail_id)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes
