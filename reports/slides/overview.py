"""Slides that name every party with its answer, for the questions the agreement gives an `overview` title
("Var kan vi tanka biogas i Jönköpings län?", how each municipality uses its own biogas): what a chart of counts
cannot say, who is behind each number.

A choice or yes/no question: a table with a column per option that was answered, the parties under it, and
beside it the parties' comments on the commitment (where they give their reasons). A number: a table of each
party with its answer. Who has not reported is said beside or below it. Native tables, so the leaders can edit
them, where the layout's text placeholder is; the notes in the layout's other text placeholder.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from reports.data import CommitmentResult, IndicatorResult
from reports.data.types import Aggregate, PartyInfo
from reports.slides.frame import Frame, Gettext, Para, drop, fill_placeholder, move, text_height
from reports.slides.layouts import Layout, Rect, bounds, rect_of
from reports.slides.theme import FONT, GUTTER, INK, PALE, PRIMARY, WHITE
from tracker.domain.messages import N_

COLUMN_WIDTH = Inches(2.6)
TABLE_SIZE = 14  # points
ROW_HEIGHT = Inches(0.42)
ROWS_PER_TABLE = 8  # a numbers table longer than this is split in two, side by side


def overview_slides(frame: Frame, commitment: CommitmentResult, locale: str, t: Gettext) -> list[Slide]:
    """The commitment's overview slides, one per question that has an overview title."""
    slides = []
    for result in commitment.indicators:
        title = result.info.overview_title
        if title is None or not result.expected:
            continue
        slide = frame.slide(title.get(locale), layout=Layout.TEXT_AND_CHART)
        table_place, notes_place, chart_place = frame.placeholders(slide)[:3]
        area = rect_of(table_place)
        drop(table_place)
        drop(chart_place)
        side = rect_of(notes_place)
        move(notes_place, Rect(side.left, area.top, side.width, area.height))  # the notes: the whole side
        notes = _missing_note(result, t)
        if result.county.method is Aggregate.DISTRIBUTION:
            notes = _by_option(slide, commitment, result, locale, t, area) + notes
        else:  # without notes, the tables take the side too
            _by_number(slide, result, locale, t, area if notes else bounds([area, side]))
        if notes:
            fill_placeholder(notes_place, notes, 16, 10)
        else:
            drop(notes_place)
        slides.append(slide)
    return slides


def _missing_note(result: IndicatorResult, t: Gettext) -> list[Para]:
    """ "Har inte rapporterat: Habo, Mullsjö"."""
    missing = [p.name for p in result.county.missing]
    return [Para(t(N_("Have not reported: %(parties)s")) % {"parties": ", ".join(missing)}, bold=True)] if missing \
        else []


def _table(slide: Slide, area: Rect, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
           height: int) -> None:
    """A native table in `area`: the header on the deck's dark blue, the body on pale blue; every cell's text in
    the deck's font, each line of a cell a paragraph of its own."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Emu(area.left), Emu(area.top), Emu(sum(widths)),
                                   Emu(min(height, area.height)))
    shape.name = "Overview table"
    table = shape.table
    for index, column_width in enumerate(widths):
        table.columns[index].width = Emu(column_width)
    for row_index, cells in enumerate([header, *rows]):
        for column, text in enumerate(cells):
            cell = table.cell(row_index, column)
            cell.fill.solid()
            cell.fill.fore_color.rgb = PRIMARY if row_index == 0 else PALE
            frame = cell.text_frame
            frame.word_wrap = True
            for line_index, line in enumerate(text.split("\n")):
                paragraph = frame.paragraphs[0] if line_index == 0 else frame.add_paragraph()
                run = paragraph.add_run()
                run.text = line
                run.font.size = Pt(TABLE_SIZE)
                run.font.name = FONT
                run.font.bold = row_index == 0
                run.font.color.rgb = WHITE if row_index == 0 else INK


def _names(parties: Sequence[str], by_code: dict[str, PartyInfo]) -> str:
    return "\n".join(by_code[code].name if code in by_code else code for code in parties)


def _by_option(slide: Slide, commitment: CommitmentResult, result: IndicatorResult, locale: str, t: Gettext,
               area: Rect) -> list[Para]:
    """The table of the parties under each answer; the comments of those parties (their reasons) as notes."""
    by_code = {party.code: party for party in result.expected}
    options = [option for option in result.county.distribution if option.count]
    listed = {code for option in options for code in option.parties}
    if options:
        column = min(int(COLUMN_WIDTH), area.width // len(options))
        header = [f"{option.label.get(locale)} ({option.count})" for option in options]
        body = [_names(option.parties, by_code) for option in options]
        tallest = max(option.count for option in options)
        height = int(Inches(0.6)) + text_height([Para("x")] * tallest, column, TABLE_SIZE)
        _table(slide, area, header, [body], [column] * len(options), height)
    notes = [] if options else [Para(t(N_("No answers yet.")))]
    comments = [Para(f"{s.party.name}: {s.comment}") for s in commitment.comments if s.party.code in listed]
    if comments:
        notes += [Para(t(N_("The parties' comments")), bold=True), *comments]
    return notes


def _by_number(slide: Slide, result: IndicatorResult, locale: str, t: Gettext, area: Rect) -> None:
    """Each party with its number, in two tables side by side when there are many."""
    answered = [(value.party.name, result.info.format(value.value, locale)) for value in result.values
                if value.value is not None]
    if not answered:
        return
    half = (len(answered) + 1) // 2
    halves = [answered] if len(answered) <= ROWS_PER_TABLE else [answered[:half], answered[half:]]
    width = (area.width - int(GUTTER) * (len(halves) - 1)) // len(halves)
    header = [t(N_("Party")), t(N_("Answer"))]
    for index, rows in enumerate(halves):
        left = area.left + index * (width + int(GUTTER))
        _table(slide, Rect(left, area.top, width, area.height), header, rows,
               [int(width * 0.62), width - int(width * 0.62)], int(ROW_HEIGHT) * (len(rows) + 1))
