"""Rounds on the demo data (2019–2024 closed, 2025 open): creating the round for a year with a report for every
party, its dates, opening, closing (locked) and reopening with a reason, its news and county figures, the audit
trail of every change, and the follow-up's data version noticing an edit of the news or a figure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    AuditEvent,
    Indicator,
    Party,
    ReportingRound,
    Role,
    RoundState,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.numbers import InvalidValue
from tracker.domain.permissions import Action, Outcome, decide
from tracker.operations import rounds as round_operations
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.rounds import (
    close_round,
    news_lines,
    open_round,
    reopen_round,
    set_round_dates,
    set_round_news,
    set_round_value,
    start_round,
)
from tracker.queries.followup import data_version


def state_of(round_: ReportingRound) -> RoundState:
    """The state now: read through a call, as mypy keeps an earlier assertion's narrowing of `.state` past the
    operation that changes it."""
    return round_.state


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def leader(session: Session) -> User:
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    assert leader is not None
    return leader


@pytest.fixture
def actor(leader: User) -> Actor:
    return Actor(user=leader)


@pytest.fixture
def agreement(session: Session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()


def round_of(session: Session, year: int) -> ReportingRound:
    return session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()


def events(session: Session, reporting_round: ReportingRound, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.entity == "reporting_round", AuditEvent.entity_id == reporting_round.id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return list(session.scalars(query.order_by(AuditEvent.id)))


def figure(agreement: Agreement, key: str) -> Indicator:
    return next(i for i in agreement.indicators if i.key == key)


def test_the_round_for_a_year_is_planned_with_a_report_not_started_for_every_party(
    session: Session, actor: Actor, agreement: Agreement, leader: User
) -> None:
    created = start_round(session, actor, agreement, 2026, date(2027, 1, 15), date(2027, 3, 31))
    assert created.state is RoundState.PLANNED
    submissions = session.scalars(select(Submission).where(Submission.round_id == created.id)).all()
    assert len(submissions) == len(agreement.parties) == 14
    assert {s.state for s in submissions} == {SubmissionState.NOT_STARTED}
    audit = {(e.field, e.new_value, e.user_id) for e in events(session, created, "round.create")}
    assert audit == {("year", "2026", leader.id), ("state", "planned", leader.id),
                     ("opens_on", "2027-01-15", leader.id), ("deadline_on", "2027-03-31", leader.id)}


def test_a_second_round_for_the_same_year_is_refused(session: Session, actor: Actor, agreement: Agreement) -> None:
    with pytest.raises(OperationError) as refused:
        start_round(session, actor, agreement, 2025, None, None)
    assert refused.value.code == "round_exists"
    assert refused.value.message.params == {"year": 2025}


def test_when_two_requests_race_the_unique_key_refuses_the_second_round_cleanly(
    session: Session, actor: Actor, agreement: Agreement, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests passed the existence check before either was saved: the database decides, no 500."""
    monkeypatch.setattr(round_operations, "existing_round_id", lambda *_args: None)
    with pytest.raises(OperationError) as refused:
        start_round(session, actor, agreement, 2024, None, None)
    assert refused.value.code == "round_exists"
    count = session.scalar(select(func.count()).select_from(ReportingRound).where(ReportingRound.year == 2024))
    assert count == 1  # and the session is still usable


@pytest.mark.parametrize("year", [1899, 2201])
def test_a_year_outside_the_range_is_refused(session: Session, actor: Actor, agreement: Agreement, year: int) -> None:
    with pytest.raises(OperationError) as refused:
        start_round(session, actor, agreement, year, None, None)
    assert refused.value.code == "year_out_of_range"


def test_the_deadline_cannot_be_before_the_opening(session: Session, actor: Actor) -> None:
    this = round_of(session, 2025)
    with pytest.raises(OperationError) as refused:
        set_round_dates(session, actor, this, date(2027, 2, 1), date(2027, 1, 31))
    assert refused.value.code == "deadline_before_opening"
    assert (this.opens_on, this.deadline_on) == (date(2026, 11, 1), date(2027, 1, 31))


def test_new_dates_are_audited_with_old_and_new(session: Session, actor: Actor) -> None:
    this = round_of(session, 2025)
    set_round_dates(session, actor, this, date(2026, 11, 1), date(2027, 2, 15))
    set_round_dates(session, actor, this, date(2026, 11, 1), date(2027, 2, 15))  # no change, no event
    [event] = events(session, this, "round.dates")
    assert (event.field, event.old_value, event.new_value) == ("deadline_on", "2027-01-31", "2027-02-15")


def test_a_planned_round_opens_only_with_a_deadline(session: Session, actor: Actor, agreement: Agreement) -> None:
    planned = start_round(session, actor, agreement, 2026, None, None)
    with pytest.raises(OperationError) as refused:
        open_round(session, actor, planned)
    assert refused.value.code == "no_deadline"
    assert planned.state is RoundState.PLANNED
    set_round_dates(session, actor, planned, None, date(2027, 3, 31))
    open_round(session, actor, planned)
    assert state_of(planned) is RoundState.OPEN
    with pytest.raises(OperationError):
        open_round(session, actor, planned)  # already open


