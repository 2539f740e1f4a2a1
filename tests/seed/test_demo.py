"""The demo data: the same rows on every load, added once, valid, applicable, and true to the 2023 deck.

The data is loaded once per backend into an empty database, on a connection of its own, and compared with the
run's demo database (which the same loader wrote, in another process); every test here reads it, or changes it
inside a savepoint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from seed.demo import DEMO_PASSWORD, DEMO_USERS, DemoReport, example_counts, load_demo
from tracker.database import make_engine
from tracker.domain import (
    Agreement,
    Answer,
    AuditEvent,
    CommitmentStatus,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
    SubmissionState,
    User,
)
from tracker.domain.applicability import answer_values, indicator_applies, stored_value, value_key
from tracker.domain.values import ValueRules, compute_derived, format_value, from_columns, parse
from tracker.operations.users import verify_password

if TYPE_CHECKING:
    from tests.conftest import DemoDatabases

Dump = dict[str, list[tuple[str, ...]]]


@dataclass
class Demo:
    session: Session
    report: DemoReport
    first: Dump
    second: Dump


def rows(items: Iterable[Iterable[Any]]) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in item) for item in items)


def level_key(status: CommitmentStatus) -> str:
    """The key of a status given (the demo gives a level with every status)."""
    assert status.status_level is not None, status
    return status.status_level.key


def dump(session: Session) -> Dump:
    """The demo's rows by their natural keys (party code, year, indicator key), never by generated ids."""
    session.flush()
    session.expire_all()  # every value as the database returns it
    subs = {s.id: (s.round.year, s.party.code) for s in session.scalars(select(Submission))}
    return {
        "rounds": rows((r.year, r.state, r.opens_on, r.deadline_on, r.news_sv, r.is_example)
                       for r in session.scalars(select(ReportingRound))),
        "submissions": rows((*subs[s.id], s.state, s.version, s.submitted_dt, s.approved_dt, s.is_example)
                            for s in session.scalars(select(Submission))),
        "answers": rows((*subs[a.submission_id], a.indicator.key, a.value_number, a.value_text, a.value_bool)
                        for a in session.scalars(select(Answer))),
        "statuses": rows((*subs[c.submission_id], c.commitment.number, level_key(c), c.comment)
                         for c in session.scalars(select(CommitmentStatus))),
        "round_values": rows((v.round.year, v.indicator.key, v.value_number)
                             for v in session.scalars(select(RoundValue))),
        "users": rows((u.email, u.name, u.role, u.is_example, [p.code for p in u.parties])
                      for u in session.scalars(select(User))),
        "audit": rows((e.actor, e.action, e.entity, e.field, e.old_value, e.new_value,
                       subs.get(e.submission_id) if e.submission_id is not None else None)
                      for e in session.scalars(select(AuditEvent).where(AuditEvent.actor == "demo"))),
    }


# Every test here reads the module's fixture, which loads the demo data into an empty database (some 10 s) and
# compares it with the run's demo database (tests/conftest.py's template, which the same loader wrote in another
# process): `make test` runs them, `make test-fast` leaves them out.
pytestmark = pytest.mark.slow(reason="the module's fixture loads the demo data into an empty database")


