"""Settling the marks of answers copied from last year (tracker.domain.copies), audited per commitment.

The audit field is "<number>.copy": old None, new "unchecked" when answers were copied into the commitment;
old "unchecked", new "checked" when the party confirmed them (the confirm button, or a change of any answer,
status or comment of the commitment, whose own events are beside it). Flush only; the callers touch the
submission (its version) first.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain import Answer, Commitment, CommitmentStatus, CopyMark, Submission
from tracker.operations.audit import Actor, record


def copy_field(number: str) -> str:
    """The audit trail's field of a commitment's copied answers."""
    return f"{number}.copy"


def record_copied(session: Session, actor: Actor, submission: Submission, commitment: Commitment) -> None:
    """Audit that last year's answers were copied into `commitment`, to be checked."""
    record(session, actor, "copy.marks", "submission", submission.id, field=copy_field(commitment.number),
           old=None, new=str(CopyMark.UNCHECKED), submission_id=submission.id,
           submission_version=submission.version)


def mark_answer(answer: Answer | None, *, copied: bool) -> None:
    """An answer just written: a copy is UNCHECKED; anything else written by the party is its own (no mark)."""
    if answer is not None:
        answer.copy_mark = CopyMark.UNCHECKED if copied else None


def mark_status(row: CommitmentStatus | None, *, copied: bool, level_changed: bool) -> None:
    if row is not None and (copied or level_changed):
        row.status_copy_mark = CopyMark.UNCHECKED if copied else None


def check_copies(session: Session, actor: Actor, submission: Submission, commitment: Commitment) -> int:
    """Mark the commitment's unchecked copies as checked and audit it; returns how many there were."""
    ids = {i.id for i in commitment.indicators}
    answers = [a for a in submission.answers if a.indicator_id in ids and a.copy_mark is CopyMark.UNCHECKED]
    statuses = [s for s in submission.statuses
                if s.commitment_id == commitment.id and s.status_copy_mark is CopyMark.UNCHECKED]
    if not answers and not statuses:
        return 0
    for answer in answers:
        answer.copy_mark = CopyMark.CHECKED
    for status in statuses:
        status.status_copy_mark = CopyMark.CHECKED
    record(session, actor, "copy.marks", "submission", submission.id, field=copy_field(commitment.number),
           old=str(CopyMark.UNCHECKED), new=str(CopyMark.CHECKED), submission_id=submission.id,
           submission_version=submission.version)
    session.flush()
    return len(answers) + len(statuses)
