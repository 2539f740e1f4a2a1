"""Mail on the project leaders' behalf, through the outbox: `queue_mail` adds a SentMail in the caller's
transaction; tracker.outbox sends it after the commit (so a mail is never sent for a change that was rolled
back, and never lost when the sender dies: the row is there, queued). Flush only.

Shared by reminders, the invitation and the "sent back" mail of review. The sign-in link of a mail is not
stored: the body holds LINK_PLACEHOLDER, and the link is minted for the recipient when the mail is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.domain import Party, ReportingRound, User
from tracker.domain.mail import LINK_PLACEHOLDER, MailKind, SentMail


@dataclass(frozen=True)
class SignInLink:
    """The recipient's one-time sign-in link a mail carries: where it leads, how long it is valid (seconds)."""

    next_path: str | None = None
    valid_for: int | None = None

    placeholder = LINK_PLACEHOLDER  # what the template's %(sign_in_link)s becomes in the stored body


def queue_mail(
    session: Session,
    *,
    kind: MailKind,
    to_user: User | None,
    to_email: str | None = None,
    round: ReportingRound | None,
    party: Party | None,
    subject: str,
    body: str,
    sent_by: User | None,
    link: SignInLink | None = None,
) -> SentMail:
    """Queue `subject`/`body` to `to_user` (or to `to_email`, an address without a user: a party's registry)
    (sent after the commit by tracker.outbox). With `link` (only to a user), the body's LINK_PLACEHOLDER becomes
    the recipient's sign-in link when the mail is sent. The subject is a header: its line breaks become spaces."""
    address = to_email or (to_user.email if to_user is not None else "")
    if not address or (link is not None and to_user is None):
        raise ValueError("a mail needs an address, and a sign-in link a user")
    mail = SentMail(
        kind=kind,
        round_id=round.id if round is not None else None,
        party_id=party.id if party is not None else None,
        user_id=to_user.id if to_user is not None else None,
        sent_by_id=sent_by.id if sent_by is not None else None,
        to_email=address,
        subject=" ".join(subject.split())[:255],
        body=body,
        is_sent=False,
        attempts=0,
        carries_link=link is not None,
        link_next=link.next_path if link is not None else None,
        link_valid_for=link.valid_for if link is not None else None,
    )
    session.add(mail)
    session.flush()
    return mail
