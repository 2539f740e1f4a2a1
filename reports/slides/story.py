"""The slides of the project leaders' own texts (tracker.domain.presentation), in the order of the 2023 deck:
who presents (on the title slide), Summering with the conclusions and the verdict, "Hur ska överenskommelsen
hanteras framåt?" and the reflections of the industry's actors, one slide each. A part left empty has no slide.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Inches

from reports.data import FollowUp
from reports.slides.frame import Frame, Gettext, Para, add_box, add_text, split_to_fit
from reports.slides.theme import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    MARGIN,
    MUTED,
    PALE,
    PRIMARY,
    WHITE,
)
from tracker.domain import localized
from tracker.domain.messages import N_
from tracker.domain.presentation import Presentation, Presenter, Reflection, Verdict

VERDICTS = {Verdict.YES: N_("YES"), Verdict.PARTLY: N_("PARTLY"), Verdict.NO: N_("NO")}
VERDICT_QUESTION = N_("Does the agreement live up to its purpose?")
WAY_FORWARD = N_("How should the agreement be handled from now on?")
REFLECTIONS = N_("Reflections from the industry's actors")
PROPOSAL = N_("Proposal: %(proposal)s")
BOX_HEIGHT = Inches(1.3)
SUMMARY_MIN = 18  # points: the forum reads Summering from across the room; more sentences go on another slide


def lines_of(text: str) -> list[Para]:
    """The leaders' text as paragraphs: every line a bullet (a typed "-" or "•" is dropped)."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped[:1] in ("-", "•", "*", "–") and stripped[1:2] == " ":
            stripped = stripped[2:].strip()
        if stripped:
            found.append(Para(stripped, bullet=True))
    return found


def presenter_line(presenter: Presenter, locale: str) -> str:
    """ "Carlos Pettersson, projektledare" """
    title = localized(presenter, "title", locale)
    return f"{presenter.name}, {title}" if title else presenter.name


def title_lines(presentation: Presentation, locale: str, organisation: str | None) -> list[Para]:
    """Under the deck's title: the presenters, then their organisations (or `organisation` without presenters)."""
    presenters = presentation.presenters
    if not presenters:
        return [Para(organisation, bold=True)] if organisation else []
    lines = [Para(presenter_line(p, locale), bold=True) for p in presenters]
    organisations = list(dict.fromkeys(p.organisation for p in presenters if p.organisation))
    if organisations:
        lines.append(Para(", ".join(organisations)))
    return lines


def agenda_items(presentation: Presentation, t: Gettext) -> list[str]:
    """The agenda's items for the parts the leaders have written, after Summering."""
    items = []
    if _way_forward(presentation, "sv"):
        items.append(t(WAY_FORWARD))
    if presentation.reflections:
        items.append(t(REFLECTIONS))
    return items


def summary_slides(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> list[Slide]:
    """Summering: the leaders' conclusions, then the key figures; the verdict in a band at the bottom."""
    presentation = followup.presentation
    conclusions = lines_of(localized(presentation, "conclusions", locale))
    sentences = [Para(sentence.get(locale), bullet=True) for sentence in followup.summary]
    paragraphs = conclusions + sentences or [Para(t(N_("No key figures for this round.")))]
    verdict = presentation.verdict
    bottom = CONTENT_BOTTOM - (BOX_HEIGHT + Inches(0.2) if verdict is not None else 0)
    parts = split_to_fit(paragraphs, CONTENT_WIDTH, bottom - CONTENT_TOP, SUMMARY_MIN)
    slides = []
    for index, part in enumerate(parts):
        title = t(N_("Summing up"))
        slide = frame.slide(title if index == 0 else t(N_("%(title)s (continued)")) % {"title": title})
        add_text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, bottom - CONTENT_TOP, part, 26, SUMMARY_MIN,
                 colour=PRIMARY)
        if verdict is not None and index == len(parts) - 1:
            _verdict_band(slide, presentation, locale, t)
        slides.append(slide)
    return slides


