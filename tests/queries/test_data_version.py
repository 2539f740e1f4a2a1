"""The data version the dashboard's cache is keyed by: one query, and it changes with every change a follow-up
would show (and, per year, not with changes to later rounds)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, create_engine, delete, event, select, text
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Answer,
    CommitmentStatus,
    Indicator,
    Party,
    ReportingRound,
    RoundState,
    RoundValue,
    StatusLevel,
    Submission,
    SubmissionState,
)
from tracker.domain.changes import DataChange, bump_portably
from tracker.queries.followup import data_version, year_states

if TYPE_CHECKING:
    from tests.conftest import DemoDatabases


@pytest.fixture(scope="module")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def report(session: Session, year: int, code: str = "0680") -> Submission:
    return session.scalars(select(Submission).join(ReportingRound).join(Party)
                           .where(ReportingRound.year == year, Party.code == code)).one()


def answer(session: Session, year: int, key: str) -> Answer:
    return session.scalars(select(Answer).join(Indicator).where(
        Answer.submission_id == report(session, year).id, Indicator.key == key)).one()


def test_one_query(session: Session) -> None:
    statements: list[str] = []
    connection = session.connection()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(connection, "before_cursor_execute", listener)
    data_version(session, 2023)
    event.remove(connection, "before_cursor_execute", listener)
    assert len(statements) == 1


def test_the_closed_years(session: Session) -> None:
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    closed = tuple(year for year, state in year_states(session, agreement.id).items() if state is RoundState.CLOSED)
    assert closed == (2019, 2020, 2021, 2022, 2023, 2024)


def _change_answer(session: Session) -> None:
    answer(session, 2023, "II.public_stations").value_number = Decimal(9)


def _delete_answer(session: Session) -> None:
    session.execute(delete(Answer).where(Answer.id == answer(session, 2023, "II.public_stations").id))


def _return_report(session: Session) -> None:
    report(session, 2023).state = SubmissionState.RETURNED


def _change_status(session: Session) -> None:
    status = session.scalars(select(CommitmentStatus).where(
        CommitmentStatus.submission_id == report(session, 2023).id)).first()
    assert status is not None
    other = session.scalars(select(StatusLevel).where(StatusLevel.id != status.status_level_id)).first()
    status.status_level_id = other.id if other else None


def _change_county_figure(session: Session) -> None:
    value = session.scalars(select(RoundValue).join(ReportingRound).where(ReportingRound.year == 2023)).first()
    assert value is not None
    value.value_number = (value.value_number or Decimal(0)) + 1


def _close_the_open_round(session: Session) -> None:
    session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one().state = RoundState.CLOSED


def _change_the_news(session: Session) -> None:
    session.scalars(select(ReportingRound).where(ReportingRound.year == 2023)).one().news_sv = "Nytt"


@pytest.mark.parametrize("change", [_change_answer, _delete_answer, _return_report, _change_status,
                                    _change_county_figure, _close_the_open_round, _change_the_news])
def test_every_change_makes_a_new_version(session: Session, change: Callable[[Session], None]) -> None:
    before = data_version(session, 2023), data_version(session)
    change(session)
    session.flush()
    after = data_version(session, 2023), data_version(session)
    assert after[0] != before[0]
    assert after[1] != before[1]


def test_reporting_for_a_later_year_leaves_an_earlier_year_alone(session: Session) -> None:
    before = data_version(session, 2023), data_version(session)
    indicator = session.scalars(select(Indicator).where(Indicator.key == "II.public_stations")).one()
    session.add(Answer(submission_id=report(session, 2025).id, indicator_id=indicator.id, value_number=Decimal(2)))
    session.flush()
    assert data_version(session, 2023) == before[0]
    assert data_version(session) != before[1]


def test_a_party_joining_by_a_statement_makes_a_new_version_for_every_year(session: Session) -> None:
    """The seed writes who has signed the agreement with an INSERT of its own (no objects): it counts too."""
    from sqlalchemy import insert

    from tracker.domain import Agreement, PartyKind, agreement_parties

    before = data_version(session, 2023)
    party = Party(code="0999", name="Nyköping", kind=PartyKind.MUNICIPALITY)
    session.add(party)
    session.flush()
    joined = data_version(session, 2023)
    assert joined != before
    agreement = session.scalars(select(Agreement)).first()
    assert agreement is not None
    session.execute(insert(agreement_parties).values(agreement_id=agreement.id, party_id=party.id))
    assert data_version(session, 2023) != joined


def test_what_no_follow_up_shows_leaves_the_version_alone(session: Session) -> None:
    """A sign-in (the user's time and session version), a mail or an audit event is not in any follow-up: the
    cached outputs stay."""
    from tracker.domain import User
    from tracker.domain.base import utcnow
    from tracker.operations.audit import Actor, record

    before = data_version(session), data_version(session, 2023)
    user = session.scalars(select(User)).first()
    assert user is not None
    user.last_sign_in_dt = utcnow()
    user.session_version += 1
    record(session, Actor.system("test"), "user.sign_in", "user", user.id)
    session.flush()
    assert (data_version(session), data_version(session, 2023)) == before


def test_a_change_that_is_rolled_back_leaves_the_version_as_it_was(session: Session) -> None:
    before = data_version(session, 2023)
    _change_answer(session)
    session.flush()
    assert data_version(session, 2023) != before  # the changing transaction's own, until it commits
    session.rollback()
    assert data_version(session, 2023) == before


def test_the_counters_are_raised_at_the_commit(session: Session) -> None:
    """Until the commit the table is as it was (no row locked); the commit raises each changed year once."""
    counters = lambda: {year: counter for year, counter in session.execute(  # noqa: E731
        select(DataChange.year, DataChange.counter))}
    before = counters()
    _change_answer(session)
    session.flush()
    _change_county_figure(session)
    session.flush()
    assert counters() == before
    session.commit()
    after = counters()
    assert {year for year in after if after[year] != before.get(year)} == {2023}
    assert after[2023] == before[2023] + 1


def test_the_portable_way_raises_a_counter_as_the_upsert_does(session: Session) -> None:
    """A database without INSERT … ON CONFLICT: the counter row is made on the first raise, raised after."""
    connection = session.connection()
    session.execute(delete(DataChange).where(DataChange.year == 2099))
    now = datetime(2027, 1, 5, 10, tzinfo=UTC)
    bump_portably(connection, 2099, now)
    bump_portably(connection, 2099, now)
    session.expire_all()
    row = session.get_one(DataChange, 2099)
    assert row.counter == 2


def test_two_writers_of_two_years_in_opposite_orders_never_wait_for_each_other(
        demo_databases: DemoDatabases, tmp_path: Path) -> None:
    """On PostgreSQL: each changes a report of 2024 and something of every year (a round's news, a party's name),
    in opposite orders, while the other's transaction is open. The counters are raised only at each commit, so
    neither waits for a row the other has locked (before, the second flush waited: a deadlock in the making)."""
    with demo_databases.copy("postgresql", tmp_path) as url:
        engine = create_engine(url)
        try:
            with Session(engine) as check:
                before = {year: counter for year, counter in check.execute(select(DataChange.year, DataChange.counter))}
            with Session(engine) as first, Session(engine) as second:
                for writer in (first, second):
                    writer.execute(text("SET lock_timeout = '3s'"))  # a wait fails the test instead of hanging
                report(first, 2024, "0680").review_comment = "Kontrollera."
                first.flush()
                second.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one().news_sv = "Nytt"
                second.flush()
                first.scalars(select(Party).where(Party.code == "0680")).one().name = "Jönköpings kommun (ny)"
                first.flush()
                report(second, 2024, "0604").review_comment = "Kontrollera."
                second.flush()
                first.commit()
                second.commit()
            with Session(engine) as check:
                after = {year: counter for year, counter in check.execute(select(DataChange.year, DataChange.counter))}
            assert (after[0] - before[0], after[2024] - before[2024]) == (2, 2)
        finally:
            engine.dispose()