@pytest.fixture(scope="module")
def demo(engine: Engine, demo_databases: DemoDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    backend = "sqlite" if engine.dialect.name == "sqlite" else "postgresql"
    with demo_databases.copy(backend, tmp_path_factory.mktemp("demo-template")) as url:
        template = make_engine(url)
        try:
            with Session(template) as other:
                first = dump(other)  # what the run's demo database holds: a load of its own
        finally:
            template.dispose()
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        report = load_demo(session)  # into an empty database: loads the agreement file first
        yield Demo(session, report, first, dump(session))
        session.close()
        transaction.rollback()


def example_submissions(session: Session, year: int | None = None) -> list[Submission]:
    query = select(Submission).join(ReportingRound).where(Submission.is_example)
    return list(session.scalars(query.where(ReportingRound.year == year) if year else query))


def answers_of(session: Session, year: int) -> dict[str, dict[str, Any]]:
    """party code -> indicator key -> value (number, text or yes/no) in `year`."""
    found: dict[str, dict[str, Any]] = {}
    for sub in example_submissions(session, year):
        found[sub.party.code] = {a.indicator.key: v.number if (v := stored_value(a)) and v.number is not None
                                 else value_key(v) for a in sub.answers}
    return found


def round_value(session: Session, year: int, key: str) -> Decimal:
    reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()
    number = next(v.value_number for v in reporting_round.values if v.indicator.key == key)
    assert number is not None, key
    return Decimal(number)


def test_every_load_writes_the_same_rows(demo: Demo) -> None:
    assert demo.first == demo.second
    assert len(demo.first["answers"]) > 1000 and len(demo.first["audit"]) > len(demo.first["answers"])


def test_the_report_counts_what_was_added(demo: Demo) -> None:
    counts = example_counts(demo.session)
    assert counts == {"rounds": 7, "submissions": 7 * 14, "answers": demo.report.answers,
                      "statuses": demo.report.statuses, "users": len(DEMO_USERS)}
    assert (demo.report.rounds, demo.report.submissions, demo.report.users) == (7, 98, 5)
    summary = demo.report.summary()
    for user in DEMO_USERS:
        assert f"{user.email} / {DEMO_PASSWORD}" in summary


@pytest.mark.parametrize("only_if_empty", [False, True])
def test_loading_again_adds_nothing_and_still_prints_the_logins(demo: Demo, only_if_empty: bool) -> None:
    again = load_demo(demo.session, only_if_empty=only_if_empty)
    assert dump(demo.session) == demo.second
    assert again.skipped is not None and again.answers == 0
    assert "projektledare@exempel.se / demo" in again.summary()


def test_real_reports_keep_the_demo_out(demo: Demo) -> None:
    session = demo.session
    savepoint = session.begin_nested()
    try:  # pretend the reports and rounds are real ones
        session.execute(update(Submission).values(is_example=False))
        session.execute(update(ReportingRound).values(is_example=False))
        session.expire_all()
        before = dump(session)
        if_empty = load_demo(session, only_if_empty=True)
        assert if_empty.skipped is not None and "--if-empty" in if_empty.skipped.msgid
        anyway = load_demo(session)
        assert anyway.skipped is not None and anyway.skipped.params["years"].startswith("2019, 2020")
        assert dump(session) == before
    finally:
        savepoint.rollback()
        session.expire_all()


def test_2023_matches_the_forum_deck(demo: Demo) -> None:
    session = demo.session
    assert round_value(session, 2023, "county.biogas_production_gwh") == 88
    growth = round_value(session, 2023, "county.biogas_production_gwh") / round_value(
        session, 2022, "county.biogas_production_gwh")
    assert Decimal("1.055") <= growth <= Decimal("1.065")  # "Produktionen inom länet ökade 6% till 88 GWh"
    answers = answers_of(session, 2023)
    municipalities = [code for code in answers if code != "06"]
    assert len(municipalities) == 13
    assert sum(answers[code]["II.public_stations"] >= 1 for code in municipalities) == 9  # "9 av 13 kommuner"
    agreement = session.scalars(select(Agreement)).one()
    total_indicator = next(i for i in agreement.indicators if i.key == "I.gwh_total")
    for year, low, high in ((2019, 0, 36), (2020, 0, 36), (2023, 40, 42)):
        region = next(s for s in example_submissions(session, year) if s.party.code == "06")
        values = {i.key: answer_values(region).get(i.id) for i in agreement.indicators}
        total = compute_derived(ValueRules.of(total_indicator), values)
        assert total is not None and total.number is not None, year
        assert low < total.number < high, year  # "Busstrafiken når volymmålet" (36 GWh)
    stations = sum(answers[code]["II.public_stations"] for code in municipalities)
    assert stations + 1 <= round_value(session, 2023, "county.public_stations") <= stations + 3


def test_stations_grow_and_the_first_year_fits_them(demo: Demo) -> None:
    by_year = {year: answers_of(demo.session, year) for year in range(2019, 2025)}
    with_stations = {year: {c for c, a in found.items() if c != "06" and a["II.public_stations"] >= 1}
                     for year, found in by_year.items()}
    assert all(with_stations[y] <= with_stations[y + 1] for y in range(2019, 2024))
    assert len(with_stations[2019]) < 9 and len(with_stations[2024]) in (9, 10)
    for year, found in by_year.items():
        for code, answers in found.items():
            if code == "06":
                continue
            first = answers.get("II.first_station_year")
            assert (first is not None) == (code in with_stations[year]), (code, year)
            if first is not None and first >= 2019:
                assert code in with_stations[int(first)] and code not in with_stations[int(first) - 1]


def test_gas_cars_are_a_minority_and_fewer_after_2023(demo: Demo) -> None:
    shares = {}
    for year in (2023, 2024):
        found = answers_of(demo.session, year)
        below_half = sum(a["III.cars_gas"] < a["III.cars_total"] / 2 for a in found.values())
        assert below_half >= 12
        shares[year] = sum(a["III.cars_gas"] for a in found.values()) / sum(a["III.cars_total"] for a in found.values())
    assert shares[2024] < shares[2023] < Decimal("0.5")
    cars = {code: a["III.cars_total"] for code, a in answers_of(demo.session, 2023).items()}
    assert cars["0680"] > 3 * cars["0683"] > 3 * cars["0604"]  # Jönköping large, Aneby small


def test_every_stored_answer_is_a_valid_value(demo: Demo) -> None:
    for answer in demo.session.scalars(select(Answer)):
        rules = ValueRules.of(answer.indicator)
        value = from_columns(answer.value_number, answer.value_text, answer.value_bool)
        assert value is not None
        assert parse(rules, format_value(rules, value, "sv")) == value, answer.indicator.key
        assert parse(rules, value_key(value)) == value, answer.indicator.key


def test_no_answer_to_a_question_that_does_not_apply(demo: Demo) -> None:
    checked = 0
    for sub in example_submissions(demo.session):
        values = answer_values(sub)
        for answer in sub.answers:
            assert not answer.indicator.kind.is_derived
            assert indicator_applies(answer.indicator, sub, values), (sub.party.code, answer.indicator.key)
            checked += 1
        if sub.round.year <= 2024:  # and every required, applicable question is answered
            asked = {i.key for i in sub.round.agreement.indicators
                     if i.is_required and not i.kind.is_derived and indicator_applies(i, sub, values)}
            assert asked <= {a.indicator.key for a in sub.answers}, (sub.party.code, sub.round.year)
    assert checked == demo.report.answers
    assert answers_of(demo.session, 2023)["0604"]["VI.use"] == "electricity_heat"
    assert "VI.use" not in answers_of(demo.session, 2023)["0617"]  # Gnosjö produces no biogas


def test_every_applicable_commitment_has_a_status_and_comment(demo: Demo) -> None:
    for sub in example_submissions(demo.session):
        expected = set() if sub.round.year == 2025 else {
            c.number for c in sub.round.agreement.commitments if c.applies_to(sub.party.kind)}
        assert {s.commitment.number for s in sub.statuses} == expected
        assert all(s.comment and s.status_level is not None for s in sub.statuses)


def test_review_states_and_the_open_round(demo: Demo) -> None:
    session = demo.session
    rounds = {r.year: r for r in session.scalars(select(ReportingRound))}
    assert {y: r.state for y, r in rounds.items()} == {**dict.fromkeys(range(2019, 2025), RoundState.CLOSED),
                                                       2025: RoundState.OPEN}
    closed, open_ = rounds[2023], rounds[2025]
    assert closed.opens_on is not None and closed.deadline_on is not None
    assert open_.opens_on is not None and open_.deadline_on is not None
    assert (closed.opens_on.isoformat(), closed.deadline_on.isoformat()) == ("2024-01-15", "2024-03-31")
    assert (open_.opens_on.isoformat(), open_.deadline_on.isoformat()) == ("2026-11-01", "2027-01-31")
    for year in range(2019, 2024):
        assert {s.state for s in example_submissions(session, year)} == {SubmissionState.APPROVED}
    states_2024 = sorted(s.state for s in example_submissions(session, 2024))
    assert states_2024.count(SubmissionState.SUBMITTED) == 2 and states_2024.count(SubmissionState.RETURNED) == 1
    open_round = example_submissions(session, 2025)
    assert len(open_round) == 14 and {s.state for s in open_round} == {SubmissionState.NOT_STARTED}
    assert all(not s.answers and not s.statuses for s in open_round)


def test_everything_is_marked_as_example_and_written_by_demo(demo: Demo) -> None:
    session = demo.session
    assert session.scalar(select(func.count()).where(~ReportingRound.is_example)) == 0
    assert session.scalar(select(func.count()).where(~Submission.is_example)) == 0
    assert session.scalar(select(func.count()).where(~User.is_example)) == 0
    actors = session.scalars(select(AuditEvent.actor).where(AuditEvent.submission_id.is_not(None)).distinct()).all()
    assert actors == ["demo"]


def test_the_demo_users_sign_in_with_the_demo_password(demo: Demo) -> None:
    for demo_user in DEMO_USERS:
        user = demo.session.scalars(select(User).where(User.email == demo_user.email)).one()
        assert user.role == demo_user.role and verify_password(user, DEMO_PASSWORD)
        assert [p.code for p in user.parties] == ([demo_user.party_code] if demo_user.party_code else [])

