"""The sheets that give the overview: Sammanfattning (key figures against targets, the sentences), Utveckling
(the county figures per year, with charts) and Om (what the file is)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reports.data import FollowUp, IndicatorInfo, IndicatorResult, TrendPoint, preliminary_mark
from reports.data.revisions import revision_note
from reports.data.texts import long_date
from reports.data.types import Aggregate
from reports.excel.cells import (
    EXAMPLE_MARK,
    NO,
    ROUND_STATE_LABELS,
    STATE_LABELS,
    YES,
    Gettext,
    attainment_text,
    county_cell,
    decimals_of,
    distribution_text,
)
from reports.excel.model import Amount, CellValue, Chart, ChartKind, Column, Row, Series, Sheet, Style, Styled
from reports.excel.writer import STOCKHOLM
from reports.palette import EXPECTED, FIGURE, FILLS, TARGET_LINE, Fill, Meaning
from tracker.domain import IndicatorKind, TargetComparison
from tracker.domain.agreement import TargetScope
from tracker.domain.messages import N_
from tracker.domain.values import Value

COUNT_KINDS = (IndicatorKind.COUNT, IndicatorKind.QUANTITY, IndicatorKind.SUM)


def marks(followup: FollowUp, locale: str, t: Gettext) -> list[Row]:
    """The warnings every overview sheet starts with: example data, preliminary figures with the count of reports."""
    rows: list[Row] = []
    if followup.is_example:
        rows.append([Styled(t(EXAMPLE_MARK), Style.WARNING)])
    return rows + preliminary_rows(followup, locale)


def preliminary_rows(followup: FollowUp, locale: str) -> list[Row]:
    """"PRELIMINÄR – 5 av 14 rapporter inlämnade" above the table of every sheet (Rådata too, which otherwise
    starts with its header for filtering and pivot tables); nothing for a final follow-up."""
    mark = preliminary_mark(followup, locale)
    return [[Styled(mark, Style.WARNING)]] if mark is not None else []


def title(followup: FollowUp, locale: str, t: Gettext) -> str:
    return t(N_("%(agreement)s – follow-up for %(year)s")) % {
        "agreement": followup.agreement.name.get(locale), "year": followup.year}


def summary_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    year = followup.year
    columns = [
        Column(t(N_("Commitment")), 12), Column(t(N_("Key figure")), 62, wrap=True),
        Column(t(N_("County %(year)s")) % {"year": year}, 18), Column(t(N_("Target")), 16),
        Column(t(N_("Target met")), 12), Column(t(N_("Answers")), 11),
        Column(t(N_("County %(year)s")) % {"year": year - 1}, 18),
    ]
    preamble: list[Row] = [[Styled(title(followup, locale, t), Style.TITLE)], *marks(followup, locale, t)]
    return Sheet(t(N_("Summary")), columns, _summary_rows(followup, locale, t), preamble, freeze_columns=2,
                 autofilter=False)


def _summary_rows(followup: FollowUp, locale: str, t: Gettext) -> Iterator[Row]:
    yield [Styled(t(N_("Key findings")), Style.HEADING)]
    for sentence in followup.summary:
        yield [None, sentence.get(locale)]
    for figure in followup.round_figures:
        has_previous = figure.previous is not None and figure.previous.number is not None
        yield [None, figure.info.label.get(locale), _amount(figure.info, figure.value), None, None, None,
               _amount(figure.info, figure.previous) if has_previous else None]
    for commitment in followup.commitments:
        yield []
        yield [Styled(commitment.number, Style.HEADING), Styled(commitment.title.get(locale), Style.HEADING)]
        for sentence in commitment.sentences:
            yield [None, Styled(sentence.get(locale), Style.NOTE)]
        for result in commitment.indicators:
            previous = result.trend[-2] if len(result.trend) > 1 else None
            yield [
                commitment.number, result.info.label.get(locale), county_cell(result.info, result.county, locale, t),
                result.info.target.text.get(locale) if result.info.target else None,
                attainment_text(result.target, t),
                t(N_("%(met)s of %(expected)s")) % {"met": len(result.reported), "expected": len(result.expected)},
                _previous(result, previous, locale, t),
            ]
        no_status = t(N_("no status"))
        statuses = " · ".join(
            f"{(c.level.label.get(locale) if c.level else no_status)} {c.count}"
            for c in commitment.statuses if c.count)
        yield [commitment.number, Styled(t(N_("Status")), Style.STRONG), statuses]


def _amount(info: IndicatorInfo, value: Value | None) -> Amount | None:
    if value is None or value.number is None:
        return None
    return Amount(value.number, info.unit, decimals_of(info, value.number))


def _previous(result: IndicatorResult, point: TrendPoint | None, locale: str, t: Gettext) -> CellValue:
    if point is None:
        return None
    if result.county.method is Aggregate.DISTRIBUTION:
        return distribution_text(point.distribution, locale)
    if point.value is None or point.value.number is None:
        return None
    decimals = 1 if result.county.method in (Aggregate.MEAN, Aggregate.SHARE) else decimals_of(
        result.info, point.value.number)
    return Amount(point.value.number, result.info.unit, decimals)


@dataclass(frozen=True)
class TrendRow:
    label: str
    unit: str | None
    values: dict[int, CellValue]  # by year


def _trend_rows(result: IndicatorResult, locale: str, t: Gettext) -> tuple[list[TrendRow], str, str | None]:
    """The rows one key indicator adds to Utveckling, its chart's value axis title and number format."""
    info, label = result.info, result.info.label.get(locale)
    target = info.target
    by_year = {point.year: point for point in result.trend}
    counts_met = result.county.method not in (Aggregate.SUM, Aggregate.SHARE, Aggregate.MEAN) or (
        target is not None and target.scope is TargetScope.PARTY and info.kind in COUNT_KINDS)
    if counts_met and target is not None:
        parties = t(N_("parties"))
        met = TrendRow(t(N_("%(label)s: parties meeting the target")) % {"label": label}, parties,
                       {y: p.met for y, p in by_year.items()})
        expected = TrendRow(t(N_("%(label)s: parties the target applies to")) % {"label": label}, parties,
                            {y: p.expected for y, p in by_year.items()})
        return [met, expected], t(N_("Parties")), "0"
    decimals = 1 if info.kind not in (IndicatorKind.COUNT,) else 0
    values: dict[int, CellValue] = {
        y: Amount(p.value.number, info.unit, decimals) for y, p in by_year.items()
        if p.value is not None and p.value.number is not None}
    if result.county.method is Aggregate.MEAN:
        label = t(N_("%(label)s: mean")) % {"label": label}
    rows = [TrendRow(label, info.unit, values)]
    if target is not None and target.value is not None and target.comparison is not TargetComparison.ONE_OF:
        goal = Amount(target.value, info.unit, decimals)
        rows.append(TrendRow(t(N_("Target: %(target)s")) % {"target": target.text.get(locale)}, info.unit,
                             dict.fromkeys(by_year, goal)))
    return rows, info.unit or "", None


