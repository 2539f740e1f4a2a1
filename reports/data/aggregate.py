"""The figures of one indicator in one round: each party's value, the county figure, who meets the target.

Pure functions over the parties' values. The county figure fits the kind: the sum of quantities and counts,
the weighted share of a ratio (Σ numerator / Σ denominator of the parties that gave both, computed by
`values.compute_derived` like each party's share), the mean and median of percentages, the answers per option
of yes/no and choice questions.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reports.data.texts import FormattedValue, Localized
from reports.data.types import (
    Aggregate,
    CountyFigure,
    DueTarget,
    IndicatorInfo,
    OptionCount,
    PartyInfo,
    PartyValue,
    TargetInfo,
    TargetResult,
)
from tracker.domain import IndicatorKind, SubmissionState, TargetComparison
from tracker.domain.agreement import TargetScope
from tracker.domain.applicability import value_key
from tracker.domain.numbers import QUANTUM, tidy
from tracker.domain.values import Value, compute_derived, meets_target, target_due_year

AGGREGATES = {
    IndicatorKind.QUANTITY: Aggregate.SUM, IndicatorKind.COUNT: Aggregate.SUM, IndicatorKind.SUM: Aggregate.SUM,
    IndicatorKind.RATIO: Aggregate.SHARE, IndicatorKind.PERCENT: Aggregate.MEAN,
    IndicatorKind.YES_NO: Aggregate.DISTRIBUTION, IndicatorKind.CHOICE: Aggregate.DISTRIBUTION,
    IndicatorKind.YEAR: Aggregate.ANSWERS, IndicatorKind.TEXT: Aggregate.ANSWERS,
}


@dataclass(frozen=True, slots=True)
class Answering:
    """One party asked an indicator in one round: its report's state and values by indicator key."""

    party: PartyInfo
    state: SubmissionState
    is_included: bool
    values: Mapping[str, Value]  # stored and derived, empty when the report is not included


@dataclass(frozen=True, slots=True)
class Evaluation:
    values: tuple[PartyValue, ...]
    county: CountyFigure
    target: TargetResult | None


def evaluate(
    info: IndicatorInfo, year: int, asked: Sequence[Answering], options: Mapping[str, Localized]
) -> Evaluation:
    """The figures of `info` in the round for `year`, over the parties `asked` it (in party order)."""
    target = info.target
    due_key = target.due_indicator_key if target is not None else None
    values: list[PartyValue] = []
    for answering in asked:
        value = answering.values.get(info.key) if answering.is_included else None
        due = None
        if target is not None and due_key is not None:
            due = due_target(target, info, year, answering.party, value, answering.values.get(due_key))
        met = None
        if target is not None and target.scope is TargetScope.PARTY and (due is None or due.is_due):
            met = meets_target(info.rules, value)
        values.append(PartyValue(answering.party, answering.state, value, FormattedValue(info.rules, value),
                                 answering.is_included, met, due))
    county = county_figure(info, asked, options)
    return Evaluation(tuple(values), county, _target_result(info, values, county))


def county_figure(info: IndicatorInfo, asked: Sequence[Answering], options: Mapping[str, Localized]) -> CountyFigure:
    method = AGGREGATES[info.kind]
    answered = [(a.party, v) for a in asked if a.is_included and (v := a.values.get(info.key)) is not None]
    counted = {party.code for party, _ in answered}
    missing = tuple(a.party for a in asked if a.party.code not in counted)
    if method is Aggregate.SHARE:
        return _weighted_share(info, asked)
    if method is Aggregate.DISTRIBUTION:
        return CountyFigure(method, None, len(answered), distribution=_distribution(answered, options),
                            missing=missing)
    numbers = [v.number for _, v in answered if v.number is not None]
    if method is Aggregate.ANSWERS or not numbers:
        return CountyFigure(method, None, len(answered), missing=missing)
    if method is Aggregate.SUM:
        return CountyFigure(method, Value(number=tidy(sum(numbers, Decimal(0)))), len(numbers), missing=missing)
    mean = (sum(numbers, Decimal(0)) / len(numbers)).quantize(QUANTUM)
    median = Decimal(statistics.median(numbers)).quantize(QUANTUM)
    return CountyFigure(method, Value(number=tidy(mean)), len(numbers), median=tidy(median), missing=missing)


