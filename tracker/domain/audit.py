"""The audit trail: every change to reported data and to the agreement, who made it, old and new value."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.base import Base, utcnow
from tracker.domain.party import User


class AuditEvent(Base):
    """One change. `entity`/`entity_id` name the row; `submission_id` groups a submission's history."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Who acted when there is no signed-in user: "seed", "demo", "cli".
    actor: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="SET NULL"), index=True
    )
    # The version of the submission this change produced: the changes since a form was opened at version N
    # are the submission's events with a version above N.
    submission_version: Mapped[int | None] = mapped_column(Integer)
    # A project leader's change made on a party's behalf (in the party's own report).
    is_on_behalf: Mapped[bool] = mapped_column(default=False, server_default=false())
    field: Mapped[str | None] = mapped_column(String(128))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.entity}#{self.entity_id} {self.field}>"
