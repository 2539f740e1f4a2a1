"""Where everything stands in the offline Excel form: one place, read by the builder and by the parser.

The workbook has an instructions sheet, one sheet per commitment that applies to the party, a hidden sheet
with the drop-down lists and a hidden sheet that identifies the form (party, round, submission, version).
On a commitment's sheet each question has a row: label, unit, last year's answer, this year's answer (the
only cells a person fills in, with the status and the comment below the questions), help; column F (hidden)
holds the indicator key, so that the parser can tell that the rows are where they were.

The questions come from the Indicator rows: those of the commitment that the party is asked in the round's
year, whatever the other answers (a question that depends on another answer says so in its help).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.domain import Commitment, Indicator, IndicatorKind, Submission, localized
from tracker.domain.applicability import applicable_commitments
from tracker.domain.messages import N_

Gettext = Callable[[str], str]

FORMAT_NAME = "biogas-tracker-offline-form"
FORMAT_VERSION = "1"
META_SHEET = "form"  # very hidden: what the file is for
LISTS_SHEET = "lists"  # hidden: the drop-down lists
TITLE_ROW, PARTY_ROW, TEXT_ROW, HEADER_ROW = 1, 2, 3, 5
FIRST_ROW = HEADER_ROW + 1
LABEL_COL, UNIT_COL, LAST_COL, INPUT_COL, HELP_COL, KEY_COL = "A", "B", "C", "D", "E", "F"
STATUS_KEY, COMMENT_KEY = "status", "comment"
META_FIELDS = ("format", "format_version", "agreement", "party_code", "year", "submission_id", "version", "locale")


@dataclass(frozen=True)
class Row:
    """One input row: a question (indicator set), or the commitment's status or comment (indicator None)."""

    number: int
    key: str
    indicator: Indicator | None = None

    @property
    def input_cell(self) -> str:
        return f"{INPUT_COL}{self.number}"


@dataclass(frozen=True)
class SheetLayout:
    title: str
    commitment: Commitment
    rows: tuple[Row, ...]

    @property
    def questions(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.indicator is not None)

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)


def instructions_title(gettext: Gettext) -> str:
    return sheet_title(gettext(N_("Instructions")))


def sheet_title(text: str) -> str:
    """A sheet's name as Excel allows it: at most 31 characters, none of []:*?/\\ ."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in text).strip("' ")
    return cleaned[:31] or "-"


def form_questions(submission: Submission, commitment: Commitment) -> list[Indicator]:
    """The commitment's questions the party may be asked in the round's year (conditions aside), in order."""
    year, kind = submission.round.year, submission.party.kind
    return [
        i for i in commitment.indicators
        if not i.kind.is_derived and str(i.scope) == "party" and i.is_valid_in(year) and i.applies_to_kind(kind)
    ]


def form_layout(submission: Submission, gettext: Gettext) -> list[SheetLayout]:
    """The commitment sheets of the submission's form, in the agreement's order."""
    layouts = []
    for commitment in applicable_commitments(submission):
        questions = form_questions(submission, commitment)
        rows = [Row(FIRST_ROW + n, i.key, i) for n, i in enumerate(questions)]
        after = FIRST_ROW + len(questions) + 1  # one empty row between the questions and the status
        rows += [Row(after, STATUS_KEY), Row(after + 1, COMMENT_KEY)]
        title = sheet_title(gettext(N_("Commitment %(number)s")) % {"number": commitment.number})
        layouts.append(SheetLayout(title, commitment, tuple(rows)))
    return layouts


def importable(indicators: Sequence[Indicator]) -> list[Indicator]:
    """The party questions that may be imported (not the derived ones), in the agreement's order."""
    return [i for i in indicators if str(i.scope) == "party" and not i.kind.is_derived]


def answers_text(indicator: Indicator, gettext: Gettext, locale: str) -> str:
    """What a value may be: the options of a choice, Ja/Nej, or nothing (a number or a text)."""
    if indicator.kind is IndicatorKind.CHOICE:
        return ", ".join(localized(option, "label", locale) for option in indicator.options)
    if indicator.kind is IndicatorKind.YES_NO:
        yes, no = gettext(N_("Yes")), gettext(N_("No"))
        return f"{yes}, {no}"
    return ""
