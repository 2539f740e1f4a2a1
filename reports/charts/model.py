"""What each chart shows, as data: the numbers a chart is drawn from are the numbers of its table.

Charts are chosen by the indicator's kind, never by its key: numeric answers of several parties as one bar per
party, a single party's number (and every county figure) as a trend per year, yes/no and choice answers as a
100 % bar of the answers, and each commitment's statuses as a 100 % bar. Answers that only feed a derived figure
(the counts behind a share, the parts of a sum) get no chart of their own: the derived figure has it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from reports.charts.bands import MAX_BARS, Band, bands_of
from reports.data.texts import CatalogText, FormattedValue, Showable
from reports.data.types import (
    CommitmentResult,
    FollowUp,
    IndicatorInfo,
    IndicatorResult,
    OptionCount,
    StatusCount,
    TargetInfo,
    TrendPoint,
)
from tracker.domain import IndicatorKind, TargetComparison
from tracker.domain.messages import N_
from tracker.domain.values import Value, ValueRules

NUMERIC = frozenset({IndicatorKind.PERCENT, IndicatorKind.RATIO, IndicatorKind.QUANTITY, IndicatorKind.COUNT,
                     IndicatorKind.SUM})
SHARES = frozenset({IndicatorKind.PERCENT, IndicatorKind.RATIO})  # drawn on a fixed 0–100 axis
NO_ANSWER = N_("No answer")
NO_STATUS = N_("No status given")


class ChartKind(enum.StrEnum):
    PARTIES = "parter"  # one bar per party
    ANSWERS = "svar"  # a 100 % bar of the answers per option, one row per year shown
    STATUS = "status"  # a 100 % bar of a commitment's statuses
    TREND = "trend"  # the county figure per year, a line


@dataclass(frozen=True, slots=True)
class Bar:
    party: str
    number: Decimal | None  # None: no answer
    text: Showable  # the value as people read it: "21,3 %"
    meets_target: bool | None  # None: no target for this party (or not yet due)
    due_year: int | None = None  # the target applies from this year (a target due after another answer)


@dataclass(frozen=True, slots=True)
class Segment:
    key: str  # option key or status level key; "" for no answer / no status
    label: Showable
    count: int
    parties: tuple[str, ...]  # party names
    position: int  # the option's or level's place in its scale: fixes the colour
    is_muted: bool = False  # no answer, no status, not applicable: drawn grey


@dataclass(frozen=True, slots=True)
class Row:
    label: str  # the year, or "" for a single bar
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(segment.count for segment in self.segments)


@dataclass(frozen=True, slots=True)
class Point:
    year: int
    number: Decimal | None
    text: Showable
    answers: int
    met: int | None  # parties meeting the target that year
    expected: int  # of the parties whose value was compared with the target (those that reported)


@dataclass(frozen=True)
class Chart:
    id: str  # "parter-<indicator key>", "status-<commitment number>": the name of its image
    kind: ChartKind
    title: Showable
    indicator_key: str | None  # the indicator whose trend page this chart links to
    rules: ValueRules | None = None  # how its numbers are written
    target: Decimal | None = None  # a numeric target: the target line
    target_text: Showable | None = None  # "minst 50 %"
    is_share: bool = False
    figure_label: Showable | None = None  # what a trend's number is: "Summa för länet", "Andel i länet"
    bars: tuple[Bar, ...] = ()
    rows: tuple[Row, ...] = ()
    points: tuple[Point, ...] = ()
    bands: tuple[Band, ...] = ()  # parties per band of values, instead of a bar each when there are many
    scale_steps: int = 0  # a status chart: the levels of the scale (ej aktuellt is outside it)
    revised_in: tuple[int, ...] = ()  # a trend: the years its question was asked as a revised one (domain.version)

    @property
    def is_judged(self) -> bool:
        """Bars judged against a target: each in the colour of its outcome (met, not met, not yet due), and a
        legend that names them."""
        return any(bar.meets_target is not None for bar in self.bars)


def _line(target: TargetInfo | None) -> tuple[Decimal | None, Showable | None]:
    if target is None:
        return None, None
    if target.comparison is TargetComparison.ONE_OF or target.value is None:
        return None, target.text
    return target.value, target.text


def party_bars(result: IndicatorResult) -> Chart:
    info = result.info
    target, target_text = _line(info.target)
    bars = tuple(
        Bar(v.party.name, v.value.number if v.value is not None else None,
            v.text if v.value is not None else CatalogText(NO_ANSWER), v.meets_target,
            v.due.due_year if v.due is not None else None)
        for v in result.values  # in party order (tracker.domain.party.party_order), as every output lists them
    )
    is_share = info.kind in SHARES
    bands = bands_of(bars, is_share) if len(bars) > MAX_BARS else ()
    return Chart(f"{ChartKind.PARTIES}-{info.key}", ChartKind.PARTIES, info.label, info.key, info.rules, target,
                 target_text, is_share, bars=bars, bands=bands)


def _segments(options: tuple[OptionCount, ...], asked: int, names: dict[str, str]) -> tuple[Segment, ...]:
    segments = [Segment(o.key, o.label, o.count, _in_order(o.parties, names), position)
                for position, o in enumerate(options)]
    missing = asked - sum(o.count for o in options)
    if missing > 0:
        segments.append(Segment("", CatalogText(NO_ANSWER), missing, (), len(options), is_muted=True))
    return tuple(segments)


def answers_chart(result: IndicatorResult, followup: FollowUp, over_years: bool = False) -> Chart:
    """The answers per option: this year's (one row), or every year's (a row per year, newest first)."""
    info = result.info
    names = _names(followup)
    if over_years:
        rows = tuple(Row(str(p.year), _segments(p.distribution, p.expected, names)) for p in reversed(result.trend))
        chart_id = f"{ChartKind.TREND}-{info.key}"
    else:
        rows = (Row("", _segments(result.county.distribution, len(result.expected), names)),)
        chart_id = f"{ChartKind.ANSWERS}-{info.key}"
    return Chart(chart_id, ChartKind.ANSWERS, info.label, info.key, info.rules, None, _line(info.target)[1],
                 rows=rows)


def status_chart(commitment: CommitmentResult, followup: FollowUp) -> Chart:
    names = _names(followup)
    segments = []
    for count in commitment.statuses:
        level = count.level
        parties = _in_order(count.parties, names)
        if level is None:
            segments.append(Segment("", CatalogText(NO_STATUS), count.count, parties, len(commitment.statuses),
                                    is_muted=True))
        else:
            segments.append(Segment(level.key, level.label, count.count, parties, _level_position(count, followup),
                                    is_muted=not level.is_applicable))
    title = CatalogText(N_("Status of the commitment"))
    return Chart(f"{ChartKind.STATUS}-{commitment.number}", ChartKind.STATUS, title, None,
                 rows=(Row("", tuple(segments)),), scale_steps=sum(1 for level in followup.status_levels
                                                                   if level.is_applicable))


def _level_position(count: StatusCount, followup: FollowUp) -> int:
    """The level's place on the scale (the levels outside it after the scale): fixes its colour."""
    levels = sorted(followup.status_levels, key=lambda level: not level.is_applicable)
    return next(i for i, level in enumerate(levels) if level == count.level)


