"""What the dashboard and the trend pages show, built once per year and basis (forum.basis), language and data
version and cached.

The report data comes from `reports.data.build_followup`; the charts and their tables from `reports.charts`. A
page model holds finished strings, so rendering a cached page is only the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.charts import Chart, ChartKind, Table, alt_text, chart_table, trend_of, year_charts
from reports.charts.sizes import WIDTH, chart_height
from reports.data import FollowUp, build_followup, preliminary_mark
from reports.data.revisions import revision_note
from reports.final import FinalReport, build_final_report
from reports.maps.svg import stations_map_svg
from tracker.queries.followup import load_followup_inputs
from tracker.queries.stations import station_rows
from tracker.web import db_session
from tracker.web.agreement import request_agreement
from tracker.web.forum.basis import Basis
from tracker.web.forum.cache import caches, current_version
from tracker.web.reporting.labels import long_date


def final_report_of(basis: Basis) -> FinalReport:
    """The final report up to `basis.year` (reports.final), built once per data version."""
    def build() -> FinalReport:
        inputs = load_followup_inputs(db_session(), basis.year, basis.agreement)
        return build_final_report(inputs, basis.include_drafts)

    return caches().followups.get_or_build(("final", basis, current_version(basis.year)), build)


def followup_of(basis: Basis) -> FollowUp:
    """The report data of `basis.year` (with drafts or not), built once per data version."""
    def build() -> FollowUp:
        inputs = load_followup_inputs(db_session(), basis.year, basis.agreement)
        return build_followup(inputs, basis.year, basis.include_drafts)

    return caches().followups.get_or_build(("followup", basis, current_version(basis.year)), build)


@dataclass(frozen=True)
class ChartBlock:
    id: str
    kind: str
    title: str
    alt: str
    table: Table
    width: int  # the image's size in CSS pixels (the SVG's points), so the page does not jump as it loads
    height: int
    trend_key: str | None  # the indicator whose trend page to link to (None on a trend page itself)


@dataclass(frozen=True)
class Comment:
    party: str
    status: str
    text: str


@dataclass(frozen=True)
class CommitmentBlock:
    number: str
    title: str
    sentences: tuple[str, ...]
    charts: tuple[ChartBlock, ...]
    comments: tuple[Comment, ...]


@dataclass(frozen=True)
class DashboardPage:
    year: int
    agreement: str
    is_example: bool
    preliminary: str | None  # the mark, "PRELIMINÄR – 5 av 14 rapporter inlämnade"; None when final
    reported: int
    expected: int
    summary: tuple[str, ...]
    news: tuple[str, ...]
    county: tuple[ChartBlock, ...]
    commitments: tuple[CommitmentBlock, ...]
    first_year: int = 0  # of the rounds: the final report covers first_year to year
    is_ended: bool = False  # the agreement ends with this year: the final report is the agreement's last word


@dataclass(frozen=True)
class TrendPage:
    year: int
    key: str
    title: str
    commitment_number: str | None
    commitment_title: str | None
    is_example: bool
    preliminary: str | None
    sentence: str | None
    chart: ChartBlock
    revision: str | None = None  # where the question changed (a revised agreement's question continues it)


def chart_block(chart: Chart, locale: str, link_trend: bool = True) -> ChartBlock:
    width, height = WIDTH * 72, chart_height(chart) * 72
    trend_key = chart.indicator_key if link_trend and chart.kind is not ChartKind.TREND else None
    return ChartBlock(chart.id, str(chart.kind), chart.title.get(locale), alt_text(chart, locale),
                      chart_table(chart, locale), round(width), round(height), trend_key)


def dashboard_page(basis: Basis, locale: str) -> DashboardPage:
    return caches().pages.get_or_build(("dashboard", basis, locale, current_version(basis.year)),
                                       lambda: _dashboard_page(followup_of(basis), locale))


def _dashboard_page(followup: FollowUp, locale: str) -> DashboardPage:
    county, commitments = year_charts(followup)
    blocks = []
    for block in commitments:
        commitment = block.commitment
        comments = tuple(Comment(s.party.name, s.status.label.get(locale) if s.status else "", s.comment or "")
                         for s in commitment.comments)
        blocks.append(CommitmentBlock(
            commitment.number, commitment.title.get(locale), tuple(s.get(locale) for s in commitment.sentences),
            tuple(chart_block(chart, locale) for chart in block.charts), comments,
        ))
    return DashboardPage(
        year=followup.year,
        agreement=followup.agreement.name.get(locale),
        is_example=followup.is_example,
        preliminary=preliminary_mark(followup, locale),
        reported=followup.completeness.reported,
        expected=followup.completeness.expected,
        summary=tuple(s.get(locale) for s in followup.summary),
        news=tuple(followup.news_lines(locale)),
        county=tuple(chart_block(chart, locale) for chart in county),
        commitments=tuple(blocks),
        first_year=followup.years[0].year if followup.years else followup.year,
        is_ended=followup.agreement.in_force[1] is not None and followup.year >= followup.agreement.in_force[1],
    )


def trend_page(basis: Basis, key: str, locale: str) -> TrendPage | None:
    """The trend page of indicator `key` up to the year; None when it has none (unknown key, texts, years)."""
    return caches().pages.get_or_build(("trend", basis, key, locale, current_version(basis.year)),
                                       lambda: _trend_page(followup_of(basis), key, locale))


def _trend_page(followup: FollowUp, key: str, locale: str) -> TrendPage | None:
    chart = trend_of(followup, key)
    if chart is None:
        return None
    number = title = sentence = revision = None
    for commitment in followup.commitments:
        for result in commitment.indicators:
            if result.info.key == key:
                number, title = commitment.number, commitment.title.get(locale)
                sentence = result.sentence.get(locale) if result.sentence is not None else None
                revision = revision_note(result.revisions, locale)
    for figure in followup.round_figures:
        if figure.info.key == key:
            revision = revision_note(figure.revisions, locale)
            if figure.sentence is not None:
                sentence = figure.sentence.get(locale)
    return TrendPage(followup.year, key, chart.title.get(locale), number, title, followup.is_example,
                     preliminary_mark(followup, locale), sentence, chart_block(chart, locale, link_trend=False),
                     revision)


@dataclass(frozen=True)
class StationsBlock:
    """The stations' map of the year and the same stations as a table (name, municipality, opened)."""

    svg: str
    rows: tuple[tuple[str, str, str], ...]


def stations_block(basis: Basis, locale: str) -> StationsBlock | None:
    """The map of the stations open in the year, from the register; None while the register is empty. Kept until
    the data changes (a station's change counts for every year)."""
    def build() -> StationsBlock | None:
        agreement = request_agreement()
        stations = station_rows(db_session(), agreement.id)
        if not stations:
            return None
        shown = [s for s in stations if s.is_open_in(basis.year)]
        return StationsBlock(stations_map_svg(stations, basis.year, locale),
                             tuple((s.name, s.municipality, long_date(s.opened_on)) for s in shown))

    return caches().pages.get_or_build(("stations", basis, locale, current_version(basis.year)), build)
