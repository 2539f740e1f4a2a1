"""Writing a party's report: answers, commitment statuses and their comments (its state: tracker.operations.submitting).

Every function flushes and writes the audit trail; none commits. Each change also touches the submission
row, so that its `version` increments: a second editor who loaded the same submission gets a
`StaleDataError` on flush instead of silently overwriting the first (optimistic locking).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tracker.domain import (
    Answer,
    AnswerComment,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorKind,
    IndicatorScope,
    RoundState,
    StatusLevel,
    Submission,
    SubmissionState,
)
from tracker.domain.applicability import answer_values, indicator_applies, stored_value, value_key
from tracker.domain.base import utcnow
from tracker.domain.copies import unconfirmed_copies
from tracker.domain.messages import N_, Message
from tracker.domain.numbers import InvalidValue
from tracker.domain.permissions import EDITABLE_STATES, takes_changes
from tracker.domain.values import Value, ValueRules, parse
from tracker.operations.audit import Actor, record
from tracker.operations.copy_marks import check_copies, mark_answer, mark_status

COMMENT_MAX_LENGTH = 2000
class OperationError(Exception):
    """A change the domain refuses: `code` is for programs, `message` for the person who asked for it."""

    def __init__(self, code: str, msgid: str, **params: Any) -> None:
        self.code = code
        self.message = Message(msgid, params)
        super().__init__(f"{code}: {msgid % params if params else msgid}")


def refused_text(error: InvalidValue) -> OperationError:
    """A text that may not be stored (tracker.domain.free_text), as an operation's refusal."""
    return OperationError(error.code, error.message.msgid, **error.message.params)


def set_answer(
    session: Session, actor: Actor, submission: Submission, indicator: Indicator, raw: object, *,
    copied: bool = False,
) -> Answer | None:
    """Store what a person entered for `indicator`; blank removes the answer. Returns the answer, or None.

    `copied`: last year's answer, copied (tracker.operations.copying): marked to be checked. Any other change is
    the party's own answer, and confirms the other copied answers of its commitment (tracker.domain.copies).

    Raises `InvalidValue` (values.py) for input the indicator does not accept and `OperationError` when the
    report cannot take this answer; either way nothing has changed. Answers that depended on this one and no
    longer apply (VI.use once VI.own_production is "nej") are removed with it.
    """
    _require_editable(submission, actor)
    if indicator.kind.is_derived:
        raise OperationError("derived", N_("This value is computed and cannot be entered."))
    if indicator.scope is not IndicatorScope.PARTY or indicator.agreement_id != submission.round.agreement_id:
        raise OperationError("not_applicable", N_("This question is not part of this report."))
    new = parse(ValueRules.of(indicator), raw)
    if new is not None and not indicator_applies(indicator, submission):
        raise OperationError("not_applicable", N_("This question does not apply to this report."))
    answer = _find_answer(submission, indicator)
    if stored_value(answer) == new:
        return answer
    _touch(session, actor, submission)  # first, so that a stale version fails before any answer row is written
    _write(session, actor, submission, indicator, answer, new)
    _drop_dependents(session, actor, submission)
    stored = _find_answer(submission, indicator)
    mark_answer(stored, copied=copied)
    if not copied and indicator.commitment is not None:
        check_copies(session, actor, submission, indicator.commitment)
    session.flush()
    return stored


def _find_answer(submission: Submission, indicator: Indicator) -> Answer | None:
    return next((a for a in submission.answers if a.indicator_id == indicator.id), None)


def _write(
    session: Session, actor: Actor, submission: Submission, indicator: Indicator, answer: Answer | None,
    new: Value | None,
) -> bool:
    """Upsert or delete one answer and audit it; False when the stored value already is `new`."""
    old = stored_value(answer)
    if old == new:
        return False
    entity_id = answer.id if answer is not None else None
    if new is None:
        assert answer is not None
        submission.answers.remove(answer)  # delete-orphan: the row goes on flush
    else:
        if answer is None:
            answer = Answer(indicator=indicator)
            submission.answers.append(answer)
        for column, column_value in new.columns().items():
            setattr(answer, column, column_value)
        answer.updated_dt = utcnow()
        answer.updated_by_id = actor.user.id if actor.user is not None else None
        session.flush()
        entity_id = answer.id
    record(session, actor, "answer.update", "answer", entity_id, field=indicator.key,
           old=value_key(old), new=value_key(new), submission_id=submission.id,
           submission_version=submission.version)
    return True


def _drop_dependents(session: Session, actor: Actor, submission: Submission) -> None:
    """Remove the answers whose condition no longer holds, until none is left (conditions can chain)."""
    while True:
        values = answer_values(submission)
        stale = [
            a for a in submission.answers
            if a.indicator.condition_indicator_id is not None
            and not indicator_applies(a.indicator, submission, values)
        ]
        if not stale:
            return
        for answer in stale:
            _write(session, actor, submission, answer.indicator, answer, None)


