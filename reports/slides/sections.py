"""The deck's fixed slides: title, agenda, Bakgrund, Vad har hänt sen sist?, status per commitment and
Svarsfrekvens, each on its named layout (reports.slides.layouts), its texts in the layout's placeholders
(Summering and the leaders' own parts are in reports.slides.story)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from pptx.slide import Slide
from pptx.util import Inches

from reports.data import FollowUp, RoundFigure
from reports.data.texts import SignedPercent, long_date
from reports.slides.frame import (
    Frame,
    Gettext,
    Para,
    add_box,
    drop,
    fill_placeholder,
    fitting_size,
    move,
    paragraphs_of,
)
from reports.slides.layout import panel_slide
from reports.slides.layouts import Layout, Rect, bounds, rect_of
from reports.slides.plan import Planner
from reports.slides.spec import Panel
from reports.slides.story import agenda_items, title_lines
from reports.slides.theme import MUTED, PALE, PRIMARY
from tracker.domain.messages import N_


def deck_title(followup: FollowUp, locale: str, t: Gettext) -> str:
    return t(N_("%(agreement)s – follow-up for %(year)s")) % {
        "agreement": followup.agreement.name.get(locale), "year": followup.year}


def title_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext, organisation: str | None,
                on: date) -> Slide:
    slide = frame.slide(deck_title(followup, locale, t), layout=Layout.TITLE)
    (subtitle,) = frame.placeholders(slide)[:1]
    lines = title_lines(followup.presentation, locale, organisation)
    lines.append(Para(format_date(on, format="long", locale=locale)))
    fill_placeholder(subtitle, lines, 20, 14)
    return slide


def agenda_slide(frame: Frame, followup: FollowUp, t: Gettext, with_trend: bool) -> Slide:
    numbers = [c.number for c in followup.commitments]
    span = f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else "".join(numbers)
    items = [t(N_("Background")), t(N_("What has happened since last time?")),
             t(N_("Commitment by commitment (%(numbers)s)")) % {"numbers": span}]
    if with_trend:
        items.append(t(N_("Development over the years")))
    items += [t(N_("Status per commitment")), t(N_("Response rate")), t(N_("Summing up")),
              *agenda_items(followup.presentation, t)]
    slide = frame.slide(t(N_("Agenda")), layout=Layout.SUMMARY)
    fill_placeholder(frame.placeholders(slide)[0], [Para(item, bullet=True) for item in items], 28, 16)
    return slide


def background_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> Slide:
    """The agreement's description, and its commitments in the side panel (which takes the chart's room too)."""
    slide = frame.slide(t(N_("Background")), layout=Layout.TEXT_AND_CHART)
    text, side, chart = frame.placeholders(slide)
    fill_placeholder(text, paragraphs_of(followup.agreement.description.get(locale)), 24, 12)
    move(side, bounds([rect_of(side), rect_of(chart)]))
    drop(chart)
    items = [Para(f"{c.number}. {c.title.get(locale)}") for c in followup.commitments]
    fill_placeholder(side, [Para(t(N_("The commitments")), bold=True, size=16), *items], 18, 10)
    return slide


def _tile(slide: Slide, rect: Rect, big: str, lines: Sequence[Para], big_size: int, largest: int,
          smallest: int, colour: object = PRIMARY) -> None:
    """A pale tile with a big number and the lines below it, one shape (so nothing sits on top of another)."""
    paras = [Para(big, bold=True, size=big_size), *lines]
    size = fitting_size(paras, rect.width, rect.height, largest, smallest) or smallest
    add_box(slide, rect.left, rect.top, rect.width, rect.height, PALE, "Tile", paras, size, colour=colour)


def _figure_tile(slide: Slide, figure: RoundFigure, locale: str, t: Gettext, rect: Rect) -> None:
    value = figure.info.format(figure.value, locale) if figure.value is not None else "–"
    lines = [Para(figure.sentence.get(locale) if figure.sentence else figure.info.label.get(locale))]
    if figure.sentence is None and figure.change_percent is not None:
        lines.append(Para(t(N_("%(change)s compared with %(year)s")) % {
            "change": SignedPercent(figure.change_percent).get(locale), "year": figure.previous_year}))
    _tile(slide, rect, value, lines, 36, 16, 10)


def news_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> Slide:
    """The news as bullets; the county figures as tiles in the side panel's and the chart's room."""
    slide = frame.slide(t(N_("What has happened since last time?")), layout=Layout.TEXT_AND_CHART)
    text, side, chart = frame.placeholders(slide)
    figures = [f for f in followup.round_figures if f.value is not None]
    side_area = bounds([rect_of(side), rect_of(chart)])
    drop(side)
    drop(chart)
    if not figures:
        move(text, bounds([rect_of(text), side_area]))
    news = [Para(line, bullet=True) for line in followup.news_lines(locale)] or [
        Para(t(N_("No news has been entered for this round.")))]
    fill_placeholder(text, news, 26, 12)
    if figures:
        gap = Inches(0.2)
        height = min(Inches(2.4), (side_area.height - gap * (len(figures) - 1)) // len(figures))
        for index, figure in enumerate(figures):
            _figure_tile(slide, figure, locale, t, Rect(side_area.left, side_area.top + index * (height + gap),
                                                       side_area.width, height))
    return slide


def status_slide(frame: Frame, planner: Planner) -> Slide:
    return panel_slide(frame, planner.t(N_("Status per commitment")), [Panel("", planner.status_overview())])


def _tiles(slide: Slide, tiles: Sequence[tuple[str, int]], area: Rect) -> None:
    """A row of big numbers with their labels, the labels all in the one size that fits the longest."""
    gap = Inches(0.15)
    width = (area.width - gap * (len(tiles) - 1)) // len(tiles)
    size = min(fitting_size([Para(str(number), size=32), Para(label)], width, area.height, 14, 10) or 10
               for label, number in tiles)
    for index, (label, number) in enumerate(tiles):
        _tile(slide, Rect(area.left + index * (width + gap), area.top, width, area.height), str(number),
              [Para(label)], 32, size, size, MUTED)


def response_slide(frame: Frame, planner: Planner) -> Slide:
    """The counts as tiles across the top; who has not reported below, beside the reports per year."""
    followup, t = planner.followup, planner.t
    done = followup.completeness
    slide = frame.slide(t(N_("Response rate")), layout=Layout.TEXT_AND_CHART)
    text, side, chart = frame.placeholders(slide)
    area = bounds([rect_of(text), rect_of(side), rect_of(chart)])
    tiles_height = Inches(1.3)
    _tiles(slide, [
        (t(N_("Expected reports")), done.expected), (t(N_("Approved reports")), done.approved),
        (t(N_("Submitted, awaiting review")), done.submitted), (t(N_("Sent back")), done.returned),
        (t(N_("Drafts")), done.draft), (t(N_("Not started yet")), done.not_started), (t(N_("Late reports")), done.late),
    ], Rect(area.left, area.top, area.width, tiles_height))
    missing = [p.party.name for p in done.parties if not p.state.is_reported]
    late = [p.party.name for p in done.parties if p.is_late]
    lines = [Para(t(N_("Have not reported: %(parties)s")) % {"parties": ", ".join(missing)} if missing
                  else t(N_("All %(expected)s parties have reported.")) % {"expected": done.expected}, bold=True)]
    if late:
        lines.append(Para(t(N_("Late: %(parties)s")) % {"parties": ", ".join(late)}))
    if done.deadline_on is not None:
        lines.append(Para(t(N_("Deadline: %(date)s")) % {"date": long_date(done.deadline_on, planner.locale)}))
    if followup.include_drafts:
        lines.append(Para(t(N_("Drafts and reports sent back are counted: the figures may still change."))))
    top = area.top + tiles_height + Inches(0.2)
    with_chart = len(followup.years) > 1
    box, side_box = rect_of(text), rect_of(side)
    drop(side)
    move(text, Rect(box.left, top, box.width if with_chart else area.width, area.bottom - top))
    fill_placeholder(text, lines, 20, 11)
    if with_chart:
        frame.chart(slide, chart, planner.reports_per_year(),
                    Rect(side_box.left, top, side_box.width, area.bottom - top))
    else:
        drop(chart)
    return slide
