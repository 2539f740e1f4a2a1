"""The Excel summary of a round's follow-up: `build_summary_workbook(followup, locale="sv") -> bytes`.

Sheets: Sammanfattning, Utveckling (with charts), one per commitment, Rådata, Svarsfrekvens, Om. Each sheet is
a row iterator (reports.excel.overview, reports.excel.tables) that the one writer (reports.excel.writer) streams
into a write-only openpyxl workbook.
"""

from __future__ import annotations

from collections.abc import Iterator

from reports.data import FollowUp, preliminary_mark
from reports.excel.cells import Gettext
from reports.excel.model import Sheet
from reports.excel.overview import about_sheet, summary_sheet, trend_sheet
from reports.excel.stations import stations_sheet
from reports.excel.tables import commitment_sheet, raw_sheet, response_sheet
from reports.excel.writer import write_workbook
from tracker.domain.cell_text import safe_text
from tracker.i18n import gettext_for

__all__ = ["build_summary_workbook", "safe_text", "summary_sheets"]


def summary_sheets(followup: FollowUp, locale: str = "sv") -> Iterator[Sheet]:
    """The sheets of the summary, in their order."""
    language = "en" if locale.startswith("en") else "sv"
    t = gettext_for(language)
    mark = preliminary_mark(followup, language)  # in each sheet's first rows, and on every printed page
    for sheet in _sheets(followup, language, t):
        sheet.page_header = mark
        yield sheet


def _sheets(followup: FollowUp, language: str, t: Gettext) -> Iterator[Sheet]:
    yield summary_sheet(followup, language, t)
    yield trend_sheet(followup, language, t)
    for commitment in followup.commitments:
        yield commitment_sheet(followup, commitment, language, t)
    yield raw_sheet(followup, language, t)
    yield response_sheet(followup, language, t)
    if followup.stations:
        yield stations_sheet(followup, language, t)
    yield about_sheet(followup, language, t)


def build_summary_workbook(followup: FollowUp, locale: str = "sv") -> bytes:
    """The .xlsx file of the follow-up, in `locale` (sv or en)."""
    return write_workbook(summary_sheets(followup, locale))
