"""What a chart of the deck shows, without saying how it is drawn: `ChartSpec` (numbers, names, colours, scale),
a `Panel` (a chart under its key figure sentence) and how panels share the slides.

reports.slides.plan makes them from the report data; reports.slides.charts draws them as native charts, and the
benchmark's baseline draws the same specs with python-pptx alone.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from reports.palette import Fill

SHARE_FORMAT, NUMBER_FORMAT, COUNT_FORMAT = '0" %"', "General", "0;;;"  # COUNT_FORMAT hides zeros
LOCALE_TAGS = {"sv": "[$-41D]", "en": "[$-809]"}  # numbers in the deck's language (12,5), whatever the viewer's


class ChartForm(enum.StrEnum):
    PARTY_BARS = "party_bars"  # horizontal bars, one per party; a series per target outcome, one bar each
    YEAR_COLUMNS = "year_columns"  # stacked columns, one per year: answers per option
    STATUS_BAR = "status_bar"  # one horizontal bar per category, stacked by status level
    STATUS_BARS_100 = "status_bars_100"  # the same, every bar 100 % (parties of different number)
    TREND_LINE = "trend_line"  # figures per year as lines
    COLUMNS = "columns"  # clustered columns
    HISTOGRAM = "histogram"  # stacked columns: parties per interval of the value


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    name: str
    values: tuple[float | None, ...]
    fill: Fill  # the colour of its meaning (reports.palette), and its pattern
    dashed: bool = False

    @property
    def colour(self) -> str:
        return self.fill.colour


@dataclass(frozen=True)
class ChartSpec:
    form: ChartForm
    title: str
    categories: tuple[str, ...]
    series: tuple[SeriesSpec, ...]
    number_format: str = NUMBER_FORMAT
    axis_max: float | None = None  # None: the office program scales; the minimum is always 0
    axis_title: str = ""
    major_unit: float | None = None  # the step between gridlines; None: the office program's choice
    language: str = "sv"  # of the chart's text (and its numbers' decimal comma)

    def description(self) -> str:
        """The chart's numbers as text: its alternative text for screen readers."""
        parts = []
        for series in self.series:
            values = ", ".join(f"{category} {_plain(value)}" for category, value in zip(self.categories,
                               series.values, strict=True) if value is not None)
            if values:
                parts.append(f"{series.name}: {values}")
        return f"{self.title}. " + "; ".join(parts)


@dataclass(frozen=True)
class Panel:
    """A chart with the key figure sentence above it (empty when the indicator has none)."""

    heading: str
    chart: ChartSpec
    key: str = ""  # the indicator's, when the panel shows one

    @property
    def is_trend(self) -> bool:
        return self.chart.form is ChartForm.TREND_LINE


MAX_BARS_BESIDE = 8  # more bars per party than this are unreadable at half a 16:9 slide's width


def needs_whole_slide(panel: Panel) -> bool:
    """A chart of a bar per party with more bars than fit beside another chart gets the slide to itself."""
    return panel.chart.form is ChartForm.PARTY_BARS and len(panel.chart.categories) > MAX_BARS_BESIDE


def figure_pages(panels: Sequence[Panel]) -> list[list[Panel]]:
    """The panels in order, two to a slide side by side (the layout Two charts), or one alone (Chart) where it
    needs the whole width: then its neighbour is alone too, rather than change the order."""
    pages: list[list[Panel]] = []
    for panel in panels:
        if pages and len(pages[-1]) == 1 and not needs_whole_slide(pages[-1][0]) and not needs_whole_slide(panel):
            pages[-1].append(panel)
        else:
            pages.append([panel])
    return pages


def _plain(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))



def axis_step(top: float | None, whole: bool) -> float | None:
    """Gridlines every 20 % on a share's 0–100 scale, and at whole numbers on a scale of counts."""
    if top is None:
        return None
    if not whole:
        return 20.0 if top == 100 else None
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 8:
            return float(step)
    return None


def count_scale(top: float) -> tuple[float, float]:
    """A scale of counts (parties, answers): its maximum, rounded up to a whole gridline, and the step."""
    step = axis_step(max(top, 1.0), whole=True) or 1.0
    return float(-(-max(top, 1.0) // step) * step), step


def nice_ceiling(value: float) -> float:
    """The next round number at or above `value` (1, 2, 2.5, 5 × a power of ten): a scale that rarely moves."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power

