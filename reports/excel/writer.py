"""Writes `Sheet`s into an openpyxl workbook in write-only mode (streamed: the national Rådata is big).

Numbers stay numbers (an `Amount` gets a number format with its unit), every text is set as a string through
`safe_text`, the header row is frozen and filtered, column widths fit their content (or the sheet says how wide).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import chain, islice
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from reports.excel.charts import Table, place_charts
from reports.excel.model import Amount, Column, Row, Sheet, Style, Styled
from tracker.domain.cell_text import safe_text

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FIT_SAMPLE = 500  # rows looked at to fit the column widths
SAFE_CACHE = 50_000  # texts remembered per sheet
MAX_WIDTH, MIN_WIDTH = 60.0, 6.0
WARNING_COLOUR = "C00000"
FONTS = {
    Style.TITLE: Font(bold=True, size=14),
    Style.HEADING: Font(bold=True, size=11),
    Style.STRONG: Font(bold=True),
    Style.WARNING: Font(bold=True, color=WARNING_COLOUR),
    Style.NOTE: Font(italic=True),
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@cache
def number_format(unit: str | None, decimals: int) -> str:
    """'#,##0.0" GWh"', '0.0" %"' (shares stored 0–100), '#,##0" st"'."""
    digits = "0" + ("." + "0" * decimals if decimals else "")
    pattern = digits if unit == "%" else "#,##" + digits
    return f'{pattern}" {unit}"' if unit else pattern


def write_workbook(sheets: Iterable[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        SheetWriter(workbook.create_sheet(title=safe_title(sheet.title)), sheet).write()
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip("' ")
    return cleaned[:31] or "-"


class SheetWriter:
    def __init__(self, ws: WriteOnlyWorksheet, sheet: Sheet) -> None:
        self.ws = ws
        self.sheet = sheet
        self.wrap = {index for index, column in enumerate(sheet.columns) if column.wrap}
        self._safe: dict[str, str] = {}

    def write(self) -> None:
        ws, sheet = self.ws, self.sheet
        rows: Iterator[Row] = iter(sheet.rows)
        sample = list(islice(rows, FIT_SAMPLE))
        widths = self._widths(sample)
        self.widths = widths
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        if sheet.page_header:
            ws.oddHeader.center.text = sheet.page_header.replace("&", "&&")  # "&" starts a header code
            ws.oddHeader.center.color = WARNING_COLOUR
        header_row = len(sheet.preamble) + 1
        # Before the first row: a write-only sheet writes its view (the frozen panes) with it.
        ws.freeze_panes = f"{get_column_letter(sheet.freeze_columns + 1)}{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        for row in sheet.preamble:
            ws.append([self._cell(value, -1) for value in row])
        self._height(header_row, [c.heading for c in sheet.columns], range(len(sheet.columns)), bold=True)
        ws.append([self._header(column) for column in sheet.columns])
        count = 0
        convert, wrap, by_rows = self._row, sorted(self.wrap), any(c.by_rows for c in sheet.charts)
        first_cells: list[str] = []
        for row in chain(sample, rows):
            count += 1
            tall = bool(wrap) and self._height(header_row + count, row, wrap) > 1
            if by_rows:
                first_cells.append(_plain_text(row[0]) if row else "")
            ws.append(self._top(convert(row)) if tall else convert(row))
        last_row = header_row + max(count, 1)
        if sheet.autofilter:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(sheet.columns))}{last_row}"
        place_charts(ws, sheet.charts, Table(header_row, count, sheet.columns, first_cells, widths))

    def _height(self, row_index: int, values: Sequence[object], columns: Iterable[int], bold: bool = False) -> int:
        """Rows with wrapped text are made tall enough (spreadsheet programs do not grow them on opening)."""
        lines = 1
        for index in columns:
            if index < len(values) and (text := _plain_text(values[index])):
                per_line = max(1.0, self.widths[index] * (1.05 if bold else 1.25) - 2)
                lines = max(lines, sum(math.ceil(max(1, len(part)) / per_line) for part in text.split("\n")))
        if lines > 1:
            self.ws.row_dimensions[row_index].height = min(409, 15 * lines)
        return lines

    def _top(self, cells: list[object]) -> list[object]:
        """A tall row's cells aligned to the top, so that one-line cells sit beside the first line of the others."""
        aligned: list[object] = []
        for value in cells:
            if value is None:
                aligned.append(None)
                continue
            cell = value if isinstance(value, Cell) else WriteOnlyCell(self.ws, value)
            cell.alignment = Alignment(wrap_text=bool(cell.alignment.wrap_text), vertical="top")
            aligned.append(cell)
        return aligned

    def _widths(self, sample: Sequence[Row]) -> list[float]:
        widths = []
        for index, column in enumerate(self.sheet.columns):
            if column.width is not None:
                widths.append(column.width)
                continue
            longest = max((_length(row[index]) for row in sample if index < len(row)), default=0)
            heading = max((len(word) for word in column.heading.split()), default=0)
            widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest * 1.1 + 2, heading + 2)))
        return widths

    def _header(self, column: Column) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, safe_text(column.heading))
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        return cell

    def _row(self, row: Row) -> list[object]:
        """A table row's cells; the fast path (the national Rådata is a million and a half cells): numbers and
        None as they are, texts through the cache of `_text`, everything else through `_cell`."""
        text, cell, wrap = self._text, self._cell, self.wrap
        return [
            value if value is None or (kind := type(value)) is int or kind is Decimal
            else text(value) if kind is str and index not in wrap  # type: ignore[arg-type]  # `kind is str`: a str
            else cell(value, index)
            for index, value in enumerate(row)
        ]

    def _text(self, value: str) -> WriteOnlyCell | str:
        """`safe_text(value)`, remembered: names, labels and states repeat on every row."""
        cached = self._safe.get(value)
        if cached is not None:
            return cached
        text = safe_text(value)
        if text in ERROR_CODES:  # "#N/A" typed by someone is their text, not an error value
            cell = WriteOnlyCell(self.ws, None)
            _set_string(cell, text)
            return cell
        if len(self._safe) < SAFE_CACHE:
            self._safe[value] = text
        return text

    def _cell(self, value: object, index: int) -> object:
        if isinstance(value, Styled):
            cell = WriteOnlyCell(self.ws, None)
            self._set(cell, value.value)
            cell.font = FONTS[value.style]
            if index in self.wrap:
                cell.alignment = WRAP
            return cell
        if isinstance(value, Amount | datetime) or (isinstance(value, str) and index in self.wrap):
            cell = WriteOnlyCell(self.ws, None)
            self._set(cell, value)
            if index in self.wrap:
                cell.alignment = WRAP
            return cell
        if isinstance(value, str):
            return self._text(value)
        return value

    def _set(self, cell: WriteOnlyCell, value: object) -> None:
        if isinstance(value, Amount):
            cell.value = value.number
            cell.number_format = number_format(value.unit, value.decimals)
        elif isinstance(value, datetime):
            moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
            cell.value = moment.astimezone(STOCKHOLM).replace(tzinfo=None)
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, str):
            _set_string(cell, safe_text(value))
        else:
            cell.value = value


def _set_string(cell: WriteOnlyCell, text: str) -> None:
    """A string cell, whatever the text looks like (openpyxl would guess a formula or an error value)."""
    cell.value = None
    cell._value = text[:32767]
    cell.data_type = "s"


def _plain_text(value: object) -> str:
    """The text a cell shows when it is a text (numbers never wrap)."""
    if isinstance(value, Styled):
        return _plain_text(value.value)
    return value if isinstance(value, str) else ""


def _length(value: object) -> int:
    if isinstance(value, Styled):
        return 0 if value.style in (Style.TITLE, Style.NOTE, Style.WARNING) else _length(value.value)
    if isinstance(value, Amount):
        return len(f"{value.number:,.{value.decimals}f}") + len(value.unit or "") + 1
    if isinstance(value, datetime):
        return 16
    if value is None:
        return 0
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)
