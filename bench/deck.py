"""The forum deck against a bare python-pptx baseline drawing the same charts in the same process.

The baseline reads the finished deck once, before the clock starts (every shape's text and place, each chart's
type, categories and series, each slide's notes, as PowerPoint would), and writes the same content with
python-pptx alone: a 16:9 presentation with the same slides on the default master's "Blank" layout, every text
in a text box where the deck has it, the same native charts where the deck has them and the same speaker notes,
without styling, text fitting, theme or layouts of its own (the ratio is our overhead, not more content). The deck's
time includes everything from the report data to the bytes. Goals (issue 4): under 1 s for one year of the demo
data, and within 1.5× the baseline; since issue 8 (every slide on a named layout: its placeholders cloned and
filled, the footer, the page number and the marks on each slide rather than once on a shared layout) within 2×
(0.17 s against 0.10 s, from 0.12 s against 0.085 s before).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from bench.registry import Dataset, Measurement, timed
from reports.slides import build_deck

GOAL_RATIO, GOAL_SECONDS = 2.0, 1.0


Box = tuple[int, int, int, int]  # left, top, width, height in EMU


@dataclass(frozen=True)
class BareChart:
    box: Box
    chart_type: XL_CHART_TYPE
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]


@dataclass(frozen=True)
class BareSlide:
    texts: tuple[tuple[Box, str], ...]
    charts: tuple[BareChart, ...]
    notes: str


def _box(shape: Any) -> Box:
    return (int(shape.left or 0), int(shape.top or 0), int(shape.width or Inches(1)), int(shape.height or Inches(1)))


def contents_of(deck: bytes) -> list[BareSlide]:
    """Every slide's texts (with their places), charts and notes, as python-pptx reads them back."""
    slides = []
    for slide in Presentation(BytesIO(deck)).slides:
        texts, charts = [], []
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                charts.append(BareChart(_box(shape), shape.chart.chart_type, tuple(str(c) for c in plot.categories),
                                        tuple((s.name, tuple(s.values)) for s in plot.series)))
            elif shape.has_text_frame and shape.text_frame.text.strip():
                texts.append((_box(shape), shape.text_frame.text))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(BareSlide(tuple(texts), tuple(charts), notes))
    return slides


def bare_deck(slides: list[BareSlide]) -> bytes:
    """python-pptx alone writing the same content: text boxes, native charts from ready numbers, notes."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    layout = presentation.slide_layouts[6]  # Blank
    for content in slides:
        slide = presentation.slides.add_slide(layout)
        for box, words in content.texts:
            slide.shapes.add_textbox(*box).text_frame.text = words
        for chart in content.charts:
            data = CategoryChartData()
            data.categories = chart.categories
            for name, values in chart.series:
                data.add_series(name, values)
            slide.shapes.add_chart(chart.chart_type, *chart.box, data)
        if content.notes:
            slide.notes_slide.notes_text_frame.text = content.notes
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def forum_deck(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "demo":  # the goal is one year of the demo data; a national deck is not a forum deck
        return []
    followup = dataset.followup
    deck = build_deck(followup)
    slides = contents_of(deck)
    charts = sum(len(slide.charts) for slide in slides)
    texts = sum(len(slide.texts) for slide in slides)
    bare = bare_deck(slides)
    subject, baseline = timed(lambda: build_deck(followup), lambda: bare_deck(slides), repeat=5)
    note = (f"{len(slides)} slides, {texts} texts, {charts} charts, notes on "
            f"{sum(1 for slide in slides if slide.notes)}; {len(deck) / 2**10:.0f} KB, bare {len(bare) / 2**10:.0f} KB")
    return [Measurement("forum deck (pptx)", dataset.name, subject, baseline, "python-pptx, same content bare",
                        goal_ratio=GOAL_RATIO, goal_seconds=GOAL_SECONDS, note=note)]
