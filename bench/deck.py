"""The forum deck against a bare python-pptx baseline drawing the same charts in the same process.

The baseline gets the finished chart numbers up front (reports.slides.deck_charts, run before the clock starts)
and only assembles a 16:9 presentation with the same number of slides, a title on each and the same native
charts (same types, categories and series), without styling, text fitting, notes or marks. The deck's time
includes everything from the report data to the bytes. Goals (issue 4): under 1 s for one year of the demo
data, and within 1.5× the baseline.
"""

from __future__ import annotations

from io import BytesIO

from pptx import Presentation
from pptx.util import Inches

from bench.registry import Dataset, Measurement, timed
from reports.slides import build_deck, deck_charts
from reports.slides.charts import CHART_TYPES, chart_data
from reports.slides.spec import ChartSpec

GOAL_RATIO, GOAL_SECONDS = 1.5, 1.0


def bare_deck(pages: list[list[ChartSpec]], text_slides: int) -> bytes:
    """python-pptx alone: blank slides with a title, the charts from ready numbers side by side."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(13.333), Inches(7.5)
    layout = presentation.slide_layouts[6]
    for number in range(text_slides):
        slide = presentation.slides.add_slide(layout)
        slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12), Inches(0.9)).text_frame.text = str(number)
    for page in pages:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12), Inches(0.9)).text_frame.text = page[0].title
        width = Inches(12.3) // len(page)
        for index, spec in enumerate(page):
            slide.shapes.add_chart(CHART_TYPES[spec.form], Inches(0.5) + index * width, Inches(1.4), width,
                                   Inches(5.4), chart_data(spec))
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def forum_deck(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "demo":  # the goal is one year of the demo data; a national deck is not a forum deck
        return []
    followup = dataset.followup
    pages = deck_charts(followup)
    deck = build_deck(followup)
    slides = Presentation(BytesIO(deck)).slides
    charts = sum(1 for slide in slides for shape in slide.shapes if shape.has_chart)
    text_slides = len(slides) - len(pages)
    subject, baseline = timed(lambda: build_deck(followup), lambda: bare_deck(pages, text_slides), repeat=5)
    note = f"{len(slides)} slides, {charts} charts, {len(deck) / 2**10:.0f} KB"
    return [Measurement("forum deck (pptx)", dataset.name, subject, baseline, "python-pptx, same charts bare",
                        goal_ratio=GOAL_RATIO, goal_seconds=GOAL_SECONDS, note=note)]
