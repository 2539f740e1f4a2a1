"""A consultation's summary for the forum: `build_consultation_deck(overview, locale)` (the proposal, the parties'
decisions counted in a chart, each party's decision with its body, day and diarienummer, who has not answered)
and `build_consultation_workbook(overview, locale)` (one row per party, and the counts). Both from
`tracker.queries.consultations.ConsultationOverview`."""

from __future__ import annotations

from reports.excel.model import Column, Row, Sheet, Style, Styled
from reports.excel.writer import write_workbook
from reports.palette import FIGURE, Fill
from reports.slides import EXAMPLE_MARK, saved
from reports.slides.frame import Frame, Gettext, Para, fill_placeholder, paragraphs_of
from reports.slides.layout import panel_slide
from reports.slides.layouts import Layout
from reports.slides.master import built_in
from reports.slides.spec import COUNT_FORMAT, LOCALE_TAGS, ChartForm, ChartSpec, Panel, SeriesSpec, count_scale
from reports.slides.story import text_slides
from tracker.domain.consultation import DECISION_LABELS
from tracker.domain.messages import N_
from tracker.i18n import gettext_for
from tracker.queries.consultations import ConsultationOverview, PartyAnswer

__all__ = ["build_consultation_deck", "build_consultation_workbook"]

NOT_ANSWERED = N_("Not answered yet")


def _language(locale: str) -> str:
    return "en" if locale.startswith("en") else "sv"


def _title(overview: ConsultationOverview, locale: str) -> str:
    return (overview.title_en if locale == "en" and overview.title_en else overview.title_sv)


def _proposal(overview: ConsultationOverview, locale: str) -> str:
    return (overview.proposal_en if locale == "en" and overview.proposal_en else overview.proposal_sv) or ""


def _line(row: PartyAnswer, t: Gettext) -> str:
    """ "Aneby kommun: Revidera överenskommelsen – Kommunfullmäktige, 2025-03-12, dnr KS 2025/12"."""
    answer = row.answer
    if answer is None:
        return f"{row.name}: {t(NOT_ANSWERED).lower()}"
    details = [answer.decided_by, answer.decided_on.isoformat()]
    if answer.reference:
        details.append(t(N_("ref. %(reference)s")) % {"reference": answer.reference})
    return f"{row.name}: {t(DECISION_LABELS[answer.decision])} – {', '.join(details)}"


def build_consultation_deck(overview: ConsultationOverview, locale: str = "sv") -> bytes:
    language = _language(locale)
    t = gettext_for(language)
    presentation = built_in()
    footer = t(N_("Consultation: %(answered)s of %(asked)s parties have answered")) % {
        "answered": overview.answered, "asked": len(overview.rows)}
    frame = Frame(presentation, footer, (t(EXAMPLE_MARK),) if overview.is_example else ())
    slide = frame.slide(_title(overview, language), layout=Layout.TITLE)
    fill_placeholder(frame.placeholders(slide)[0], [Para(overview.agreement_name_en if language == "en"
                                                         else overview.agreement_name_sv)], 20, 14)
    if proposal := _proposal(overview, language):
        text_slides(frame, t(N_("The proposal")), paragraphs_of(proposal), t)
    counts = overview.counts
    labels = [t(DECISION_LABELS[decision]) for decision in counts] + [t(NOT_ANSWERED)]
    values = [float(count) for count in counts.values()] + [float(len(overview.rows) - overview.answered)]
    top, step = count_scale(max(values, default=1.0))
    chart = ChartSpec(ChartForm.COLUMNS, t(N_("The parties' decisions")), tuple(labels),
                      (SeriesSpec(t(N_("Parties")), tuple(values), Fill(FIGURE)),),
                      LOCALE_TAGS.get(language, "") + COUNT_FORMAT, top, major_unit=step, language=language)
    panel_slide(frame, t(N_("The parties' decisions: %(answered)s of %(asked)s have answered")) % {
        "answered": overview.answered, "asked": len(overview.rows)}, [Panel("", chart)])
    text_slides(frame, t(N_("Each party's decision")), [Para(_line(row, t), bullet=True) for row in overview.rows],
                t)
    frame.finish()
    return saved(presentation, _title(overview, language), None, language,
                 t(EXAMPLE_MARK) if overview.is_example else "")


def build_consultation_workbook(overview: ConsultationOverview, locale: str = "sv") -> bytes:
    language = _language(locale)
    t = gettext_for(language)
    columns = [Column(t(N_("Party")), 26), Column(t(N_("Decision")), 28), Column(t(N_("Decided by")), 26),
               Column(t(N_("Date of the decision")), 14), Column(t(N_("Reference number")), 18),
               Column(t(N_("Comment")), 60, wrap=True), Column(t(N_("Attached decision")), 30)]
    rows: list[Row] = []
    for row in overview.rows:
        answer = row.answer
        if answer is None:
            rows.append([row.name, Styled(t(NOT_ANSWERED), Style.WARNING)])
            continue
        rows.append([row.name, t(DECISION_LABELS[answer.decision]), answer.decided_by, answer.decided_on,
                     answer.reference, answer.comment, answer.attachment_name])
    preamble: list[Row] = [[Styled(_title(overview, language), Style.TITLE)]]
    if overview.is_example:
        preamble.append([Styled(t(EXAMPLE_MARK), Style.WARNING)])
    preamble.append([Styled(t(N_("%(answered)s of %(asked)s parties have answered.")) % {
        "answered": overview.answered, "asked": len(overview.rows)}, Style.NOTE)])
    for decision, count in overview.counts.items():
        preamble.append([t(DECISION_LABELS[decision]), count])
    decisions = Sheet(t(N_("Decisions")), columns, rows, preamble, freeze_columns=1)
    return write_workbook([decisions])
