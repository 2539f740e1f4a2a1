"""Imports from workbooks: a previewed offline form is written through operations.answers on the leader's behalf
(values, version, audit trail), a stale preview is refused; earlier years create closed rounds and approved
reports, every value audited."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tests.forms.excel_helpers import submission_of
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
from tracker.domain.applicability import answer_values
from tracker.domain.imports import PendingImport
from tracker.domain.values import InvalidValue, Value
from tracker.i18n import gettext_for
from tracker.operations.answers import OperationError, set_answer
from tracker.operations.audit import Actor
from tracker.operations.history_import import (
    HistoryCatalogue,
    HistoryProblem,
    confirm_history_import,
    create_history_import,
)
from tracker.operations.imports import confirm_offline_import, create_offline_import

SV = gettext_for("sv")


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def leader(session: Session) -> User:
    first = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER).order_by(User.id)).first()
    assert first is not None
    return first


def indicator(submission: Submission, key: str) -> Indicator:
    return next(i for c in submission.round.agreement.commitments for i in c.indicators if i.key == key)


def pending_form(session: Session, **answers: Value | None) -> PendingImport:
    submission = submission_of(session)
    return create_offline_import(
        session, leader(session), submission, "jonkoping.xlsx",
        answers={key.replace("_", ".", 1): value for key, value in answers.items()},
        statuses={"II": "started"}, comments={"II": "Från Excel"}, file_version=submission.version,
    )


def test_a_pending_form_keeps_only_what_changes(session: Session) -> None:
    submission = submission_of(session)
    set_answer(session, Actor.system("test"), submission, indicator(submission, "II.public_stations"), "5")
    pending = pending_form(session, II_public_stations=Value(number=Decimal(5)),
                           II_first_station_year=Value(number=Decimal(2011)), II_site_preparation=None)
    assert pending.payload["answers"] == {"II.first_station_year": "2011"}
    assert pending.payload["statuses"] == {"II": "started"} and pending.payload["comments"] == {"II": "Från Excel"}
    assert pending.submission_version == submission.version


def test_confirming_writes_on_behalf_with_the_audit_trail(session: Session) -> None:
    pending = pending_form(session, II_public_stations=Value(number=Decimal("6")))
    submission = submission_of(session)
    version = submission.version
    changed = confirm_offline_import(session, Actor(user=leader(session), on_behalf=True), pending, submission)
    assert changed == 3  # the answer, the status, the comment
    values = answer_values(submission)
    assert values[indicator(submission, "II.public_stations").id] == Value(number=Decimal(6))
    assert submission.state is SubmissionState.DRAFT and submission.version > version
    status = next(s for s in submission.statuses if s.commitment.number == "II")
    assert status.status_level is not None
    assert status.status_level.key == "started" and status.comment == "Från Excel"
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submission.id,
                                                      AuditEvent.action != "submission.state")).all()
    assert {(e.field, e.new_value) for e in events} == {
        ("II.public_stations", "6"), ("II.status", "started"), ("II.comment", "Från Excel")}
    assert all(e.is_on_behalf and e.user_id == leader(session).id for e in events)
    assert session.get(PendingImport, pending.id) is None  # a preview is confirmed once


def test_a_stale_preview_is_refused_and_changes_nothing(session: Session) -> None:
    pending = pending_form(session, II_public_stations=Value(number=Decimal("6")))
    submission = submission_of(session)
    set_answer(session, Actor.system("contact"), submission, indicator(submission, "II.public_stations"), "4")
    with pytest.raises(OperationError) as refused:
        confirm_offline_import(session, Actor(user=leader(session), on_behalf=True), pending, submission)
    assert refused.value.code == "stale_import"
    assert refused.value.message.render(SV).startswith("Rapporten har ändrats sedan filen lästes in")
    assert answer_values(submission)[indicator(submission, "II.public_stations").id] == Value(number=Decimal(4))


def test_a_closed_round_takes_no_form(session: Session) -> None:
    submission = submission_of(session, "0680", 2024)
    with pytest.raises(OperationError) as refused:
        create_offline_import(session, leader(session), submission, "f.xlsx", answers={}, statuses={}, comments={},
                              file_version=None)
    assert refused.value.code == "round_not_open"


def agreement(session: Session) -> Agreement:
    return session.scalars(select(Agreement)).one()


def catalogue(session: Session) -> HistoryCatalogue:
    return HistoryCatalogue.of(session, agreement(session))


@pytest.mark.parametrize(("row", "message"), [
    (("9999", 2018, "II.public_stations", 3), "Okänd kommunkod \"9999\"."),
    (("0680", 2017, "II.public_stations", 3), "Överenskommelsen gällde inte 2017."),
    (("0680", 2025, "II.public_stations", 3), "Omgången för 2025 är inte stängd: dess rapporter görs i tjänsten, "
                                              "de importeras inte."),
    (("0680", 2018, "II.nothing", 3), "Okänd indikator \"II.nothing\"."),
    (("0680", 2018, "II.depots_public", "Ja"), "Indikatorn II.depots_public gäller inte för Jönköpings kommun."),
    (("0680", "förra året", "II.public_stations", 3), "Året måste vara ett årtal, till exempel 2019."),
    (("0680", "２０１８", "II.public_stations", 3), "Året måste vara ett årtal, till exempel 2019."),
    (("0680", 2099, "II.public_stations", 3), "2099 har inte kommit än: bara år som har börjat kan importeras."),
    (("0680", 2018, "II.public_stations", "tre"), "Ange ett heltal."),
    (("0680", 2018, "II.public_stations", None), "Värdet saknas."),
])
def test_a_bad_row_of_earlier_years_says_why(session: Session, row: tuple[object, object, object, object],
                                             message: str) -> None:
    with pytest.raises(Exception) as refused:
        catalogue(session).check(2, *row, None)
    assert isinstance(refused.value, (HistoryProblem, InvalidValue)), refused.value  # what `check` raises
    assert refused.value.message.render(SV) == message


def test_party_codes_that_lost_their_leading_zero_are_found(session: Session) -> None:
    assert catalogue(session).party_of(680).code == "0680"
    assert catalogue(session).party_of(6).code == "06"
    with pytest.raises(HistoryProblem):
        catalogue(session).party_of(12345)


def test_earlier_years_create_a_closed_round_and_approved_reports(session: Session) -> None:
    book = catalogue(session)
    values = [book.check(2, "0680", 2018, "II.public_stations", "3", "Uppföljningen 2018"),
              book.check(3, "0680", 2018, "IV.biogas_share", "72,5", None),
              book.check(4, "0604", 2018, "II.public_stations", 1, None)]
    pending = create_history_import(session, leader(session), "tidigare.xlsx", agreement(session), values)
    assert confirm_history_import(session, Actor(user=leader(session), on_behalf=True), pending,
                                  agreement(session)) == 3
    round_2018 = session.scalars(select(ReportingRound).where(ReportingRound.year == 2018)).one()
    assert round_2018.state is RoundState.CLOSED
    reports = {s.party.code: s for s in round_2018.submissions}
    assert set(reports) == {"0680", "0604"} and all(s.state is SubmissionState.APPROVED for s in reports.values())
    jonkoping = reports["0680"]
    assert answer_values(jonkoping)[indicator(jonkoping, "IV.biogas_share").id] == Value(number=Decimal("72.5"))
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == jonkoping.id)).all()
    assert {(e.action, e.field, e.new_value) for e in events} >= {
        ("submission.state", "state", "approved"), ("answer.update", "II.public_stations", "3"),
        ("answer.update", "IV.biogas_share", "72.5"),
        ("answer.comment", "II.public_stations.comment", "Uppföljningen 2018")}
    assert all(e.is_on_behalf for e in events)


def test_earlier_years_change_a_closed_rounds_value_and_leave_equal_ones(session: Session) -> None:
    book = catalogue(session)
    jonkoping_2024 = submission_of(session, "0680", 2024)
    stations = answer_values(jonkoping_2024)[indicator(jonkoping_2024, "II.public_stations").id]
    before = session.scalar(select(func.count()).select_from(AuditEvent))
    assert before is not None
    values = [book.check(2, "0680", 2024, "II.public_stations", str(stations.number), None),
              book.check(3, "0680", 2024, "IV.biogas_share", "99", None)]
    pending = create_history_import(session, leader(session), "t.xlsx", agreement(session), values)
    assert confirm_history_import(session, Actor(user=leader(session), on_behalf=True), pending,
                                  agreement(session)) == 1
    assert answer_values(jonkoping_2024)[indicator(jonkoping_2024, "IV.biogas_share").id] == Value(number=Decimal(99))
    assert jonkoping_2024.state is SubmissionState.APPROVED and jonkoping_2024.round.state is RoundState.CLOSED
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before + 1
    assert session.scalars(select(Party).where(Party.code == "0680")).one() is jonkoping_2024.party


@pytest.mark.slow(reason="the real command on a database of its own: every migration, the seed and the import "
                         "(about 3 s alone, over 5 s on a busy machine)")
def test_the_command_checks_the_file_then_writes_it(fresh_database_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tracker.cli import cli
    from tracker.database import make_engine

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": fresh_database_url}, catch_exceptions=False)

    assert run("db", "upgrade").exit_code == 0 and run("seed").exit_code == 0
    book = openpyxl.Workbook()
    book.active.append(["Kommunkod", "År", "Indikator", "Värde", "Kommentar"])
    book.active.append(["0680", 2019, "II.public_stations", 4, "Uppföljningen 2019"])
    book.active.append(["0680", 2019, "IV.biogas_share", "80,5", None])
    good, bad = tmp_path / "tidigare.xlsx", tmp_path / "fel.xlsx"
    book.save(good)
    book.active.append(["0680", 2019, "II.nothing", 1, None])
    book.save(bad)

    refused = run("import-history", str(bad), "--write")
    assert refused.exit_code == 1
    assert "Rad 4: Okänd indikator \"II.nothing\"." in refused.output
    assert "Inget skrevs: 1 rader har fel." in refused.output
    checked = run("import-history", str(good))
    assert checked.exit_code == 0 and "Filen är giltig: 2 värden." in checked.output
    engine = make_engine(fresh_database_url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(func.count()).select_from(ReportingRound)) == 0  # checking writes nothing
        written = run("import-history", str(good), "--write")
        assert written.exit_code == 0 and "2 av 2 värden skrevs" in written.output
        with Session(engine) as session:
            round_2019 = session.scalars(select(ReportingRound)).one()
            assert round_2019.year == 2019 and round_2019.state is RoundState.CLOSED
            events = session.scalars(select(AuditEvent).where(AuditEvent.action == "answer.update")).all()
            assert sorted((e.field, e.new_value, e.actor) for e in events) == [
                ("II.public_stations", "4", "cli"), ("IV.biogas_share", "80.5", "cli")]
    finally:
        engine.dispose()


def test_earlier_years_that_contradict_each_other_are_refused_by_row(session: Session) -> None:
    """150 gas cars of 100 cars, in the file, is an error of the part's row, as in the web form."""
    book = catalogue(session)
    values = [book.check(2, "0680", 2018, "III.cars_total", 100, None),
              book.check(3, "0680", 2018, "III.cars_gas", 150, None),
              book.check(4, "0604", 2018, "III.cars_gas", 3, None)]
    [(row, message)] = book.contradictions(values)
    assert (row, message.render(SV)) == (3, "Fler gasbilar än bilar: kontrollera siffrorna.")
    assert message.render(gettext_for("en")) == "More gas cars than cars: check the figures."
    assert book.contradictions([values[0], values[2]]) == []
