"""The Excel summary against a bare openpyxl baseline writing the same file in the same process.

The baseline reads the finished workbook back once, before the clock starts (every cell's value, number format,
font and fill, the column widths, the frozen panes, the filters, and each chart's kind, place and the ranges of
its series, from the file's XML: openpyxl does not read charts back), and writes the same with openpyxl in
write-only mode, without our row iterators, text guard, width fitting or chart styling. A second, barer baseline
writes the values alone. The summary's time includes
everything from the report data to the bytes: its row iterators, safe_text, widths, charts and saving.
"""

from __future__ import annotations

import zipfile
from copy import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from posixpath import dirname, join, normpath
from typing import Any
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from bench.registry import Dataset, Measurement, timed
from reports.data import FollowUp
from reports.excel import build_summary_workbook, summary_sheets
from reports.excel.model import Amount, Styled
from reports.excel.writer import FONTS, HEADER_FONT, number_format, safe_title

GOAL_RATIO = 1.3
Cell = tuple[Any, str | None, Font | None]  # value (what the exporter yields), number format, font
Sheets = list[tuple[str, list[list[Cell]]]]


def finished_cells(followup: FollowUp) -> Sheets:
    """Every cell of the summary as (value, number format, font), sheet by sheet."""
    sheets: Sheets = []
    for sheet in summary_sheets(followup, "sv"):
        rows: list[list[Cell]] = [[_cell(value) for value in row] for row in sheet.preamble]
        rows.append([(column.heading, None, HEADER_FONT) for column in sheet.columns])
        rows.extend([_cell(value) for value in row] for row in sheet.rows)
        sheets.append((safe_title(sheet.title), rows))
    return sheets


def _cell(value: object) -> Cell:
    if isinstance(value, Amount):
        return value.number, number_format(value.unit, value.decimals), None
    if isinstance(value, Styled):
        return value.value, None, FONTS[value.style]
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None), "yyyy-mm-dd hh:mm", None
    return value, None, None


Prepared = list[tuple[str, list[tuple[list[Any], list[tuple[int, str | None, Font | None]]]]]]


def prepared(sheets: Sheets) -> Prepared:
    """Each row as its plain values plus the few positions that need a styled cell, so that the timed baseline
    does nothing per cell but what openpyxl needs."""
    return [(title, [([value for value, _, _ in row],
                      [(index, fmt, font) for index, (_, fmt, font) in enumerate(row) if fmt or font])
                     for row in rows]) for title, rows in sheets]


def write_same_cells(sheets: Prepared) -> bytes:
    """openpyxl write-only: the same values with the same number formats and fonts."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        ws = workbook.create_sheet(title)
        for values, styled in rows:
            if styled:
                values = list(values)
                for index, fmt, font in styled:
                    cell = WriteOnlyCell(ws, values[index])
                    if fmt is not None:
                        cell.number_format = fmt
                    if font is not None:
                        cell.font = font
                    values[index] = cell
            ws.append(values)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def values_only(sheets: Sheets) -> list[tuple[str, list[list[object]]]]:
    return [(title, [[value for value, _, _ in row] for row in rows]) for title, rows in sheets]


def write_values(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """openpyxl write-only: the values alone, no formats."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@dataclass(frozen=True)
class BareChart:
    anchor: str  # the cell of its top left corner
    bars: bool  # a bar chart, else a line chart
    horizontal: bool
    series: tuple[tuple[str, str | None], ...]  # each series' values range and title cell
    categories: str | None


