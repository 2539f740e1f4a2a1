"""The forum deck of a round's follow-up: `build_deck(followup, locale="sv", organisation=None, template=None)
-> bytes` (a 16:9 .pptx on the built-in master, or on the organisation's template).

Slides, in the order of the 2023 deck: title (with the presenters), agenda, Bakgrund, Vad har hänt sen sist?, per
commitment its text with the key figures and the status (then its figures as native, editable charts, and the
slides naming each party's answer where the agreement asks for one), the development over the years (when
earlier rounds exist), status per commitment, Svarsfrekvens, Summering with the leaders' conclusions and
verdict, "Hur ska överenskommelsen hanteras framåt?" and the reflections of the industry's actors (their texts:
reports.slides.story). Every slide is on a named layout of the master
(reports.slides.layouts), its title and texts in the layout's placeholders, so that the organisation's template
can be applied in PowerPoint, or given as `template` (the bytes or path of a .pptx/.potx; its layouts are found
by name). Every slide has the source and the data state in its footer and, for example data or preliminary
figures, a mark at the top right. Which chart shows what is decided in reports.slides.plan, its colours by
meaning in reports.palette.
"""

from __future__ import annotations

from io import BytesIO
from zoneinfo import ZoneInfo

from pptx.presentation import Presentation as PresentationFile

from reports.data import FollowUp, preliminary_mark
from reports.slides.commitments import commitment_slides, trend_slides
from reports.slides.frame import Frame, Gettext
from reports.slides.master import DeckTemplateError, Template, built_in, open_template
from reports.slides.plan import Planner
from reports.slides.sections import (
    agenda_slide,
    background_slide,
    deck_title,
    news_slide,
    response_slide,
    status_slide,
    title_slide,
)
from reports.slides.story import reflection_slides, summary_slides, way_forward_slides
from tracker.domain.messages import N_
from tracker.i18n import gettext_for

__all__ = ["EXAMPLE_MARK", "DeckTemplateError", "Template", "build_deck", "footer_text", "saved"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EXAMPLE_MARK = N_("EXAMPLE DATA")


def footer_text(followup: FollowUp, t: Gettext) -> str:
    """ "Källa: parternas årliga återrapportering 2023 · Inskickade och godkända rapporter · Uttag 2026-11-23"."""
    source = t(N_("Source: the parties' annual reports for %(year)s")) % {"year": followup.year}
    state = t(N_("Submitted and approved reports, and drafts: preliminary") if followup.include_drafts
              else N_("Submitted and approved reports"))
    extracted = t(N_("Extracted %(date)s")) % {"date": followup.generated_at.astimezone(STOCKHOLM).date().isoformat()}
    return " · ".join((source, state, extracted))


def _language(locale: str) -> str:
    return "en" if locale.startswith("en") else "sv"


def build_deck(followup: FollowUp, locale: str = "sv", organisation: str | None = None,
               template: Template | None = None) -> bytes:
    """The forum deck of `followup` in `locale` (sv or en); `organisation` (who presents) goes on the title slide:
    None takes the agreement's (its data file's `organisation`), "" leaves it out.
    `template`: the organisation's .pptx or .potx (bytes or a path) to build it on; DeckTemplateError if it
    cannot be read."""
    language = _language(locale)
    t = gettext_for(language)
    organisation = followup.agreement.organisation if organisation is None else organisation or None
    presentation = open_template(template) if template is not None else built_in()
    marks = tuple(mark for mark in (t(EXAMPLE_MARK) if followup.is_example else None,
                                    preliminary_mark(followup, language)) if mark is not None)
    frame = Frame(presentation, footer_text(followup, t), marks)
    planner = Planner(followup, language, t)
    title_slide(frame, followup, language, t, organisation, followup.generated_at.astimezone(STOCKHOLM).date())
    with_trend = len(followup.years) > 1
    agenda_slide(frame, followup, t, with_trend)
    background_slide(frame, followup, language, t)
    news_slide(frame, followup, language, t)
    shown: set[str] = set()
    for commitment in followup.commitments:
        shown |= commitment_slides(frame, planner, commitment)[1]
    trend_slides(frame, planner, shown)
    status_slide(frame, planner)
    response_slide(frame, planner)
    summary_slides(frame, followup, language, t)
    way_forward_slides(frame, followup.presentation, language, t)
    reflection_slides(frame, followup.presentation, language, t)
    frame.finish()
    return saved(presentation, deck_title(followup, language, t), organisation, language,
                 t(EXAMPLE_MARK) if followup.is_example else "")


def saved(presentation: PresentationFile, title: str, author: str | None, language: str, keywords: str = "") -> bytes:
    """The finished deck as .pptx bytes, with its title, author (who presents), language and keywords (the example
    mark) in the file's properties, as every deck of the app has them."""
    properties = presentation.core_properties
    properties.title = title
    properties.author = author or ""
    properties.language = "sv-SE" if language == "sv" else "en-GB"
    properties.keywords = keywords
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
