"""The follow-up's charts (matplotlib, `Figure()` only): report data in, bytes out. Pure: no database, no Flask.

    year_charts(followup)            -> the county figures' trend charts and each commitment's charts
    find_chart(followup, chart_id)   -> one chart (of the year's page or a trend page), or None
    trend_of(followup, key)          -> the trend page's chart of an indicator, or None
    render_svg(chart, locale)        -> SVG bytes with <title> and <desc>; render_png for a PNG
    chart_table(chart, locale)       -> the same numbers as a table (the chart's text alternative); alt_text
    build_handout(followup, locale)  -> the PDF handout: a title page, then one page per commitment

The chart model and its tables need no matplotlib; the functions that draw (render_svg, render_png,
build_handout) import it when first used, so that a process that never draws (a worker serving forms, the
CLI's other commands) does not pay the half second matplotlib takes to import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reports.charts.model import Chart, ChartKind, CommitmentCharts, find_chart, trend_of, year_charts
from reports.charts.tables import Table, alt_text, chart_table, description

if TYPE_CHECKING:
    from reports.charts.handout import build_handout
    from reports.charts.render import render_png, render_svg

_DRAWING = {"build_handout": "reports.charts.handout", "render_png": "reports.charts.render",
            "render_svg": "reports.charts.render"}

__all__ = [
    "Chart", "ChartKind", "CommitmentCharts", "Table", "alt_text", "build_handout", "chart_table", "description",
    "find_chart", "render_png", "render_svg", "trend_of", "year_charts",
]


def __getattr__(name: str) -> Any:
    """The drawing functions, imported on first use (PEP 562)."""
    if name in _DRAWING:
        return getattr(importlib.import_module(_DRAWING[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
