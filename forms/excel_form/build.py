"""The offline Excel form of one party's report: a prefilled workbook to fill in outside the app.

Sheets: instructions (in the reader's language, Swedish first), one per commitment that applies to the party
(its questions with label, unit, last year's answer, this year's answer prefilled, help; then the commitment's
status as a drop-down of the agreement's status scale, and a comment), the drop-down lists (hidden) and the
form's identity (very hidden: party code, round year, submission id and version, see `layout.META_FIELDS`).

Data validation (`validation`) offers drop-down lists for yes/no, choices and the status, and bounds for
numbers; the sheets are protected so that only the answer cells can be changed, and the workbook's structure is
locked so that sheets are not renamed by mistake. None of this is trusted on the way back: `parse.read_form`
checks it all. Every text is written through `safe_text`, so nothing a user typed can become a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from forms.excel_form.layout import (
    COMMENT_KEY,
    FIRST_ROW,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    LISTS_SHEET,
    META_SHEET,
    PARTY_ROW,
    STATUS_KEY,
    TEXT_ROW,
    TITLE_ROW,
    Gettext,
    Row,
    SheetLayout,
    form_layout,
    instructions_title,
)
from forms.excel_form.validation import Lists, answer_validation, status_validations
from tracker.domain import Indicator, IndicatorKind, Submission, localized
from tracker.domain.applicability import answer_values, status_scale
from tracker.domain.cell_text import safe_text
from tracker.domain.messages import N_
from tracker.domain.values import Value, ValueRules, format_value
from tracker.i18n import gettext_for
from tracker.operations.answers import COMMENT_MAX_LENGTH

INPUT_FILL = PatternFill("solid", start_color="FFF7D6")
HEADER_FILL = PatternFill("solid", start_color="DDE7F0")
THIN = Side(style="thin", color="8A8A8A")
INPUT_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
INPUT_ALIGNMENT = Alignment(wrap_text=True, vertical="top", horizontal="left")
WIDTHS = {"A": 60, "B": 10, "C": 24, "D": 28, "E": 55}


def build_form(submission: Submission, previous: Submission | None, locale: str = "sv") -> bytes:
    """The prefilled workbook of `submission` (loaded as `queries.reporting.submission_for_report` loads it);
    `previous` is last year's report (`queries.reporting.previous_report`) or None."""
    gettext = gettext_for(locale)
    workbook = Workbook()
    layouts = form_layout(submission, gettext)
    _instructions(workbook.active, submission, layouts, locale, gettext)
    lists = Lists(workbook.create_sheet(LISTS_SHEET))
    values = answer_values(submission)
    last_values = answer_values(previous) if previous is not None else {}
    for layout in layouts:
        sheet = workbook.create_sheet(layout.title)
        _commitment_sheet(sheet, layout, submission, previous, values, last_values, lists, locale, gettext)
    lists.finish()
    _meta(workbook.create_sheet(META_SHEET), submission, locale)
    workbook.security = WorkbookProtection(lockStructure=True)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text(value: object) -> object:
    return safe_text(value) if isinstance(value, str) else value


