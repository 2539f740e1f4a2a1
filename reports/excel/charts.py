"""Native Excel charts (openpyxl.chart) over a sheet's table: bars, lines, or bars with a target line.

Charts go below the table, two side by side where the columns leave room.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart import Series as ChartSeries
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.fill import ColorChoice, PatternFillProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reports.excel.model import Chart, ChartKind, Column
from reports.excel.model import Series as SeriesSpec
from reports.palette import FIGURE, Fill, Pattern

WIDTH_CM, HEIGHT_CM = 12.5, 7.5
ROW_CM = 0.53  # a default row is 15 points
CHAR_CM = 0.19  # a character of column width
PLAIN = Fill(FIGURE)  # a series without a meaning of its own (reports.palette: one colour per meaning)


@dataclass(frozen=True)
class Table:
    """Where the writer put the table: the header's row, the number of rows, the columns and their widths."""

    header_row: int
    count: int
    columns: Sequence[Column]
    first_cells: Sequence[str]  # each row's first cell as text (series titles of charts by rows)
    widths: Sequence[float]


def chart_size(spec: Chart, table: Table) -> tuple[float, float]:
    """Width and height in cm: a horizontal bar chart grows with its categories."""
    if not spec.horizontal:
        return WIDTH_CM, HEIGHT_CM
    first, last = _rows(spec, table)
    return 2 * WIDTH_CM, max(HEIGHT_CM, 0.6 * (last - first + 1) + 3)


def place_charts(ws: WriteOnlyWorksheet, charts: Sequence[Chart], table: Table) -> None:
    """Adds the charts below the table, two side by side where the columns leave room for the second."""
    if table.count == 0 or not charts:
        return
    second, used = None, 0.0
    for index, width in enumerate(table.widths):
        used += width * CHAR_CM
        if used >= WIDTH_CM + 0.3:
            second = get_column_letter(index + 2)
            break
    row = table.header_row + table.count + 2
    beside = False  # a chart waits in the left column for a neighbour
    for spec in charts:
        width, height = chart_size(spec, table)
        chart = _chart(ws, spec, table)
        chart.width, chart.height = width, height
        if beside and width <= WIDTH_CM and second is not None:
            ws.add_chart(chart, f"{second}{row}")
            row += math.ceil(HEIGHT_CM / ROW_CM) + 1
            beside = False
            continue
        if beside:
            row += math.ceil(HEIGHT_CM / ROW_CM) + 1
        ws.add_chart(chart, f"A{row}")
        beside = width <= WIDTH_CM and second is not None
        if not beside:
            row += math.ceil(height / ROW_CM) + 1


def _rich(text: str, size: int, bold: bool) -> RichText:
    properties = CharacterProperties(sz=size, b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=properties),
                                 r=[RegularTextRun(rPr=properties, t=text)])])


def _title(text: str, size: int = 1100, bold: bool = True) -> Title:
    return Title(tx=Text(rich=_rich(text, size, bold)), overlay=False)


def _chart(ws: WriteOnlyWorksheet, spec: Chart, table: Table) -> BarChart | LineChart:
    bars = [s for s in spec.series if s.kind is ChartKind.BAR]
    lines = [s for s in spec.series if s.kind is ChartKind.LINE]
    main: BarChart | LineChart = BarChart() if bars else LineChart()
    categories = _categories(ws, spec, table)
    for series in bars or lines:
        main.series.append(_series(ws, spec, series, table, main))
    main.set_categories(categories)
    if bars and lines:
        overlay = LineChart()
        for series in lines:
            overlay.series.append(_series(ws, spec, series, table, overlay))
        overlay.set_categories(categories)
        main += overlay
    if spec.horizontal and isinstance(main, BarChart):
        main.type = "bar"
        main.x_axis.scaling.orientation = "maxMin"  # the first party at the top
    main.title = _title(spec.title)
    main.x_axis.title = _title(spec.x_title, 900, False) if spec.x_title else None
    main.y_axis.title = _title(spec.y_title, 900, False) if spec.y_title else None
    main.x_axis.delete = main.y_axis.delete = False  # openpyxl hides the axes otherwise
    main.y_axis.scaling.min = 0
    main.y_axis.numFmt = NumFmt(formatCode=spec.number_format or "#,##0", sourceLinked=False)
    if len(spec.series) > 1:
        main.legend.position = "b"
    else:
        main.legend = None
    return main


def _categories(ws: WriteOnlyWorksheet, spec: Chart, table: Table) -> Reference:
    if spec.by_rows:
        return Reference(ws, min_col=spec.categories + 1, max_col=len(table.columns), min_row=table.header_row)
    first, last = _rows(spec, table)
    return Reference(ws, min_col=spec.categories + 1, min_row=first, max_row=last)


def _rows(spec: Chart, table: Table) -> tuple[int, int]:
    first = table.header_row + 1 + spec.first_row
    last = table.header_row + (spec.last_row + 1 if spec.last_row is not None else table.count)
    return first, last


def _paint(properties: GraphicalProperties, fill: Fill) -> None:
    """A bar's fill: its meaning's colour, and its pattern (hatched for no and not met)."""
    if fill.pattern is Pattern.SOLID:
        properties.solidFill = fill.colour
    else:
        properties.pattFill = PatternFillProperties(prst=str(fill.pattern), fgClr=ColorChoice(srgbClr=fill.stripes),
                                                    bgClr=ColorChoice(srgbClr=fill.colour))
    properties.line.solidFill = fill.colour


def _series(ws: WriteOnlyWorksheet, spec: Chart, series_spec: SeriesSpec, table: Table,
            chart: BarChart | LineChart) -> ChartSeries:
    index, title = series_spec.index, series_spec.title
    if spec.by_rows:
        row = table.header_row + 1 + index
        values = Reference(ws, min_col=spec.categories + 1, max_col=len(table.columns), min_row=row)
        name = title or table.first_cells[index]
    else:
        first, last = _rows(spec, table)
        values = Reference(ws, min_col=index + 1, min_row=first, max_row=last)
        name = title or table.columns[index].heading
    series = ChartSeries(values, title=name[:250])
    fill = series_spec.fill or PLAIN
    if isinstance(chart, BarChart):
        _paint(series.graphicalProperties, fill)
        for point, point_fill in enumerate(spec.point_fills):
            if point_fill is not None:
                data_point = DataPoint(idx=point, spPr=GraphicalProperties())
                _paint(data_point.graphicalProperties, point_fill)
                series.dPt.append(data_point)
    else:
        series.graphicalProperties.line.solidFill = fill.colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        if series_spec.dashed:
            series.graphicalProperties.line.dashStyle = "dash"
        series.smooth = False
    return series
