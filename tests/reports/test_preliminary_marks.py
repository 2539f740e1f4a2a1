"""A follow-up of a round that is not closed is preliminary, and every output says so with the count of reports:
each slide, each sheet (and its printed pages), each page of the handout. The demo's 2024 round taken as still
open: 11 reports approved, 2 submitted, 1 sent back (a draft again)."""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from reports.charts.handout import build_handout
from reports.data import FollowUp, build_followup, preliminary_mark
from reports.excel import build_summary_workbook
from reports.slides import build_deck
from tests.reports.test_slides import shown_texts
from tracker.domain import RoundState
from tracker.queries.followup import FollowUpInputs, load_followup_inputs

MARK = "PRELIMINÄR – 13 av 14 rapporter inskickade"
MARK_WITH_DRAFTS = "PRELIMINÄR – 14 av 14 rapporter, varav 1 ej inskickad"


@pytest.fixture(scope="module")
def open_2024(demo_engine: Engine) -> FollowUpInputs:
    """The inputs of 2024 with its round open again."""
    with Session(demo_engine) as session:
        inputs = load_followup_inputs(session, 2024)
    rounds = tuple(dataclasses.replace(r, state=RoundState.OPEN) if r.year == 2024 else r for r in inputs.rounds)
    return dataclasses.replace(inputs, rounds=rounds)


@pytest.fixture(scope="module")
def preliminary(open_2024: FollowUpInputs) -> FollowUp:
    return build_followup(open_2024, 2024)


def test_an_open_round_is_preliminary_and_says_how_many_reports_count(
        open_2024: FollowUpInputs, preliminary: FollowUp, followup_of: Callable[..., FollowUp]) -> None:
    assert preliminary.is_preliminary and not preliminary.include_drafts
    assert preliminary_mark(preliminary) == MARK
    assert preliminary_mark(preliminary, "en") == "PRELIMINARY – 13 of 14 reports submitted"
    with_drafts = build_followup(open_2024, 2024, include_drafts=True)
    assert preliminary_mark(with_drafts) == MARK_WITH_DRAFTS
    assert preliminary_mark(with_drafts, "en") == "PRELIMINARY – 14 of 14 reports, 1 of them not submitted"
    closed = followup_of(2024)
    assert not closed.is_preliminary and preliminary_mark(closed) is None


def test_the_counts_are_the_reports_the_figures_count(preliminary: FollowUp) -> None:
    stations = preliminary.indicator("II.public_stations")
    assert len(stations.reported) == 12  # 13 reports, the region is not asked
    assert [p.party.name for p in preliminary.completeness.parties if not p.is_included] == ["Habo kommun"]


def test_every_slide_shows_the_mark_beside_its_title(preliminary: FollowUp) -> None:
    deck = Presentation(BytesIO(build_deck(preliminary, "sv")))
    for number, slide in enumerate(deck.slides, start=1):
        assert MARK in shown_texts(slide), number
    for number, slide in enumerate(deck.slides, start=1):
        marks = sorted((s for s in slide.shapes if s.name == "Mark"), key=lambda s: s.left)
        assert sorted(s.text_frame.text for s in marks) == sorted([MARK, "EXEMPELDATA"]), number
        bottom = max(s.top + s.height for s in marks)
        title = slide.shapes.title
        if title is not None and title.top < bottom:  # a title in the band of the marks ends before them
            assert title.left + title.width <= marks[0].left, number


def test_every_sheet_starts_with_the_mark_and_prints_it_on_every_page(preliminary: FollowUp) -> None:
    workbook = load_workbook(BytesIO(build_summary_workbook(preliminary, "sv")))
    for ws in workbook.worksheets:
        first_rows = [cell.value for row in ws.iter_rows(max_row=3) for cell in row if cell.value]
        assert MARK in first_rows, ws.title
        assert ws.oddHeader.center.text == MARK, ws.title
    raw = workbook["Rådata"]
    assert raw["A1"].value == MARK and raw["A2"].value == "År"  # the table just below, filtered from its header
    assert raw.auto_filter.ref.startswith("A2:")


def test_a_final_workbook_has_no_mark(followup_of: Callable[..., FollowUp]) -> None:
    workbook = load_workbook(BytesIO(build_summary_workbook(followup_of(2024), "sv")))
    texts = [str(cell.value) for ws in workbook.worksheets for row in ws.iter_rows(max_row=4) for cell in row]
    assert not any("PRELIMINÄR" in text for text in texts)
    assert all(not ws.oddHeader.center.text for ws in workbook.worksheets)


@pytest.mark.slow(reason="renders the whole PDF handout with matplotlib")
def test_every_page_of_the_handout_shows_the_mark(preliminary: FollowUp, tmp_path: Path) -> None:
    path = tmp_path / "handout.pdf"
    path.write_bytes(build_handout(preliminary, "sv"))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    pages = text.rstrip("\f").split("\f")
    assert len(pages) == 1 + len(preliminary.commitments)
    for number, page in enumerate(pages, start=1):
        assert MARK in page, number
    assert pages[0].count(MARK) == 2  # in a box under the title, and in the footer