def _instructions(
    sheet: Worksheet, submission: Submission, layouts: Sequence[SheetLayout], locale: str, t: Gettext
) -> None:
    sheet.title = instructions_title(t)
    party, year = submission.party.name, submission.round.year
    lines: list[tuple[str, bool]] = [
        (t(N_("Yearly report %(year)s – %(party)s")) % {"year": year, "party": party}, True),
        (localized(submission.round.agreement, "name", locale), False),
        ("", False),
    ]
    if submission.is_example:
        lines.insert(0, (t(N_("EXAMPLE DATA – not real figures")), True))
    steps = [
        N_("Each commitment has its own sheet. Fill in this year's answers in the yellow cells of the column "
           "\"This year's answer\"."),
        N_("Last year's answer is shown beside each question. Answers already given in the app are filled in."),
        N_("Write numbers without thousands separators; a decimal comma is fine (12,5). Yes/no questions and "
           "questions with choices have a drop-down list in the cell."),
        N_("Below the questions, choose the commitment's status from the drop-down list and add a comment if you "
           "want to."),
        N_("A question marked \"Answer only if …\" is answered only when the other answer is as it says."),
        N_("Do not rename, add or remove sheets and do not move rows: the file is read back cell by cell."),
        N_("Do not write formulas; write the values themselves."),
        N_("Save the file as an Excel workbook (.xlsx) and send it to the project leaders. They upload it, check "
           "a preview of the changes and confirm it; nothing changes in the report before that."),
    ]
    lines += [(f"{n}. {t(step)}", False) for n, step in enumerate(steps, start=1)]
    lines += [("", False), (t(N_("The form's sheets:")), True)]
    lines += [(f"{layout.title}: {localized(layout.commitment, 'title', locale)}", False) for layout in layouts]
    for number, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=number, column=1, value=_text(text))
        cell.alignment = WRAP
        if bold:
            cell.font = Font(bold=True, size=14 if number <= 2 else 11)
    sheet.column_dimensions["A"].width = 90
    _fit_rows(sheet)
    _print_on_one_page_wide(sheet)
    sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def _fit_rows(sheet: Worksheet) -> None:
    """Row heights that show wrapped text whole (spreadsheet programs do not grow rows written by a program)."""
    merged = {str(r).split(":")[0]: sum(WIDTHS.values()) for r in sheet.merged_cells.ranges}
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.column_letter == "F":
                continue
            width = merged.get(cell.coordinate) or sheet.column_dimensions[cell.column_letter].width or 10
            per_line = max(int(width * 1.1), 8)
            lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in cell.value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines


def _print_on_one_page_wide(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _commitment_sheet(
    sheet: Worksheet, layout: SheetLayout, submission: Submission, previous: Submission | None,
    values: dict[int, Value], last_values: dict[int, Value], lists: Lists, locale: str, t: Gettext,
) -> None:
    commitment, year = layout.commitment, submission.round.year
    sheet[f"A{TITLE_ROW}"] = _text(f"{commitment.number}. {localized(commitment, 'title', locale)}")
    sheet[f"A{TITLE_ROW}"].font = Font(bold=True, size=14)
    sheet[f"A{PARTY_ROW}"] = _text(t(N_("Yearly report %(year)s – %(party)s")) % {
        "year": year, "party": submission.party.name})
    sheet[f"A{TEXT_ROW}"] = _text(localized(commitment, "text", locale))
    sheet[f"A{TEXT_ROW}"].alignment = WRAP
    sheet.merge_cells(f"A{TEXT_ROW}:E{TEXT_ROW}")
    last_year = previous.round.year if previous is not None else year - 1
    headers = [t(N_("Question")), t(N_("Unit")), t(N_("Answer %(year)s")) % {"year": last_year},
               t(N_("This year's answer (%(year)s)")) % {"year": year}, t(N_("Help")), t(N_("Key"))]
    for column, heading in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=_text(heading))
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, WRAP
    for row in layout.questions:
        assert row.indicator is not None
        _question_row(sheet, row, row.indicator, values, last_values, lists, locale, t)
    _status_rows(sheet, layout, submission, previous, lists, locale, t)
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["F"].hidden = True
    sheet.freeze_panes = f"A{FIRST_ROW}"
    _fit_rows(sheet)
    _print_on_one_page_wide(sheet)
    sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def _question_row(
    sheet: Worksheet, row: Row, indicator: Indicator, values: dict[int, Value], last_values: dict[int, Value],
    lists: Lists, locale: str, t: Gettext,
) -> None:
    rules = ValueRules.of(indicator)
    n = row.number
    optional = t(N_("optional"))
    label = localized(indicator, "label", locale) + ("" if indicator.is_required else f" ({optional})")
    help_text = localized(indicator, "help", locale)
    condition = indicator.condition_indicator
    if condition is not None:
        said = ", ".join(_condition_word(condition, key, locale, t) for key in indicator.condition_values or [])
        note = t(N_("Answer only if \"%(question)s\" is answered %(answer)s.")) % {
            "question": localized(condition, "label", locale), "answer": said}
        help_text = f"{note}\n{help_text}" if help_text else note
    unit = "%" if rules.kind is IndicatorKind.PERCENT else (rules.unit or "")
    cells = {"A": label, "B": unit, "C": format_value(rules, last_values.get(indicator.id), locale),
             "D": _input_value(rules, values.get(indicator.id), locale), "E": help_text, "F": indicator.key}
    for column, value in cells.items():
        cell = sheet[f"{column}{n}"]
        cell.value = _text(value) if value != "" else None
        cell.alignment = WRAP
    _make_input(sheet[row.input_cell])
    answer_validation(sheet, row.input_cell, rules, lists, locale, t)


