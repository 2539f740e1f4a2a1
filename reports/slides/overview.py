"""Slides that name every party with its answer, for the questions the agreement gives an `overview` title
("Var kan vi tanka biogas i Jönköpings län?", how each municipality uses its own biogas): what a chart of counts
cannot say, who is behind each number.

A choice or yes/no question: a table with a column per option that was answered, the parties under it, and
beside it the parties' comments on the commitment (where they give their reasons). A number: a table of each
party with its answer. Below the table, who has not reported. Native tables, so the leaders can edit them.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from reports.data import CommitmentResult, IndicatorResult
from reports.data.types import Aggregate, PartyInfo
from reports.slides.frame import Frame, Gettext, Para, add_box, add_text, text_height
from reports.slides.theme import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    FONT,
    GUTTER,
    INK,
    MARGIN,
    PALE,
    PRIMARY,
    WHITE,
)
from tracker.domain.messages import N_

SIDE_WIDTH = Inches(4.6)
NOTE_HEIGHT = Inches(0.6)
COLUMN_WIDTH = Inches(2.6)
TABLE_SIZE = 14  # points
ROWS_PER_TABLE = 8  # a numbers table longer than this is split in two, side by side


def overview_slides(frame: Frame, commitment: CommitmentResult, locale: str, t: Gettext) -> list[Slide]:
    """The commitment's overview slides, one per question that has an overview title."""
    slides = []
    for result in commitment.indicators:
        title = result.info.overview_title
        if title is None or not result.expected:
            continue
        slide = frame.slide(title.get(locale))
        if result.county.method is Aggregate.DISTRIBUTION:
            _by_option(slide, commitment, result, locale, t)
        else:
            _by_number(slide, result, locale, t)
        slides.append(slide)
    return slides


def _missing_note(slide: Slide, result: IndicatorResult, width: int, t: Gettext) -> int:
    """ "Har inte rapporterat: Habo, Mullsjö" at the bottom; the room it takes."""
    missing = [p.name for p in result.county.missing]
    if not missing:
        return 0
    text = t(N_("Have not reported: %(parties)s")) % {"parties": ", ".join(missing)}
    add_text(slide, MARGIN, CONTENT_BOTTOM - NOTE_HEIGHT, width, NOTE_HEIGHT, [Para(text)], 16, 11, "Not reported")
    return int(NOTE_HEIGHT + Inches(0.1))


def _table(slide: Slide, left: int, top: int, width: int, header: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[int], height: int) -> None:
    """A native table: the header on the deck's dark blue, the body on pale blue; every cell's text in the deck's
    font, each line of a cell a paragraph of its own."""
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Emu(left), Emu(top), Emu(width), Emu(height))
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


def _by_option(slide: Slide, commitment: CommitmentResult, result: IndicatorResult, locale: str,
               t: Gettext) -> None:
    by_code = {party.code: party for party in result.expected}
    options = [option for option in result.county.distribution if option.count]
    listed = {code for option in options for code in option.parties}
    comments = [Para(f"{s.party.name}: {s.comment}") for s in commitment.comments if s.party.code in listed]
    width = CONTENT_WIDTH - (SIDE_WIDTH + GUTTER if comments else 0)
    bottom = CONTENT_BOTTOM - _missing_note(slide, result, width, t)
    if not options:
        add_text(slide, MARGIN, CONTENT_TOP, width, bottom - CONTENT_TOP, [Para(t(N_("No answers yet.")))], 24, 14)
    else:
        column = min(COLUMN_WIDTH, width // len(options))
        header = [f"{option.label.get(locale)} ({option.count})" for option in options]
        body = [_names(option.parties, by_code) for option in options]
        tallest = max(option.count for option in options)
        height = min(bottom - CONTENT_TOP, int(Inches(0.45)) + text_height([Para("x")] * tallest, column,
                                                                             TABLE_SIZE))
        _table(slide, MARGIN, CONTENT_TOP, column * len(options), header, [body], [column] * len(options), height)
    if comments:
        left = MARGIN + width + GUTTER
        add_box(slide, left, CONTENT_TOP, SIDE_WIDTH, CONTENT_BOTTOM - CONTENT_TOP, PALE, "Comments box")
        add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.05), SIDE_WIDTH - Inches(0.2), Inches(0.5),
                 t(N_("The parties' comments")), 16, 16, "Comments heading", colour=PRIMARY, bold=True)
        add_text(slide, left + Inches(0.1), CONTENT_TOP + Inches(0.55), SIDE_WIDTH - Inches(0.2),
                 CONTENT_BOTTOM - CONTENT_TOP - Inches(0.6), comments, 16, 10, "Comments", colour=PRIMARY)


def _by_number(slide: Slide, result: IndicatorResult, locale: str, t: Gettext) -> None:
    answered = [(value.party.name, result.info.format(value.value, locale)) for value in result.values
                if value.value is not None]
    bottom = CONTENT_BOTTOM - _missing_note(slide, result, CONTENT_WIDTH, t)
    if not answered:
        add_text(slide, MARGIN, CONTENT_TOP, CONTENT_WIDTH, bottom - CONTENT_TOP, [Para(t(N_("No answers yet.")))],
                 24, 14)
        return
    halves = [answered] if len(answered) <= ROWS_PER_TABLE else [answered[:(len(answered) + 1) // 2],
                                                                    answered[(len(answered) + 1) // 2:]]
    width = min(Inches(5.6), (CONTENT_WIDTH - GUTTER * (len(halves) - 1)) // len(halves))
    header = [t(N_("Party")), result.info.label.get(locale)]
    for index, rows in enumerate(halves):
        height = min(bottom - CONTENT_TOP, int(Inches(0.45)) * (len(rows) + 1) + int(Inches(0.4)))
        _table(slide, MARGIN + index * (width + GUTTER), CONTENT_TOP, width, header, rows,
               [int(width * 0.55), width - int(width * 0.55)], height)
