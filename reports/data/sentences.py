"""The key figure sentences: the agreement's own template when it has one, a generic catalogue sentence otherwise.

Generic sentences never name a commitment or an indicator in code; they say what the figures say
("%(met)s av %(expected)s kommuner når målet (minst 50 %)") with the indicator's label from the data.
"""

from __future__ import annotations

from decimal import Decimal

from reports.data.catalogue import party_noun
from reports.data.texts import CatalogText, FormattedValue, Localized, Param, Sentence, SignedPercent
from reports.data.types import (
    Aggregate,
    CountyFigure,
    IndicatorInfo,
    PartyInfo,
    PartyValue,
    StatusCount,
    TargetResult,
)
from tracker.domain.agreement import IndicatorKind, TargetScope
from tracker.domain.messages import N_
from tracker.domain.values import Value, ValueRules

COUNTY_MET = N_("%(label)s: the target is met – %(value)s, target %(target_text)s")
COUNTY_NOT_MET = N_("%(label)s: the target is not met – %(value)s, target %(target_text)s")
ONE_PARTY_MET = N_("%(label)s – %(party)s: %(value)s, the target (%(target_text)s) is met")
ONE_PARTY_NOT_MET = N_("%(label)s – %(party)s: %(value)s, the target (%(target_text)s) is not met")
ONE_PARTY_NO_ANSWER = N_("%(label)s – %(party)s has not answered (target: %(target_text)s)")
PARTIES_MET = N_("%(label)s – %(met)s of %(expected)s %(parties)s meet the target (%(target_text)s)")
NOT_YET_DUE = N_("%(label)s – the target (%(target_text)s) is not yet due for any of the %(parties)s")
STATUS_DONE = N_("Commitment %(number)s: %(done)s of %(expected)s %(parties)s report it as done")
STATUS_ONE = N_("Commitment %(number)s – %(party)s reports the status: %(status)s")
NO_STATUS = N_("no status")


NUMBER_ONLY = ValueRules(kind=IndicatorKind.QUANTITY)  # a number without a unit: "41" for "41 av 36 GWh"


def indicator_params(
    info: IndicatorInfo, year: int, expected: tuple[PartyInfo, ...], reported: tuple[PartyInfo, ...],
    county: CountyFigure, target: TargetResult | None,
) -> dict[str, Param]:
    """Every parameter a sentence template may use (tracker.domain.agreement.SUMMARY_PARAMS)."""
    median = Value(number=county.median) if county.median is not None else None
    target_parties = target.expected if target is not None else expected
    return {
        "label": info.label,
        "value": FormattedValue(info.rules, county.value),
        "number": FormattedValue(NUMBER_ONLY, county.value),
        "target": target.target.threshold if target is not None else "",
        "target_text": target.target.text if target is not None else "",
        "met": len(target.met) if target is not None else 0,
        "not_met": len(target.not_met) if target is not None else 0,
        "expected": len(target_parties),
        "reported": len(reported),
        "parties": party_noun(target_parties or expected),
        "mean": FormattedValue(info.rules, county.value) if county.method is Aggregate.MEAN else "",
        "median": FormattedValue(info.rules, median),
        "answers": county.answers,
        "change": "",
        "previous_year": "",
        "year": year,
    }


def indicator_sentence(
    info: IndicatorInfo, params: dict[str, Param], values: tuple[PartyValue, ...], target: TargetResult | None,
    templates: tuple[Localized | None, Localized | None],
) -> Sentence | None:
    """The indicator's key figure sentence; None for an indicator without a target or a template."""
    own, own_not_met = templates
    if target is not None and target.target.scope is TargetScope.COUNTY:
        met = bool(target.county_met)
        if met and own is not None:
            return Sentence(own, params)
        if not met and own_not_met is not None:
            return Sentence(own_not_met, params)
        return Sentence(CatalogText(COUNTY_MET if met else COUNTY_NOT_MET), params)
    if own is not None:
        return Sentence(own, params)
    if target is None:
        return None
    if not target.expected:
        return Sentence(CatalogText(NOT_YET_DUE), params)
    if len(values) == 1 and len(target.expected) == 1:
        only = values[0]
        msgid = ONE_PARTY_NO_ANSWER if only.value is None else ONE_PARTY_MET if only.meets_target else ONE_PARTY_NOT_MET
        return Sentence(CatalogText(msgid), {**params, "party": only.party.name, "value": only.text})
    return Sentence(CatalogText(PARTIES_MET), params)


def round_figure_sentence(
    info: IndicatorInfo, year: int, value: Value | None, previous_year: int | None, change: Decimal | None,
    template: Localized | None,
) -> Sentence | None:
    """The sentence of a county figure the project leaders entered, with the change since the year before."""
    if template is None or value is None:
        return None
    county = CountyFigure(Aggregate.SUM, value, 1)
    params = indicator_params(info, year, (), (), county, None)
    params["change"] = SignedPercent(change) if change is not None else "–"
    params["previous_year"] = previous_year if previous_year is not None else "–"
    return Sentence(template, params)


def status_sentence(number: str, expected: tuple[PartyInfo, ...], statuses: tuple[StatusCount, ...]) -> Sentence:
    """How many of the parties the commitment applies to report it as done (ej aktuellt left out)."""
    if len(expected) == 1:
        level = next((c.level for c in statuses if c.count), None)
        status = level.label if level is not None else CatalogText(NO_STATUS)
        return Sentence(CatalogText(STATUS_ONE), {"number": number, "party": expected[0].name, "status": status})
    done = sum(c.count for c in statuses if c.level is not None and c.level.is_done)
    outside = sum(c.count for c in statuses if c.level is not None and not c.level.is_applicable)
    return Sentence(CatalogText(STATUS_DONE), {
        "number": number, "done": done, "expected": len(expected) - outside, "parties": party_noun(expected),
    })