def _verdict_band(slide: Slide, presentation: Presentation, locale: str, t: Gettext) -> None:
    """ "Lever överenskommelsen upp till sitt syfte? – JA", and why, on the deck's dark band."""
    assert presentation.verdict is not None
    top = CONTENT_BOTTOM - BOX_HEIGHT
    add_box(slide, MARGIN, top, CONTENT_WIDTH, BOX_HEIGHT, PRIMARY, "Verdict")
    question = f"{t(VERDICT_QUESTION)} – {t(VERDICTS[presentation.verdict])}"
    lines = [Para(question, bold=True)]
    reason = localized(presentation, "verdict_reason", locale)
    if reason:
        lines += [Para(line.strip()) for line in reason.splitlines() if line.strip()]
    add_text(slide, MARGIN + Inches(0.15), top, CONTENT_WIDTH - Inches(0.3), BOX_HEIGHT, lines, 26, 12,
             "Verdict text", colour=WHITE, anchor=MSO_ANCHOR.MIDDLE)


def _way_forward(presentation: Presentation, locale: str) -> tuple[list[Para], str]:
    return lines_of(localized(presentation, "way_forward", locale)), localized(presentation, "proposal", locale)


def _with_proposal(frame: Frame, title: str, body: list[Para], proposal: str, t: Gettext,
                   attribution: str = "") -> list[Slide]:
    """`body` under `title` (continued on more slides if need be), the proposal in a pale box below it on the
    last, and who said it under that."""
    box = Inches(1.2) if proposal else 0
    credit = Inches(0.5) if attribution else 0
    bottom = CONTENT_BOTTOM - box - credit - (Inches(0.2) if box else 0)
    parts = split_to_fit(body, CONTENT_WIDTH, bottom - CONTENT_TOP) if body else [[]]
    slides = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        slide = frame.slide(title if index == 0 else t(N_("%(title)s (continued)")) % {"title": title})
        if part:
            add_text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, bottom - CONTENT_TOP, part, 26, 12)
        if last and proposal:
            top = CONTENT_BOTTOM - credit - box
            add_box(slide, MARGIN, top, CONTENT_WIDTH, box, PALE, "Proposal box")
            add_text(slide, MARGIN + Inches(0.1), top, CONTENT_WIDTH - Inches(0.2), box,
                     [Para(t(PROPOSAL) % {"proposal": proposal}, bold=True)], 24, 12, "Proposal", colour=PRIMARY,
                     anchor=MSO_ANCHOR.MIDDLE)
        if last and attribution:
            add_text(slide, MARGIN, CONTENT_BOTTOM - credit, CONTENT_WIDTH, credit, [Para(attribution)], 16, 12,
                     "Attribution", colour=MUTED, anchor=MSO_ANCHOR.BOTTOM)
        slides.append(slide)
    return slides


def way_forward_slides(frame: Frame, presentation: Presentation, locale: str, t: Gettext) -> list[Slide]:
    body, proposal = _way_forward(presentation, locale)
    if not body and not proposal:
        return []
    return _with_proposal(frame, t(WAY_FORWARD), body, proposal, t)


def attribution(reflection: Reflection, locale: str) -> str:
    """ "– Biogasproducent, Gasbolaget AB"; the organisation only when they agreed to be named."""
    parts = [localized(reflection, "role", locale)]
    if reflection.may_be_named and reflection.organisation:
        parts.append(reflection.organisation)
    who = ", ".join(part for part in parts if part)
    return f"– {who}" if who else ""


def reflection_slides(frame: Frame, presentation: Presentation, locale: str, t: Gettext) -> list[Slide]:
    """A section slide, then one slide per reflection: its quote (or theme) as the title."""
    if not presentation.reflections:
        return []
    section = frame.slide(None)
    add_box(section, 0, Inches(2.6), frame.presentation.slide_width, Inches(2.0), PRIMARY)
    add_text(section, MARGIN + Inches(0.3), Inches(2.6), CONTENT_WIDTH - Inches(0.6), Inches(2.0),
             [Para(t(REFLECTIONS))], 40, 24, "Title", colour=WHITE, bold=True, anchor=MSO_ANCHOR.MIDDLE)
    slides = [section]
    for reflection in presentation.reflections:
        headline = localized(reflection, "headline", locale)
        title = f"”{headline}”" if reflection.is_quote else headline
        slides += _with_proposal(frame, title, lines_of(localized(reflection, "points", locale)),
                                 localized(reflection, "proposal", locale), t, attribution(reflection, locale))
    return slides

