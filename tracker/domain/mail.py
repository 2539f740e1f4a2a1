"""Mail the app sends on the project leaders' behalf: editable templates and a record of every mail sent."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.base import Base, enum_column, utcnow
from tracker.domain.party import Party, User
from tracker.domain.reporting import ReportingRound


class MailKind(enum.StrEnum):
    INVITATION = "invitation"  # the round is open: please report
    REMINDER = "reminder"  # not reported yet
    RETURNED = "returned"  # a project leader sent the report back with a comment
    REGISTRY_INVITATION = "registry_invitation"  # the invitation to a party's generic address: it has no contact
    RECEIPT = "receipt"  # to the party's contacts: the report is submitted, what it says
    SUBMITTED_NOTE = "submitted_note"  # to a project leader: a party has submitted
    DIGEST = "digest"  # to a project leader: the day's submissions in one mail


class MailTemplate(Base):
    """The editable text of one kind of mail, in Swedish and English, with named tokens ({part}, {party}:
    tracker.domain.mail_text)."""

    __tablename__ = "mail_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MailKind] = mapped_column(enum_column(MailKind, "mail_kind"), unique=True)
    subject_sv: Mapped[str] = mapped_column(String(255))
    body_sv: Mapped[str] = mapped_column(Text)
    subject_en: Mapped[str] = mapped_column(String(255))
    body_en: Mapped[str] = mapped_column(Text)
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


LINK_PLACEHOLDER = "[inloggningslänk]"  # where a mail's sign-in link goes: minted when the mail is sent
MAX_ATTEMPTS = 5


class MailState(enum.StrEnum):
    QUEUED = "queued"  # committed, waiting for its first attempt
    RETRYING = "retrying"  # an attempt failed; the next is due at next_attempt_dt
    SENT = "sent"
    FAILED = "failed"  # MAX_ATTEMPTS attempts failed: given up


class SentMail(Base):
    """One mail of the outbox: queued in the transaction that decides it (a reminder, a report sent back) and
    sent after the commit (tracker.outbox), to whom, about which round and party, and whether it went out.

    `body` is stored as written, but with LINK_PLACEHOLDER where the recipient's sign-in link goes
    (`carries_link`): a live link is never stored. It is minted for `user` at the moment of sending, opening
    `link_next`, valid for `link_valid_for` seconds.
    """

    __tablename__ = "sent_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MailKind] = mapped_column(enum_column(MailKind, "sent_mail_kind"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("reporting_rounds.id", ondelete="SET NULL"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    to_email: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    sent_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)  # queued at
    is_sent: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)  # of the latest failed attempt
    carries_link: Mapped[bool] = mapped_column(default=False, server_default=false())
    link_next: Mapped[str | None] = mapped_column(String(255))
    link_valid_for: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    claimed_until_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # a sender is on it
    delivered_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def state(self) -> MailState:
        if self.is_sent:
            return MailState.SENT
        if self.attempts >= MAX_ATTEMPTS:
            return MailState.FAILED
        return MailState.RETRYING if self.attempts else MailState.QUEUED

    round: Mapped[ReportingRound | None] = relationship()
    party: Mapped[Party | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
