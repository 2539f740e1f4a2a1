"""A round keeps its dates: it opens on its opening day and closes on its closing day by itself (the schedule),
opens earlier only when the leader confirms it, and a closing day is checked against the other dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, AuditEvent, ReportingRound, Role, RoundState, User
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.rounds import close_round, open_round, reopen_round, set_round_dates, start_round
from tracker.operations.schedule import due_rounds, run_schedule

TODAY = date(2027, 1, 10)


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def actor(session: Session) -> Actor:
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    return Actor(user=leader)


@pytest.fixture
def agreement(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def state_events(session: Session, reporting_round: ReportingRound) -> list[tuple[str | None, str | None, str | None]]:
    return [(e.actor, e.old_value, e.new_value) for e in session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "reporting_round", AuditEvent.entity_id == reporting_round.id,
                                 AuditEvent.action == "round.state").order_by(AuditEvent.id))]


def fresh(session: Session, reporting_round: ReportingRound) -> ReportingRound:
    session.expire(reporting_round)
    return reporting_round


def test_a_planned_round_opens_by_itself_on_its_opening_day_and_only_once(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 1, 11), date(2027, 3, 31))
    assert run_schedule(session, TODAY) == []  # the day before
    assert fresh(session, planned).state is RoundState.PLANNED
    changes = run_schedule(session, date(2027, 1, 11))
    assert [(c.year, c.state) for c in changes] == [(2026, RoundState.OPEN)]
    assert fresh(session, planned).state is RoundState.OPEN
    assert run_schedule(session, date(2027, 1, 12)) == []  # a second worker, a later look: nothing more
    assert state_events(session, planned) == [("schedule", "planned", "open")]


def test_a_round_without_a_deadline_does_not_open_by_itself(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 1, 1), None)
    assert planned.id not in due_rounds(session, TODAY)
    run_schedule(session, TODAY)
    assert fresh(session, planned).state is RoundState.PLANNED


def test_an_open_round_closes_by_itself_on_its_closing_day(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 15))
    run_schedule(session, TODAY)
    assert fresh(session, planned).state is RoundState.OPEN
    run_schedule(session, date(2027, 2, 14))
    assert fresh(session, planned).state is RoundState.OPEN
    run_schedule(session, date(2027, 2, 15))
    assert fresh(session, planned).state is RoundState.CLOSED
    assert state_events(session, planned)[-1] == ("schedule", "open", "closed")


def test_opening_before_the_opening_day_needs_the_leaders_confirmation(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 2, 1), date(2027, 3, 31))
    with pytest.raises(OperationError) as refused:
        open_round(session, actor, planned, today=TODAY)
    assert refused.value.code == "opens_later"
    assert planned.state is RoundState.PLANNED
    open_round(session, actor, planned, today=TODAY, early=True)
    assert planned.state is RoundState.OPEN
    assert planned.opens_on == TODAY  # the day it really opened; the planned day is in the trail
    moved = session.scalars(select(AuditEvent).where(
        AuditEvent.entity_id == planned.id, AuditEvent.action == "round.dates", AuditEvent.field == "opens_on")).one()
    assert (moved.old_value, moved.new_value) == ("2027-02-01", "2027-01-10")


def test_a_closing_day_comes_after_the_deadline_and_not_in_the_past(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 1, 1), date(2027, 1, 31))
    for closes_on in (date(2027, 1, 30), date(2027, 1, 9)):
        with pytest.raises(OperationError) as refused:
            set_round_dates(session, actor, planned, date(2027, 1, 1), date(2027, 1, 31), closes_on, today=TODAY)
        assert refused.value.code == "closing_before_deadline"
    with pytest.raises(OperationError) as refused:
        set_round_dates(session, actor, planned, None, None, date(2027, 1, 9), today=TODAY)
    assert refused.value.code == "closing_in_the_past"
    set_round_dates(session, actor, planned, date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 15), today=TODAY)
    assert planned.closes_on == date(2027, 2, 15)


def test_reopening_after_the_closing_day_removes_it_so_the_round_stays_open(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 15))
    run_schedule(session, TODAY)
    run_schedule(session, date(2027, 2, 20))
    assert fresh(session, planned).state is RoundState.CLOSED
    reopen_round(session, actor, planned, "Aneby behöver rätta en siffra", today=date(2027, 2, 20))
    assert planned.closes_on is None
    run_schedule(session, date(2027, 2, 21))
    assert fresh(session, planned).state is RoundState.OPEN
    close_round(session, actor, planned)
    assert planned.state is RoundState.CLOSED
