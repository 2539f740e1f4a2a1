"""A report's history from the audit trail: every change (who, when, old -> new) and what changed since version N.

Fields in the audit trail: an indicator's key for an answer, "<number>.status" and "<number>.comment" for a
commitment's status and comment (tracker.operations.answers), "<number>.copy" for the answers copied from last
year into it (tracker.operations.copy_marks), "state", "comment" and "closed_round" for the report itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.domain import AuditEvent, Indicator, Submission, localized
from tracker.domain.values import InvalidValue, ValueRules, format_value, parse


def status_field(number: str) -> str:
    """The audit trail's field of a commitment's status."""
    return f"{number}.status"


def comment_field(number: str) -> str:
    """The audit trail's field of a commitment's comment."""
    return f"{number}.comment"


@dataclass(frozen=True)
class FieldChange:
    """What others did to one field since a version: its value then (`original`), now (`current`), last by whom."""

    field: str
    original: str | None
    current: str | None
    user_name: str | None
    actor: str | None
    changed_dt: datetime


def changes_since(session: Session, submission_id: int, version: int) -> dict[str, FieldChange]:
    """The fields of the report changed after `version`, by audit field, each folded into one change."""
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.submission_id == submission_id, AuditEvent.submission_version > version,
               AuditEvent.field.is_not(None))
        .order_by(AuditEvent.id)
        .options(joinedload(AuditEvent.user))
    ).all()
    changes: dict[str, FieldChange] = {}
    for event in events:
        assert event.field is not None
        first = changes.get(event.field)
        changes[event.field] = FieldChange(
            field=event.field,
            original=first.original if first is not None else event.old_value,
            current=event.new_value,
            user_name=event.user.name if event.user is not None else None,
            actor=event.actor,
            changed_dt=event.created_dt,
        )
    return changes


class EntryKind(enum.StrEnum):
    ANSWER = "answer"
    STATUS = "status"
    COMMENT = "comment"
    STATE = "state"  # old and new are SubmissionState values, for the page to name
    NOTE = "note"  # the project leader's comment when sending a report back
    COPY = "copy"  # answers copied from last year into a commitment, or confirmed (old/new: CopyMark values)
    CLOSED_ROUND = "closed_round"  # a state change in a closed round (label: the year; new: the state)


@dataclass(frozen=True)
class HistoryEntry:
    changed_dt: datetime
    user_name: str | None
    actor: str | None
    kind: EntryKind
    commitment_number: str | None
    label: str  # the question, for answers; "" otherwise
    old: str | None  # as people read it ("12,5 GWh", "Påbörjat")
    new: str | None
    on_behalf: bool = False  # a project leader changed the party's report for the party


def submission_history(session: Session, submission: Submission, locale: str) -> list[HistoryEntry]:
    """Every audited change of the report, newest first, with the data's labels in `locale`."""
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.submission_id == submission.id)
        .order_by(AuditEvent.created_dt.desc(), AuditEvent.id.desc())
        .options(joinedload(AuditEvent.user))
    ).all()
    describe = _Describer(submission, locale)
    return [
        describe(event.action, event.field or "", event.old_value, event.new_value, event.created_dt,
                 event.user.name if event.user else None, event.actor, on_behalf=event.is_on_behalf)
        for event in events
    ]


def readable_changes(submission: Submission, changes: Iterable[FieldChange], locale: str) -> list[HistoryEntry]:
    """`changes_since` as the history shows them (labels, readable values)."""
    describe = _Describer(submission, locale)
    return [
        describe("submission.state" if change.field in ("state", "comment") else "answer.update", change.field,
                 change.original,
                 change.current, change.changed_dt, change.user_name, change.actor)
        for change in changes
    ]


class _Describer:
    """Turns an audited change of a report into a HistoryEntry with the agreement's labels."""

    def __init__(self, submission: Submission, locale: str) -> None:
        agreement = submission.round.agreement
        self.indicators = {i.key: i for i in agreement.indicators}
        self.levels = {level.key: localized(level, "label", locale) for level in agreement.status_levels}
        self.locale = locale

    def __call__(self, action: str, field: str, old: str | None, new: str | None, changed_dt: datetime,
                 user_name: str | None, actor: str | None, *, on_behalf: bool = False) -> HistoryEntry:
        number, _, part = field.partition(".")
        kind, label = EntryKind.ANSWER, ""
        commitment_number: str | None = number or None
        if field == "closed_round":
            kind, label, old, commitment_number = EntryKind.CLOSED_ROUND, old or "", None, None
        elif action.startswith("submission."):
            kind = EntryKind.STATE if field == "state" else EntryKind.NOTE
            commitment_number = None
        elif part == "copy":
            kind = EntryKind.COPY
        elif field in self.indicators:
            indicator = self.indicators[field]
            label = localized(indicator, "label", self.locale)
            commitment_number = indicator.commitment.number if indicator.commitment is not None else None
            old, new = readable_value(indicator, old, self.locale), readable_value(indicator, new, self.locale)
        elif field.endswith(".comment") and field.removesuffix(".comment") in self.indicators:
            indicator = self.indicators[field.removesuffix(".comment")]  # an answer's comment (earlier years)
            kind, label = EntryKind.COMMENT, localized(indicator, "label", self.locale)
        elif part == "status":
            kind, old, new = EntryKind.STATUS, self.levels.get(old or "", old), self.levels.get(new or "", new)
        elif part == "comment":
            kind = EntryKind.COMMENT
        else:
            label = field
        return HistoryEntry(changed_dt, user_name, actor, kind, commitment_number, label, old, new, on_behalf)


def readable_value(indicator: Indicator, stored: str | None, locale: str) -> str | None:
    """An audited value key ("12.5", "yes", "upgraded") as people read it ("12,5 GWh", "Ja", "Uppgraderas...")."""
    if stored is None:
        return None
    rules = ValueRules.of(indicator)
    try:
        return format_value(rules, parse(rules, stored), locale)
    except InvalidValue:  # the question's rules changed since: show what was stored
        return stored
