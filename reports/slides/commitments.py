"""Per commitment: its text with the key figures and the parties' status, then its figures as native charts.

The text slide holds the commitment's full text (shrunk to fit, continued on another slide when even the
smallest size is too small), the key figure sentences in large text on a pale panel and the status bar. The
figure slides hold up to three panels each: a key figure sentence above its chart. The parties' comments are the
speaker notes of the text slide.
"""

from __future__ import annotations

from pptx.slide import Slide
from pptx.util import Inches

from reports.data import CommitmentResult, FollowUp
from reports.slides.charts import add_chart
from reports.slides.frame import Frame, Gettext, Para, add_box, add_text, paragraphs_of, split_to_fit
from reports.slides.layout import figure_slides, grid_slides
from reports.slides.overview import overview_slides
from reports.slides.plan import Planner
from reports.slides.theme import (
    BODY_MAX,
    BODY_MIN,
    CONTENT_BOTTOM,
    CONTENT_HEIGHT,
    CONTENT_TOP,
    CONTENT_WIDTH,
    GUTTER,
    MARGIN,
    PALE,
    PRIMARY,
)
from tracker.domain.messages import N_

SIDE_WIDTH = Inches(5.4)
STATUS_HEIGHT = Inches(1.8)


def commitment_title(commitment: CommitmentResult, locale: str, t: Gettext) -> str:
    return t(N_("Commitment %(number)s: %(title)s")) % {"number": commitment.number,
                                                         "title": commitment.title.get(locale)}


def _comments(followup: FollowUp, commitment: CommitmentResult, t: Gettext) -> str:
    if not commitment.comments:
        return ""
    lines = [t(N_("Comments from the parties (%(year)s):")) % {"year": followup.year}]
    lines += [f"• {status.party.name}: {status.comment}" for status in commitment.comments]
    return "\n".join(lines)


def commitment_slides(frame: Frame, planner: Planner, commitment: CommitmentResult) -> tuple[list[Slide], set[str]]:
    """The commitment's slides, and the keys of the indicators already charted per year on them."""
    locale, t, followup = planner.locale, planner.t, planner.followup
    title = commitment_title(commitment, locale, t)
    text_width = CONTENT_WIDTH - SIDE_WIDTH - GUTTER
    parts = split_to_fit(paragraphs_of(commitment.text.get(locale)), text_width, CONTENT_HEIGHT, BODY_MIN)
    slides = []
    for index, part in enumerate(parts):
        heading = title if index == 0 else t(N_("%(title)s (continued)")) % {"title": title}
        slide = frame.slide(heading, _comments(followup, commitment, t) if index == 0 else "")
        add_text(slide, MARGIN, CONTENT_TOP, text_width, CONTENT_HEIGHT, part, BODY_MAX, BODY_MIN)
        if index == 0:
            _key_figures(slide, planner, commitment, MARGIN + text_width + GUTTER)
        slides.append(slide)
    panels = planner.commitment_panels(commitment)
    figures_title = t(N_("Commitment %(number)s in figures")) % {"number": commitment.number}
    slides += figure_slides(frame, figures_title, panels)
    slides += overview_slides(frame, commitment, locale, t)
    return slides, {panel.key for panel in panels if panel.is_trend}


def _key_figures(slide: Slide, planner: Planner, commitment: CommitmentResult, left: int) -> None:
    """The pale panel on the right: "Nyckeltal 2023", the sentences, and the status bar below."""
    locale, t = planner.locale, planner.t
    panel_height = CONTENT_HEIGHT - STATUS_HEIGHT - Inches(0.15)
    add_box(slide, left, CONTENT_TOP, SIDE_WIDTH, panel_height, PALE)
    add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.05), SIDE_WIDTH - Inches(0.2), Inches(0.5),
             t(N_("Key figures %(year)s")) % {"year": planner.followup.year}, 16, 16, colour=PRIMARY, bold=True)
    sentences = [Para(sentence.get(locale), bullet=True) for sentence in commitment.sentences]
    add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.55), SIDE_WIDTH - Inches(0.2),
             panel_height - Inches(0.6), sentences, 22, 11, colour=PRIMARY)
    add_chart(slide, planner.status_chart(commitment), left, CONTENT_BOTTOM - STATUS_HEIGHT, SIDE_WIDTH,
              STATUS_HEIGHT)


def trend_slides(frame: Frame, planner: Planner, shown: set[str]) -> list[Slide]:
    """The county figures and key figures per year, four to a slide; none when there is only one year."""
    panels = planner.trend_panels(shown)
    t = planner.t
    return grid_slides(frame, t(N_("Development over the years")), panels)
