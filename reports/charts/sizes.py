"""How big a chart is drawn: its width and the height that fits its bars, rows or points, and its legend.

Without matplotlib, so that a page can lay out its charts' boxes (the dashboard's <img> sizes) without
importing the drawing library; reports.charts.draw draws in these sizes.
"""

from __future__ import annotations

import math

from reports.charts.model import Chart, ChartKind, Segment

WIDTH = 8.0  # inches: about the width of the page's text column


def chart_height(chart: Chart) -> float:
    """The height in inches that fits the chart's bars, rows or points (and its legend)."""
    if chart.kind is ChartKind.PARTIES:
        return 3.4 if chart.bands else 1.0 + 0.3 * len(chart.bars) + (0.35 if chart.is_judged else 0.0)
    if chart.kind is ChartKind.TREND:
        return 3.2
    legend_rows = math.ceil(len(legend_segments(chart)) / legend_columns(chart))
    return 0.8 + 0.45 * len(chart.rows) + 0.3 * legend_rows


def legend_segments(chart: Chart) -> list[Segment]:
    """Every option or level that occurs in any row, in the scale's order: the same legend every year."""
    found: dict[str, Segment] = {}
    for row in chart.rows:
        for segment in row.segments:
            found.setdefault(segment.key, segment)
    return sorted(found.values(), key=lambda s: (s.key == "", s.position))


def legend_columns(chart: Chart) -> int:
    count = len(legend_segments(chart))
    return count if count <= 4 else 3
