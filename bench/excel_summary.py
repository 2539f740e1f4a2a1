"""The Excel summary against a bare openpyxl baseline writing the same cells in the same process.

The baseline gets the finished cells up front (the summary's own row iterators, run before the clock starts) and
only writes them with openpyxl in write-only mode: the same values, the same number formats and fonts, no
charts, no column fitting. A second, barer baseline writes the values alone. The summary's time includes
everything from the report data to the bytes: its row iterators, safe_text, widths, charts and saving.
"""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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


def excel_summary(dataset: Dataset) -> list[Measurement]:
    followup = dataset.followup
    repeat = 2 if dataset.name == "national" else 5
    cells = finished_cells(followup)
    same, plain = prepared(cells), values_only(cells)
    count = sum(len(row) for _, rows in cells for row in rows)
    subject, styled, bare = timed(lambda: build_summary_workbook(followup), lambda: write_same_cells(same),
                                  lambda: write_values(plain), repeat=repeat)
    note = f"{count:,} cells, {len(build_summary_workbook(followup)) / 2**20:.1f} MB".replace(",", " ")
    return [
        Measurement("Excel summary", dataset.name, subject, styled, "openpyxl write-only, same cells",
                    goal_ratio=GOAL_RATIO if dataset.name == "national" else None, note=note),
        Measurement("Excel summary", dataset.name, subject, bare, "openpyxl write-only, values only"),
    ]
