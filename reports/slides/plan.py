"""Which chart shows which figures: chart specifications (numbers, names, colours, scales) from the report data.

Chosen by the indicator's kind and aggregate, never by its key, so a revised agreement needs no code:
- quantities, counts, sums, shares and percentages asked of several parties: one bar per party, coloured by
  whether the party meets its target (target in the title; shares on a fixed 0–100 % scale);
- a figure with a county target, or asked of one party only: the county figure per year as a line, with the
  target as a dashed line;
- yes/no and choice questions asked of several parties: the answers per option, stacked, one column per year;
- year and free-text questions: no chart.
A party target on a count ("at least 1 station") is followed over the years as the number of parties meeting it.
Pure: no pptx here (the spec types are in reports.slides.spec).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reports.data import CommitmentResult, FollowUp, IndicatorInfo, IndicatorResult, RoundFigure, TrendPoint
from reports.data.catalogue import party_noun
from reports.data.revisions import revision_note
from reports.data.types import Aggregate, PartyValue, StatusLevelInfo
from reports.palette import EXPECTED, FIGURE, FILLS, TARGET_LINE, Fill, Meaning, option_fills, status_fill
from reports.slides.spec import (
    COUNT_FORMAT,
    LOCALE_TAGS,
    NUMBER_FORMAT,
    SHARE_FORMAT,
    ChartForm,
    ChartSpec,
    Panel,
    SeriesSpec,
    axis_step,
    count_scale,
    nice_ceiling,
)
from tracker.domain import IndicatorKind, TargetComparison
from tracker.domain.agreement import TargetScope
from tracker.domain.messages import N_
from tracker.domain.numbers import format_number

Gettext = Callable[[str], str]
SHARE_KINDS = (IndicatorKind.PERCENT, IndicatorKind.RATIO)
COUNT_KINDS = (IndicatorKind.COUNT, IndicatorKind.QUANTITY, IndicatorKind.SUM)
YEARS_OF_ANSWERS = 6  # answer distributions: this year and up to five before it
MAX_PARTY_BARS = 30  # more parties than this: a histogram instead of a bar each
HISTOGRAM_BINS = 10

MET, NOT_MET, NOT_DUE = N_("Meets the target"), N_("Does not meet the target"), N_("Target not yet due")
WHOLE_COUNTY, MEAN_OF_PARTIES, TARGET = N_("Whole county"), N_("Mean of the parties"), N_("Target")
NO_STATUS, NOT_REPORTED, NO_ANSWER = N_("No status given"), N_("Not reported"), N_("No answer")
OUTCOME_FILLS = {MET: FILLS[Meaning.MET], NOT_MET: FILLS[Meaning.NOT_MET], NOT_DUE: FILLS[Meaning.NOT_DUE]}
PLAIN, LINE = Fill(FIGURE), Fill(FIGURE)


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


@dataclass
class Planner:
    """Chart specifications for one follow-up in one language."""

    followup: FollowUp
    locale: str
    t: Gettext

    def __post_init__(self) -> None:
        largest: dict[str, Decimal] = {}
        for row in self.followup.raw_rows:  # every year's answers: a per-party scale that stays put
            if row.indicator is not None and row.value is not None and row.value.number is not None:
                key = row.indicator.key
                largest[key] = max(largest.get(key, row.value.number), row.value.number)
        self.largest = largest

    def _chart(self, *args: Any, **kwargs: Any) -> ChartSpec:
        """A ChartSpec in the planner's language."""
        return ChartSpec(*args, **{**kwargs, "language": self.locale})

    def fmt(self, number_format: str) -> str:
        """`number_format` with the deck's language, so that 12,5 has a decimal comma in a Swedish deck."""
        return LOCALE_TAGS.get(self.locale, "") + number_format

    # -- per indicator -------------------------------------------------------------------------------
    def indicator_chart(self, result: IndicatorResult) -> ChartSpec | None:
        method = result.county.method
        if method is Aggregate.DISTRIBUTION:
            return self.answers_per_year(result) if len(result.expected) > 1 else None
        if method is Aggregate.ANSWERS:
            return None
        target = result.info.target
        if (target is not None and target.scope is TargetScope.COUNTY) or len(result.expected) < 2:
            return self.indicator_trend(result)
        return self.party_bars(result)

    def _title(self, info: IndicatorInfo) -> str:
        label = info.label.get(self.locale)
        if info.target is None:
            return label
        return self.t(N_("%(label)s – target: %(target)s")) % {"label": label,
                                                                "target": info.target.text.get(self.locale)}

    def _groups(self, result: IndicatorResult) -> list[tuple[str, Fill]]:
        """The series of a per-party chart: the target outcomes (or one series without a target)."""
        info = result.info
        if info.target is None:
            return [(info.label.get(self.locale), PLAIN)]
        groups = [MET, NOT_MET] + ([NOT_DUE] if info.target.due_indicator_key is not None else [])
        return [(group, OUTCOME_FILLS[group]) for group in groups]

    def _scale(self, result: IndicatorResult) -> float:
        """0–100 for shares; otherwise a round number above every year's largest answer and the target."""
        info = result.info
        if info.kind in SHARE_KINDS:
            return 100.0
        top = self.largest.get(info.key, Decimal(0))
        if info.target is not None and info.target.value is not None:
            top = max(top, info.target.value)
        return nice_ceiling(float(top))

    def party_bars(self, result: IndicatorResult) -> ChartSpec:
        """A bar per party, in one series per target outcome; with more parties than bars can show, a histogram."""
        if len(result.values) > MAX_PARTY_BARS:
            return self.histogram(result)
        info = result.info
        categories = tuple(self._party(value) for value in result.values)
        numbers = [_number(v.value.number) if v.value is not None else None for v in result.values]
        outcome = [_outcome(v) if info.target is not None else "" for v in result.values]
        series = tuple(
            SeriesSpec(self.t(name) if info.target is not None else name,
                       tuple(n if info.target is None or o == name else None
                             for n, o in zip(numbers, outcome, strict=True)), colour)
            for name, colour in self._groups(result))
        share = info.kind in SHARE_KINDS
        scale = self._scale(result)
        return self._chart(ChartForm.PARTY_BARS, self._title(info), categories, series,
                           self.fmt(SHARE_FORMAT if share else NUMBER_FORMAT), scale, "" if share else info.unit or "",
                           axis_step(scale, whole=info.kind is IndicatorKind.COUNT))

    def _party(self, value: PartyValue) -> str:
        """A bar's name: the party's, and why there is no bar (not reported, or no answer)."""
        if not value.is_reported:
            return f"{value.party.name} ({self.t(NOT_REPORTED).lower()})"
        if value.value is None or value.value.number is None:
            return f"{value.party.name} ({self.t(NO_ANSWER).lower()})"
        return value.party.name

    def histogram(self, result: IndicatorResult) -> ChartSpec:
        """How many parties answered within each tenth of the scale, stacked by target outcome."""
        info = result.info
        scale = self._scale(result)
        width = scale / HISTOGRAM_BINS
        unit = " %" if info.kind in SHARE_KINDS else f" {info.unit}" if info.unit else ""
        edges = [format_number(Decimal(repr(width * index)), self.locale, 2) for index in range(HISTOGRAM_BINS + 1)]
        categories = tuple(f"{edges[i]}–{edges[i + 1]}{unit}" for i in range(HISTOGRAM_BINS))
        counts = {name: [0.0] * HISTOGRAM_BINS for name, _ in self._groups(result)}
        for value in result.values:
            if value.value is None or value.value.number is None:
                continue
            index = min(HISTOGRAM_BINS - 1, max(0, int(float(value.value.number) // width)))
            group = _outcome(value) if info.target is not None else info.label.get(self.locale)
            counts[group][index] += 1
        series = tuple(SeriesSpec(self.t(name) if info.target is not None else name, tuple(counts[name]), colour)
                       for name, colour in self._groups(result))
        top, step = count_scale(max(map(sum, zip(*counts.values(), strict=True)), default=1))
        parties = party_noun(result.expected).get(self.locale)
        title = self.t(N_("%(label)s – %(parties)s per interval")) % {"label": self._title(info), "parties": parties}
        return self._chart(ChartForm.HISTOGRAM, title, categories, series, self.fmt(COUNT_FORMAT), top,
                           _capital(parties), step)

    def answers_per_year(self, result: IndicatorResult) -> ChartSpec:
        """The answers per option and year, each option in the colour of its meaning; those asked who have not
        answered (not reported) on top, dotted."""
        points = result.trend[-YEARS_OF_ANSWERS:]
        series = []
        options = result.county.distribution
        for option, fill in zip(options, option_fills([o.key for o in options]), strict=True):
            counts = tuple(float(next((c.count for c in p.distribution if c.key == option.key), 0)) for p in points)
            series.append(SeriesSpec(option.label.get(self.locale), counts, fill))
        missing = tuple(float(max(0, p.expected - sum(c.count for c in p.distribution))) for p in points)
        if any(missing):
            series.append(SeriesSpec(self.t(NOT_REPORTED), missing, FILLS[Meaning.NOT_REPORTED]))
        top, step = count_scale(max((max(p.expected, sum(c.count for c in p.distribution)) for p in points),
                                        default=1))
        return self._chart(ChartForm.YEAR_COLUMNS, self._title(result.info), tuple(str(p.year) for p in points),
                           tuple(series), self.fmt(COUNT_FORMAT), top, self.t(N_("Answers")), step)

    def indicator_trend(self, result: IndicatorResult) -> ChartSpec:
        info, target = result.info, result.info.target
        years = tuple(str(point.year) for point in result.trend)
        if target is not None and target.scope is TargetScope.PARTY and info.kind in COUNT_KINDS:
            parties = party_noun(result.expected).get(self.locale)
            met = SeriesSpec(_capital(self.t(N_("%(parties)s meeting the target")) % {"parties": parties}),
                             tuple(float(p.met or 0) for p in result.trend), FILLS[Meaning.MET])
            applies = SeriesSpec(_capital(self.t(N_("%(parties)s the target applies to")) % {"parties": parties}),
                                 tuple(float(p.expected) for p in result.trend), TARGET_LINE, dashed=True)
            top, step = count_scale(max((p.expected for p in result.trend), default=1))
            title = self.t(N_("%(label)s – %(parties)s meeting the target (%(target)s) per year")) % {
                "label": info.label.get(self.locale), "parties": parties, "target": target.text.get(self.locale)}
            return self._chart(ChartForm.TREND_LINE, title, years, (met, applies), self.fmt(NUMBER_FORMAT), top,
                               self.t(N_("Parties")), step)
        name = self.t(MEAN_OF_PARTIES if result.county.method is Aggregate.MEAN else WHOLE_COUNTY)
        if len(result.expected) == 1:
            name = result.expected[0].name
        return self._trend(info, result.trend, name, years)

    def _trend(self, info: IndicatorInfo, trend: tuple[TrendPoint, ...], name: str, years: tuple[str, ...]
               ) -> ChartSpec:
        values = tuple(_number(p.value.number) if p.value is not None else None for p in trend)
        series = [SeriesSpec(name, values, LINE)]
        target = info.target
        if target is not None and target.value is not None and target.comparison is not TargetComparison.ONE_OF:
            series.append(SeriesSpec(self.t(TARGET), tuple(float(target.value) for _ in trend), TARGET_LINE,
                                     dashed=True))
        share = info.kind in SHARE_KINDS
        return self._chart(ChartForm.TREND_LINE, self._title(info), years, tuple(series),
                         self.fmt(SHARE_FORMAT if share else NUMBER_FORMAT), 100.0 if share else None,
                         "" if share else info.unit or "", 20.0 if share else None)

    def round_figure_trend(self, figure: RoundFigure) -> ChartSpec:
        years = tuple(str(point.year) for point in figure.trend)
        return self._trend(figure.info, figure.trend, self.t(WHOLE_COUNTY), years)

    # -- per commitment ------------------------------------------------------------------------------
    def commitment_panels(self, commitment: CommitmentResult) -> list[Panel]:
        """The key figures (indicators with a sentence) and the answer distributions, in the agreement's order."""
        panels = []
        for result in commitment.indicators:
            if result.sentence is None and result.county.method is not Aggregate.DISTRIBUTION:
                continue
            chart = self.indicator_chart(result)
            if chart is not None:
                panels.append(Panel(result.sentence.get(self.locale) if result.sentence else "", chart,
                                    result.info.key))
        if not panels:  # no key figure: whatever figures the commitment has
            panels = [Panel("", chart, result.info.key) for result in commitment.indicators
                      if (chart := self.indicator_chart(result)) is not None]
        return panels

    def status_fill(self, level: StatusLevelInfo | None) -> Fill:
        """A status level's fill: its place on the scale (ej aktuellt is outside it; None: no status given)."""
        scale = [found for found in self.followup.status_levels if found.is_applicable]
        if level is None:
            return status_fill(None, len(scale))
        return status_fill(scale.index(level) if level in scale else 0, len(scale), level.is_applicable)

    def status_chart(self, commitment: CommitmentResult) -> ChartSpec:
        series = []
        for count in commitment.statuses:
            name = count.level.label.get(self.locale) if count.level is not None else self.t(NO_STATUS)
            series.append(SeriesSpec(name, (float(count.count),), self.status_fill(count.level)))
        if len(commitment.expected) == 1:
            title = self.t(N_("Status as %(party)s reports it")) % {"party": commitment.expected[0].name}
        else:
            title = self.t(N_("Status as the parties report it (%(count)s %(parties)s)")) % {
                "count": len(commitment.expected), "parties": party_noun(commitment.expected).get(self.locale)}
        return self._chart(ChartForm.STATUS_BAR, title, (str(self.followup.year),), tuple(series),
                         self.fmt(COUNT_FORMAT), float(len(commitment.expected)))

    # -- the whole follow-up -------------------------------------------------------------------------
    def trend_panels(self, shown: set[str]) -> list[Panel]:
        """County figures per year, and the key figures not already shown per year (`shown`: indicator keys)."""
        if len(self.followup.years) < 2:
            return []
        panels = [Panel(revision_note(figure.revisions, self.locale) or "", self.round_figure_trend(figure))
                  for figure in self.followup.round_figures if any(point.value is not None for point in figure.trend)]
        for commitment in self.followup.commitments:
            for result in commitment.indicators:
                if (result.sentence is not None and result.info.key not in shown
                        and result.county.method in (Aggregate.SUM, Aggregate.SHARE, Aggregate.MEAN)):
                    panels.append(Panel(revision_note(result.revisions, self.locale) or "",
                                        self.indicator_trend(result)))
        return panels

    def status_overview(self) -> ChartSpec:
        """Every commitment's statuses as one 100 % bar each, the scale's colours in order."""
        commitments = self.followup.commitments
        levels = self.followup.status_levels
        series = [SeriesSpec(level.label.get(self.locale),
                             tuple(float(next((c.count for c in commitment.statuses if c.level == level), 0))
                                   for commitment in commitments), self.status_fill(level))
                  for level in levels]
        missing = tuple(float(sum(c.count for c in commitment.statuses if c.level is None))
                        for commitment in commitments)
        if any(missing):
            series.append(SeriesSpec(self.t(NO_STATUS), missing, self.status_fill(None)))
        categories = tuple(f"{c.number}. {c.title.get(self.locale)}" for c in commitments)
        return self._chart(ChartForm.STATUS_BARS_100, self.t(N_("Status per commitment, as the parties report it")),
                         categories, tuple(series), self.fmt(COUNT_FORMAT))

    def reports_per_year(self) -> ChartSpec:
        years = self.followup.years
        top, step = count_scale(max((y.expected for y in years), default=1))
        return self._chart(
            ChartForm.COLUMNS, self.t(N_("Reports per year")), tuple(str(y.year) for y in years),
            (SeriesSpec(self.t(N_("Expected")), tuple(float(y.expected) for y in years), Fill(EXPECTED)),
             SeriesSpec(self.t(N_("Included in the follow-up")), tuple(float(y.reported) for y in years), PLAIN)),
            self.fmt(COUNT_FORMAT), top, major_unit=step)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _outcome(value: PartyValue) -> str:
    if value.due is not None and not value.due.is_due:
        return NOT_DUE
    return MET if value.meets_target else NOT_MET
