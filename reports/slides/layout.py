"""Slides made of panels: a key figure sentence in large text above a native chart, up to three in a row."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide
from pptx.util import Inches

from reports.slides.charts import add_chart
from reports.slides.frame import Frame, Para, add_text, fitting_size, text_height
from reports.slides.spec import Panel, figure_pages, panel_weight
from reports.slides.theme import CONTENT_BOTTOM, CONTENT_TOP, CONTENT_WIDTH, GUTTER, MARGIN, PRIMARY

HEADING_LARGEST, HEADING_SMALLEST = 20, 14
HEADING_MAX = Inches(1.5)


def heading_size(heading: str, width: int) -> tuple[int, int]:
    """The font size and the height of a panel's heading (0 without one)."""
    if not heading:
        return HEADING_SMALLEST, 0
    paras = [Para(heading, bold=True)]
    size = fitting_size(paras, width, HEADING_MAX, HEADING_LARGEST, HEADING_SMALLEST) or HEADING_SMALLEST
    return size, min(HEADING_MAX, text_height(paras, width, size))


def draw_panel(slide: Slide, panel: Panel, left: int, top: int, width: int, height: int, heading_room: int) -> None:
    """The heading at the top, the chart below the room kept for the row's tallest heading (so charts align)."""
    if panel.heading:
        size, box_height = heading_size(panel.heading, width)
        add_text(slide, left, top, width, box_height, [Para(panel.heading)], size, size, colour=PRIMARY, bold=True)
    chart_top = top + heading_room + (int(Inches(0.1)) if heading_room else 0)
    add_chart(slide, panel.chart, left, chart_top, width, top + height - chart_top)


def draw_row(slide: Slide, panels: Sequence[Panel], top: int, height: int, widths: Sequence[int]) -> None:
    room = max((heading_size(p.heading, w)[1] for p, w in zip(panels, widths, strict=True)), default=0)
    left: int = MARGIN
    for panel, width in zip(panels, widths, strict=True):
        draw_panel(slide, panel, left, top, width, height, room)
        left += width + GUTTER


def _numbered(title: str, number: int, count: int) -> str:
    return f"{title} ({number}/{count})" if count > 1 else title


def figure_slides(frame: Frame, title: str, panels: Sequence[Panel]) -> list[Slide]:
    """The panels side by side, as many as fit a slide (reports.slides.plan.figure_pages), widths by weight."""
    pages = figure_pages(panels)
    slides = []
    for number, page in enumerate(pages, start=1):
        slide = frame.slide(_numbered(title, number, len(pages)))
        weights = [panel_weight(p) for p in page]
        usable = CONTENT_WIDTH - (len(page) - 1) * GUTTER
        draw_row(slide, page, CONTENT_TOP, CONTENT_BOTTOM - CONTENT_TOP,
                 [int(usable * w / sum(weights)) for w in weights])
        slides.append(slide)
    return slides


def grid_slides(frame: Frame, title: str, panels: Sequence[Panel], columns: int = 2, rows: int = 2) -> list[Slide]:
    """The panels in a fixed grid (the same size on every slide), `columns` × `rows` to a slide."""
    per_slide = columns * rows
    pages = [list(panels[i:i + per_slide]) for i in range(0, len(panels), per_slide)]
    width = (CONTENT_WIDTH - (columns - 1) * GUTTER) // columns
    height = (CONTENT_BOTTOM - CONTENT_TOP - (rows - 1) * GUTTER) // rows
    slides = []
    for number, page in enumerate(pages, start=1):
        slide = frame.slide(_numbered(title, number, len(pages)))
        for row in range(rows):
            in_row = page[row * columns:(row + 1) * columns]
            draw_row(slide, in_row, CONTENT_TOP + row * (height + GUTTER), height, [width] * len(in_row))
        slides.append(slide)
    return slides
