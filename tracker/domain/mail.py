"""Mail the app sends on the project leaders' behalf: editable templates and a record of every mail sent."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.base import Base, enum_column, utcnow
from tracker.domain.party import Party, User
from tracker.domain.reporting import ReportingRound


class MailKind(enum.StrEnum):
    INVITATION = "invitation"  # the round is open: please report
    REMINDER = "reminder"  # not reported yet
    RETURNED = "returned"  # a project leader sent the report back with a comment


class MailTemplate(Base):
    """The editable text of one kind of mail, in Swedish and English, with %(name)s placeholders."""

    __tablename__ = "mail_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MailKind] = mapped_column(enum_column(MailKind, "mail_kind"), unique=True)
    subject_sv: Mapped[str] = mapped_column(String(255))
    body_sv: Mapped[str] = mapped_column(Text)
    subject_en: Mapped[str] = mapped_column(String(255))
    body_en: Mapped[str] = mapped_column(Text)
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class SentMail(Base):
    """One mail sent (or attempted): to whom, about which round and party, and whether it went out."""

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
    sent_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    is_sent: Mapped[bool] = mapped_column(default=False)
    error: Mapped[str | None] = mapped_column(Text)

    round: Mapped[ReportingRound | None] = relationship()
    party: Mapped[Party | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
