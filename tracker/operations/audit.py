"""Writing the audit trail. Every operation that changes data calls `record` for each changed field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, User


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or a named system actor ("seed", "demo", "cli").

    `on_behalf`: a project leader changing a party's report for the party; every event it writes says so.
    """

    user: User | None = None
    name: str | None = None
    on_behalf: bool = False

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(user=None, name=name)


def as_text(value: Any) -> str | None:
    """The audit trail's text form of a value: exact for decimals, ISO for dates."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    submission_id: int | None = None,
    submission_version: int | None = None,
) -> AuditEvent:
    """Add one event. `submission_version` is the submission's version the change produced (answers, statuses,
    states), so that "what changed since version N" is `submission_version > N`."""
    event = AuditEvent(
        user_id=actor.user.id if actor.user is not None else None,
        actor=actor.name,
        is_on_behalf=actor.on_behalf,
        action=action,
        entity=entity,
        entity_id=entity_id,
        submission_id=submission_id,
        submission_version=submission_version,
        field=field,
        old_value=as_text(old),
        new_value=as_text(new),
    )
    session.add(event)
    return event
