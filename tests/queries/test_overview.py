"""The overview's query on the demo data: one row per party with the state of its report, each commitment's
progress exactly as "My reporting" counts it, who is late, the counts, the filters. (The constant number of SQL
statements whatever the number of parties is counted on the whole page: tests/web/leaders/test_overview.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.web.leaders.overview_helpers import add_parties
from tracker.domain import (
    Agreement,
    Party,
    PartyKind,
    Role,
    RoundState,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.calendar import is_late
from tracker.domain.party import party_order
from tracker.operations.answers import set_answer
from tracker.operations.audit import Actor
from tracker.queries.overview import (
    PER_PAGE,
    Overview,
    OverviewRow,
    Selection,
    default_year,
    load_overview,
    overview_years,
)
from tracker.queries.reporting import report_progress, submission_for_report

BEFORE_DEADLINE, AFTER_DEADLINE = date(2027, 1, 31), date(2027, 2, 1)  # the demo round 2025's last day, the next


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def agreement(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def overview(session: Session, agreement: Agreement, year: int = 2025, today: date = BEFORE_DEADLINE,
             selection: Selection | None = None) -> Overview:
    found = load_overview(session, agreement.id, year, "sv", today, selection)
    assert found is not None
    return found


def row_of(data: Overview, code: str) -> OverviewRow:
    return next(row for row in data.rows if row.party_code == code)


def test_every_party_is_a_row_with_its_report_in_party_order(session: Session, agreement: Agreement) -> None:
    data = overview(session, agreement)
    names = [row.party_name for row in data.rows]
    assert names[:4] == ["Region Jönköpings län", "Aneby kommun", "Eksjö kommun", "Gislaveds kommun"]
    assert names.index("Värnamo kommun") == names.index("Vetlanda kommun") + 1  # ä after z, as in Swedish
    assert len(data.rows) == 14
    assert {row.state for row in data.rows} == {SubmissionState.NOT_STARTED}
    assert [c.number for c in data.commitments] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    counts = data.counts
    assert (counts.parties, counts.reported, counts.approved, counts.late) == (14, 0, 0, 0)


def test_each_cell_is_the_progress_my_reporting_shows(session: Session, agreement: Agreement) -> None:
    for code in ("06", "0680"):
        row = row_of(overview(session, agreement, 2024), code)
        assert row.submission_id is not None
        submission = session.scalars(submission_for_report(row.submission_id)).unique().one()
        mine = {item.number: item.progress for item in report_progress(submission, "sv")}
        cells = {cell.commitment_number: cell.progress for cell in row.cells}
        assert {number: progress for number, progress in cells.items() if progress is not None} == mine
        assert all(progress is None for number, progress in cells.items() if number not in mine)  # does not apply


def test_an_answer_moves_the_cell(session: Session, agreement: Agreement) -> None:
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    cell = next(c for c in row_of(overview(session, agreement), "0680").cells if c.commitment_number == "II")
    assert cell.progress is not None and cell.progress.answered == 0
    submission = session.get(Submission, row_of(overview(session, agreement), "0680").submission_id)
    assert submission is not None
    question = next(i for i in agreement.indicators if i.key == "II.public_stations")
    set_answer(session, Actor(user=leader, on_behalf=True), submission, question, "3")
    session.expire_all()
    moved = next(c for c in row_of(overview(session, agreement), "0680").cells if c.commitment_number == "II")
    assert moved.progress is not None
    assert (moved.progress.answered, moved.progress.required) == (1, cell.progress.required)


def test_late_means_handed_in_after_the_deadline_day_or_not_handed_in_when_it_is_over(
    session: Session, agreement: Agreement
) -> None:
    on_time, after = datetime(2027, 1, 31, 22, 59, tzinfo=UTC), datetime(2027, 1, 31, 23, 0, tzinfo=UTC)
    for code, state, first in (("0604", SubmissionState.SUBMITTED, on_time), ("0680", SubmissionState.APPROVED, after),
                               ("0617", SubmissionState.RETURNED, on_time)):
        row = row_of(overview(session, agreement), code)
        submission = session.get(Submission, row.submission_id)
        assert submission is not None
        submission.state, submission.submitted_dt, submission.first_submitted_dt = state, after, first
    session.flush()
    before = overview(session, agreement, today=BEFORE_DEADLINE)
    assert [r.party_code for r in before.rows if r.is_late] == ["0680"]  # 00:00 on 1 February in Sweden: late
    after_deadline = overview(session, agreement, today=AFTER_DEADLINE)
    assert not row_of(after_deadline, "0604").is_late  # handed in again later, but first on time
    assert row_of(after_deadline, "0680").is_late
    assert row_of(after_deadline, "0617").is_late and row_of(after_deadline, "06").is_late  # sent back, none
    counts = after_deadline.counts
    assert (counts.parties, counts.reported, counts.approved, counts.late) == (14, 2, 1, 13)
    assert is_late(reported=False, first_submitted_dt=None, deadline_on=date(2027, 1, 31), today=AFTER_DEADLINE)
    assert not is_late(reported=False, first_submitted_dt=None, deadline_on=None, today=AFTER_DEADLINE)


def test_the_filters(session: Session, agreement: Agreement) -> None:
    def codes(**selection: Any) -> list[str]:
        data = overview(session, agreement, 2024, today=date(2025, 4, 1), selection=Selection(**selection))
        assert data.matching == len(data.rows)  # one page
        counts = data.counts  # of the whole round, whatever is selected: two reports wait for review, one sent back
        assert (counts.parties, counts.reported, counts.approved, counts.late) == (14, 13, 11, 1)
        return [row.party_code for row in data.rows]

    assert codes(kind=PartyKind.REGION) == ["06"]
    assert codes(state=SubmissionState.RETURNED) == ["0643"]
    assert codes(only_late=True) == ["0643"]
    assert codes(state=SubmissionState.RETURNED, kind=PartyKind.REGION) == []
    assert len(codes()) == 14


def test_many_parties_are_shown_a_page_at_a_time(session: Session, agreement: Agreement) -> None:
    add_parties(session, 2025, 2 * PER_PAGE)  # 114 parties: three pages
    first = overview(session, agreement)
    assert (first.page, first.page_count, first.matching, len(first.rows)) == (1, 3, 114, PER_PAGE)
    assert first.counts.parties == 114
    third = overview(session, agreement, selection=Selection(page=3))
    assert (third.page, len(third.rows)) == (3, 114 - 2 * PER_PAGE)
    assert overview(session, agreement, selection=Selection(page=99)).page == 3  # past the last: the last
    every = [row.party_code for page in (1, 2, 3)
             for row in overview(session, agreement, selection=Selection(page=page)).rows]
    assert len(every) == len(set(every)) == 114  # each party on one page, in party order
    assert every == [row.party_code for row in sorted(
        (r for page in (1, 2, 3) for r in overview(session, agreement, selection=Selection(page=page)).rows),
        key=lambda r: party_order(r.party_kind, r.party_name))]
    regions = overview(session, agreement, selection=Selection(kind=PartyKind.REGION))
    assert (regions.page_count, regions.matching, [r.party_code for r in regions.rows]) == (1, 1, ["06"])


def test_the_year_defaults_to_the_open_round(session: Session, agreement: Agreement) -> None:
    years = overview_years(session, agreement.id)
    assert years[0] == (2025, RoundState.OPEN)
    assert default_year(years) == 2025
    assert default_year([(2026, RoundState.PLANNED), (2024, RoundState.CLOSED)]) == 2026
    assert default_year([(2023, RoundState.CLOSED), (2024, RoundState.OPEN)]) == 2024
    assert default_year([]) is None
    assert load_overview(session, agreement.id, 1999, "sv", BEFORE_DEADLINE) is None


def test_a_party_without_a_report_in_the_round_is_shown_without_one(session: Session, agreement: Agreement) -> None:
    newcomer = Party(code="0999", name="Nykommun", kind=PartyKind.MUNICIPALITY)
    agreement.parties.append(newcomer)
    session.flush()
    row = row_of(overview(session, agreement), "0999")
    assert (row.submission_id, row.state) == (None, None)
    assert all(cell.progress is None for cell in row.cells)


def test_the_earlier_years_are_read_for_a_page_of_parties_as_for_one_report(session: Session) -> None:
    """The values to check of every report of 2024 (earlier years 2019–2023): the overview reads the earlier values
    of all the page's parties in one query, the review page those of one party; both find the same."""
    from decimal import Decimal

    from tracker.domain import Answer, Indicator, ReportingRound
    from tracker.domain.applicability import unusual_answers
    from tracker.queries.reporting import earlier_values, earlier_values_of_round

    round_2024 = session.scalars(select(ReportingRound).where(ReportingRound.year == 2024)).one()
    reports = session.scalars(select(Submission).where(Submission.round_id == round_2024.id)).all()
    far_off = session.scalars(select(Answer).join(Indicator).join(Submission).join(Party).where(
        Submission.round_id == round_2024.id, Party.code == "0680", Indicator.key == "II.public_stations")).one()
    far_off.value_number = Decimal(99)  # ten times and more the year before
    session.flush()
    history = earlier_values_of_round(session, round_2024, [s.party_id for s in reports])
    assert {tuple(year for year, _values in history[s.party_id]) for s in reports} == {(2023, 2022, 2021, 2020, 2019)}
    found = {s.party_id: unusual_answers(s, history[s.party_id]) for s in reports}
    assert found == {s.party_id: unusual_answers(s, earlier_values(session, s)) for s in reports}
    assert any(found[far_off.submission.party_id])
