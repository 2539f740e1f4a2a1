"""Sending a mail on the project leaders' behalf and keeping a record of it (SentMail).

Shared by reminders, the invitation and the "sent back" mail of review. An SMTP failure never raises:
it is recorded on the SentMail (is_sent False, error) for the caller to show. Flush only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain import Party, ReportingRound, User
from tracker.domain.mail import MailKind, SentMail
from tracker.mail import MailError, MailSettings, send_mail


def send_recorded(
    session: Session,
    settings: MailSettings | Mapping[str, Any],
    *,
    kind: MailKind,
    to_user: User,
    round: ReportingRound | None,
    party: Party | None,
    subject: str,
    body: str,
    sent_by: User | None,
) -> SentMail:
    """Send `subject`/`body` to `to_user` and record it. Returns the SentMail (check `.is_sent`)."""
    sent = SentMail(
        kind=kind,
        round_id=round.id if round is not None else None,
        party_id=party.id if party is not None else None,
        user_id=to_user.id,
        sent_by_id=sent_by.id if sent_by is not None else None,
        to_email=to_user.email,
        subject=subject[:255],
        body=body,
    )
    try:
        send_mail(settings, to_user.email, subject, body)
    except MailError as error:
        sent.is_sent = False
        sent.error = str(error)
    else:
        sent.is_sent = True
    session.add(sent)
    session.flush()
    return sent
