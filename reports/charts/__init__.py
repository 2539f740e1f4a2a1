"""The follow-up's charts (matplotlib, `Figure()` only): report data in, bytes out. Pure: no database, no Flask.

    year_charts(followup)            -> the county figures' trend charts and each commitment's charts
    find_chart(followup, chart_id)   -> one chart (of the year's page or a trend page), or None
    trend_of(followup, key)          -> the trend page's chart of an indicator, or None
    render_svg(chart, locale)        -> SVG bytes with <title> and <desc>; render_png for a PNG
    chart_table(chart, locale)       -> the same numbers as a table (the chart's text alternative); alt_text
    build_handout(followup, locale)  -> the PDF handout: a title page, then one page per commitment
"""

from reports.charts.handout import build_handout
from reports.charts.model import Chart, ChartKind, CommitmentCharts, find_chart, trend_of, year_charts
from reports.charts.render import render_png, render_svg
from reports.charts.tables import Table, alt_text, chart_table, description

__all__ = [
    "Chart", "ChartKind", "CommitmentCharts", "Table", "alt_text", "build_handout", "chart_table", "description",
    "find_chart", "render_png", "render_svg", "trend_of", "year_charts",
]
