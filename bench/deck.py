"""The forum deck against a bare python-pptx baseline drawing the same charts in the same process.

The baseline reads the finished deck once, before the clock starts (each chart's type, categories and series,
as PowerPoint would), and only assembles a 16:9 presentation with the same number of slides, each on a layout
of python-pptx's default master with its title in the layout's title placeholder (as the deck's slides are on
named layouts), and the same native charts, without styling, text fitting, notes, footers or marks. The deck's
time includes everything from the report data to the bytes. Goals (issue 4): under 1 s for one year of the demo
data, and within 1.5× the baseline; since issue 8 (every slide on a named layout: its placeholders cloned and
filled, the footer, the page number and the marks on each slide rather than once on a shared layout) within 2×
(0.17 s against 0.10 s, from 0.12 s against 0.085 s before).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from bench.registry import Dataset, Measurement, timed
from reports.slides import build_deck

GOAL_RATIO, GOAL_SECONDS = 2.0, 1.0


@dataclass(frozen=True)
class BareChart:
    chart_type: XL_CHART_TYPE
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]


def charts_of(deck: bytes) -> list[list[BareChart]]:
    """Every slide's charts as python-pptx reads them back (a slide without charts: an empty list)."""
    pages = []
    for slide in Presentation(BytesIO(deck)).slides:
        page = []
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                page.append(BareChart(shape.chart.chart_type, tuple(str(c) for c in plot.categories),
                                      tuple((s.name, tuple(s.values)) for s in plot.series)))
        pages.append(page)
    return pages


def bare_deck(pages: list[list[BareChart]]) -> bytes:
    """python-pptx alone: slides on its "Title Only" layout with the title in its placeholder, the charts from
    ready numbers side by side."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    layout = presentation.slide_layouts[5]  # Title Only
    for number, page in enumerate(pages):
        slide = presentation.slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = str(number)
        width = Inches(12.3) // max(1, len(page))
        for index, chart in enumerate(page):
            data = CategoryChartData()
            data.categories = chart.categories
            for name, values in chart.series:
                data.add_series(name, values)
            slide.shapes.add_chart(chart.chart_type, Inches(0.5) + index * width, Inches(1.4), width,
                                   Inches(5.4), data)
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def forum_deck(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "demo":  # the goal is one year of the demo data; a national deck is not a forum deck
        return []
    followup = dataset.followup
    deck = build_deck(followup)
    pages = charts_of(deck)
    charts = sum(len(page) for page in pages)
    subject, baseline = timed(lambda: build_deck(followup), lambda: bare_deck(pages), repeat=5)
    note = f"{len(pages)} slides, {charts} charts, {len(deck) / 2**10:.0f} KB"
    return [Measurement("forum deck (pptx)", dataset.name, subject, baseline, "python-pptx, same charts bare",
                        goal_ratio=GOAL_RATIO, goal_seconds=GOAL_SECONDS, note=note)]
