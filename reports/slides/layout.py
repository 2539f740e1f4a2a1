"""Slides made of panels: a key figure sentence in large text above a native chart, one or two to a slide, on the
layouts Chart and Two charts (the sentence in the layout's heading placeholder, the chart in its chart one)."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from reports.slides.frame import Frame, Para, drop, fill_placeholder, move, text_height
from reports.slides.layouts import Layout, Rect, rect_of
from reports.slides.spec import Panel, figure_pages

HEADING_LARGEST, HEADING_SMALLEST = 20, 14


def _numbered(title: str, number: int, count: int) -> str:
    return f"{title} ({number}/{count})" if count > 1 else title


def _heading(placeholder: Shape, heading: str) -> int:
    """The heading in its placeholder; returns how far below the placeholder's bottom the text reaches (0 when it
    fits), so that the chart below can make room instead of being overlapped."""
    size = fill_placeholder(placeholder, [Para(heading)], HEADING_LARGEST, HEADING_SMALLEST, bold=True)
    box = rect_of(placeholder)
    return max(0, text_height([Para(heading, bold=True)], box.width, size) - box.height)


def panel_slide(frame: Frame, title: str, panels: Sequence[Panel]) -> Slide:
    """One or two panels side by side. Without any heading the charts take the headings' room; with a heading too
    long for its placeholder the row's charts move down together, so that the charts still align."""
    slide = frame.slide(title, layout=Layout.CHART if len(panels) == 1 else Layout.TWO_CHARTS)
    places = frame.placeholders(slide)
    pairs = [(places[2 * i], places[2 * i + 1]) for i in range(len(panels))]
    overflow = max((_heading(heading, panel.heading) for panel, (heading, _) in zip(panels, pairs, strict=True)
                    if panel.heading), default=0)
    with_heading = any(panel.heading for panel in panels)
    for panel, (heading, chart) in zip(panels, pairs, strict=True):
        box, top = rect_of(chart), rect_of(heading)
        if not panel.heading:
            drop(heading)
        elif overflow:
            move(heading, Rect(top.left, top.top, top.width, top.height + overflow))
        start = box.top + overflow if with_heading else top.top
        frame.chart(slide, chart, panel.chart, Rect(box.left, start, box.width, box.bottom - start))
    return slide


def figure_slides(frame: Frame, title: str, panels: Sequence[Panel]) -> list[Slide]:
    """The panels in order, two to a slide, or one where a chart needs the slide's width (spec.figure_pages)."""
    pages = figure_pages(panels)
    return [panel_slide(frame, _numbered(title, number, len(pages)), page)
            for number, page in enumerate(pages, start=1)]


def paired_slides(frame: Frame, title: str, panels: Sequence[Panel]) -> list[Slide]:
    """The panels two to a slide, in order (the charts of the development over the years)."""
    pages = [list(panels[i:i + 2]) for i in range(0, len(panels), 2)]
    return [panel_slide(frame, _numbered(title, number, len(pages)), page)
            for number, page in enumerate(pages, start=1)]
