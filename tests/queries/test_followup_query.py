"""The follow-up's read side: everything in a fixed number of queries, and a clear refusal without a round."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from seed.loader import load_agreement_file
from tracker.domain import Agreement, SubmissionState
from tracker.operations.audit import Actor
from tracker.operations.rounds import create_round
from tracker.queries.followup import FollowUpNotFound, load_followup_inputs

OTHER_AGREEMENT = Path(__file__).resolve().parent.parent / "seed" / "data" / "other_agreement.toml"


@pytest.fixture(scope="module")
def engine(demo_engine: Engine) -> Engine:
    """The demo data (tests/conftest.py), for this module only; `session` is rolled back after each test."""
    return demo_engine


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", count)


def test_the_number_of_queries_does_not_grow_with_the_rounds(session: Session) -> None:
    with counted(session) as early:
        first = load_followup_inputs(session, 2019)
    session.expunge_all()
    with counted(session) as late:
        last = load_followup_inputs(session, 2024)
    assert len(first.rounds) == 1 and len(last.rounds) == 6
    assert len(early) == len(late) <= 20  # 18 (agreement, versions, round, stations), presenters, reflections


def test_everything_the_report_reads_is_loaded(session: Session) -> None:
    inputs = load_followup_inputs(session, 2023)
    assert [r.year for r in inputs.rounds] == [2019, 2020, 2021, 2022, 2023]
    assert len(inputs.parties) == 14 and all(p.is_member for p in inputs.parties)
    assert len(inputs.submissions) == 5 * 14
    jonkoping = next(p for p in inputs.parties if p.code == "0680")
    latest = next(s for s in inputs.submissions if s.party_id == jonkoping.id and s.round_id == inputs.rounds[-1].id)
    assert latest.state is SubmissionState.APPROVED and latest.values and latest.statuses
    assert inputs.rounds[-1].values  # the county figures
    session.expunge_all()  # a pure builder must not need the session any more
    indicator = inputs.agreement.indicators[0]
    assert indicator.commitment is not None and indicator.options is not None


def test_a_year_without_a_round(session: Session) -> None:
    with pytest.raises(FollowUpNotFound) as caught:
        load_followup_inputs(session, 1999)
    assert caught.value.message.params == {"year": 1999}


def test_of_two_agreements_with_the_same_year_the_default_one_unless_another_is_named(session: Session) -> None:
    """A second agreement loaded beside the first never takes its place (tracker.queries.resolver)."""
    load_agreement_file(session, OTHER_AGREEMENT)
    other = session.query(Agreement).filter_by(slug="fossilfria-transporter-kronoberg").one()
    other_round = create_round(session, Actor.system("test"), other, 2025, date(2026, 1, 1), date(2026, 3, 31))
    default = load_followup_inputs(session, 2025)
    assert default.agreement.slug == "biogas-jonkoping" and other_round.id not in {r.id for r in default.rounds}
    assert {s.round_id for s in default.submissions} <= {r.id for r in default.rounds}
    named = load_followup_inputs(session, 2025, "fossilfria-transporter-kronoberg")
    assert named.agreement.slug == "fossilfria-transporter-kronoberg" and [r.id for r in named.rounds] == [
        other_round.id]
    assert load_followup_inputs(session, 2025, None, "fossilfria-transporter-kronoberg").agreement.id == other.id
    with pytest.raises(FollowUpNotFound):
        load_followup_inputs(session, 2025, "no-such-agreement")
