"""Copying last year's answers into this year's draft, where nothing is answered yet.

Answers are copied, and so are the commitments' statuses where none is chosen. Comments are not: they say
what happened during a year, and last year's comment is shown beside the field for the contact to reuse.
Copies go through `set_answer` and `set_commitment_status`, so they are validated and audited like typed
answers, and a question that no longer applies (or whose rules no longer accept the old value) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.domain import Submission
from tracker.domain.applicability import answer_values, applicable_commitments, indicator_applies, value_key
from tracker.domain.values import InvalidValue
from tracker.operations.answers import set_answer, set_commitment_status
from tracker.operations.audit import Actor


@dataclass(frozen=True)
class CopyResult:
    answers: int
    statuses: int
    first_commitment: str | None  # the number of the first commitment that got something


def copy_previous_answers(session: Session, actor: Actor, submission: Submission, previous: Submission) -> CopyResult:
    """Copy `previous`'s answers and statuses into `submission` where it has none; never overwrite.

    Goes through the commitments and questions in the form's order, so that an answer a later question depends
    on (VI.own_production before VI.use) is in place before that question is considered.
    """
    if previous.round.agreement_id != submission.round.agreement_id or previous.party_id != submission.party_id:
        raise ValueError("last year's report must be the same party's, under the same agreement")
    last = answer_values(previous)
    last_levels = {s.commitment_id: s.status_level for s in previous.statuses if s.status_level is not None}
    answers = statuses = 0
    first: str | None = None
    for commitment in applicable_commitments(submission):
        before = answers + statuses
        for indicator in commitment.indicators:
            value = last.get(indicator.id)
            if value is None or indicator.kind.is_derived or indicator.id in answer_values(submission):
                continue
            if not indicator_applies(indicator, submission):
                continue
            try:
                set_answer(session, actor, submission, indicator, value_key(value))
            except InvalidValue:
                continue
            answers += 1
        row = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
        level = last_levels.get(commitment.id)
        if level is not None and (row is None or row.status_level is None):
            set_commitment_status(session, actor, submission, commitment, level, row.comment if row else None)
            statuses += 1
        if first is None and answers + statuses > before:
            first = commitment.number
    return CopyResult(answers=answers, statuses=statuses, first_commitment=first)
