"""The final report as a deck: `build_final_deck(report, locale="sv", organisation=None) -> bytes`, on the forum
deck's master and layouts (reports.slides), so that the organisation's template restyles it the same way.

Slides: title; the agreement (its description, its versions); targets and outcomes, one line per commitment;
per commitment its targets year by year, its status per year and the trend of its key figures (a revised
question's change noted above its chart); reports per year; the last year's summary.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date

from reports.data import Aggregate, preliminary_mark
from reports.data.revisions import revision_note
from reports.final.data import VERDICT_LABELS, CommitmentLife, FinalReport
from reports.final.words import period, report_title, status_sentence, target_sentence, years_sentence
from reports.palette import EXPECTED, FIGURE, Fill
from reports.slides import EXAMPLE_MARK, saved
from reports.slides.frame import Frame, Gettext, Para, drop, fill_placeholder, move, paragraphs_of
from reports.slides.layout import figure_slides, panel_slide
from reports.slides.layouts import Layout, bounds, rect_of
from reports.slides.master import built_in
from reports.slides.plan import Planner
from reports.slides.spec import COUNT_FORMAT, ChartForm, ChartSpec, Panel, SeriesSpec, count_scale
from reports.slides.story import text_slides
from tracker.domain.messages import N_
from tracker.i18n import gettext_for

__all__ = ["build_final_deck"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def build_final_deck(report: FinalReport, locale: str = "sv", organisation: str | None = None) -> bytes:
    """`organisation` goes on the title slide: None takes the agreement's, "" leaves it out."""
    language = "en" if locale.startswith("en") else "sv"
    t = gettext_for(language)
    organisation = report.agreement.organisation if organisation is None else organisation or None
    presentation = built_in()
    marks = tuple(mark for mark in (
        t(EXAMPLE_MARK) if report.is_example else None,
        preliminary_mark(report.last, language) if report.is_preliminary else None) if mark is not None)
    on = report.generated_at.astimezone(STOCKHOLM).date()
    frame = Frame(presentation, _footer(report, t, on), marks)
    _title(frame, report, language, t, organisation, on)
    _agreement(frame, report, language, t)
    text_slides(frame, t(N_("Targets and outcomes")), _outcomes(report, language, t), t)
    for life in report.commitments:
        _commitment(frame, life, language, t)
    planner = Planner(report.last, language, t)
    panel_slide(frame, t(N_("Reports per year")), [Panel("", planner.reports_per_year())])
    summary = [Para(sentence.get(language), bullet=True) for sentence in report.summary.summary]
    if summary:
        text_slides(frame, t(N_("Summing up %(year)s")) % {"year": report.summary.year}, summary, t)
    frame.finish()
    return saved(presentation, report_title(report, language, t), organisation, language,
                 t(EXAMPLE_MARK) if report.is_example else "")


def _footer(report: FinalReport, t: Gettext, on: date) -> str:
    source = t(N_("Source: the parties' annual reports %(years)s")) % {
        "years": f"{report.first_year}–{report.last_year}"}
    return " · ".join((source, t(N_("Extracted %(date)s")) % {"date": on.isoformat()}))


def _title(frame: Frame, report: FinalReport, locale: str, t: Gettext, organisation: str | None, on: date) -> None:
    slide = frame.slide(report_title(report, locale, t), layout=Layout.TITLE)
    (subtitle,) = frame.placeholders(slide)[:1]
    lines = [Para(organisation)] if organisation else []
    lines.append(Para(format_date(on, format="long", locale=locale)))
    fill_placeholder(subtitle, lines, 20, 14)


def _agreement(frame: Frame, report: FinalReport, locale: str, t: Gettext) -> None:
    """The agreement's description; its years and versions in the side panel (which takes the chart's room)."""
    slide = frame.slide(t(N_("The agreement %(period)s")) % {"period": period(report)}, layout=Layout.TEXT_AND_CHART)
    text, side, chart = frame.placeholders(slide)
    fill_placeholder(text, paragraphs_of(report.agreement.description.get(locale)), 24, 12)
    move(side, bounds([rect_of(side), rect_of(chart)]))
    drop(chart)
    items = [Para(t(N_("Versions")), bold=True, size=16)]
    for version in report.agreement.versions:
        years = f"{version.from_year}–{version.to_year or ''}"
        items.append(Para(t(N_("Version %(version)s: %(years)s")) % {"version": version.label, "years": years}))
        if note := version.note.get(locale):
            items.append(Para(note))
    items.append(Para(t(N_("Followed up %(years)s")) % {"years": f"{report.first_year}–{report.last_year}"},
                      bold=True))
    fill_placeholder(side, items, 18, 10)


def _outcomes(report: FinalReport, locale: str, t: Gettext) -> list[Para]:
    """A line per commitment: its targets' outcomes in the last year each was asked."""
    paragraphs = []
    for life in report.commitments:
        outcomes = ", ".join(t(VERDICT_LABELS[target.final]) for target in life.targets) or t(N_("no target"))
        paragraphs.append(Para(f"{life.result.number}. {life.result.title.get(locale)}: {outcomes}", bullet=True))
    return paragraphs


def _commitment(frame: Frame, life: CommitmentLife, locale: str, t: Gettext) -> None:
    result = life.result
    title = t(N_("Commitment %(number)s: %(title)s")) % {"number": result.number, "title": result.title.get(locale)}
    slide = frame.slide(title, layout=Layout.TEXT_AND_CHART)
    text, side, chart = frame.placeholders(slide)
    lines = [Para(years_sentence(life, t), bold=True)]
    lines += [Para(target_sentence(target, locale, t), bullet=True) for target in life.targets]
    lines.append(Para(status_sentence(life, t), bullet=True))
    fill_placeholder(text, lines, 22, 11)
    area = bounds([rect_of(side), rect_of(chart)])  # the status per year takes the side panel's room too
    drop(side)
    frame.chart(slide, chart, _done_per_year(life, t, locale), area)
    planner = Planner(life.followup, locale, t)
    panels = [Panel(revision_note(target.result.revisions, locale) or "", planner.indicator_trend(target.result),
                    target.result.info.key)
              for target in life.targets if len(target.result.trend) > 1
              and target.result.county.method in (Aggregate.SUM, Aggregate.SHARE, Aggregate.MEAN, Aggregate.ANSWERS)]
    figure_slides(frame, t(N_("Commitment %(number)s over the years")) % {"number": result.number}, panels)


def _done_per_year(life: CommitmentLife, t: Gettext, locale: str) -> ChartSpec:
    years = tuple(str(status.year) for status in life.statuses)
    top, step = count_scale(max((status.expected for status in life.statuses), default=1))
    return ChartSpec(ChartForm.COLUMNS, t(N_("Parties reporting it done, per year")), years,
                     (SeriesSpec(t(N_("Applies to")), tuple(float(s.expected) for s in life.statuses), Fill(EXPECTED)),
                      SeriesSpec(t(N_("Done")), tuple(float(s.done) for s in life.statuses), Fill(FIGURE))),
                     ("[$-41D]" if locale == "sv" else "[$-809]") + COUNT_FORMAT, top, major_unit=step,
                     language=locale)
