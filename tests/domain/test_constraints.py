"""Integrity lives in the database too: what the models promise, the schema enforces on both backends."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypedDict

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Answer,
    Commitment,
    CommitmentStatus,
    Indicator,
    IndicatorKind,
    Party,
    PartyKind,
    ReportingRound,
    Submission,
    SubmissionState,
    User,
)


class World(TypedDict):
    agreement: Agreement
    commitment: Commitment
    indicator: Indicator
    party: Party
    round: ReportingRound
    submission: Submission


@pytest.fixture
def world(session: Session) -> World:
    """The smallest agreement with one question, one party, one round and one submission."""
    agreement = Agreement(slug="t", name_sv="Test", name_en="Test", county="Testlän", version="1",
                          in_force_from_year=2020)
    commitment = Commitment(agreement=agreement, number="I", position=1, title_sv="Ett", title_en="One",
                            text_sv="Text", text_en="Text", party_kinds=["municipality"])
    indicator = Indicator(agreement=agreement, commitment=commitment, key="I.share", kind=IndicatorKind.PERCENT,
                          position=1, label_sv="Andel", label_en="Share", unit="%")
    party = Party(code="0604", name="Aneby kommun", kind=PartyKind.MUNICIPALITY)
    round_ = ReportingRound(agreement=agreement, year=2023)
    submission = Submission(round=round_, party=party)
    contact = User(email="kontakt@exempel.se", name="Kontakt", role="contact", parties=[party])
    session.add_all([agreement, commitment, indicator, party, round_, submission, contact])
    session.flush()
    return {"agreement": agreement, "commitment": commitment, "indicator": indicator, "party": party,
            "round": round_, "submission": submission}


def refused(session: Session, make: Callable[[], object]) -> None:
    """Adding what `make` builds is refused by the database, and the session is usable afterwards."""
    session.add(make())
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_a_duplicate_answer_is_refused(session: Session, world: World) -> None:
    session.add(Answer(submission=world["submission"], indicator=world["indicator"], value_number=Decimal("12.5")))
    session.flush()
    refused(session, lambda: Answer(submission_id=world["submission"].id, indicator_id=world["indicator"].id,
                                    value_number=Decimal("13")))


def test_a_party_reports_once_per_round(session: Session, world: World) -> None:
    refused(session, lambda: Submission(round_id=world["round"].id, party_id=world["party"].id))


def test_one_status_per_commitment_and_submission(session: Session, world: World) -> None:
    session.add(CommitmentStatus(submission=world["submission"], commitment=world["commitment"]))
    session.flush()
    refused(session, lambda: CommitmentStatus(submission_id=world["submission"].id,
                                              commitment_id=world["commitment"].id))


def test_an_answer_holds_one_value_only(session: Session, world: World) -> None:
    refused(session, lambda: Answer(submission_id=world["submission"].id, indicator_id=world["indicator"].id,
                                    value_number=Decimal(1), value_text="ja"))


def test_an_answer_needs_an_existing_indicator(session: Session, world: World) -> None:
    refused(session, lambda: Answer(submission_id=world["submission"].id, indicator_id=999_999,
                                    value_number=Decimal(1)))


def test_unique_party_codes_and_emails(session: Session, world: World) -> None:
    refused(session, lambda: Party(code="0604", name="Dubblett", kind=PartyKind.MUNICIPALITY))
    session.add(User(email="a@exempel.se", name="A", role="contact"))
    session.flush()
    refused(session, lambda: User(email="a@exempel.se", name="B", role="contact"))


@pytest.mark.parametrize(
    ("table", "column"),
    [("submissions", "state"), ("reporting_rounds", "state"), ("parties", "kind"), ("users", "role"),
     ("indicators", "kind")],
)
def test_states_and_kinds_are_checked_by_the_database(session: Session, world: World, table: str, column: str) -> None:
    """A value outside the enum is refused even when written with plain SQL, past the ORM."""
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(text(f"UPDATE {table} SET {column} = 'bogus'"))
    session.rollback()


def test_round_dates_and_year_are_checked(session: Session, world: World) -> None:
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(text("UPDATE reporting_rounds SET opens_on = '2024-05-01', deadline_on = '2024-03-01'"))
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(text("UPDATE reporting_rounds SET year = 1066"))


def test_the_submission_version_counts_every_change(session: Session, world: World) -> None:
    submission = world["submission"]
    first = submission.version
    submission.state = SubmissionState.DRAFT
    session.flush()
    assert submission.version == first + 1
