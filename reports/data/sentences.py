"""The key figure sentences: the agreement's own template when it has one, a generic catalogue sentence otherwise.

Generic sentences never name a commitment or an indicator in code; they say what the figures say
("9 av 12 kommuner som har rapporterat når målet") with the indicator's label from the data.

One rule, used by every output: missing is not missed. A party the question applies to that has no value in
the follow-up (no report, or no answer) is *not reported*: the counts are over those who answered, the sentence
names who has not ("(Habo har inte rapporterat)"), a county figure from an incomplete set says so, and with no
answer at all the sentence says only that.
"""

from __future__ import annotations

from decimal import Decimal

from reports.data.catalogue import party_noun
from reports.data.texts import (
    AtLeast,
    CatalogText,
    CountOf,
    FormattedValue,
    Listing,
    Localized,
    Param,
    Sentence,
    Showable,
    SignedNumber,
    SignedPercent,
)
from reports.data.types import (
    Aggregate,
    CountyFigure,
    IndicatorInfo,
    PartyInfo,
    PartyValue,
    StatusCount,
    TargetResult,
)
from tracker.domain.agreement import IndicatorKind, TargetComparison, TargetScope
from tracker.domain.messages import N_
from tracker.domain.values import Value, ValueRules

COUNTY_MET = N_("%(label)s: %(value)s – the target is %(target_text)s, and it is met")
COUNTY_NOT_MET = N_("%(label)s: %(value)s – the target is %(target_text)s, and it is not met")
COUNTY_SO_FAR = N_("%(label)s: %(value)s so far – the target is %(target_text)s")
ONE_PARTY_MET = N_("%(label)s – %(party)s: %(value)s, which meets the target (%(target_text)s)")
ONE_PARTY_NOT_MET = N_("%(label)s – %(party)s: %(value)s, which does not meet the target (%(target_text)s)")
PARTIES_MET = N_("%(label)s – %(met_of)s %(parties)s meet the target (%(target_text)s)")
PARTIES_ANSWER = N_("%(label)s – %(met_of)s %(parties)s answer %(target)s")
NOT_YET_DUE = N_("%(label)s – the target (%(target_text)s) is not yet due for any of the %(parties)s")
NO_REPORTS_ONE = N_("Commitment %(commitment)s: %(missing)s has not reported for %(year)s")
NO_REPORTS = N_("Commitment %(commitment)s: none of the %(expected)s %(parties)s has reported for %(year)s")
MISSING_ONE = N_("%(names)s has not reported")
MISSING_SOME = N_("%(names)s have not reported")
MISSING_MANY = N_("%(count)s %(parties)s have not reported")
UNJUDGED = N_("%(names)s: the value cannot be judged against the target")
UNJUDGED_ALL = N_("%(label)s – the values cannot be judged against the target (%(names)s)")
SOME_REPORTED = N_("%(answered)s of %(expected)s %(parties)s have reported")
STATUS_DONE = N_("Commitment %(number)s: %(done)s %(parties)s report it as done")
STATUS_NONE = N_("Commitment %(number)s: none of the %(expected)s %(parties)s has given a status for %(year)s")
STATUS_OUTSIDE = N_("Commitment %(number)s: not applicable for the %(parties)s")
STATUS_ONE = N_("Commitment %(number)s – %(party)s reports the status: %(status)s")
NO_STATUS = N_("no status")
CHANGE = N_("%(change)s compared with %(previous_year)s")
ROUND_FIGURE = N_("%(label)s: %(value)s")
NAMED_UP_TO = 4  # more parties without a report than this are counted, not named

NUMBER_ONLY = ValueRules(kind=IndicatorKind.QUANTITY)  # a number without a unit: "41" of "41 GWh"


def missing_note(missing: tuple[PartyInfo, ...]) -> Sentence | None:
    """"Habo har inte rapporterat", "Habo och Mullsjö har inte rapporterat", "6 kommuner har inte rapporterat"."""
    if not missing:
        return None
    if len(missing) > NAMED_UP_TO:
        return Sentence(CatalogText(MISSING_MANY), {"count": len(missing), "parties": party_noun(missing)})
    names = Listing(tuple(party.name for party in missing))
    return Sentence(CatalogText(MISSING_ONE if len(missing) == 1 else MISSING_SOME), {"names": names})


