"""A revision of the agreement loaded on the demo data (tests/seed/data/biogas_revision_2027.toml): every earlier
year's follow-up stays as it was asked, the 2027 round asks the revision's questions, and the trend of the
continued question spans both versions with the change marked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.data import FollowUp, build_followup
from reports.excel import build_summary_workbook
from reports.slides import build_deck
from seed.loader import SeedError, load_agreement_file
from tracker.domain import Agreement, ReportingRound, RoundState
from tracker.domain.applicability import applicable_commitments
from tracker.domain.reporting import Submission
from tracker.operations.audit import Actor
from tracker.operations.rounds import close_round, open_round, start_round
from tracker.queries.followup import load_followup_inputs
from tracker.queries.rounds import questions_of_year

DATA = Path(__file__).resolve().parents[1] / "seed" / "data"
REVISION = DATA / "biogas_revision_2027.toml"
ACTOR = Actor.system("test")
EARLIER_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
SAME_TIME = datetime(2026, 12, 6, tzinfo=UTC)


def followup(session: Session, year: int) -> FollowUp:
    built = build_followup(load_followup_inputs(session, year), year)
    return replace(built, generated_at=SAME_TIME)


def workbook_cells(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(BytesIO(data))
    return {sheet.title: [tuple(cell.value for cell in row) for row in sheet.iter_rows()] for sheet in book}


def deck_texts(data: bytes) -> list[list[str]]:
    deck = Presentation(BytesIO(data))
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]


def biogas(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def round_2027(session: Session) -> ReportingRound:
    """The 2025 and 2026 rounds closed, and a round for 2027 started (on the revision, once it is loaded)."""
    agreement = biogas(session)
    for year in (2025, 2026):
        found = session.scalar(select(ReportingRound).where(ReportingRound.agreement_id == agreement.id,
                                                            ReportingRound.year == year))
        if found is None:
            found = start_round(session, ACTOR, agreement, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
            open_round(session, ACTOR, found, today=date(year + 1, 1, 15))
        if found.state is not RoundState.CLOSED:
            close_round(session, ACTOR, found)
    return start_round(session, ACTOR, agreement, 2027, date(2028, 1, 15), date(2028, 3, 31))


@pytest.mark.slow(reason="builds six years' follow-ups, workbooks and a deck twice, before and after the revision")
def test_loading_the_revision_leaves_every_earlier_year_as_it_was(session: Session) -> None:
    before = {year: followup(session, year) for year in EARLIER_YEARS}
    workbook_before = workbook_cells(build_summary_workbook(before[2024]))
    deck_before = deck_texts(build_deck(before[2023]))

    load_agreement_file(session, REVISION)
    session.flush()
    after = {year: followup(session, year) for year in EARLIER_YEARS}

    for year in EARLIER_YEARS:  # the agreement's versions aside, which now has two
        assert replace(after[year], agreement=before[year].agreement) == before[year], year
        assert replace(after[year].agreement, versions=()) == replace(before[year].agreement, versions=())
    assert after[2024].agreement.version == "2018"
    assert workbook_cells(build_summary_workbook(after[2024])) == workbook_before
    assert deck_texts(build_deck(after[2023])) == deck_before
    about = {row[0]: row[1] for row in workbook_before["Om"] if row[0]}
    assert about["Version"] == "2018"


def test_the_2027_round_asks_the_revision_and_keeps_the_agreement_s_versions(session: Session) -> None:
    load_agreement_file(session, REVISION)
    agreement = biogas(session)
    assert [(v.label, v.from_year, v.to_year) for v in agreement.versions] == [("2018", 2018, 2026),
                                                                               ("2027", 2027, None)]
    new_round = round_2027(session)
    asked = {q.commitment.number: [i.key for i in q.questions] for q in questions_of_year(agreement, 2027)}
    assert "VIII" not in asked and asked["IX"] == ["IX.local_plant"]
    assert "III.cars_gas_share_2027" in asked["III"] and "III.cars_gas_share" not in asked["III"]
    assert [level.key for level in agreement.status_scale_in(2027)][-2:] == ["followed_up", "not_applicable"]
    assert "followed_up" not in [level.key for level in agreement.status_scale_in(2024)]
    earlier = {q.commitment.number: [i.key for i in q.questions] for q in questions_of_year(agreement, 2024)}
    assert "IX" not in earlier and "III.cars_gas_share" in earlier["III"]
    municipality = next(s for s in session.scalars(select(Submission).where(Submission.round_id == new_round.id))
                        if s.party.kind == "municipality")
    numbers = [c.number for c in applicable_commitments(municipality)]
    assert numbers[-1] == "IX" and "VIII" not in numbers


def test_the_trend_of_a_continued_question_spans_both_versions_and_marks_the_change(session: Session) -> None:
    load_agreement_file(session, REVISION)
    round_2027(session)
    session.flush()
    result = followup(session, 2027).indicator("III.cars_gas_share_2027")
    years = [point.year for point in result.trend]
    assert years[:6] == list(EARLIER_YEARS) and years[-1] == 2027
    assert {point.asked_as for point in result.trend if point.year <= 2026} == {"III.cars_gas_share"}
    assert result.trend[-1].asked_as == "III.cars_gas_share_2027"
    [revision] = result.revisions
    assert (revision.year, revision.version) == (2027, "2027")
    assert revision.previous_label.get("sv") == "Andel gasfordon bland personbilarna (%)"
    fu = followup(session, 2027)
    assert fu.agreement.version == "2027"
    trend_sheet = workbook_cells(build_summary_workbook(fu))["Utveckling"]
    notes = [row[0] for row in trend_sheet if isinstance(row[0], str) and "ny form från 2027" in row[0]]
    assert notes == ["Frågan ställs i ny form från 2027 (version 2027); till 2026 löd den: "
                     "”Andel gasfordon bland personbilarna (%)”."]


def test_a_closed_year_s_question_cannot_be_reworded_in_place(session: Session, tmp_path: Path) -> None:
    text = REVISION.read_text(encoding="utf-8").replace(
        'label_sv = "Andel gasfordon bland personbilarna (%)"', 'label_sv = "Andel gasbilar (%)"')
    path = tmp_path / "reworded.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load_agreement_file(session, path)
    message = str(raised.value)
    assert "III.cars_gas_share" in message and "label_sv" in message and "2023" in message
    assert biogas(session).versions[-1].label == "2018"  # nothing written
    report = load_agreement_file(session, path, correction="Stavfel i frågan")
    assert report.updated >= 1
    assert followup(session, 2023).indicator("III.cars_gas_share").info.label.get("sv") == "Andel gasbilar (%)"
