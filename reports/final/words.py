"""What the final report's deck and workbook both say, in the same words: its title, the period, a target's
outcome in a year ("3 av 12 nådde målet", "nått"), a commitment's years and what took it over."""

from __future__ import annotations

from collections.abc import Callable

from reports.data import IndicatorResult, TrendPoint
from reports.final.data import VERDICT_LABELS, CommitmentLife, FinalReport, TargetLife, Verdict
from tracker.domain import TargetScope
from tracker.domain.messages import N_

Gettext = Callable[[str], str]


def period(report: FinalReport) -> str:
    first, last = report.agreement.in_force
    start = min(first, report.first_year) if first else report.first_year
    return f"{start}–{last if last is not None else report.last_year}"


def report_title(report: FinalReport, locale: str, t: Gettext) -> str:
    params = {"agreement": report.agreement.name.get(locale), "period": period(report)}
    if report.is_ended:
        return t(N_("%(agreement)s – final report %(period)s")) % params
    return t(N_("%(agreement)s – every year so far, %(period)s")) % params


def outcome(point: TrendPoint, life: TargetLife, t: Gettext) -> str:
    """The target's outcome in the year of `point`: "3 av 12" (parties reaching it of those that answered) or the
    county's "nått" / "ej nått"; "–" when not known."""
    verdict = dict(life.verdicts).get(point.year, Verdict.UNKNOWN)
    target = life.result.info.target
    if target is not None and target.scope is TargetScope.PARTY and point.answered:
        return t(N_("%(met)s of %(answered)s")) % {"met": point.met or 0, "answered": point.answered}
    return t(VERDICT_LABELS[verdict]) if verdict is not Verdict.UNKNOWN else "–"


def target_sentence(life: TargetLife, locale: str, t: Gettext) -> str:
    """ "Andel gasbilar, minst 50 %: 2025 3 av 12 nådde målet (2019: 1 av 12)"."""
    result: IndicatorResult = life.result
    assert result.info.target is not None
    points = [p for p in result.trend if dict(life.verdicts).get(p.year) is not Verdict.UNKNOWN]
    label = result.info.label.get(locale)
    target = result.info.target.text.get(locale)
    if not points:
        return t(N_("%(label)s (target %(target)s): not known")) % {"label": label, "target": target}
    last, first = points[-1], points[0]
    params = {"label": label, "target": target, "year": last.year, "outcome": outcome(last, life, t),
              "first_year": first.year, "first": outcome(first, life, t)}
    if first.year == last.year:
        return t(N_("%(label)s (target %(target)s): %(year)s %(outcome)s")) % params
    return t(N_("%(label)s (target %(target)s): %(year)s %(outcome)s (%(first_year)s: %(first)s)")) % params


def years_sentence(life: CommitmentLife, t: Gettext) -> str:
    """ "Följdes upp 2019–2026; ersätts av IX från 2027" and the like."""
    span = f"{life.first_year}–{life.last_year}" if life.first_year != life.last_year else str(life.first_year)
    text = t(N_("Followed up %(years)s")) % {"years": span}
    if life.continues:
        text += "; " + t(N_("continues commitment %(number)s")) % {"number": life.continues}
    if life.continued_by:
        text += "; " + t(N_("continued by commitment %(numbers)s")) % {"numbers": ", ".join(life.continued_by)}
    return text


def status_sentence(life: CommitmentLife, t: Gettext) -> str:
    """ "Genomfört: 2019 2 av 14, 2026 6 av 14"."""
    first, last = life.statuses[0], life.statuses[-1]
    if first.year == last.year:
        return t(N_("Done: %(year)s %(done)s of %(expected)s")) % {
            "year": last.year, "done": last.done, "expected": last.expected}
    return t(N_("Done: %(first_year)s %(first)s of %(first_expected)s, %(year)s %(done)s of %(expected)s")) % {
        "first_year": first.year, "first": first.done, "first_expected": first.expected, "year": last.year,
        "done": last.done, "expected": last.expected}
