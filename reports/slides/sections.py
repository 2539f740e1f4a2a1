"""The deck's fixed slides: title, agenda, Bakgrund, Vad har hänt sen sist?, status per commitment and
Svarsfrekvens (Summering and the leaders' own parts are in reports.slides.story)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from reports.data import FollowUp, RoundFigure
from reports.data.texts import SignedPercent
from reports.slides.charts import add_chart
from reports.slides.frame import Frame, Gettext, Para, add_box, add_text, fitting_size, paragraphs_of
from reports.slides.plan import Planner
from reports.slides.story import agenda_items, title_lines
from reports.slides.theme import (
    CONTENT_BOTTOM,
    CONTENT_HEIGHT,
    CONTENT_TOP,
    CONTENT_WIDTH,
    GUTTER,
    MARGIN,
    MUTED,
    PALE,
    PRIMARY,
    SLIDE_WIDTH,
    WHITE,
)
from tracker.domain.messages import N_

SIDE_WIDTH = Inches(4.8)


def deck_title(followup: FollowUp, locale: str, t: Gettext) -> str:
    return t(N_("%(agreement)s – follow-up for %(year)s")) % {
        "agreement": followup.agreement.name.get(locale), "year": followup.year}


def title_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext, organisation: str | None,
                on: date) -> Slide:
    slide = frame.slide(None)
    add_box(slide, 0, Inches(1.35), SLIDE_WIDTH, Inches(3.4), PRIMARY)
    add_text(slide, MARGIN + Inches(0.3), Inches(1.55), SLIDE_WIDTH - 2 * MARGIN - Inches(0.6), Inches(2.9),
             [Para(deck_title(followup, locale, t))], 40, 24, "Title", colour=WHITE, bold=True,
             anchor=MSO_ANCHOR.MIDDLE)
    lines = title_lines(followup.presentation, locale, organisation)
    lines.append(Para(format_date(on, format="long", locale=locale)))
    add_text(slide, MARGIN + Inches(0.3), Inches(5.1), Inches(9), Inches(1.2), lines, 20, 14, colour=PRIMARY)
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
    slide = frame.slide(t(N_("Agenda")))
    add_text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, CONTENT_HEIGHT, [Para(item, bullet=True) for item in items],
             28, 16)
    return slide


def background_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> Slide:
    slide = frame.slide(t(N_("Background")))
    width = CONTENT_WIDTH - SIDE_WIDTH - GUTTER
    description = paragraphs_of(followup.agreement.description.get(locale))
    add_text(slide, MARGIN, CONTENT_TOP, width, CONTENT_HEIGHT, description, 24, 12)
    left = MARGIN + width + GUTTER
    add_box(slide, left, CONTENT_TOP, SIDE_WIDTH, CONTENT_HEIGHT, PALE)
    add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.05), SIDE_WIDTH - Inches(0.2), Inches(0.5),
             t(N_("The commitments")), 16, 16, colour=PRIMARY, bold=True)
    items = [Para(f"{c.number}. {c.title.get(locale)}") for c in followup.commitments]
    add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.55), SIDE_WIDTH - Inches(0.2),
             CONTENT_HEIGHT - Inches(0.6), items, 18, 10, colour=PRIMARY)
    return slide


def _figure_tile(slide: Slide, figure: RoundFigure, locale: str, t: Gettext, left: int, top: int, width: int,
                 height: int) -> None:
    add_box(slide, left, top, width, height, PALE)
    value = figure.info.format(figure.value, locale) if figure.value is not None else "–"
    add_text(slide, left + Inches(0.1), top + Inches(0.05), width - Inches(0.2), Inches(0.8), value, 36, 24,
             colour=PRIMARY, bold=True)
    lines = [Para(figure.sentence.get(locale) if figure.sentence else figure.info.label.get(locale))]
    if figure.sentence is None and figure.change_percent is not None:
        lines.append(Para(t(N_("%(change)s compared with %(year)s")) % {
            "change": SignedPercent(figure.change_percent).get(locale), "year": figure.previous_year}))
    add_text(slide, left + Inches(0.1), top + Inches(0.85), width - Inches(0.2), height - Inches(0.9), lines, 16, 10,
             colour=PRIMARY)


def news_slide(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> Slide:
    slide = frame.slide(t(N_("What has happened since last time?")))
    figures = [f for f in followup.round_figures if f.value is not None]
    width = CONTENT_WIDTH - (SIDE_WIDTH + GUTTER if figures else 0)
    news = [Para(line, bullet=True) for line in followup.news_lines(locale)] or [
        Para(t(N_("No news has been entered for this round.")))]
    add_text(slide, MARGIN, CONTENT_TOP, width, CONTENT_HEIGHT, news, 26, 12)
    if figures:
        gap = Inches(0.2)
        height = min(Inches(2.4), (CONTENT_HEIGHT - gap * (len(figures) - 1)) // len(figures))
        for index, figure in enumerate(figures):
            _figure_tile(slide, figure, locale, t, MARGIN + width + GUTTER, CONTENT_TOP + index * (height + gap),
                         SIDE_WIDTH, height)
    return slide


def status_slide(frame: Frame, planner: Planner) -> Slide:
    slide = frame.slide(planner.t(N_("Status per commitment")))
    add_chart(slide, planner.status_overview(), MARGIN, CONTENT_TOP, CONTENT_WIDTH, CONTENT_HEIGHT)
    return slide


def _tiles(slide: Slide, tiles: Sequence[tuple[str, int]], top: int) -> None:
    """A row of big numbers with their labels, the labels all in the one size that fits the longest."""
    gap = Inches(0.15)
    width = (CONTENT_WIDTH - gap * (len(tiles) - 1)) // len(tiles)
    label_height = Inches(0.55)
    size = min(fitting_size([Para(label)], width, label_height, 14, 10) or 10 for label, _ in tiles)
    for index, (label, number) in enumerate(tiles):
        left = MARGIN + index * (width + gap)
        add_box(slide, left, top, width, Inches(1.3), PALE)
        add_text(slide, left, top + Inches(0.05), width, Inches(0.7), str(number), 32, 32, colour=PRIMARY, bold=True)
        add_text(slide, left, top + Inches(0.72), width, label_height, label, size, size, colour=MUTED)


def response_slide(frame: Frame, planner: Planner) -> Slide:
    followup, t = planner.followup, planner.t
    done = followup.completeness
    slide = frame.slide(t(N_("Response rate")))
    _tiles(slide, [
        (t(N_("Expected reports")), done.expected), (t(N_("Approved reports")), done.approved),
        (t(N_("Submitted, awaiting review")), done.submitted), (t(N_("Sent back")), done.returned),
        (t(N_("Drafts")), done.draft), (t(N_("Not started yet")), done.not_started), (t(N_("Late reports")), done.late),
    ], CONTENT_TOP)
    missing = [p.party.name for p in done.parties if not p.state.is_reported]
    late = [p.party.name for p in done.parties if p.is_late]
    lines = [Para(t(N_("Have not reported: %(parties)s")) % {"parties": ", ".join(missing)} if missing
                  else t(N_("All %(expected)s parties have reported.")) % {"expected": done.expected}, bold=True)]
    if late:
        lines.append(Para(t(N_("Late: %(parties)s")) % {"parties": ", ".join(late)}))
    if done.deadline_on is not None:
        lines.append(Para(t(N_("Deadline: %(date)s")) % {"date": done.deadline_on.isoformat()}))
    if followup.include_drafts:
        lines.append(Para(t(N_("Drafts and reports sent back are counted: the figures may still change."))))
    top = CONTENT_TOP + Inches(1.5)
    with_chart = len(followup.years) > 1
    width = CONTENT_WIDTH - (SIDE_WIDTH + GUTTER if with_chart else 0)
    add_text(slide, MARGIN, top, width, CONTENT_BOTTOM - top, lines, 20, 11)
    if with_chart:
        add_chart(slide, planner.reports_per_year(), MARGIN + width + GUTTER, top, SIDE_WIDTH, CONTENT_BOTTOM - top)
    return slide