def indicator_params(
    info: IndicatorInfo, year: int, expected: tuple[PartyInfo, ...], reported: tuple[PartyInfo, ...],
    county: CountyFigure, target: TargetResult | None, values: tuple[PartyValue, ...] = (),
) -> dict[str, Param]:
    """Every parameter a sentence template may use (tracker.domain.agreement.SUMMARY_PARAMS)."""
    median = Value(number=county.median) if county.median is not None else None
    target_parties = target.expected if target is not None else expected
    answered = len(target.answered) if target is not None else county.answers
    missing = target.not_reported if target is not None else county.missing
    group = target_parties or expected
    value: Showable = FormattedValue(info.rules, county.value)
    if county.method is Aggregate.SUM and county.missing and county.value is not None:
        value = AtLeast(value)  # a sum over some of the parties: the county's is at least that
    only = values[0] if len(values) == 1 else None
    return {
        "label": info.label,
        "commitment": info.commitment_number or "",
        "value": value,
        "number": FormattedValue(NUMBER_ONLY, county.value),
        "target": target.target.threshold if target is not None else "",
        "target_text": target.target.text if target is not None else "",
        "met": len(target.met) if target is not None else 0,
        "not_met": len(target.not_met) if target is not None else 0,
        "met_of": CountOf(len(target.met) if target is not None else 0, answered),
        "answered": answered,
        "expected": len(target_parties),
        "reported": len(reported),
        "parties": party_noun(group, reported_only=bool(missing)),
        "party": only.party.name if only is not None else "",
        "missing": Listing(tuple(p.name for p in missing)),
        "mean": FormattedValue(info.rules, county.value) if county.method is Aggregate.MEAN else "",
        "median": FormattedValue(info.rules, median),
        "answers": county.answers,
        "change": "",
        "previous_year": "",
        "year": year,
    }


def indicator_sentence(
    info: IndicatorInfo, params: dict[str, Param], values: tuple[PartyValue, ...], target: TargetResult | None,
    templates: tuple[Localized | None, Localized | None], county: CountyFigure | None = None,
) -> Sentence | None:
    """The indicator's key figure sentence; None for an indicator without a target or a template."""
    own, own_not_met = templates
    if target is None:
        if own is None:
            return None
        missing = county.missing if county is not None else ()
        if county is not None and county.answers == 0:
            return _no_reports(params, missing)
        return _with_note(Sentence(own, params), missing)
    if target.target.scope is TargetScope.COUNTY:
        return _county_sentence(params, target, own, own_not_met, county)
    if not target.expected:
        return Sentence(CatalogText(NOT_YET_DUE), params)
    if not target.answered:
        if target.unjudged:
            names = Listing(tuple(party.name for party in target.unjudged))
            return _with_note(Sentence(CatalogText(UNJUDGED_ALL), {**params, "names": names}), target.not_reported)
        return _no_reports(params, target.not_reported)
    if len(target.expected) == 1 and len(values) == 1:
        met = bool(target.met)
        chosen = own if met or own_not_met is None else own_not_met
        if chosen is not None and (met or own_not_met is not None):
            return Sentence(chosen, params)
        return Sentence(CatalogText(ONE_PARTY_MET if met else ONE_PARTY_NOT_MET),
                        {**params, "value": values[0].text})
    if own is not None:
        return _with_note(Sentence(own, params), target.not_reported, target.unjudged)
    generic = PARTIES_ANSWER if target.target.comparison is TargetComparison.ONE_OF else PARTIES_MET
    return _with_note(Sentence(CatalogText(generic), params), target.not_reported, target.unjudged)


def _county_sentence(
    params: dict[str, Param], target: TargetResult, own: Localized | None, own_not_met: Localized | None,
    county: CountyFigure | None,
) -> Sentence:
    """A county target: met, not met, or (an incomplete set below it) not known yet."""
    missing = target.not_reported
    if county is not None and county.answers == 0:
        return _no_reports(params, missing)
    notes: tuple[Showable, ...] = ()
    if missing:
        notes = (Sentence(CatalogText(SOME_REPORTED), {
            "answered": len(target.expected) - len(missing), "expected": len(target.expected),
            "parties": party_noun(target.expected)}),)
    if target.county_met is None:
        return Sentence(CatalogText(COUNTY_SO_FAR), params, notes)
    if target.county_met:
        return Sentence(own or CatalogText(COUNTY_MET), params, notes)
    return Sentence(own_not_met or CatalogText(COUNTY_NOT_MET), params, notes)