def set_commitment_status(
    session: Session, actor: Actor, submission: Submission, commitment: Commitment,
    status_level: StatusLevel | None, comment: str | None, *, copied: bool = False,
) -> CommitmentStatus | None:
    """Store a party's status (ej påbörjat … genomfört, ej aktuellt) and comment on one commitment.

    `copied`: the status is last year's (tracker.operations.copying), marked to be checked; any other change
    confirms the commitment's copied answers. Returns the status row; None when there is none (nothing chosen
    and nothing written).
    """
    _require_editable(submission, actor)
    agreement_id = submission.round.agreement_id
    if commitment.agreement_id != agreement_id or not commitment.applies_to(submission.party.kind):
        raise OperationError("not_applicable", N_("This commitment does not apply to this report."))
    if status_level is not None and status_level.agreement_id != agreement_id:
        raise OperationError("unknown_status", N_("Choose one of the agreement's statuses."))
    comment_value = parse(ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH), comment)
    new_comment = comment_value.text if comment_value is not None else None
    row = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
    old_level = row.status_level if row is not None else None
    old_comment = row.comment if row is not None else None
    if old_level is status_level and old_comment == new_comment:
        return row
    _touch(session, actor, submission)
    if row is None:
        row = CommitmentStatus(commitment=commitment)
        submission.statuses.append(row)
    row.status_level, row.comment = status_level, new_comment
    row.updated_dt = utcnow()
    session.flush()
    if old_level is not status_level:
        record(session, actor, "status.update", "commitment_status", row.id, field=f"{commitment.number}.status",
               old=old_level.key if old_level else None, new=status_level.key if status_level else None,
               submission_id=submission.id, submission_version=submission.version)
    if old_comment != new_comment:
        record(session, actor, "status.update", "commitment_status", row.id, field=f"{commitment.number}.comment",
               old=old_comment, new=new_comment, submission_id=submission.id,
               submission_version=submission.version)
    mark_status(row, copied=copied, level_changed=old_level is not status_level)
    if not copied:
        check_copies(session, actor, submission, commitment)
    session.flush()
    return row


def confirm_copies(session: Session, actor: Actor, submission: Submission, commitment: Commitment) -> int:
    """The party confirms the answers and status copied from last year into `commitment` (as they stand);
    returns how many were confirmed (0: nothing to confirm, nothing written)."""
    _require_editable(submission, actor)
    if not unconfirmed_copies(submission, commitment):
        return 0
    _touch(session, actor, submission)
    return check_copies(session, actor, submission, commitment)


def set_answer_comment(
    session: Session, actor: Actor, submission: Submission, indicator: Indicator, text: str | None
) -> AnswerComment | None:
    """Store the party's comment on one answer or derived figure (blank removes it): what confirms a value far
    outside the party's earlier years (domain.plausibility). Audited as the field "<key>.comment"."""
    _require_editable(submission, actor)
    if indicator.scope is not IndicatorScope.PARTY or indicator.agreement_id != submission.round.agreement_id:
        raise OperationError("not_applicable", N_("This question is not part of this report."))
    value = parse(ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH), text)
    new = value.text if value is not None else None
    if new is not None and not indicator_applies(indicator, submission):
        raise OperationError("not_applicable", N_("This question does not apply to this report."))
    row = next((c for c in submission.answer_comments if c.indicator_id == indicator.id), None)
    old = row.text if row is not None else None
    if old == new:
        return row
    _touch(session, actor, submission)
    if new is None:
        assert row is not None
        entity_id: int | None = row.id
        submission.answer_comments.remove(row)  # delete-orphan: the row goes on flush
    else:
        if row is None:
            row = AnswerComment(indicator=indicator, text=new)
            submission.answer_comments.append(row)
        row.text, row.updated_dt = new, utcnow()
        row.updated_by_id = actor.user.id if actor.user is not None else None
        session.flush()
        entity_id = row.id
    record(session, actor, "answer.comment", "answer_comment", entity_id, field=f"{indicator.key}.comment",
           old=old, new=new, submission_id=submission.id, submission_version=submission.version)
    session.flush()
    return row if new is not None else None


def require_open_round(submission: Submission) -> None:
    if submission.round.state != RoundState.OPEN:
        raise OperationError("round_not_open", N_("The reporting round is not open."))


def _require_editable(submission: Submission, actor: Actor) -> None:
    """Open round (or the report reopened in a closed one), and the report with the party; a project leader acting
    on the party's behalf (`decide` let them in) may also correct a submitted or approved report: the change is
    counted after the approval."""
    if not takes_changes(submission):
        require_open_round(submission)
    if submission.state not in EDITABLE_STATES and not actor.on_behalf:
        raise OperationError(
            "not_editable", N_("The report has been submitted and can no longer be changed.")
        )


def _touch(session: Session, actor: Actor, submission: Submission) -> None:
    """Mark the submission as changed, so that its version increments; a first change makes it a draft."""
    started = submission.state is SubmissionState.NOT_STARTED
    if started:
        submission.state = SubmissionState.DRAFT
    submission.updated_dt = utcnow()
    # Flushed now: a stale version fails here, before anything else is written, and every event of this change
    # records the version it produced (what a conflict page lists as "changed since the page was opened").
    session.flush()
    if started:
        record(session, actor, "submission.state", "submission", submission.id, field="state",
               old=str(SubmissionState.NOT_STARTED), new=str(SubmissionState.DRAFT), submission_id=submission.id,
               submission_version=submission.version)