FIGURE_LABELS = {
    IndicatorKind.QUANTITY: N_("County total"), IndicatorKind.COUNT: N_("County total"),
    IndicatorKind.SUM: N_("County total"), IndicatorKind.RATIO: N_("County share (weighted by size)"),
    IndicatorKind.PERCENT: N_("Mean of the parties"),
}


def trend_chart(info: IndicatorInfo, trend: tuple[TrendPoint, ...]) -> Chart:
    target, target_text = _line(info.target)
    is_county_figure = info.commitment_number is None
    figure = CatalogText(N_("County figure") if is_county_figure else FIGURE_LABELS.get(info.kind, N_("Value")))
    points = tuple(Point(p.year, p.value.number if p.value is not None else None, _value_text(info.rules, p.value),
                         p.answers, p.met, p.answered if p.answered is not None else p.expected) for p in trend)
    revised = tuple(point.year for before, point in pairwise(trend)
                    if before.asked_as is not None and point.asked_as not in (None, before.asked_as))
    return Chart(f"{ChartKind.TREND}-{info.key}", ChartKind.TREND, info.label, info.key, info.rules, target,
                 target_text, info.kind in SHARES, figure, points=points, revised_in=revised)


def _value_text(rules: ValueRules, value: Value | None) -> Showable:
    return FormattedValue(rules, value) if value is not None else CatalogText(NO_ANSWER)


