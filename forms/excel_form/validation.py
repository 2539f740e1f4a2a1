"""The data validation of the offline Excel form's answer cells, and the hidden sheet of drop-down lists.

Yes/no, choices and the commitment's status get a drop-down list (its words on the hidden sheet `LISTS_SHEET`,
one column per distinct list); numbers get the bounds `values.parse` accepts; texts and the comment their
maximum length. A cell may be left empty. Excel enforces this while the form is filled in; none of it is trusted
on the way back (`parse.read_form` checks every value again).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from forms.excel_form.layout import LISTS_SHEET, Gettext
from tracker.domain import IndicatorKind, StatusLevel, localized
from tracker.domain.cell_text import safe_text
from tracker.domain.messages import N_
from tracker.domain.values import DEFAULT_MAX_LENGTH, YEAR_RANGE, ValueRules
from tracker.operations.answers import COMMENT_MAX_LENGTH


class Lists:
    """The hidden sheet of drop-down lists: one column per distinct list, referred to by range."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_of(self, words: Sequence[str]) -> str:
        key = tuple(safe_text(word) for word in words)
        if key not in self.ranges:
            column = len(self.ranges) + 1
            for row, word in enumerate(key, start=1):
                self.sheet.cell(row=row, column=column, value=word)
            letter = self.sheet.cell(row=1, column=column).column_letter
            self.ranges[key] = f"{LISTS_SHEET}!${letter}$1:${letter}${max(len(key), 1)}"
        return self.ranges[key]

    def finish(self) -> None:
        self.sheet.sheet_state = "hidden"
        self.sheet.protection = SheetProtection(sheet=True)


def answer_validation(sheet: Worksheet, ref: str, rules: ValueRules, lists: Lists, locale: str, t: Gettext) -> None:
    """The validation of a question's answer cell `ref`, by the question's kind."""
    kind = rules.kind
    dv: DataValidation
    if kind is IndicatorKind.YES_NO:
        dv = _list_validation(lists.range_of([t(N_("Yes")), t(N_("No"))]), t)
    elif kind is IndicatorKind.CHOICE:
        dv = _list_validation(lists.range_of([localized(o, "label", locale) for o in rules.options]), t)
    elif kind is IndicatorKind.TEXT:
        limit = rules.max_length or DEFAULT_MAX_LENGTH
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit))
        dv.error = t(N_("The text can be at most %(max_length)s characters long.")) % {"max_length": limit}
    else:
        low, high = _bounds(rules)
        whole = kind in (IndicatorKind.COUNT, IndicatorKind.YEAR)
        if high is None:
            dv = DataValidation(type="whole" if whole else "decimal", operator="greaterThanOrEqual", formula1=low)
            dv.error = t(N_("Enter a number that is at least %(minimum)s.")) % {"minimum": low}
        else:
            dv = DataValidation(type="whole" if whole else "decimal", operator="between", formula1=low,
                                formula2=high)
            dv.error = t(N_("Enter a number between %(minimum)s and %(maximum)s.")) % {
                "minimum": low.replace(".", ","), "maximum": high.replace(".", ",")}
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorTitle = t(N_("Check the value"))
    dv.add(ref)
    sheet.add_data_validation(dv)


def _bounds(rules: ValueRules) -> tuple[str, str | None]:
    """The smallest and largest number `values.parse` accepts, as validation formulas write them."""
    def text(number: object) -> str:
        return format(Decimal(str(number)).normalize(), "f") if number is not None else ""
    if rules.kind is IndicatorKind.YEAR:
        low = max(YEAR_RANGE[0], int(rules.min_value)) if rules.min_value is not None else YEAR_RANGE[0]
        high = min(YEAR_RANGE[1], int(rules.max_value)) if rules.max_value is not None else YEAR_RANGE[1]
        return str(low), str(high)
    low_value = rules.min_value if rules.min_value is not None and rules.min_value > 0 else 0
    high_value = rules.max_value
    if rules.kind is IndicatorKind.PERCENT:
        high_value = min(high_value, Decimal(100)) if high_value is not None else Decimal(100)
    return text(low_value), text(high_value) if high_value is not None else None


def _list_validation(formula: str, t: Gettext) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula)
    dv.error = t(N_("Choose one of the answers in the list."))
    return dv


def status_validations(
    sheet: Worksheet, status_ref: str, comment_ref: str, levels: Sequence[StatusLevel], lists: Lists, locale: str,
    t: Gettext,
) -> None:
    """The commitment's status cell: a drop-down of the agreement's status scale; its comment: the maximum length."""
    status_dv = _list_validation(lists.range_of([localized(level, "label", locale) for level in levels]), t)
    status_dv.allow_blank = True
    status_dv.showErrorMessage = True
    status_dv.errorTitle = t(N_("Check the value"))
    status_dv.add(status_ref)
    sheet.add_data_validation(status_dv)
    comment_dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(COMMENT_MAX_LENGTH),
                                allow_blank=True, showErrorMessage=True)
    comment_dv.add(comment_ref)
    sheet.add_data_validation(comment_dv)
