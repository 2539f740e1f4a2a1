"""The review side of a report: changes made after its approval, the comment it was sent back with."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Submission, SubmissionState

CHANGE_ACTIONS = ("answer.update", "status.update")
"""The audited actions that change what a report says (answers, statuses and their comments)."""


def is_changed(now: str | None, last: str | None) -> bool:
    """Whether an answer (or a status) is marked "changed" on the review page, given this year's and last year's
    as people read them ("12,5 GWh", "Påbörjat"; "" or None when there is none).

    Changed means: answered this year, and not as last year (also when last year had no answer). A question
    unanswered this year is never "changed": not when it was unanswered last year too, and not when it was
    answered then, for the page already says "Not answered" beside last year's answer (and a report still being
    filled in would otherwise be "changed" everywhere). Compared as read, so a share computed from other
    numbers that reads the same ("30,4 %") is not changed. Only meaningful when there is a report of last year.
    """
    return bool(now) and now != (last or "")


def changes_after_approval(session: Session, submission_ids: Iterable[int]) -> dict[int, int]:
    """For each submission, how many answers and statuses were changed after it was approved (0 when none or
    when it is not approved now). One SQL statement, whatever the number of submissions.

    "After" is in the order of the audit trail (the events after the latest approval's event), not by clock:
    a report approved with a date of its own (the demo data, an import) still counts only what came after.
    """
    ids = list(dict.fromkeys(submission_ids))
    if not ids:
        return {}
    approvals = (
        select(AuditEvent.submission_id, func.max(AuditEvent.id).label("event_id"))
        .where(AuditEvent.submission_id.in_(ids), AuditEvent.action == "submission.state",
               AuditEvent.new_value == str(SubmissionState.APPROVED))
        .group_by(AuditEvent.submission_id)
        .subquery()
    )
    rows = session.execute(
        select(AuditEvent.submission_id, func.count(AuditEvent.id))
        .join(approvals, and_(approvals.c.submission_id == AuditEvent.submission_id,
                              AuditEvent.id > approvals.c.event_id))
        .join(Submission, Submission.id == AuditEvent.submission_id)
        .where(AuditEvent.action.in_(CHANGE_ACTIONS), Submission.state == SubmissionState.APPROVED)
        .group_by(AuditEvent.submission_id)
    ).all()
    counts = dict.fromkeys(ids, 0)
    counts.update({submission_id: count for submission_id, count in rows if submission_id is not None})
    return counts


def send_back_comment(session: Session, submission: Submission) -> str | None:
    """The project leaders' comment while the report is sent back (None otherwise): shown at the top of the
    party's report until it is submitted again. Reports sent back before the comment was kept on the
    submission have it in the audit trail only."""
    if submission.state != SubmissionState.RETURNED:
        return None
    if submission.review_comment:
        return submission.review_comment
    return session.scalar(
        select(AuditEvent.new_value)
        .where(AuditEvent.submission_id == submission.id, AuditEvent.action == "submission.comment")
        .order_by(AuditEvent.id.desc()).limit(1)
    )
