"""Writing a party's report: answers, commitment statuses and their comments (its state: tracker.operations.submitting).

Every function flushes and writes the audit trail; none commits. Each change also touches the submission
row, so that its `version` increments: a second editor who loaded the same submission gets a
`StaleDataError` on flush instead of silently overwriting the first (optimistic locking).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
    if refused := set_answers(session, actor, submission, [(indicator, raw)], copied=copied):
        raise refused[indicator.id]
    return _find_answer(submission, indicator)


def set_answers(
    session: Session, actor: Actor, submission: Submission, entries: Iterable[tuple[Indicator, object]], *,
    copied: bool = False, skip_unasked: bool = False,
) -> dict[int, InvalidValue | OperationError]:
    """Store several answers as one change of the report (one new version, two flushes), as `set_answer` would
    store each in turn: in the given order, so that an answer another question depends on comes first.

    Returns what was refused, by indicator id (`InvalidValue` or `OperationError`); those answers are left as
    they were and the rest is stored. A report that cannot take answers at all raises `OperationError`.
    `skip_unasked`: an answer to a question the party is not asked (given the answers before it: VI.use once
    VI.own_production is "nej") is left out instead of refused.
    """
    _require_editable(submission, actor)
    refused: dict[int, InvalidValue | OperationError] = {}
    changes: list[_Change] = []
    commitments: dict[int, Commitment] = {}
    for indicator, raw in entries:
        try:
            new = _checked_value(submission, indicator, raw)
            if new is not None and not indicator_applies(indicator, submission):
                if skip_unasked:
                    continue
                raise OperationError("not_applicable", N_("This question does not apply to this report."))
        except (InvalidValue, OperationError) as error:
            refused[indicator.id] = error
            continue
        answer = _find_answer(submission, indicator)
        if stored_value(answer) == new:
            continue
        changes.append(_write(submission, actor, indicator, answer, new))
        changes.extend(_drop_dependents(submission, actor))
        mark_answer(_find_answer(submission, indicator), copied=copied)
        if indicator.commitment is not None:
            commitments.setdefault(indicator.commitment.id, indicator.commitment)
    if not changes:
        return refused
    started = _touch(submission)
    # One flush: a stale version fails here, before anything is recorded, and every event of this change records
    # the version it produced (what a conflict page lists as "changed since the page was opened").
    session.flush()
    _record_started(session, actor, submission, started)
    for change in changes:
        record(session, actor, "answer.update", "answer", change.answer.id, field=change.indicator.key,
               old=value_key(change.old), new=value_key(change.new), submission_id=submission.id,
               submission_version=submission.version)
    if not copied:
        for commitment in commitments.values():
            check_copies(session, actor, submission, commitment)
    session.flush()
    return refused


def _checked_value(submission: Submission, indicator: Indicator, raw: object) -> Value | None:
    """`raw` as the value to store for `indicator` in `submission`'s report; raises when the report has no such
    question or the value is not accepted (whether the party is asked it is the caller's check)."""
    if indicator.kind.is_derived:
        raise OperationError("derived", N_("This value is computed and cannot be entered."))
    if indicator.scope is not IndicatorScope.PARTY or indicator.agreement_id != submission.round.agreement_id:
        raise OperationError("not_applicable", N_("This question is not part of this report."))
    return parse(ValueRules.of(indicator), raw)


def _find_answer(submission: Submission, indicator: Indicator) -> Answer | None:
    return next((a for a in submission.answers if a.indicator_id == indicator.id), None)


@dataclass(frozen=True)
class _Change:
    """One answer written in memory, to be audited once the flush has given it its id."""

    indicator: Indicator
    answer: Answer
    old: Value | None
    new: Value | None


def _write(submission: Submission, actor: Actor, indicator: Indicator, answer: Answer | None,
           new: Value | None) -> _Change:
    """Change, add or delete one answer in memory (the caller flushes)."""
    old = stored_value(answer)
    if new is None:
        assert answer is not None
        submission.answers.remove(answer)  # delete-orphan: the row goes on flush
        return _Change(indicator, answer, old, new)
    if answer is None:
        # The indicator's id set as well: the report's other answers (answer_values) see it before the flush.
        answer = Answer(indicator=indicator, indicator_id=indicator.id)
        submission.answers.append(answer)
    for column, column_value in new.columns().items():
        setattr(answer, column, column_value)
    answer.updated_dt = utcnow()
    answer.updated_by_id = actor.user.id if actor.user is not None else None
    return _Change(indicator, answer, old, new)


def _drop_dependents(submission: Submission, actor: Actor) -> list[_Change]:
    """Remove the answers whose condition no longer holds, until none is left (conditions can chain)."""
    dropped: list[_Change] = []
    while True:
        values = answer_values(submission)
        stale = [
            a for a in submission.answers
            if a.indicator.condition_indicator_id is not None
            and not indicator_applies(a.indicator, submission, values)
        ]
        if not stale:
            return dropped
        dropped.extend(_write(submission, actor, answer.indicator, answer, None) for answer in stale)


def set_commitment_status(
    session: Session, actor: Actor, submission: Submission, commitment: Commitment,
    status_level: StatusLevel | None, comment: str | None, *, copied: bool = False,
) -> CommitmentStatus | None:
    """Store a party's status (ej påbörjat … genomfört, ej aktuellt) and comment on one commitment.

    `copied`: the status is last year's (tracker.operations.copying), marked to be checked; any other change
    confirms the commitment's copied answers. Returns the status row; None when there is none (nothing chosen
    and nothing written).
    """
    set_commitment_statuses(session, actor, submission, [(commitment, status_level, comment)], copied=copied)
    return _find_status(submission, commitment)


StatusEntry = tuple[Commitment, StatusLevel | None, str | None]
"""A commitment, the status chosen for it (None: none) and the comment."""


def set_commitment_statuses(
    session: Session, actor: Actor, submission: Submission, entries: Iterable[StatusEntry], *,
    copied: bool = False,
) -> None:
    """Store the statuses and comments of several commitments as one change of the report (one new version), as
    `set_commitment_status` would store each. Raises `OperationError` or `InvalidValue` (a comment) for the
    first entry the report cannot take, before anything is written."""
    _require_editable(submission, actor)
    agreement_id = submission.round.agreement_id
    checked: list[tuple[Commitment, StatusLevel | None, str | None]] = []
    for commitment, status_level, comment in entries:
        if commitment.agreement_id != agreement_id or not commitment.applies_to(submission.party.kind):
            raise OperationError("not_applicable", N_("This commitment does not apply to this report."))
        if status_level is not None and status_level.agreement_id != agreement_id:
            raise OperationError("unknown_status", N_("Choose one of the agreement's statuses."))
        comment_value = parse(ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH), comment)
        checked.append((commitment, status_level, comment_value.text if comment_value is not None else None))
    changes: list[tuple[Commitment, CommitmentStatus, StatusLevel | None, str | None]] = []
    for commitment, status_level, new_comment in checked:
        row = _find_status(submission, commitment)
        old_level = row.status_level if row is not None else None
        old_comment = row.comment if row is not None else None
        if old_level is status_level and old_comment == new_comment:
            continue
        if row is None:
            row = CommitmentStatus(commitment=commitment, commitment_id=commitment.id)
            submission.statuses.append(row)
        row.status_level, row.comment = status_level, new_comment
        row.updated_dt = utcnow()
        mark_status(row, copied=copied, level_changed=old_level is not status_level)
        changes.append((commitment, row, old_level, old_comment))
    if not changes:
        return
    started = _touch(submission)
    session.flush()  # a stale version fails here; the events below record the version this change produced
    _record_started(session, actor, submission, started)
    for commitment, row, old_level, old_comment in changes:
        if old_level is not row.status_level:
            record(session, actor, "status.update", "commitment_status", row.id,
                   field=f"{commitment.number}.status", old=old_level.key if old_level else None,
                   new=row.status_level.key if row.status_level else None, submission_id=submission.id,
                   submission_version=submission.version)
        if old_comment != row.comment:
            record(session, actor, "status.update", "commitment_status", row.id,
                   field=f"{commitment.number}.comment", old=old_comment, new=row.comment,
                   submission_id=submission.id, submission_version=submission.version)
        if not copied:
            check_copies(session, actor, submission, commitment)
    session.flush()


