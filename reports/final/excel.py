"""The final report as an Excel workbook: `build_final_workbook(report, locale="sv") -> bytes`.

Sheets: Slutrapport (every commitment's targets, reached or not, and its status), Mål per år (each target's
outcome per year), Status per år (parties reporting each commitment done, per year), Nyckeltal per år (the county
figures per year, a revised question on one row with its change noted), Svarsfrekvens per år, Versioner, Om.
Written by the summary's one writer (reports.excel.writer), which keeps every text from starting a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from reports.data import preliminary_mark
from reports.data.revisions import revision_note
from reports.excel.cells import ROUND_STATE_LABELS, Gettext
from reports.excel.model import Amount, CellValue, Column, Row, Sheet, Style, Styled
from reports.excel.writer import write_workbook
from reports.final.data import VERDICT_LABELS, FinalReport
from reports.final.words import outcome, period, report_title, status_sentence, years_sentence
from tracker.domain import IndicatorKind
from tracker.domain.messages import N_
from tracker.i18n import gettext_for

__all__ = ["build_final_workbook"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def build_final_workbook(report: FinalReport, locale: str = "sv") -> bytes:
    language = "en" if locale.startswith("en") else "sv"
    t = gettext_for(language)
    mark = preliminary_mark(report.last, language) if report.is_preliminary else None
    sheets = list(_sheets(report, language, t))
    for sheet in sheets:
        sheet.page_header = mark
    return write_workbook(sheets)


def _preamble(report: FinalReport, heading: str, locale: str, t: Gettext) -> list[Row]:
    rows: list[Row] = [[Styled(heading, Style.TITLE)]]
    if report.is_example:
        rows.append([Styled(t(N_("EXAMPLE DATA")), Style.WARNING)])
    if report.is_preliminary and (mark := preliminary_mark(report.last, locale)):
        rows.append([Styled(mark, Style.WARNING)])
    return rows


def _sheets(report: FinalReport, locale: str, t: Gettext) -> Iterator[Sheet]:
    years = [info.year for info in report.years]
    yield _overview(report, locale, t)
    yield _targets(report, years, locale, t)
    yield _statuses(report, years, locale, t)
    yield _figures(report, years, locale, t)
    yield _responses(report, locale, t)
    yield _versions(report, locale, t)
    yield _about(report, locale, t)


def _overview(report: FinalReport, locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Commitment")), 12), Column(t(N_("Title")), 40, wrap=True),
               Column(t(N_("Years")), 30, wrap=True), Column(t(N_("Target")), 50, wrap=True),
               Column(t(N_("Outcome")), 16), Column(t(N_("In")), 8), Column(t(N_("Status")), 36, wrap=True)]
    rows: list[Row] = []
    for life in report.commitments:
        common = [life.result.number, life.result.title.get(locale), years_sentence(life, t)]
        status = status_sentence(life, t)
        if not life.targets:
            rows.append([*common, t(N_("(no target)")), None, life.last_year, status])
        for target in life.targets:
            info = target.result.info
            assert info.target is not None
            year, verdict = target.final_year
            text = f"{info.label.get(locale)}: {info.target.text.get(locale)}"
            rows.append([*common, text, t(VERDICT_LABELS[verdict]), year, status])
    preamble = _preamble(report, report_title(report, locale, t), locale, t)
    preamble.append([Styled(t(N_("Outcome: reached when every party that answered (or the county figure) reaches "
                                 "the target, partly when some do, in the last year it was asked.")), Style.NOTE)])
    return Sheet(t(N_("Final report")), columns, rows, preamble, freeze_columns=2)


def _targets(report: FinalReport, years: list[int], locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Commitment")), 12), Column(t(N_("Question")), 50, wrap=True),
               Column(t(N_("Target")), 18), *(Column(str(year), 10) for year in years)]
    rows: list[Row] = []
    for life in report.commitments:
        for target in life.targets:
            info = target.result.info
            assert info.target is not None
            by_year = {point.year: point for point in target.result.trend}
            rows.append([life.result.number, info.label.get(locale), info.target.text.get(locale),
                         *(outcome(by_year[y], target, t) if y in by_year else None for y in years)])
            if note := revision_note(target.result.revisions, locale):
                rows.append([life.result.number, Styled(note, Style.NOTE)])
    preamble = _preamble(report, t(N_("Targets per year")), locale, t)
    preamble.append([Styled(t(N_("“3 of 12”: parties reaching the target of those that answered; for a county "
                                 "target, whether the county figure reaches it.")), Style.NOTE)])
    return Sheet(t(N_("Targets per year")), columns, rows, preamble, freeze_columns=3, autofilter=False)


def _statuses(report: FinalReport, years: list[int], locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Commitment")), 12), Column(t(N_("Title")), 40, wrap=True),
               *(Column(str(year), 10) for year in years)]
    rows: list[Row] = []
    for life in report.commitments:
        by_year = {status.year: status for status in life.statuses}
        rows.append([life.result.number, life.result.title.get(locale),
                     *(t(N_("%(met)s of %(answered)s")) % {"met": by_year[y].done, "answered": by_year[y].expected}
                       if y in by_year else None for y in years)])
    preamble = _preamble(report, t(N_("Parties reporting the commitment done, per year")), locale, t)
    return Sheet(t(N_("Status per year")), columns, rows, preamble, freeze_columns=2, autofilter=False)


def _figures(report: FinalReport, years: list[int], locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Key figure")), 58, wrap=True), Column(t(N_("Unit")), 9),
               *(Column(str(year), 10) for year in years)]
    rows: list[Row] = []
    results = [(f.info, f.trend, f.revisions) for f in report.round_figures]
    results += [(r.info, r.trend, r.revisions) for life in report.commitments for r in life.result.indicators
                if r.info.kind.is_numeric and r.info.kind is not IndicatorKind.YEAR and r.county.value is not None]
    for info, trend, revisions in results:
        decimals = 0 if info.kind is IndicatorKind.COUNT else 1
        by_year: dict[int, CellValue] = {p.year: Amount(p.value.number, info.unit, decimals) for p in trend
                                         if p.value is not None and p.value.number is not None}
        rows.append([info.label.get(locale), info.unit, *(by_year.get(year) for year in years)])
        if note := revision_note(revisions, locale):
            rows.append([Styled(note, Style.NOTE)])
    preamble = _preamble(report, t(N_("Trend: the county figures per year")), locale, t)
    return Sheet(t(N_("Key figures per year")), columns, rows, preamble, autofilter=False)


def _responses(report: FinalReport, locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Year")), 8), Column(t(N_("Reporting round")), 16), Column(t(N_("Expected")), 10),
               Column(t(N_("Included in the follow-up")), 14)]
    rows: list[Row] = [[info.year, t(ROUND_STATE_LABELS[info.state]), info.expected, info.reported]
                       for info in report.years]
    return Sheet(t(N_("Response rate per year")), columns, rows,
                 _preamble(report, t(N_("Reports per year")), locale, t), autofilter=False, landscape=False)


def _versions(report: FinalReport, locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Version")), 10), Column(t(N_("From")), 8), Column(t(N_("To")), 8),
               Column(t(N_("What it changed")), 80, wrap=True)]
    rows: list[Row] = [[v.label, v.from_year, v.to_year, v.note.get(locale) or None]
                       for v in report.agreement.versions]
    return Sheet(t(N_("Versions")), columns, rows, _preamble(report, t(N_("The agreement's versions")), locale, t),
                 autofilter=False, landscape=False)


def _about(report: FinalReport, locale: str, t: Gettext) -> Sheet:
    generated = report.generated_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    rows: list[Row] = [
        [t(N_("Agreement")), report.agreement.name.get(locale)],
        [t(N_("County")), report.agreement.county],
        [t(N_("In force")), period(report)],
        [t(N_("Followed up")), f"{report.first_year}–{report.last_year}"],
        [t(N_("Ended")), t(N_("Yes")) if report.is_ended else t(N_("No"))],
        [t(N_("Generated at (Swedish time)")), generated],
        [t(N_("Preliminary")), Styled(t(N_("Yes")), Style.WARNING) if report.is_preliminary else t(N_("No"))],
    ]
    columns = [Column(t(N_("Item")), 30), Column(t(N_("Value")), 90)]
    return Sheet(t(N_("About")), columns, rows, _preamble(report, report_title(report, locale, t), locale, t),
                 autofilter=False, landscape=False)
