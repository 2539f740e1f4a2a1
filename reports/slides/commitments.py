"""Per commitment: its text with the key figures and the parties' status, then its figures as native charts.

The text slide (layout Text and chart) holds the commitment's full text in the text placeholder (shrunk to fit,
continued on another slide when even the smallest size is too small), "Nyckeltal 2023" and the key figure
sentences in the side placeholder and the status bar in the chart placeholder. The figure slides hold one or two
panels each: a key figure sentence above its chart. The parties' comments are the speaker notes of the text slide.
"""

from __future__ import annotations

from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from reports.data import CommitmentResult, FollowUp
from reports.slides.frame import Frame, Gettext, Para, drop, fill_placeholder, paragraphs_of, split_to_fit
from reports.slides.layout import figure_slides, paired_slides
from reports.slides.layouts import Layout, rect_of
from reports.slides.overview import overview_slides
from reports.slides.plan import Planner
from reports.slides.theme import BODY_MAX, BODY_MIN
from tracker.domain.messages import N_

KEY_FIGURES_SIZE = 16


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
    paragraphs = paragraphs_of(commitment.text.get(locale))
    slides: list[Slide] = []
    parts: list[list[Para]] | None = None
    index = 0
    while parts is None or index < len(parts):
        heading = title if index == 0 else t(N_("%(title)s (continued)")) % {"title": title}
        slide = frame.slide(heading, _comments(followup, commitment, t) if index == 0 else "", Layout.TEXT_AND_CHART)
        text, side, status = frame.placeholders(slide)
        if parts is None:  # the text's box is the layout's: split the text to fit it
            box = rect_of(text)
            parts = split_to_fit(paragraphs, box.width, box.height, BODY_MIN)
        fill_placeholder(text, parts[index], BODY_MAX, BODY_MIN)
        if index == 0:
            _key_figures(frame, slide, planner, commitment, side, status)
        else:
            drop(side)
            drop(status)
        slides.append(slide)
        index += 1
    panels = planner.commitment_panels(commitment)
    figures_title = t(N_("Commitment %(number)s in figures")) % {"number": commitment.number}
    slides += figure_slides(frame, figures_title, panels)
    slides += overview_slides(frame, commitment, locale, t)
    return slides, {panel.key for panel in panels if panel.is_trend}


def _key_figures(frame: Frame, slide: Slide, planner: Planner, commitment: CommitmentResult, side: Shape,
                 status: Shape) -> None:
    """The side panel: "Nyckeltal 2023" and the sentences; the status bar below."""
    locale, t = planner.locale, planner.t
    heading = Para(t(N_("Key figures %(year)s")) % {"year": planner.followup.year}, bold=True, size=KEY_FIGURES_SIZE)
    sentences = [Para(sentence.get(locale), bullet=True) for sentence in commitment.sentences]
    fill_placeholder(side, [heading, *sentences], 22, 11)
    frame.chart(slide, status, planner.status_chart(commitment))


def trend_slides(frame: Frame, planner: Planner, shown: set[str]) -> list[Slide]:
    """The county figures and key figures per year, two to a slide; none when there is only one year."""
    panels = planner.trend_panels(shown)
    return paired_slides(frame, planner.t(N_("Development over the years")), panels)
