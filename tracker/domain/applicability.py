"""Which commitments and questions a party is asked, and what makes a report complete.

One rule, used by the queries (what the form shows and the progress it counts), the forms (which fields
exist), the operations (which answers may be stored) and the seed data. A question is asked when it is a
party question of the submission's agreement, valid in the round's year, meant for the party's kind
(municipality, region) and, if it depends on another answer (VI.use only where VI.own_production = ja),
when that answer is one of the values it depends on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.domain.agreement import Commitment, Indicator, IndicatorScope, PartyKind, StatusLevel
from tracker.domain.copies import unconfirmed_commitment_ids
from tracker.domain.messages import N_, Message
from tracker.domain.plausibility import UnusualChange, unusual_change
from tracker.domain.reporting import Answer, Submission
from tracker.domain.values import Value, ValueRules, compute_derived, from_columns, inconsistencies

__all__ = [
    "Missing", "answer_values", "applicable_commitments", "applicable_questions", "applies", "inconsistent_answers",
    "indicator_applies", "indicator_value", "missing_items", "stored_value", "unusual_answers", "value_key",
]


def value_key(value: Value | None) -> str | None:
    """A value in the audit trail's and the conditions' words: "12.5", "yes"/"no", a choice's key, the text.

    `values.parse` reads every such text back as the same value.
    """
    if value is None:
        return None
    if value.flag is not None:
        return "yes" if value.flag else "no"
    if value.text is not None:
        return value.text
    assert value.number is not None
    return format(value.number.normalize(), "f")


def stored_value(row: Answer | None) -> Value | None:
    """The value an Answer (or None) holds."""
    if row is None:
        return None
    return from_columns(row.value_number, row.value_text, row.value_bool)


def answer_values(submission: Submission) -> dict[int, Value]:
    """The submission's stored answers, by indicator id."""
    return {a.indicator_id: v for a in submission.answers if (v := stored_value(a)) is not None}


def applies(
    indicator: Indicator, *, agreement_id: int, year: int, party_kind: PartyKind | str, values: Mapping[int, Value]
) -> bool:
    """Whether a party of `party_kind` is asked `indicator` in the round for `year`, given its answers `values`.

    `values` maps indicator ids to the answers as they stand (stored, or about to be stored).
    """
    if indicator.scope is not IndicatorScope.PARTY or indicator.agreement_id != agreement_id:
        return False
    if not indicator.is_valid_in(year) or not indicator.applies_to_kind(party_kind):
        return False
    if indicator.commitment is not None and not indicator.commitment.applies_to(party_kind):
        return False
    if indicator.condition_indicator_id is None:
        return True
    return value_key(values.get(indicator.condition_indicator_id)) in (indicator.condition_values or [])


def indicator_applies(indicator: Indicator, submission: Submission, values: Mapping[int, Value] | None = None) -> bool:
    """Whether `submission`'s party is asked `indicator`; `values` defaults to the submission's stored answers."""
    return applies(
        indicator,
        agreement_id=submission.round.agreement_id,
        year=submission.round.year,
        party_kind=submission.party.kind,
        values=answer_values(submission) if values is None else values,
    )


def status_scale(submission: Submission) -> list[StatusLevel]:
    """The status levels a party chooses from in the submission's round (the version's scale), in order."""
    return submission.round.agreement.status_scale_in(submission.round.year)


def applicable_commitments(submission: Submission) -> list[Commitment]:
    """The commitments of the submission's round that apply to its party, in their order."""
    round_ = submission.round
    return [c for c in round_.agreement.commitments_in(round_.year) if c.applies_to(submission.party.kind)]


def applicable_questions(
    submission: Submission, commitment: Commitment, values: Mapping[int, Value] | None = None
) -> list[Indicator]:
    """The commitment's indicators the party is asked (derived ones included), in their order."""
    values = answer_values(submission) if values is None else values
    return [i for i in commitment.indicators if indicator_applies(i, submission, values)]


def indicator_value(
    indicator: Indicator, values: Mapping[int, Value], by_key: Mapping[str, Indicator]
) -> Value | None:
    """An indicator's value among `values` (by indicator id): the answer, or for a derived figure the value
    computed from them (`by_key`: the agreement's indicators by key)."""
    if not indicator.kind.is_derived:
        return values.get(indicator.id)
    operands = {key: values.get(by_key[key].id) if key in by_key else None for key in indicator.operand_keys or ()}
    return compute_derived(ValueRules.of(indicator), operands)