def _names(followup: FollowUp) -> dict[str, str]:
    """The parties' names by code, in party order."""
    return {party.code: party.name for party in followup.parties}


def _in_order(codes: tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
    """The names of the parties `codes`, in party order (a code the follow-up does not know last, as it is)."""
    wanted = set(codes)
    return (*(name for code, name in names.items() if code in wanted), *(c for c in codes if c not in names))


def operand_keys(followup: FollowUp) -> frozenset[str]:
    """Answers that feed a derived figure (its counts, its parts)."""
    return frozenset(key for c in followup.commitments for r in c.indicators for key in r.info.rules.operand_keys)


def indicator_chart(result: IndicatorResult, followup: FollowUp) -> Chart | None:
    """The chart of one indicator on the year's page, or None (texts, years, the parts of a derived figure)."""
    kind = result.info.kind
    if result.info.key in operand_keys(followup):
        return None
    if kind in NUMERIC:
        return party_bars(result) if len(result.expected) > 1 else trend_chart(result.info, result.trend)
    if kind in (IndicatorKind.YES_NO, IndicatorKind.CHOICE):
        return answers_chart(result, followup)
    return None


def trend_of(followup: FollowUp, key: str) -> Chart | None:
    """The trend page's chart: the county figure per year, or the answers per year. None for texts and years."""
    for figure in followup.round_figures:
        if figure.info.key == key:
            return trend_chart(figure.info, figure.trend)
    try:
        result = followup.indicator(key)
    except KeyError:
        return None
    if result.info.kind in NUMERIC:
        return trend_chart(result.info, result.trend)
    if result.info.kind in (IndicatorKind.YES_NO, IndicatorKind.CHOICE):
        return answers_chart(result, followup, over_years=True)
    return None


@dataclass(frozen=True)
class CommitmentCharts:
    commitment: CommitmentResult
    charts: tuple[Chart, ...]  # the indicators' charts, then the status chart


def year_charts(followup: FollowUp) -> tuple[tuple[Chart, ...], tuple[CommitmentCharts, ...]]:
    """Every chart of the year: the county figures' trends, then per commitment its charts."""
    county = tuple(trend_chart(f.info, f.trend) for f in followup.round_figures if any(p.value for p in f.trend))
    commitments = tuple(
        CommitmentCharts(c, (*[chart for r in c.indicators if (chart := indicator_chart(r, followup))],
                             status_chart(c, followup)))
        for c in followup.commitments
    )
    return county, commitments


def find_chart(followup: FollowUp, chart_id: str) -> Chart | None:
    """The chart `chart_id` of the year's page or of a trend page; None when there is none."""
    county, commitments = year_charts(followup)
    for chart in (*county, *(chart for c in commitments for chart in c.charts)):
        if chart.id == chart_id:
            return chart
    kind, _, key = chart_id.partition("-")
    return trend_of(followup, key) if kind == ChartKind.TREND else None


__all__ = ["Bar", "Chart", "ChartKind", "CommitmentCharts", "Point", "Row", "Segment", "find_chart",
           "indicator_chart", "status_chart", "trend_of", "year_charts"]