def _no_reports(params: dict[str, Param], missing: tuple[PartyInfo, ...]) -> Sentence:
    if len(missing) == 1:
        return Sentence(CatalogText(NO_REPORTS_ONE), params)
    return Sentence(CatalogText(NO_REPORTS), {**params, "parties": party_noun(missing), "expected": len(missing)})


def _with_note(sentence: Sentence, missing: tuple[PartyInfo, ...], unjudged: tuple[PartyInfo, ...] = ()) -> Sentence:
    """The sentence with who has not reported, and whose value cannot be judged, in brackets after it."""
    notes = [note] if (note := missing_note(missing)) else []
    if unjudged:
        notes.append(Sentence(CatalogText(UNJUDGED), {"names": Listing(tuple(party.name for party in unjudged))}))
    return Sentence(sentence.template, sentence.params, (*sentence.notes, *notes))


def round_figure_sentence(
    info: IndicatorInfo, year: int, value: Value | None, previous_year: int | None, previous: Value | None,
    change: Decimal | None, template: Localized | None,
) -> Sentence | None:
    """The sentence of a county figure the project leaders entered, with the change since the year before when
    that year has a figure: in per cent for an amount, as a count for a count ("+2 st jämfört med 2022")."""
    if template is None or value is None:
        return None
    county = CountyFigure(Aggregate.SUM, value, 1)
    params = indicator_params(info, year, (), (), county, None)
    uses_change = "%(change)s" in template.sv or "%(change)s" in template.en
    delta: Showable | None = None
    if previous is not None and previous.number is not None and value.number is not None:
        if info.kind is IndicatorKind.COUNT:  # a count changes by a count, with its unit: "+2 st"
            delta = SignedNumber(value.number - previous.number, info.unit)
        elif change is not None:
            delta = SignedPercent(change)
    if delta is None:  # no earlier figure: nothing is compared
        return Sentence(CatalogText(ROUND_FIGURE), params) if uses_change else Sentence(template, params)
    change_params = {"change": delta, "previous_year": previous_year or ""}
    if uses_change:  # the agreement's sentence says the change itself
        return Sentence(template, {**params, **change_params})
    return Sentence(template, params, (Sentence(CatalogText(CHANGE), change_params),))


def status_sentence(number: str, expected: tuple[PartyInfo, ...], statuses: tuple[StatusCount, ...],
                    year: int, not_reported: tuple[PartyInfo, ...] = ()) -> Sentence:
    """How many of the parties that gave the commitment a status report it as done ("ej aktuellt" left out);
    the parties without a report in the follow-up are named, not counted."""
    if len(expected) == 1:
        if not_reported:
            return Sentence(CatalogText(NO_REPORTS_ONE), {"commitment": number, "missing": expected[0].name,
                                                          "year": year})
        level = next((c.level for c in statuses if c.count), None)
        status = level.label if level is not None else CatalogText(NO_STATUS)
        return Sentence(CatalogText(STATUS_ONE), {"number": number, "party": expected[0].name, "status": status})
    absent = {party.code for party in not_reported}
    done = sum(c.count for c in statuses if c.level is not None and c.level.is_done)
    outside = sum(c.count for c in statuses if c.level is not None and not c.level.is_applicable)
    rated = len(expected) - outside - len(absent)
    if rated == 0 and outside == 0:
        return Sentence(CatalogText(STATUS_NONE), {"number": number, "expected": len(expected),
                                                   "parties": party_noun(expected), "year": year})
    parties = party_noun(expected, reported_only=bool(absent))
    if rated == 0:  # every party that reported finds the commitment not applicable
        return _with_note(Sentence(CatalogText(STATUS_OUTSIDE), {"number": number, "parties": parties}),
                          not_reported)
    sentence = Sentence(CatalogText(STATUS_DONE), {"number": number, "done": CountOf(done, rated),
                                                   "parties": parties})
    return _with_note(sentence, not_reported)
