"""Copying last year's answers into this year's draft, where nothing is answered yet: first the plan the contact
is shown (`plan_copy`), then, once confirmed, the copy itself (`copy_previous_answers`), which follows the plan.

Answers are copied, and so are the commitments' statuses where none is chosen; this year's answers are never
overwritten (the plan lists them as kept). Comments are not copied: they say what happened during a year, and
last year's comment is shown beside the field for the contact to reuse. Copies go through `set_answer` and
`set_commitment_status`, so they are validated and audited like typed answers, and are marked "from last year –
to check" until the contact confirms or changes their commitment (tracker.domain.copies). A question that no
longer applies, or whose rules no longer accept the old value, is left out (the plan says so).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.domain import Commitment, Indicator, StatusLevel, Submission
from tracker.domain.applicability import answer_values, applicable_commitments, indicator_applies, value_key
from tracker.domain.values import InvalidValue, Value, ValueRules, parse
from tracker.operations.answers import OperationError, set_answers, set_commitment_status
from tracker.operations.audit import Actor
from tracker.operations.copy_marks import record_copied


class CopyAction(enum.StrEnum):
    COPY = "copy"  # empty this year: last year's is copied in
    KEEP = "keep"  # answered (or chosen) this year already: this year's stays
    NOT_ASKED = "not_asked"  # the question does not apply this year (another answer rules it out)
    NOT_ACCEPTED = "not_accepted"  # the question's rules no longer accept last year's value


@dataclass(frozen=True)
class PlannedAnswer:
    indicator: Indicator
    last: Value
    current: Value | None
    action: CopyAction


@dataclass(frozen=True)
class PlannedStatus:
    last: StatusLevel
    current: StatusLevel | None
    action: CopyAction


@dataclass(frozen=True)
class CommitmentPlan:
    commitment: Commitment
    answers: tuple[PlannedAnswer, ...]
    status: PlannedStatus | None

    @property
    def copies(self) -> int:
        status = self.status is not None and self.status.action is CopyAction.COPY
        return sum(1 for a in self.answers if a.action is CopyAction.COPY) + int(status)


@dataclass(frozen=True)
class CopyPlan:
    commitments: tuple[CommitmentPlan, ...]

    @property
    def answers(self) -> int:
        return sum(1 for c in self.commitments for a in c.answers if a.action is CopyAction.COPY)

    @property
    def statuses(self) -> int:
        return sum(1 for c in self.commitments if c.status is not None and c.status.action is CopyAction.COPY)


@dataclass(frozen=True)
class CopyResult:
    answers: int
    statuses: int
    first_commitment: str | None  # the number of the first commitment that got something


def plan_copy(submission: Submission, previous: Submission) -> CopyPlan:
    """What copying `previous` (last year's report of the same party) into `submission` would do, per
    commitment in the form's order. Reads only.

    Goes through the questions in the form's order with the answers as they would be after the copy, so that
    an answer a later question depends on (VI.own_production before VI.use) is in place before that question is
    considered.
    """
    if previous.round.agreement_id != submission.round.agreement_id or previous.party_id != submission.party_id:
        raise ValueError("last year's report must be the same party's, under the same agreement")
    last = answer_values(previous)
    last_levels = {s.commitment_id: s.status_level for s in previous.statuses if s.status_level is not None}
    levels = {s.commitment_id: s.status_level for s in submission.statuses}
    values = dict(answer_values(submission))
    plans = []
    for commitment in applicable_commitments(submission):
        answers = []
        for indicator in commitment.indicators:
            value = last.get(indicator.id)
            if value is None or indicator.kind.is_derived:
                continue
            answers.append(PlannedAnswer(indicator, value, values.get(indicator.id),
                                         _answer_action(submission, indicator, value, values)))
            if answers[-1].action is CopyAction.COPY:
                values[indicator.id] = value
        level, current = last_levels.get(commitment.id), levels.get(commitment.id)
        status = None if level is None else PlannedStatus(
            level, current, CopyAction.COPY if current is None else CopyAction.KEEP)
        plans.append(CommitmentPlan(commitment, tuple(answers), status))
    return CopyPlan(tuple(plans))


def _answer_action(submission: Submission, indicator: Indicator, value: Value, values: dict[int, Value]) -> CopyAction:
    if indicator.id in values:
        return CopyAction.KEEP
    if not indicator_applies(indicator, submission, values):
        return CopyAction.NOT_ASKED
    try:
        parse(ValueRules.of(indicator), value_key(value))
    except InvalidValue:
        return CopyAction.NOT_ACCEPTED
    return CopyAction.COPY


def copy_previous_answers(session: Session, actor: Actor, submission: Submission, previous: Submission) -> CopyResult:
    """Copy what `plan_copy` plans: `previous`'s answers and statuses into `submission` where it has none, never
    overwriting; each copy is marked to be checked, and each commitment that got something is audited as copied."""
    answers = statuses = 0
    first: str | None = None
    for plan in plan_copy(submission, previous).commitments:
        before = answers + statuses
        entries = [(planned.indicator, value_key(planned.last)) for planned in plan.answers
                   if planned.action is CopyAction.COPY]
        refused = set_answers(session, actor, submission, entries, copied=True)
        if errors := [error for error in refused.values() if isinstance(error, OperationError)]:
            raise errors[0]
        answers += len(entries) - len(refused)  # a value this year's question no longer accepts is not copied
        if plan.status is not None and plan.status.action is CopyAction.COPY:
            row = next((s for s in submission.statuses if s.commitment_id == plan.commitment.id), None)
            set_commitment_status(session, actor, submission, plan.commitment, plan.status.last,
                                  row.comment if row else None, copied=True)
            statuses += 1
        if answers + statuses > before:
            record_copied(session, actor, submission, plan.commitment)
            first = first or plan.commitment.number
    session.flush()
    return CopyResult(answers=answers, statuses=statuses, first_commitment=first)
