"""The slides of the project leaders' own texts (tracker.domain.presentation), in the order of the 2023 deck:
who presents (on the title slide), Summering with the conclusions and the verdict, "Hur ska överenskommelsen
hanteras framåt?" and the reflections of the industry's actors, one slide each. A part left empty has no slide.
Every text is in its layout's placeholder (Summary; the reflections' divider on Section), so the organisation's
template restyles it all.
"""

from __future__ import annotations

from pptx.slide import Slide

from reports.data import FollowUp
from reports.slides.frame import Frame, Gettext, Para, fill_placeholder, split_to_fit
from reports.slides.layouts import Layout, rect_of
from tracker.domain import localized
from tracker.domain.free_text import bullet_lines
from tracker.domain.messages import N_
from tracker.domain.presentation import Presentation, Presenter, Reflection, Verdict

VERDICTS = {Verdict.YES: N_("YES"), Verdict.PARTLY: N_("PARTLY"), Verdict.NO: N_("NO")}
VERDICT_QUESTION = N_("Does the agreement live up to its purpose?")
WAY_FORWARD = N_("How should the agreement be handled from now on?")
REFLECTIONS = N_("Reflections from the industry's actors")
PROPOSAL = N_("Proposal: %(proposal)s")
TEXT_LARGEST = 26
TEXT_SMALLEST = 18  # points: the forum reads these from across the room; more text goes on another slide


def lines_of(text: str) -> list[Para]:
    """The leaders' text as paragraphs: every line a bullet (tracker.domain.free_text.bullet_lines)."""
    return [Para(line, bullet=True) for line in bullet_lines(text)]


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


def text_slides(frame: Frame, title: str, paragraphs: list[Para], t: Gettext, layout: Layout = Layout.SUMMARY
                 ) -> list[Slide]:
    """`paragraphs` in the layout's text placeholder under `title`, continued on more slides where they do not
    fit at TEXT_SMALLEST (a paragraph is never cut); what must end the text (a proposal, who said it) is last."""
    slides: list[Slide] = []
    parts: list[list[Para]] | None = None
    while parts is None or len(slides) < len(parts):
        heading = title if not slides else t(N_("%(title)s (continued)")) % {"title": title}
        slide = frame.slide(heading, layout=layout)
        text = frame.placeholders(slide)[0]
        if parts is None:
            box = rect_of(text)
            parts = split_to_fit(paragraphs, box.width, box.height, TEXT_SMALLEST) if paragraphs else [[]]
        if parts[len(slides)]:
            fill_placeholder(text, parts[len(slides)], TEXT_LARGEST, TEXT_SMALLEST)
        slides.append(slide)
    return slides


def summary_slides(frame: Frame, followup: FollowUp, locale: str, t: Gettext) -> list[Slide]:
    """Summering: the leaders' conclusions, then the key figures, and last the verdict with its reason."""
    presentation = followup.presentation
    paragraphs = lines_of(localized(presentation, "conclusions", locale))
    paragraphs += [Para(sentence.get(locale), bullet=True) for sentence in followup.summary]
    if not paragraphs:
        paragraphs = [Para(t(N_("No key figures for this round.")))]
    if presentation.verdict is not None:
        question = f"{t(VERDICT_QUESTION)} – {t(VERDICTS[presentation.verdict])}"
        paragraphs.append(Para(question, bold=True))
        reason = localized(presentation, "verdict_reason", locale)
        paragraphs += [Para(line.strip()) for line in reason.splitlines() if line.strip()]
    return text_slides(frame, t(N_("Summing up")), paragraphs, t)


def _way_forward(presentation: Presentation, locale: str) -> tuple[list[Para], str]:
    return lines_of(localized(presentation, "way_forward", locale)), localized(presentation, "proposal", locale)


def _proposal(proposal: str, t: Gettext) -> list[Para]:
    return [Para(t(PROPOSAL) % {"proposal": proposal}, bold=True)] if proposal else []


def way_forward_slides(frame: Frame, presentation: Presentation, locale: str, t: Gettext) -> list[Slide]:
    body, proposal = _way_forward(presentation, locale)
    if not body and not proposal:
        return []
    return text_slides(frame, t(WAY_FORWARD), body + _proposal(proposal, t), t)


def attribution(reflection: Reflection, locale: str) -> str:
    """ "– Biogasproducent, Gasbolaget AB"; the organisation only when they agreed to be named."""
    parts = [localized(reflection, "role", locale)]
    if reflection.may_be_named and reflection.organisation:
        parts.append(reflection.organisation)
    who = ", ".join(part for part in parts if part)
    return f"– {who}" if who else ""


def reflection_slides(frame: Frame, presentation: Presentation, locale: str, t: Gettext) -> list[Slide]:
    """A section slide, then one slide per reflection: its quote (or theme) as the title, what was said, their
    proposal and who said it."""
    if not presentation.reflections:
        return []
    slides = [frame.slide(t(REFLECTIONS), layout=Layout.SECTION)]
    for reflection in presentation.reflections:
        headline = localized(reflection, "headline", locale)
        title = f"”{headline}”" if reflection.is_quote else headline
        paragraphs = lines_of(localized(reflection, "points", locale))
        paragraphs += _proposal(localized(reflection, "proposal", locale), t)
        if who := attribution(reflection, locale):
            paragraphs.append(Para(who))
        slides += text_slides(frame, title, paragraphs, t)
    return slides