@dataclass(frozen=True)
class BareSheet:
    title: str
    rows: list[list[tuple[Any, str | None, Font | None, PatternFill | None]]]
    widths: dict[str, float]
    freeze: str | None
    filter_ref: str | None
    charts: list[BareChart]


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part's relationships: id -> the target part's path in the zip."""
    rels = join(dirname(part), "_rels", part.rsplit("/", 1)[1] + ".rels")
    if rels not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read(rels))
    return {r.get("Id", ""): normpath(join(dirname(part), r.get("Target", ""))).lstrip("/")
            for r in root.findall("rel:Relationship", NS)}


def _charts_by_sheet(data: bytes) -> dict[str, list[BareChart]]:
    found: dict[str, list[BareChart]] = {}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        targets = _rels(archive, "xl/workbook.xml")
        for sheet in book.findall("m:sheets/m:sheet", NS):
            part = targets[sheet.get(f"{{{NS['r']}}}id", "")]
            charts: list[BareChart] = []
            for drawing in (t for t in _rels(archive, part).values() if "/drawings/" in t):
                drawing_rels = _rels(archive, drawing)
                for anchor in ElementTree.fromstring(archive.read(drawing)):
                    start = anchor.find("xdr:from", NS)
                    chart_ref = anchor.find(".//c:chart", NS)
                    if start is None or chart_ref is None:
                        continue
                    col = int(start.findtext("xdr:col", "0", NS)) + 1
                    row = int(start.findtext("xdr:row", "0", NS)) + 1
                    chart = ElementTree.fromstring(archive.read(drawing_rels[chart_ref.get(f"{{{NS['r']}}}id", "")]))
                    plot = chart.find(".//c:plotArea", NS)
                    assert plot is not None
                    kinds = [child for child in plot if child.tag.endswith(("barChart", "lineChart"))]
                    series = tuple((ser.findtext("c:val//c:f", "", NS), ser.findtext("c:tx//c:f", None, NS))
                                   for kind in kinds for ser in kind.findall("c:ser", NS))
                    first = kinds[0]
                    direction = first.find("c:barDir", NS)
                    charts.append(BareChart(
                        f"{get_column_letter(col)}{row}", first.tag.endswith("barChart"),
                        direction is not None and direction.get("val") == "bar", series,
                        first.findtext("c:ser/c:cat//c:f", None, NS)))
            found[sheet.get("name", "")] = charts
    return found


def read_back(data: bytes) -> list[BareSheet]:
    """The finished workbook as the baseline writes it again."""
    charts = _charts_by_sheet(data)
    book = load_workbook(BytesIO(data))
    styles: dict[Any, Any] = {}  # one object per distinct font or fill, as a writer keeps them
    plain_font = book._fonts[0]  # the workbook's default font: a cell in it needs no font of its own

    def kept(style: Any) -> Any:
        found = copy(style)
        return styles.setdefault(found, found)

    sheets = []
    for ws in book.worksheets:
        rows = [[(cell.value, cell.number_format if cell.number_format != "General" else None,
                  kept(cell.font) if cell.has_style and cell.font != plain_font else None,
                  kept(cell.fill) if cell.fill is not None and cell.fill.fill_type else None) for cell in row]
                for row in ws.iter_rows()]
        widths = {letter: dim.width for letter, dim in ws.column_dimensions.items() if dim.width}
        sheets.append(BareSheet(ws.title, rows, widths, ws.freeze_panes, ws.auto_filter.ref,
                                charts.get(ws.title, [])))
    return sheets


def write_same_file(sheets: list[BareSheet]) -> bytes:
    """openpyxl write-only: the same cells with their formats, fonts and fills, widths, panes, filters, charts."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        for letter, width in sheet.widths.items():
            ws.column_dimensions[letter].width = width
        if sheet.freeze:
            ws.freeze_panes = sheet.freeze
        if sheet.filter_ref:
            ws.auto_filter.ref = sheet.filter_ref
        for row in sheet.rows:
            values: list[Any] = []
            for value, fmt, font, fill in row:
                if fmt is None and font is None and fill is None:
                    values.append(value)
                    continue
                cell = WriteOnlyCell(ws, value)
                if fmt is not None:
                    cell.number_format = fmt
                if font is not None:
                    cell.font = font
                if fill is not None:
                    cell.fill = fill
                values.append(cell)
            ws.append(values)
        for spec in sheet.charts:
            chart: BarChart | LineChart = BarChart() if spec.bars else LineChart()
            if spec.horizontal and isinstance(chart, BarChart):
                chart.type = "bar"
            for values_ref, _title in spec.series:  # unnamed: the series' titles are the summary's styling
                chart.series.append(Series(Reference(range_string=values_ref), title_from_data=False))
            if spec.categories:
                chart.set_categories(Reference(range_string=spec.categories))
            ws.add_chart(chart, spec.anchor)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def excel_summary(dataset: Dataset) -> list[Measurement]:
    followup = dataset.followup
    repeat = 2 if dataset.name == "national" else 5
    cells = finished_cells(followup)
    finished = build_summary_workbook(followup)
    same, plain = read_back(finished), values_only(cells)
    count = sum(len(row) for _, rows in cells for row in rows)
    charts = sum(len(sheet.charts) for sheet in same)
    subject, styled, bare = timed(lambda: build_summary_workbook(followup), lambda: write_same_file(same),
                                  lambda: write_values(plain), repeat=repeat)
    note = (f"{count:,} cells, {charts} charts, {len(finished) / 2**20:.1f} MB, "
            f"bare {len(write_same_file(same)) / 2**20:.1f} MB").replace(",", " ")
    return [
        Measurement("Excel summary", dataset.name, subject, styled, "openpyxl write-only, same file",
                    goal_ratio=GOAL_RATIO if dataset.name == "national" else None, note=note),
        Measurement("Excel summary", dataset.name, subject, bare, "openpyxl write-only, values only"),
    ]
