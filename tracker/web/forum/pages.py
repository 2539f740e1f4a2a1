"""What the dashboard and the trend pages show, built once per year, language and data version and cached.

The report data comes from `reports.data.build_followup`; the charts and their tables from `reports.charts`. A
page model holds finished strings, so rendering a cached page is only the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.charts import Chart, ChartKind, Table, alt_text, chart_table, trend_of, year_charts
from reports.charts.sizes import WIDTH, chart_height
from reports.data import FollowUp, build_followup
from tracker.queries.followup import followed_up_years, load_followup_inputs
from tracker.web import db_session
from tracker.web.forum.cache import caches, current_version


def closed_years(year: int | None = None) -> tuple[int, ...]:
    """The years the dashboard offers (closed rounds). Every version covers the rounds' states, so the version
    the page of `year` is read under will do: one version query per request."""
    return caches().pages.get_or_build(("years", current_version(year)), lambda: followed_up_years(db_session()))


def followup_of(year: int) -> FollowUp:
    """The report data of `year`, built once per data version."""
    def build() -> FollowUp:
        return build_followup(load_followup_inputs(db_session(), year), year)

    return caches().followups.get_or_build(("followup", year, current_version(year)), build)


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
    reported: int
    expected: int
    summary: tuple[str, ...]
    news: tuple[str, ...]
    county: tuple[ChartBlock, ...]
    commitments: tuple[CommitmentBlock, ...]


@dataclass(frozen=True)
class TrendPage:
    year: int
    key: str
    title: str
    commitment_number: str | None
    commitment_title: str | None
    is_example: bool
    sentence: str | None
    chart: ChartBlock


def chart_block(chart: Chart, locale: str, link_trend: bool = True) -> ChartBlock:
    width, height = WIDTH * 72, chart_height(chart) * 72
    trend_key = chart.indicator_key if link_trend and chart.kind is not ChartKind.TREND else None
    return ChartBlock(chart.id, str(chart.kind), chart.title.get(locale), alt_text(chart, locale),
                      chart_table(chart, locale), round(width), round(height), trend_key)


def dashboard_page(year: int, locale: str) -> DashboardPage:
    return caches().pages.get_or_build(("dashboard", year, locale, current_version(year)),
                                       lambda: _dashboard_page(followup_of(year), locale))


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
        reported=followup.completeness.reported,
        expected=followup.completeness.expected,
        summary=tuple(s.get(locale) for s in followup.summary),
        news=tuple(followup.news_lines(locale)),
        county=tuple(chart_block(chart, locale) for chart in county),
        commitments=tuple(blocks),
    )


def trend_page(year: int, key: str, locale: str) -> TrendPage | None:
    """The trend page of indicator `key` up to `year`; None when it has none (unknown key, texts, years)."""
    return caches().pages.get_or_build(("trend", year, key, locale, current_version(year)),
                                       lambda: _trend_page(followup_of(year), key, locale))


def _trend_page(followup: FollowUp, key: str, locale: str) -> TrendPage | None:
    chart = trend_of(followup, key)
    if chart is None:
        return None
    number = title = sentence = None
    for commitment in followup.commitments:
        for result in commitment.indicators:
            if result.info.key == key:
                number, title = commitment.number, commitment.title.get(locale)
                sentence = result.sentence.get(locale) if result.sentence is not None else None
    for figure in followup.round_figures:
        if figure.info.key == key and figure.sentence is not None:
            sentence = figure.sentence.get(locale)
    return TrendPage(followup.year, key, chart.title.get(locale), number, title, followup.is_example, sentence,
                     chart_block(chart, locale, link_trend=False))
