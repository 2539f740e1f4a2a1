"""The read side of reporting: my reports and their progress, one commitment's page, changes since a version."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Commitment,
    Indicator,
    IndicatorKind,
    IndicatorOption,
    Party,
    PartyKind,
    RoundState,
    StatusLevel,
    Submission,
    SubmissionState,
    User,
)
from tracker.operations.answers import set_answer, set_commitment_status
from tracker.operations.audit import Actor
from tracker.operations.rounds import create_round, ensure_submission, set_round_state
from tracker.operations.submitting import set_submission_state
from tracker.queries.commitment_page import commitment_page
from tracker.queries.history import changes_since
from tracker.queries.reporting import (
    earlier_values,
    has_something_to_copy,
    my_reporting,
    previous_report,
    report_progress,
    submission_for_report,
)

ACTOR = Actor.system("test")


@dataclass
class World:
    agreement: Agreement
    commitment: Commitment
    submission: Submission
    contact: User
    ind: dict[str, Indicator]


@pytest.fixture
def world(session: Session) -> World:
    """A municipality that reported 2024 (closed) and has a report for 2025 (open, deadline 31 Jan 2027)."""
    agreement = Agreement(slug="q-test", name_sv="Testavtal", name_en="Test agreement", county="T", version="1",
                          in_force_from_year=2018)
    one = Commitment(agreement=agreement, number="I", position=1, title_sv="Ett", title_en="One", text_sv="Text",
                     text_en="Text", party_kinds=["municipality", "region"])
    Commitment(agreement=agreement, number="II", position=2, title_sv="Två", title_en="Two", text_sv="Text",
               text_en="Text", party_kinds=["region"])
    levels = [StatusLevel(agreement=agreement, key=k, position=i, label_sv=k.title(), label_en=k)
              for i, k in enumerate(["started", "done"])]

    def add(key: str, kind: IndicatorKind, position: int, **extra: object) -> Indicator:
        return Indicator(agreement=agreement, commitment=one, key=key, kind=kind, position=position, label_sv=key,
                         label_en=key, **extra)

    ind = {"gwh": add("I.gwh", IndicatorKind.QUANTITY, 1, unit="GWh"),
           "total": add("I.total", IndicatorKind.COUNT, 2), "gas": add("I.gas", IndicatorKind.COUNT, 3),
           "share": add("I.share", IndicatorKind.RATIO, 4, unit="%", operand_keys=["I.gas", "I.total"]),
           "has": add("I.has", IndicatorKind.YES_NO, 5)}
    ind["use"] = add("I.use", IndicatorKind.CHOICE, 6, condition_indicator=ind["has"], condition_values=["yes"],
                     options=[IndicatorOption(key="upgraded", position=1, label_sv="Uppgraderas", label_en="Upgraded")])
    party = Party(code="Q1", name="Qby kommun", kind=PartyKind.MUNICIPALITY)
    agreement.parties.append(party)
    contact = User(email="q@qby.se", name="Q", role="contact", parties=[party])
    session.add_all([agreement, contact])
    session.flush()
    last = create_round(session, ACTOR, agreement, 2024, None, None, RoundState.OPEN)
    old = ensure_submission(session, last, party)
    for key, raw in (("gwh", "10,5"), ("total", "40"), ("gas", "10"), ("has", "nej")):
        set_answer(session, ACTOR, old, ind[key], raw)
    set_commitment_status(session, ACTOR, old, one, levels[0], "Förra året.")
    set_submission_state(session, ACTOR, old, SubmissionState.SUBMITTED)
    set_round_state(session, ACTOR, last, RoundState.CLOSED)
    this = create_round(session, ACTOR, agreement, 2025, date(2026, 11, 1), date(2027, 1, 31), RoundState.OPEN)
    return World(agreement, one, ensure_submission(session, this, party), contact, ind)


def test_my_reporting_has_the_open_round_its_deadline_progress_and_earlier_years(session: Session, world: World
                                                                                ) -> None:
    [party] = my_reporting(session, world.contact, "sv", today=date(2027, 1, 21))
    assert party.party_name == "Qby kommun"
    [report] = party.open_reports
    assert (report.year, report.deadline_on, report.days_left, report.state) == (
        2025, date(2027, 1, 31), 10, SubmissionState.NOT_STARTED)
    [progress] = report.commitments  # commitment II is the region's
    assert (progress.number, progress.progress.answered, progress.progress.required) == ("I", 0, 4)
    assert [(e.year, e.state) for e in party.earlier] == [(2024, SubmissionState.SUBMITTED)]


def test_progress_counts_applicable_required_questions_and_the_status(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["has"], "ja")  # now I.use is asked too
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "1")
    [item] = report_progress(world.submission, "sv")
    assert (item.progress.answered, item.progress.required, item.progress.statuses) == (2, 5, 0)
    assert not item.progress.is_complete and item.status_label is None


def test_a_commitment_page_has_current_last_year_and_derived_values(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["total"], "40")
    set_answer(session, ACTOR, world.submission, world.ind["gas"], "12")
    previous = previous_report(session, world.submission)
    assert previous is not None and previous.round.year == 2024
    page = commitment_page(world.submission, world.commitment, previous, "sv")
    questions = {q.key: q for q in page.questions}
    assert list(questions) == ["I.gwh", "I.total", "I.gas", "I.share", "I.has"]  # no I.use after "nej"
    assert questions["I.gwh"].last_year_text == "10,5\u00a0GWh" and questions["I.gwh"].value_text == ""
    assert questions["I.share"].is_derived and questions["I.share"].value_text == "30\u00a0%"
    assert questions["I.share"].last_year_text == "25\u00a0%"
    assert questions["I.has"].reveals_more and questions["I.has"].last_year_text == "Nej"
    assert (page.last_year, page.last_year_status_label, page.last_year_comment) == (2024, "Started", "Förra året.")
    assert (page.position, page.count, page.previous_number, page.next_number) == (1, 1, None, None)
    assert has_something_to_copy(world.submission, previous)


def test_changes_since_a_version_fold_each_field_into_then_and_now(session: Session, world: World) -> None:
    opened = world.submission.version
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "1")
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "2,5")
    middle = world.submission.version
    set_answer(session, ACTOR, world.submission, world.ind["total"], "7")
    changes = changes_since(session, world.submission.id, opened)
    assert {k: (c.original, c.current, c.actor) for k, c in changes.items()} == {
        "state": ("not_started", "draft", "test"), "I.gwh": (None, "2.5", "test"), "I.total": (None, "7", "test")}
    assert set(changes_since(session, world.submission.id, middle)) == {"I.total"}


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def test_a_report_and_its_pages_load_in_a_few_queries(session: Session, world: World) -> None:
    set_answer(session, ACTOR, world.submission, world.ind["gwh"], "1")
    session.commit()
    session.expunge_all()
    with counted(session) as statements:
        submission = session.scalars(submission_for_report(world.submission.id)).one()
        previous = previous_report(session, submission)
        earlier = earlier_values(session, submission)  # the values to check: every earlier report
        report_progress(submission, "sv")
        for commitment in submission.round.agreement.commitments:
            if commitment.applies_to(submission.party.kind):
                commitment_page(submission, commitment, previous, "sv", earlier=earlier)
    assert len(statements) <= 14, "\n".join(statements)  # the same for any number of commitments
