"""Helpers of the overview's tests: many more parties with answers, and counting the SQL statements a block runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Answer,
    CommitmentStatus,
    IndicatorKind,
    IndicatorScope,
    Party,
    PartyKind,
    ReportingRound,
    Submission,
    SubmissionState,
)


def add_parties(session: Session, year: int, count: int = 40) -> list[Party]:
    """`count` more municipalities in the agreement, each with a draft report in the round of `year` that answers
    every count question the municipalities are asked and has a status on every commitment."""
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()
    counts = [i for i in agreement.indicators if i.scope is IndicatorScope.PARTY and i.kind is IndicatorKind.COUNT
              and i.condition_indicator_id is None and i.is_valid_in(year) and i.applies_to_kind("municipality")]
    level = next(level for level in agreement.status_levels if level.is_applicable)
    parties = []
    commitments = [c for c in agreement.commitments if c.applies_to(PartyKind.MUNICIPALITY)]
    for number in range(count):
        party = Party(code=f"99{number:02d}", name=f"Testkommun {number:02d}", kind=PartyKind.MUNICIPALITY)
        session.add(party)
        agreement.parties.append(party)
        submission = Submission(party=party, state=SubmissionState.DRAFT)
        session.add(submission)
        submission.round = reporting_round
        submission.answers.extend(Answer(indicator=i, value_number=number + 1) for i in counts)
        submission.statuses.extend(CommitmentStatus(commitment=c, status_level=level) for c in commitments)
        parties.append(party)
    session.flush()
    session.expire_all()  # what a new request would see: nothing loaded
    return parties


@contextmanager
def statements(engine: Engine | Any) -> Iterator[list[str]]:
    """The SQL statements run on `engine` (or a connection) inside the block."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)
