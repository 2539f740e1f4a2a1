"""The project leaders' rounds: the agreement's rounds with their counts, one round with what its page shows.

The leaders' pages work on one agreement: the request's (tracker.queries.resolver decides which).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.domain import (
    Agreement,
    AuditEvent,
    Commitment,
    Indicator,
    IndicatorScope,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
    SubmissionState,
)

REPORTED_STATES = tuple(state for state in SubmissionState if state.is_reported)


@dataclass(frozen=True)
class RoundSummary:
    """One line of the rounds list."""

    year: int
    state: RoundState
    opens_on: date | None
    deadline_on: date | None
    is_example: bool
    parties: int  # submissions in the round
    reported: int  # submitted or approved
    approved: int


def round_summaries(session: Session, agreement_id: int) -> list[RoundSummary]:
    """The agreement's rounds, the latest year first, with their counts of reports (one query)."""
    reported = func.sum(case((Submission.state.in_(REPORTED_STATES), 1), else_=0))
    approved = func.sum(case((Submission.state == SubmissionState.APPROVED, 1), else_=0))
    rows = session.execute(
        select(ReportingRound.year, ReportingRound.state, ReportingRound.opens_on, ReportingRound.deadline_on,
               ReportingRound.is_example, func.count(Submission.id), reported, approved)
        .outerjoin(Submission, Submission.round_id == ReportingRound.id)
        .where(ReportingRound.agreement_id == agreement_id)
        .group_by(ReportingRound.id)
        .order_by(ReportingRound.year.desc())
    ).all()
    return [RoundSummary(r[0], RoundState(r[1]), r[2], r[3], bool(r[4]), int(r[5]), int(r[6] or 0), int(r[7] or 0))
            for r in rows]


def round_of_year(agreement_id: int, year: int) -> Select[ReportingRound]:
    """The agreement's round for `year` with its county figures and the agreement's catalogue."""
    return (
        select(ReportingRound)
        .where(ReportingRound.agreement_id == agreement_id, ReportingRound.year == year)
        .options(
            selectinload(ReportingRound.values),
            joinedload(ReportingRound.agreement).options(
                selectinload(Agreement.commitments).selectinload(Commitment.indicators),
                selectinload(Agreement.indicators).selectinload(Indicator.options),
            ),
        )
    )


@dataclass(frozen=True)
class CommitmentQuestions:
    """A commitment and the questions the round for a year asks under it (derived figures included)."""

    commitment: Commitment
    questions: tuple[Indicator, ...]


def questions_of_year(agreement: Agreement, year: int) -> list[CommitmentQuestions]:
    """The party questions valid in `year`, by commitment: what the round for that year asks."""
    return [
        CommitmentQuestions(commitment, tuple(
            i for i in commitment.indicators if i.scope is IndicatorScope.PARTY and i.is_valid_in(year)
        ))
        for commitment in agreement.commitments_in(year)
    ]


def county_indicators(agreement: Agreement, year: int) -> list[Indicator]:
    """The county-level figures (round-scope indicators) entered for the round of `year`, in their order."""
    return [
        i for i in agreement.indicators
        if i.scope is IndicatorScope.ROUND and i.is_valid_in(year) and not i.kind.is_derived
    ]


@dataclass(frozen=True)
class RoundEvent:
    """A change of the round in the audit trail: who (a user's name or a system actor), when, what."""

    when: datetime
    who: str
    action: str
    field: str | None
    old: str | None
    new: str | None


def round_events(session: Session, round_id: int) -> list[RoundEvent]:
    """The changes of the round (created, dates, state, reopened, news, county figures, the texts for the forum),
    the newest first. County figures were recorded on their own rows before 2026-12: those are read too, for the
    figures the round still has."""
    earlier_figures = select(RoundValue.id).where(RoundValue.round_id == round_id)
    rows = session.scalars(
        select(AuditEvent)
        .where(or_(and_(AuditEvent.entity == "reporting_round", AuditEvent.entity_id == round_id),
                   and_(AuditEvent.entity == "round_value", AuditEvent.entity_id.in_(earlier_figures))))
        .options(joinedload(AuditEvent.user))
        .order_by(AuditEvent.created_dt.desc(), AuditEvent.id.desc())
    ).all()
    return [
        RoundEvent(e.created_dt, e.user.name if e.user is not None else (e.actor or ""), e.action, e.field,
                   e.old_value, e.new_value)
        for e in rows
    ]


def reopenings(events: list[RoundEvent]) -> list[RoundEvent]:
    """The times the round was reopened, with the reason (the event's new value), the newest first."""
    return [e for e in events if e.action == "round.reopen" and e.field == "reason"]
