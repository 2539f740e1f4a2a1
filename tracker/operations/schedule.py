"""The rounds' calendar kept by the app: a planned round opens on its opening day, an open round closes on its
closing day, without anyone pressing a button.

`due_rounds` is one cheap read; `run_schedule` makes the changes that are due, each as a conditional UPDATE (the
round is still planned, still open), so that several workers and instances running it at the same moment change
a round once and audit it once. Two things call it: the web app, at most once a minute per process, in a
transaction of its own (tracker.web.schedule), and `tracker schedule` for a scheduler. Nothing here commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from tracker.domain import ReportingRound, RoundState
from tracker.domain.base import utcnow
from tracker.operations.audit import Actor, record

SCHEDULE = Actor.system("schedule")


@dataclass(frozen=True)
class ScheduledChange:
    round_id: int
    year: int
    state: RoundState  # what the round became


def _due(today: date) -> ColumnElement[bool]:
    opens = and_(ReportingRound.state == RoundState.PLANNED, ReportingRound.opens_on <= today,
                 ReportingRound.deadline_on.is_not(None))
    closes = and_(ReportingRound.state == RoundState.OPEN, ReportingRound.closes_on <= today)
    return or_(opens, closes)


def due_rounds(session: Session, today: date) -> list[int]:
    """The ids of the rounds whose opening or closing day has come: planned rounds with an opening day (and a
    deadline: a round opens only with one) and open rounds with a closing day."""
    return list(session.scalars(select(ReportingRound.id).where(_due(today)).order_by(ReportingRound.id)))


def run_schedule(session: Session, today: date) -> list[ScheduledChange]:
    """Open and close the rounds whose day has come; audited as the system actor "schedule"."""
    changes = []
    for round_id in due_rounds(session, today):
        reporting_round = session.get(ReportingRound, round_id)
        if reporting_round is None:
            continue
        old = reporting_round.state
        new = RoundState.OPEN if old == RoundState.PLANNED else RoundState.CLOSED
        changed = session.execute(
            update(ReportingRound).where(ReportingRound.id == round_id, ReportingRound.state == old)
            .values(state=new, updated_dt=utcnow()).execution_options(synchronize_session="fetch")
        )
        if getattr(changed, "rowcount", 0) != 1:  # another worker was first
            continue
        record(session, SCHEDULE, "round.state", "reporting_round", round_id, field="state", old=str(old),
               new=str(new))
        changes.append(ScheduledChange(round_id, reporting_round.year, new))
    session.flush()
    return changes
