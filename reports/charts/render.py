"""A chart as bytes: SVG (with <title> and <desc>) for the web page, PNG where an image file is wanted.

Figures are made with `matplotlib.figure.Figure()`, never pyplot, so no global figure state is kept; the
settings that make output reproducible (fonts, SVG ids) are applied per call under a lock, because matplotlib's
rcParams are process-wide.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from reports.charts.draw import draw
from reports.charts.model import Chart
from reports.charts.sizes import WIDTH, chart_height
from reports.charts.tables import alt_text, description

SETTINGS: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every server
    "svg.fonttype": "path",  # text as outlines: the chart looks the same in every browser
    "svg.hashsalt": "biogas-tracker",  # stable ids: the same data gives the same bytes
    "pdf.fonttype": 42,  # TrueType in the handout: its text can be searched, copied and read aloud
    "axes.edgecolor": "#4A4A4A",
    "axes.titlesize": 12,
    "figure.dpi": 100,
}
_lock = threading.Lock()


@contextmanager
def chart_settings() -> Iterator[None]:
    """matplotlib's settings for our charts, for the duration of one rendering (serialised: rcParams are global)."""
    with _lock, matplotlib.rc_context(SETTINGS):
        yield


def figure_of(chart: Chart, locale: str) -> Figure:
    figure = Figure(figsize=(WIDTH, chart_height(chart)), layout="constrained")
    draw(figure, chart, locale)
    return figure


def render_svg(chart: Chart, locale: str = "sv") -> bytes:
    """The chart as an SVG document whose <title> is the chart's title and <desc> its numbers."""
    buffer = BytesIO()
    with chart_settings():
        figure_of(chart, locale).savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue().decode("utf-8")
    start = svg.index("<svg")
    end = svg.index(">", start) + 1
    title = escape(chart.title.get(locale))
    desc = escape(f"{alt_text(chart, locale)} {description(chart, locale)}")
    opening = svg[start:end].replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    labelled = f'{opening}\n <title id="chart-title">{title}</title>\n <desc id="chart-desc">{desc}</desc>'
    return (svg[:start] + labelled + svg[end:]).encode("utf-8")


def render_png(chart: Chart, locale: str = "sv", dpi: int = 150) -> bytes:
    buffer = BytesIO()
    with chart_settings():
        figure_of(chart, locale).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