def _condition_word(condition: Indicator, key: str, locale: str, t: Gettext) -> str:
    if condition.kind is IndicatorKind.YES_NO:
        return t(N_("Yes")) if key == "yes" else t(N_("No"))
    option = next((o for o in condition.options if o.key == key), None)
    return localized(option, "label", locale) if option is not None else key


def _input_value(rules: ValueRules, value: Value | None, locale: str) -> object:
    """What the answer cell holds: a number as a number, yes/no and a choice as the word in the list."""
    if value is None:
        return None
    if value.number is not None:
        return int(value.number) if value.number == value.number.to_integral_value() else value.number
    return format_value(rules, value, locale)


def _make_input(cell: Cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    cell.border = INPUT_BORDER
    cell.alignment = INPUT_ALIGNMENT


def _status_rows(
    sheet: Worksheet, layout: SheetLayout, submission: Submission, previous: Submission | None, lists: Lists,
    locale: str, t: Gettext,
) -> None:
    commitment = layout.commitment
    status = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
    last = next((s for s in previous.statuses if s.commitment_id == commitment.id), None) if previous else None
    levels = status_scale(submission)
    status_row, comment_row = layout.row(STATUS_KEY), layout.row(COMMENT_KEY)
    level_label = localized(status.status_level, "label", locale) if status and status.status_level else None
    last_label = localized(last.status_level, "label", locale) if last and last.status_level else None
    rows = {
        status_row.number: (t(N_("The commitment's status")), last_label, level_label,
                            t(N_("Choose the status from the list.")), STATUS_KEY),
        comment_row.number: (t(N_("Comment on the commitment")), last.comment if last else None,
                             status.comment if status else None,
                             t(N_("At most %(max_length)s characters.")) % {"max_length": COMMENT_MAX_LENGTH},
                             COMMENT_KEY),
    }
    for number, (label, last_text, current, help_text, key) in rows.items():
        for column, value in zip("ACDEF", (label, last_text, current, help_text, key), strict=True):
            cell = sheet[f"{column}{number}"]
            cell.value = _text(value) if value else None
            cell.alignment = WRAP
        sheet[f"A{number}"].font = Font(bold=True)
        _make_input(sheet[f"D{number}"])
    status_validations(sheet, status_row.input_cell, comment_row.input_cell, levels, lists, locale, t)


def _meta(sheet: Worksheet, submission: Submission, locale: str) -> None:
    facts = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "agreement": submission.round.agreement.slug,
        "party_code": submission.party.code, "year": submission.round.year, "submission_id": submission.id,
        "version": submission.version, "locale": locale,
    }
    for row, (name, value) in enumerate(facts.items(), start=1):
        sheet.cell(row=row, column=1, value=name)
        sheet.cell(row=row, column=2, value=_text(value))
    sheet.sheet_state = "veryHidden"
    sheet.protection = SheetProtection(sheet=True)