def trend_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    """Key figures as rows, years as columns (as a report's table reads), with one chart per key figure."""
    years = [info.year for info in followup.years]
    table = [TrendRow(t(N_("Reports included")), t(N_("parties")),
                      {info.year: info.reported for info in followup.years})]
    charts: list[Chart] = []
    for figure in followup.round_figures:
        decimals = 0 if figure.info.kind is IndicatorKind.COUNT else 1
        values: dict[int, CellValue] = {p.year: Amount(p.value.number, figure.info.unit, decimals)
                                        for p in figure.trend if p.value is not None and p.value.number is not None}
        table.append(TrendRow(figure.info.label.get(locale), figure.info.unit, values))
        charts.append(Chart(figure.info.label.get(locale), 2, (Series(len(table) - 1, fill=Fill(FIGURE)),),
                            figure.info.unit or "", t(N_("Year")), by_rows=True))
        if note := revision_note(figure.revisions, locale):
            table.append(TrendRow(note, None, {}))
    for result in (r for c in followup.commitments for r in c.indicators if r.sentence is not None):
        added, y_title, number_format = _trend_rows(result, locale, t)
        start = len(table)
        table.extend(added)
        second = ChartKind.BAR if number_format == "0" else ChartKind.LINE  # met vs applies; value vs target line
        names = (t(N_("Meeting the target")), t(N_("Target applies to"))) if number_format == "0" else (
            t(N_("Whole county")), t(N_("Target")))
        counts = number_format == "0"  # parties meeting the target (its colour) beside those it applies to
        series = [Series(start, title=names[0], fill=FILLS[Meaning.MET] if counts else Fill(FIGURE))] + [
            Series(start + 1, second, names[1], Fill(EXPECTED) if counts else TARGET_LINE, dashed=not counts)
        ] * (len(added) > 1)
        chart_title = result.info.label.get(locale)
        if result.info.target is not None:
            chart_title += " – " + t(N_("target: %(target)s")) % {"target": result.info.target.text.get(locale)}
        axis = number_format or ('0" %"' if result.info.unit == "%" else "#,##0")
        charts.append(Chart(chart_title, 2, tuple(series), y_title, t(N_("Year")), axis, by_rows=True))
        if note := revision_note(result.revisions, locale):
            table.append(TrendRow(note, None, {}))
    columns = [Column(t(N_("Key figure")), 58, wrap=True), Column(t(N_("Unit")), 9)]
    columns += [Column(str(year), 10) for year in years]
    rows = ([row.label, row.unit, *(row.values.get(year) for year in years)] for row in table)
    preamble: list[Row] = [[Styled(t(N_("Trend: the county figures per year")), Style.TITLE)],
                           *marks(followup, locale, t)]
    return Sheet(t(N_("Trend")), columns, rows, preamble, charts, autofilter=False)