@dataclass(frozen=True)
class Missing:
    """What keeps a report from being complete: a required question without an answer, an answer that
    contradicts another (`problem`: gas cars > cars), a value far outside the party's earlier years without the
    comment that confirms it (`problem`, `needs_comment`), (indicator None) a commitment without a status, or
    (indicator None, `copied`) a commitment whose answers copied from last year the party has not confirmed."""

    commitment: Commitment
    indicator: Indicator | None = None
    problem: Message | None = None
    needs_comment: bool = False
    copied: bool = False


COPIES_TO_CONFIRM = N_("Confirm or change the answers copied from last year.")


def inconsistent_answers(
    submission: Submission, values: Mapping[int, Value] | None = None
) -> dict[int, Message]:
    """The applicable answers that contradict another answer of the report (values.inconsistencies), by
    indicator id: what the part says when it is larger than the whole, a year after the year reported on."""
    values = answer_values(submission) if values is None else values
    asked = [i for c in applicable_commitments(submission) for i in applicable_questions(submission, c, values)]
    by_key = {i.key: i for i in asked}
    found = inconsistencies({i.key: ValueRules.of(i) for i in asked},
                            {i.key: values[i.id] for i in asked if i.id in values}, submission.round.year)
    return {by_key[key].id: error.message for key, error in found.items()}


History = Sequence[tuple[int, Mapping[int, Value]]]
"""A party's handed-in reports of the years before (queries.reporting.earlier_values), as (year, its answers by
indicator id), the latest first."""


def unusual_answers(
    submission: Submission, history: History, values: Mapping[int, Value] | None = None
) -> dict[int, UnusualChange]:
    """The applicable answers and derived figures far outside the party's earlier reports (`history`), by
    indicator id; each is compared with the latest earlier year that has a value for it
    (plausibility.unusual_change)."""
    values = answer_values(submission) if values is None else values
    year = submission.round.year
    history = [(y, old) for y, old in history if y < year]
    if not history:
        return {}
    by_key = {i.key: i for c in submission.round.agreement.commitments for i in c.indicators}
    found: dict[int, UnusualChange] = {}
    for commitment in applicable_commitments(submission):
        for indicator in applicable_questions(submission, commitment, values):
            rules = ValueRules.of(indicator)
            value = indicator_value(indicator, values, by_key)
            earlier_values = ((y, indicator_value(indicator, old, by_key)) for y, old in history)
            previous = next(((y, v) for y, v in earlier_values if v is not None), None)
            if (change := unusual_change(rules, value, previous, year)) is not None:
                found[indicator.id] = change
    return found


def missing_items(
    submission: Submission, values: Mapping[int, Value] | None = None, *, earlier: History
) -> list[Missing]:
    """Everything a complete report still needs, in the form's order: for every applicable commitment, its
    required applicable questions without an answer, its answers that contradict another and its values far
    outside the party's `earlier` reports without a comment, then its status if none is chosen, then whether
    answers or a status copied from last year are still to be confirmed (tracker.domain.copies).

    The one gate of a submission: the web's submit button and `operations.submitting.set_submission_state` ask it."""
    values = answer_values(submission) if values is None else values
    to_confirm = unconfirmed_commitment_ids(submission)
    with_status = {s.commitment_id for s in submission.statuses if s.status_level_id is not None}
    contradictions = inconsistent_answers(submission, values)
    unusual = unusual_answers(submission, earlier, values)
    commented = {c.indicator_id for c in submission.answer_comments}
    missing: list[Missing] = []
    for commitment in applicable_commitments(submission):
        for indicator in applicable_questions(submission, commitment, values):
            if indicator.id in contradictions:
                missing.append(Missing(commitment, indicator, contradictions[indicator.id]))
            elif indicator.is_required and not indicator.kind.is_derived and indicator.id not in values:
                missing.append(Missing(commitment, indicator))
            elif indicator.id in unusual and indicator.id not in commented:
                missing.append(Missing(commitment, indicator, unusual[indicator.id].to_confirm, needs_comment=True))
        if commitment.id not in with_status:
            missing.append(Missing(commitment))
        if commitment.id in to_confirm:
            missing.append(Missing(commitment, problem=Message(COPIES_TO_CONFIRM), copied=True))
    return missing
