"""A report's state: submitting, withdrawing, approving, sending back (the allowed moves, TRANSITIONS, and the one
function that makes them). Flushes and audits; never commits."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.domain import RoundState, Submission, SubmissionState
from tracker.domain.applicability import missing_items
from tracker.domain.base import utcnow
from tracker.domain.messages import N_
from tracker.domain.permissions import reviews_in_closed_round, takes_changes
from tracker.operations.answers import OperationError, require_open_round
from tracker.operations.audit import Actor, record
from tracker.queries.reporting import earlier_values

CLOSED_ROUND_FIELD = "closed_round"
"""The audit field of a state change made while the report's round is closed (old: the round's year, new: the
state): a review without reopening the round, or the party's resubmission of a report reopened that way."""


TRANSITIONS: Mapping[SubmissionState, frozenset[SubmissionState]] = {
    SubmissionState.NOT_STARTED: frozenset({SubmissionState.DRAFT}),
    SubmissionState.DRAFT: frozenset({SubmissionState.SUBMITTED}),
    # Withdrawn by the contact (draft), approved or sent back by a project leader.
    SubmissionState.SUBMITTED: frozenset(
        {SubmissionState.DRAFT, SubmissionState.APPROVED, SubmissionState.RETURNED}
    ),
    SubmissionState.RETURNED: frozenset({SubmissionState.DRAFT, SubmissionState.SUBMITTED}),
    # Reopened by a project leader to have something corrected.
    SubmissionState.APPROVED: frozenset({SubmissionState.RETURNED}),
}
"""The allowed state changes of a submission, and the only place they are written down."""

_REFUSED_TRANSITION: Mapping[SubmissionState, str] = {
    SubmissionState.NOT_STARTED: N_("A report cannot be set back to not started."),
    SubmissionState.DRAFT: N_("Only a submitted or returned report can go back to being a draft."),
    SubmissionState.SUBMITTED: N_("Only a draft or a returned report can be submitted."),
    SubmissionState.APPROVED: N_("Only a submitted report can be approved."),
    SubmissionState.RETURNED: N_("Only a submitted or approved report can be sent back."),
}


def set_submission_state(
    session: Session, actor: Actor, submission: Submission, new_state: SubmissionState, *,
    comment: str | None = None, at: datetime | None = None,
) -> None:
    """Move a report along TRANSITIONS; `comment` goes with it into the audit trail (why it was sent back).

    `at` is when it happened (default now); the demo data passes its own dates so that every load is equal.

    In a closed round a submitted report can still be approved or sent back (permissions.reviews_in_closed_round);
    sent back, it is reopened for its party alone until submitted again. Every state change made while the round
    is not open is audited as such ("submission.closed_round").
    """
    old_state = submission.state
    in_review = new_state in (SubmissionState.APPROVED, SubmissionState.RETURNED)
    if not (takes_changes(submission) or (in_review and reviews_in_closed_round(submission))):
        require_open_round(submission)
    if new_state == old_state:
        return
    if new_state not in TRANSITIONS[old_state]:
        raise OperationError("illegal_transition", _REFUSED_TRANSITION[new_state])
    if new_state is SubmissionState.SUBMITTED and (
        missing := missing_items(submission, earlier=earlier_values(session, submission))
    ):
        raise OperationError(
            "incomplete", N_("The report is not complete: %(count)s answers or statuses are missing."),
            count=len(missing),
        )
    when = at or utcnow()
    submission.state = new_state
    if new_state is SubmissionState.RETURNED and comment and comment.strip():
        submission.review_comment = comment.strip()  # shown at the top of the party's report until resubmitted
    if new_state is SubmissionState.SUBMITTED:
        submission.submitted_dt = when
        if submission.first_submitted_dt is None:
            submission.first_submitted_dt = when
    elif new_state is SubmissionState.APPROVED:
        submission.approved_dt = when
    else:
        submission.approved_dt = None
    submission.updated_dt = when
    closed_round = submission.round.state != RoundState.OPEN
    submission.is_reopened = closed_round and new_state is SubmissionState.RETURNED
    session.flush()  # first: a stale version fails here, and the events below carry the version it produced
    record(session, actor, "submission.state", "submission", submission.id, field="state",
           old=str(old_state), new=str(new_state), submission_id=submission.id,
           submission_version=submission.version)
    if closed_round:
        record(session, actor, "submission.closed_round", "submission", submission.id, field=CLOSED_ROUND_FIELD,
               old=submission.round.year, new=str(new_state), submission_id=submission.id,
               submission_version=submission.version)
    if comment and comment.strip():
        record(session, actor, "submission.comment", "submission", submission.id, field="comment",
               new=comment.strip(), submission_id=submission.id, submission_version=submission.version)
    session.flush()