def _versions(followup: FollowUp, locale: str, t: Gettext) -> list[Row]:
    """Each version in force up to the year, once the agreement has been revised: from which year, and what it
    changed (a year before the first revision shows none: its summary stays as it was)."""
    versions = [v for v in followup.agreement.versions if v.from_year <= followup.year]
    if len(versions) < 2:
        return []
    return [[t(N_("Version %(version)s")) % {"version": v.label},
             " – ".join(part for part in (t(N_("from %(year)s")) % {"year": v.from_year}, v.note.get(locale)) if part)]
            for v in versions]


def about_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    states = ", ".join(t(STATE_LABELS[state]).lower() for state in followup.included_states)
    generated = followup.generated_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    example = Styled(t(N_("Yes – example data, not real figures")), Style.WARNING) if followup.is_example else t(NO)
    preliminary = Styled(t(YES), Style.WARNING) if followup.is_preliminary else t(NO)
    rows: list[Row] = [
        [t(N_("Agreement")), followup.agreement.name.get(locale)],
        [t(N_("Version")), followup.agreement.version],
        *_versions(followup, locale, t),
        [t(N_("County")), followup.agreement.county],
        [t(N_("Follow-up for the year")), str(followup.year)],
        [t(N_("Reporting round")), t(ROUND_STATE_LABELS[followup.round_state])],
        [t(N_("Deadline")), long_date(followup.deadline_on, locale) if followup.deadline_on else None],
        [t(N_("Generated at (Swedish time)")), generated],
        [t(N_("Reports included")), states],
        [t(N_("Example data")), example],
        [t(N_("Preliminary")), preliminary],
        [t(N_("Shares")), t(N_("in per cent, 0–100; a county share is the sum of the parts divided by the sum "
                               "of the totals, so larger parties weigh more"))],
    ]
    columns = [Column(t(N_("Item")), 30), Column(t(N_("Value")), 90)]
    preamble: list[Row] = [[Styled(title(followup, locale, t), Style.TITLE)], *marks(followup, locale, t)]
    return Sheet(t(N_("About")), columns, rows, preamble, autofilter=False, landscape=False)
