"""Report values as sheet cells, and the words of the workbook that several sheets share."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reports.data import CountyFigure, IndicatorInfo, OptionCount, TargetResult
from reports.data.types import Aggregate
from reports.excel.model import Amount, CellValue
from tracker.domain import IndicatorKind, RoundState, SubmissionState
from tracker.domain.agreement import TargetScope
from tracker.domain.messages import N_
from tracker.domain.values import Value

Gettext = Callable[[str], str]

STATE_LABELS = {
    SubmissionState.NOT_STARTED: N_("Not started"),
    SubmissionState.DRAFT: N_("Draft"),
    SubmissionState.SUBMITTED: N_("Submitted"),
    SubmissionState.RETURNED: N_("Sent back for completion"),
    SubmissionState.APPROVED: N_("Approved"),
}
ROUND_STATE_LABELS = {
    RoundState.PLANNED: N_("Planned"),
    RoundState.OPEN: N_("Open for reporting"),
    RoundState.CLOSED: N_("Closed"),
}
EXAMPLE_MARK = N_("EXAMPLE DATA – not real figures")
YES, NO = N_("Yes"), N_("No")
SHARE_KINDS = (IndicatorKind.PERCENT, IndicatorKind.RATIO)


def decimals_of(info: IndicatorInfo, number: Decimal) -> int:
    """Shares and means with one decimal; other numbers as exactly as they were given (at most two)."""
    if info.kind in SHARE_KINDS:
        return 1
    exponent = number.as_tuple().exponent
    return min(2, max(0, -exponent)) if isinstance(exponent, int) else 0


def value_cell(info: IndicatorInfo, value: Value | None, locale: str) -> CellValue:
    """A party's answer: a number with its unit, a year, or the answer's text ("Ja", a choice's label)."""
    if value is None:
        return None
    if value.number is not None:
        if info.kind is IndicatorKind.YEAR:
            return int(value.number)
        return Amount(value.number, info.unit, decimals_of(info, value.number))
    return info.format(value, locale)


def county_cell(info: IndicatorInfo, county: CountyFigure, locale: str, t: Gettext) -> CellValue:
    """The county figure: a number, or for yes/no and choice the answers per option ("Ja 9 · Nej 4")."""
    if county.method is Aggregate.DISTRIBUTION:
        return distribution_text(county.distribution, locale)
    if county.method is Aggregate.ANSWERS:
        return t(N_("%(answers)s answers")) % {"answers": county.answers}
    if county.value is None or county.value.number is None:
        return None
    number = county.value.number
    return Amount(number, info.unit, 1 if county.method in (Aggregate.MEAN, Aggregate.SHARE) else
                  decimals_of(info, number))


def distribution_text(counts: tuple[OptionCount, ...], locale: str) -> str:
    return " · ".join(f"{count.label.get(locale)} {count.count}" for count in counts if count.count)


def attainment_text(target: TargetResult | None, t: Gettext) -> str | None:
    """ "9 av 12 (1 har inte rapporterat)" for a party target, "Ja"/"Nej" for a county target, and "Ej känt"
    when a county target cannot be judged (missing is not missed)."""
    if target is None:
        return None
    if target.target.scope is TargetScope.COUNTY:
        if target.county_met is None:
            return t(N_("Not known: not every party has reported"))
        return t(YES) if target.county_met else t(NO)
    text = t(N_("%(met)s of %(expected)s")) % {"met": len(target.met), "expected": len(target.answered)}
    if target.not_reported:
        text += " " + t(N_("(%(count)s have not reported)")) % {"count": len(target.not_reported)}
    return text