def test_a_closed_round_is_locked_until_it_is_reopened_with_a_reason(
    session: Session, actor: Actor, agreement: Agreement, leader: User
) -> None:
    this = round_of(session, 2025)
    close_round(session, actor, this)
    jonkoping = session.scalars(select(Submission).join(Party).where(Party.code == "0680",
                                                                     Submission.round_id == this.id)).one()
    contact = session.scalars(select(User).where(User.email == "kontakt.jonkoping@exempel.se")).one()
    assert decide(contact, Action.EDIT, jonkoping).outcome is Outcome.LOCKED
    assert decide(leader, Action.EDIT, jonkoping).outcome is Outcome.LOCKED
    changes: tuple[Callable[[], object], ...] = (
        lambda: set_round_dates(session, actor, this, None, date(2027, 2, 1)),
        lambda: set_round_news(session, actor, this, "Nytt", None),
        lambda: set_round_value(session, actor, this, figure(agreement, "county.public_stations"), "20"),
        lambda: close_round(session, actor, this),
        lambda: open_round(session, actor, this),
    )
    for change in changes:
        with pytest.raises(OperationError):
            change()
    for reason in ("", "   \n ", None, "x" * 2001):
        with pytest.raises(OperationError):
            reopen_round(session, actor, this, reason)
    assert this.state is RoundState.CLOSED
    reopen_round(session, actor, this, "  Eksjö behöver rätta åtagande II.  ")
    assert state_of(this) is RoundState.OPEN
    assert decide(contact, Action.EDIT, jonkoping)
    [reopened] = events(session, this, "round.reopen")
    assert (reopened.field, reopened.new_value, reopened.user_id) == (
        "reason", "Eksjö behöver rätta åtagande II.", leader.id)
    states = [(e.old_value, e.new_value) for e in events(session, this, "round.state")]
    assert states[-2:] == [("open", "closed"), ("closed", "open")]


def test_only_an_open_round_can_be_closed_and_only_a_closed_one_reopened(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    planned = start_round(session, actor, agreement, 2026, None, date(2027, 3, 31))
    with pytest.raises(OperationError) as refused:
        close_round(session, actor, planned)
    assert refused.value.code == "not_open"
    with pytest.raises(OperationError) as refused:
        reopen_round(session, actor, round_of(session, 2025), "Av misstag")
    assert refused.value.code == "not_closed"


def test_the_news_is_one_bullet_per_line_and_every_change_is_audited(session: Session, actor: Actor) -> None:
    this = round_of(session, 2025)
    set_round_news(session, actor, this, "- Ny tankstation i Eksjö\n\n  • Biogasbussar i Värnamo  \n", "  ")
    assert this.news_sv == "Ny tankstation i Eksjö\nBiogasbussar i Värnamo"
    assert this.news_en is None
    set_round_news(session, actor, this, "Ny tankstation i Eksjö\nBiogasbussar i Värnamo", None)  # the same
    [event] = events(session, this, "round.news")
    assert (event.field, event.old_value, event.new_value) == (
        "news_sv", None, "Ny tankstation i Eksjö\nBiogasbussar i Värnamo")
    with pytest.raises(OperationError) as refused:
        set_round_news(session, actor, this, "x" * 5001, None)
    assert refused.value.code == "news_too_long"


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_control_character_in_the_news_is_refused_not_taken_for_a_line_break(
        session: Session, actor: Actor, separator: str) -> None:
    this = round_of(session, 2025)
    with pytest.raises(OperationError):
        set_round_news(session, actor, this, f"Ny tankstation{separator}i Eksjö", None)
    assert this.news_sv is None
    set_round_news(session, actor, this, "Ny tankstation\r\ni Eksjö\rVärnamo\u2028Gislaved", None)  # line breaks
    assert this.news_sv == "Ny tankstation\ni Eksjö\nVärnamo\nGislaved"


def test_news_lines_keep_a_dash_inside_a_line() -> None:
    assert news_lines("Skattebefrielsen tillbaka – prissänkning\n-5 % i pris\n") == [
        "Skattebefrielsen tillbaka – prissänkning", "-5 % i pris"]


def test_county_figures_are_parsed_by_the_values_module(session: Session, actor: Actor, agreement: Agreement) -> None:
    this = round_of(session, 2025)
    production = figure(agreement, "county.biogas_production_gwh")
    row = set_round_value(session, actor, this, production, "91,5")
    assert row is not None and row.value_number is not None and str(row.value_number.normalize()) == "91.5"
    with pytest.raises(InvalidValue):
        set_round_value(session, actor, this, production, "mycket")
    with pytest.raises(InvalidValue):
        set_round_value(session, actor, this, figure(agreement, "county.public_stations"), "2,5")


def test_the_followups_data_version_sees_a_news_edit_of_the_same_length_and_a_new_figure(
    session: Session, actor: Actor, agreement: Agreement
) -> None:
    """The forum dashboard caches by data_version: an edit of the news that keeps its length must change it."""
    closed = round_of(session, 2024)
    reopen_round(session, actor, closed, "Rättning av nyheterna")
    close_round(session, actor, closed)
    before = data_version(session, 2024)
    reopen_round(session, actor, closed, "Stavfel")
    assert closed.news_sv is not None
    set_round_news(session, actor, closed, closed.news_sv.replace("gasbilar", "GASBILAR"), None)
    close_round(session, actor, closed)
    after_news = data_version(session, 2024)
    assert after_news != before
    reopen_round(session, actor, closed, "Ny siffra från Energimyndigheten")
    set_round_value(session, actor, closed, figure(agreement, "county.biogas_production_gwh"), "91")
    close_round(session, actor, closed)
    assert data_version(session, 2024) != after_news