def _weighted_share(info: IndicatorInfo, asked: Sequence[Answering]) -> CountyFigure:
    """Σ numerator / Σ denominator over the parties that gave both: the county's share, weighted by size."""
    numerator_key, denominator_key = info.rules.operand_keys
    numerator = denominator = Decimal(0)
    counted = 0
    missing = []
    for answering in asked:
        top, bottom = answering.values.get(numerator_key), answering.values.get(denominator_key)
        if answering.is_included and top is not None and bottom is not None and top.number is not None \
                and bottom.number is not None:
            numerator += top.number
            denominator += bottom.number
            counted += 1
        else:
            missing.append(answering.party)
    share = compute_derived(info.rules, {numerator_key: Value(number=numerator),
                                         denominator_key: Value(number=denominator)}) if counted else None
    return CountyFigure(Aggregate.SHARE, share, counted, numerator=numerator if counted else None,
                        denominator=denominator if counted else None, missing=tuple(missing))


def _distribution(answered: list[tuple[PartyInfo, Value]], options: Mapping[str, Localized]) -> tuple[OptionCount, ...]:
    by_answer: dict[str, list[str]] = {key: [] for key in options}
    for party, value in answered:
        by_answer.setdefault(value_key(value) or "", []).append(party.code)
    return tuple(
        OptionCount(key, options.get(key, Localized(key)), len(codes), tuple(codes)) for key, codes in by_answer.items()
    )


def due_target(
    target: TargetInfo, info: IndicatorInfo, year: int, party: PartyInfo, value: Value | None, anchor: Value | None
) -> DueTarget:
    """When a party's target is due (first station + 5 years) and how far it is from it."""
    due_year = target_due_year(anchor, target.due_offset_years)
    anchor_year = int(anchor.number) if anchor is not None and anchor.number is not None else None
    is_due = due_year is not None and due_year <= year
    met = meets_target(info.rules, value)
    return DueTarget(party, anchor_year, due_year, value, gap(target, value), is_due, is_due and met is not True,
                     met)


def gap(target: TargetInfo, value: Value | None) -> Decimal | None:
    """How far a value is from a numeric target (0 when it is reached); None for "in" targets or no value."""
    if value is None or value.number is None or target.value is None:
        return None
    if target.comparison is TargetComparison.AT_LEAST:
        return max(Decimal(0), target.value - value.number)
    if target.comparison is TargetComparison.AT_MOST:
        return max(Decimal(0), value.number - target.value)
    if target.comparison is TargetComparison.EQUAL:
        return abs(value.number - target.value)
    return None


def county_target_met(info: IndicatorInfo, county: CountyFigure) -> bool | None:
    """Whether the county figure reaches the target; None when that is not known.

    Missing is not missed: without any answer nothing is known, and from an incomplete set only a sum that
    already reaches an "at least" target is known to reach it (the missing parties can only add to it).
    """
    met = meets_target(info.rules, county.value)
    if met is None or county.is_complete:
        return met
    target = info.target
    grows = county.method is Aggregate.SUM and target is not None and target.comparison is TargetComparison.AT_LEAST
    return True if met and grows else None


def _target_result(info: IndicatorInfo, values: list[PartyValue], county: CountyFigure) -> TargetResult | None:
    target = info.target
    if target is None:
        return None
    if target.scope is TargetScope.COUNTY:
        parties = tuple(v.party for v in values)
        met = county_target_met(info, county)
        return TargetResult(target, parties, parties if met else (), parties if met is False else (), met,
                            not_reported=county.missing)
    # Due for the party, or not known to be not due: a party without a report in the follow-up is named as not
    # reported even where the target may not be due for it yet (its first station is not known this year).
    applies = [v for v in values if v.due is None or v.due.is_due or not v.is_reported]
    return TargetResult(
        target,
        expected=tuple(v.party for v in applies),
        met=tuple(v.party for v in applies if v.meets_target is True),
        not_met=tuple(v.party for v in applies if v.meets_target is False),
        county_met=None,
        due=tuple(v.due for v in values if v.due is not None),
        not_reported=tuple(v.party for v in applies if v.meets_target is None and v.value is None),
        unjudged=tuple(v.party for v in applies if v.meets_target is None and v.value is not None),
    )