def _find_status(submission: Submission, commitment: Commitment) -> CommitmentStatus | None:
    return next((s for s in submission.statuses if s.commitment_id == commitment.id), None)


def confirm_copies(session: Session, actor: Actor, submission: Submission, commitment: Commitment) -> int:
    """The party confirms the answers and status copied from last year into `commitment` (as they stand);
    returns how many were confirmed (0: nothing to confirm, nothing written)."""
    _require_editable(submission, actor)
    if not unconfirmed_copies(submission, commitment):
        return 0
    _touch_now(session, actor, submission)
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
    _touch_now(session, actor, submission)
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


def _touch(submission: Submission) -> bool:
    """Mark the submission as changed (in memory), so that its version increments on the flush; a first change
    makes it a draft. Returns whether it did (to be audited by `_record_started` after the flush)."""
    started = submission.state is SubmissionState.NOT_STARTED
    if started:
        submission.state = SubmissionState.DRAFT
    submission.updated_dt = utcnow()
    return started


def _record_started(session: Session, actor: Actor, submission: Submission, started: bool) -> None:
    if started:
        record(session, actor, "submission.state", "submission", submission.id, field="state",
               old=str(SubmissionState.NOT_STARTED), new=str(SubmissionState.DRAFT), submission_id=submission.id,
               submission_version=submission.version)


def _touch_now(session: Session, actor: Actor, submission: Submission) -> None:
    """`_touch`, flushed at once: a stale version fails before anything else is written, and what follows records
    the version this change produced."""
    started = _touch(submission)
    session.flush()
    _record_started(session, actor, submission, started)
