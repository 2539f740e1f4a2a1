"""Read a filled offline Excel form back: refuse what is not this party's form, validate every answer cell.

`read_form` first lets `guards.check_workbook` refuse hostile files (not a workbook, macros, a zip bomb), then
opens the workbook and refuses, as a whole, a file that is not this app's form, is for another party or round,
or whose sheets were renamed, removed or rearranged. Then every answer cell is checked with
`tracker.domain.values.parse`, the one validator (decimal comma, the web form's messages); a formula in an
answer cell is an error of that cell. Errors are listed by sheet and cell; nothing is written here.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from forms.excel_form.guards import UNREADABLE, UploadRefusedError, check_workbook
from forms.excel_form.layout import (
    COMMENT_KEY,
    FORMAT_NAME,
    KEY_COL,
    META_SHEET,
    STATUS_KEY,
    Row,
    SheetLayout,
    form_layout,
)
from tracker.domain import IndicatorKind, Submission
from tracker.domain.applicability import answer_values, applies, inconsistent_answers, status_scale
from tracker.domain.cell_text import FORMULA_STARTS
from tracker.domain.messages import N_, Message
from tracker.domain.values import InvalidValue, Option, Value, ValueRules, parse
from tracker.i18n import gettext_for
from tracker.operations.answers import COMMENT_MAX_LENGTH

__all__ = ["CellError", "FilledForm", "UploadRefusedError", "read_form"]


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    message: Message


@dataclass
class FilledForm:
    """What the file says: every question's answer (None: blank) by indicator key, every commitment's status
    key and comment by commitment number, the version of the report the file was made from, and the errors."""

    answers: dict[str, Value | None] = field(default_factory=dict)
    statuses: dict[str, str | None] = field(default_factory=dict)
    comments: dict[str, str | None] = field(default_factory=dict)
    file_version: int | None = None
    errors: list[CellError] = field(default_factory=list)


def read_form(data: bytes, submission: Submission) -> FilledForm:
    """The filled form of `submission` (loaded as `queries.reporting.submission_for_report` loads it).

    Raises `UploadRefusedError` when the file is refused as a whole.
    """
    check_workbook(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; they do not matter here
            workbook = load_workbook(io.BytesIO(data), data_only=False, keep_links=False, rich_text=False)
    except UNREADABLE:
        raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook.")) from None
    meta = _meta(workbook)
    _check_identity(meta, submission)
    locale = meta.get("locale") if meta.get("locale") in ("sv", "en") else "sv"
    layouts = form_layout(submission, gettext_for(str(locale)))
    filled = FilledForm(file_version=_int(meta.get("version")))
    for layout in layouts:
        if layout.title not in workbook.sheetnames:
            raise UploadRefusedError(
                N_("The sheet \"%(sheet)s\" is missing or has been renamed. Download a new form and fill it in."),
                sheet=layout.title,
            )
        _read_sheet(workbook[layout.title], layout, submission, filled)
    _check_conditions(layouts, submission, filled)
    return filled


def _meta(workbook: Workbook) -> dict[str, object]:
    sheets = workbook.sheetnames
    not_the_form = N_("The file is not the offline form of this service. Download the party's form and fill it in.")
    if META_SHEET not in sheets:
        raise UploadRefusedError(not_the_form)
    sheet = workbook[META_SHEET]
    meta = {str(row[0]): row[1] for row in sheet.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True)
            if row[0] is not None}
    if meta.get("format") != FORMAT_NAME:
        raise UploadRefusedError(not_the_form)
    return meta


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return None


def _check_identity(meta: dict[str, object], submission: Submission) -> None:
    code, year = str(meta.get("party_code") or ""), _int(meta.get("year"))
    if code != submission.party.code or year != submission.round.year or _int(meta.get("submission_id")) != \
            submission.id:
        raise UploadRefusedError(
            N_("The file is the form of another party or round (party code %(code)s, year %(year)s), not of "
               "%(party)s for %(expected_year)s. Upload it for the right party, or download this party's form."),
            code=code[:12] or "?", year=year if year is not None else "?", party=submission.party.name,
            expected_year=submission.round.year,
        )


def _read_sheet(sheet: Worksheet, layout: SheetLayout, submission: Submission, filled: FilledForm) -> None:
    levels = status_scale(submission)
    status_rules = ValueRules(IndicatorKind.CHOICE,
                              options=tuple(Option(lv.key, lv.label_sv, lv.label_en) for lv in levels))
    comment_rules = ValueRules(IndicatorKind.TEXT, max_length=COMMENT_MAX_LENGTH)
    number = layout.commitment.number
    for row in layout.rows:
        if sheet[f"{KEY_COL}{row.number}"].value != row.key:
            raise UploadRefusedError(
                N_("Rows of the sheet \"%(sheet)s\" have been moved, added or removed (row %(row)s). Download a "
                   "new form and fill it in."), sheet=layout.title, row=row.number,
            )
        raw = _cell_value(sheet, row, layout, filled)
        if raw is _FORMULA:
            continue
        rules = ValueRules.of(row.indicator) if row.indicator is not None else (
            status_rules if row.key == STATUS_KEY else comment_rules)
        try:
            value = parse(rules, raw)
        except InvalidValue as error:
            filled.errors.append(CellError(layout.title, row.input_cell, error.message))
            continue
        if row.indicator is not None:
            filled.answers[row.key] = value
        elif row.key == STATUS_KEY:
            filled.statuses[number] = value.text if value is not None else None
        elif row.key == COMMENT_KEY:
            filled.comments[number] = value.text if value is not None else None


_FORMULA = object()


def _cell_value(sheet: Worksheet, row: Row, layout: SheetLayout, filled: FilledForm) -> object:
    cell = sheet[row.input_cell]
    value = cell.value
    if cell.data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        filled.errors.append(CellError(layout.title, row.input_cell, Message(
            N_("The cell holds a formula. Write the value itself."))))
        return _FORMULA
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]  # the builder's guard (safe_text), taken off again
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return Decimal(int(value))
    return value


def _check_conditions(layouts: list[SheetLayout], submission: Submission, filled: FilledForm) -> None:
    """An answer to a question that depends on another answer must agree with that answer as the file gives it."""
    by_key = {row.key: (layout, row) for layout in layouts for row in layout.questions}
    values = answer_values(submission)
    for key, value in filled.answers.items():
        indicator = by_key[key][1].indicator
        assert indicator is not None
        if value is None:
            values.pop(indicator.id, None)
        else:
            values[indicator.id] = value
    for key, value in filled.answers.items():
        layout, row = by_key[key]
        assert row.indicator is not None
        if value is not None and not applies(
            row.indicator, agreement_id=submission.round.agreement_id, year=submission.round.year,
            party_kind=submission.party.kind, values=values,
        ):
            filled.errors.append(CellError(layout.title, row.input_cell, Message(
                N_("This question does not apply to this report."))))
    keys: dict[int, str] = {r.indicator.id: k for k, (_layout, r) in by_key.items() if r.indicator is not None}
    for indicator_id, problem in inconsistent_answers(submission, values).items():  # gas cars > cars
        part = keys.get(indicator_id)
        if part is not None and part in filled.answers:
            layout, row = by_key[part]
            filled.errors.append(CellError(layout.title, row.input_cell, problem))
