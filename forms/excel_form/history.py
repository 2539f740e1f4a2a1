"""The bulk import of earlier years: one long-format workbook, one value per row.

Columns: party code (kommunkod), year, indicator key, value and, optionally, a comment (where the figure comes
from). The first row is the header. Every row is checked against the agreement
(`operations.history_import.HistoryCatalogue.check`: unknown party, unknown indicator, an indicator not asked that
year, a bad value by `values.parse`); problems are listed by row. `template` is the empty workbook to fill in.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from forms.excel_form.guards import UNREADABLE, UploadRefusedError, check_workbook
from forms.excel_form.layout import Gettext, answers_text, importable
from tracker.domain import Indicator, localized
from tracker.domain.cell_text import safe_text
from tracker.domain.messages import N_, Message
from tracker.domain.values import InvalidValue
from tracker.operations.history_import import MAX_HISTORY_ROWS, HistoryCatalogue, HistoryProblem, HistoryValue

HEADERS = (N_("Party code"), N_("Year"), N_("Indicator key"), N_("Value"), N_("Comment"))
HEADER_FILL = PatternFill("solid", start_color="DDE7F0")


@dataclass(frozen=True)
class RowError:
    row: int
    message: Message


@dataclass
class HistoryFile:
    values: list[HistoryValue] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


INDICATOR_HEADERS = (N_("Indicator key"), N_("Question"), N_("Unit"), N_("Answers"), N_("Asked from"),
                     N_("Asked until"))


def template(gettext: Gettext, indicators: Sequence[Indicator] = (), locale: str = "sv") -> bytes:
    """The empty long-format workbook: the header row, the party code column as text (so 0680 keeps its 0); a
    second sheet lists the indicators that can be imported, with their keys (from the Indicator rows)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext(N_("Values"))[:31]
    for column, heading in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=column, value=gettext(heading))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for letter, width in zip("ABCDE", (14, 8, 34, 16, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in range(2, 1001):
        sheet.cell(row=row, column=1).number_format = "@"
    sheet.freeze_panes = "A2"
    if indicators:
        _indicator_sheet(workbook.create_sheet(gettext(N_("Indicators"))[:31]), indicators, gettext, locale)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _indicator_sheet(sheet: Any, indicators: Sequence[Indicator], gettext: Gettext, locale: str) -> None:
    for column, heading in enumerate(INDICATOR_HEADERS, start=1):
        cell = sheet.cell(row=1, column=column, value=gettext(heading))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for indicator in importable(indicators):
        sheet.append([safe_text(str(v)) if isinstance(v, str) else v for v in (
            indicator.key, localized(indicator, "label", locale), indicator.unit or "",
            answers_text(indicator, gettext, locale), indicator.valid_from_year, indicator.valid_to_year)])
    for letter, width in zip("ABCDEF", (30, 80, 10, 40, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def read_history(data: bytes, catalogue: HistoryCatalogue) -> HistoryFile:
    """Every row of the first sheet checked; raises `UploadRefusedError` when the file is refused as a whole."""
    check_workbook(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
            sheet = workbook.worksheets[0]
            rows = list(sheet.iter_rows(min_row=1, max_col=5, max_row=MAX_HISTORY_ROWS + 2))
            workbook.close()
    except UNREADABLE:
        raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook.")) from None
    if len(rows) > MAX_HISTORY_ROWS + 1:
        raise UploadRefusedError(N_("The file has more than %(count)s rows."), count=MAX_HISTORY_ROWS)
    result = HistoryFile()
    seen: dict[tuple[str, int, str], int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        raw = [cell.value if hasattr(cell, "value") else None for cell in cells] + [None] * 5
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in raw[:5]):
            continue
        if any(getattr(cell, "data_type", None) == "f" for cell in cells):
            result.errors.append(RowError(number, Message(N_("The row holds a formula. Write the values "
                                                             "themselves."))))
            continue
        try:
            value = catalogue.check(number, *raw[:5])
        except (HistoryProblem, InvalidValue) as problem:
            result.errors.append(RowError(number, problem.message))
            continue
        key = (value.party.code, value.year, value.indicator.key)
        if key in seen:
            result.errors.append(RowError(number, Message(
                N_("The same party, year and indicator are already given on row %(row)s."), {"row": seen[key]})))
            continue
        seen[key] = number
        result.values.append(value)
    if not result.values and not result.errors:
        raise UploadRefusedError(N_("The file has no values below the header row."))
    result.errors += [RowError(row, message) for row, message in catalogue.contradictions(result.values)]
    result.errors.sort(key=lambda error: error.row)
    return result
