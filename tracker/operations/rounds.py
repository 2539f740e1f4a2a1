"""Reporting rounds: opening a year's round, every party's submission in it, and the county-level figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Indicator,
    IndicatorScope,
    Party,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
)
from tracker.domain.applicability import value_key
from tracker.domain.base import utcnow
from tracker.domain.messages import N_
from tracker.domain.values import ValueRules, from_columns, parse
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor, record


def create_round(
    session: Session,
    actor: Actor,
    agreement: Agreement,
    year: int,
    opens_on: date | None,
    deadline_on: date | None,
    state: RoundState = RoundState.PLANNED,
    is_example: bool = False,
    *,
    news_sv: str | None = None,
) -> ReportingRound:
    """The round in which the parties report on `year`. One per agreement and year."""
    if opens_on is not None and deadline_on is not None and deadline_on < opens_on:
        raise OperationError("deadline_before_opening", N_("The deadline cannot be before the round opens."))
    exists = session.scalar(
        select(ReportingRound.id).where(ReportingRound.agreement_id == agreement.id, ReportingRound.year == year)
    )
    if exists is not None:
        raise OperationError("round_exists", N_("There already is a reporting round for %(year)s."), year=year)
    reporting_round = ReportingRound(
        agreement=agreement, year=year, opens_on=opens_on, deadline_on=deadline_on, state=RoundState(state),
        is_example=is_example, news_sv=news_sv,
    )
    session.add(reporting_round)
    session.flush()
    record(session, actor, "round.create", "reporting_round", reporting_round.id, field="year", new=year)
    record(session, actor, "round.create", "reporting_round", reporting_round.id, field="state",
           new=str(reporting_round.state))
    session.flush()
    return reporting_round


def set_round_state(session: Session, actor: Actor, reporting_round: ReportingRound, state: RoundState) -> None:
    """Open or close a round. A closed round is locked: its reports can no longer be changed."""
    old = reporting_round.state
    if old == state:
        return
    reporting_round.state = RoundState(state)
    record(session, actor, "round.state", "reporting_round", reporting_round.id, field="state",
           old=str(old), new=str(state))
    session.flush()


def ensure_submission(
    session: Session, reporting_round: ReportingRound, party: Party, is_example: bool = False
) -> Submission:
    """The party's submission in the round, created (not started, nothing answered) when there is none yet.

    Creating an empty submission changes no reported data, so it is not audited.
    """
    if party not in reporting_round.agreement.parties:
        raise OperationError(
            "not_a_party", N_("%(party)s is not a party to this agreement."), party=party.name
        )
    submission = session.scalar(
        select(Submission).where(Submission.round_id == reporting_round.id, Submission.party_id == party.id)
    )
    if submission is None:
        submission = Submission(round=reporting_round, party=party, is_example=is_example)
        session.add(submission)
        session.flush()
    return submission


def ensure_submissions(session: Session, reporting_round: ReportingRound, is_example: bool = False) -> list[Submission]:
    """A submission for every active party of the round's agreement."""
    return [
        ensure_submission(session, reporting_round, party, is_example)
        for party in reporting_round.agreement.parties
        if party.is_active
    ]


def set_round_value(
    session: Session, actor: Actor, reporting_round: ReportingRound, indicator: Indicator, raw: object
) -> RoundValue | None:
    """Store a county-level figure of the round (the county's biogas production); blank removes it.

    Raises `InvalidValue` for input the indicator does not accept, `OperationError` for a party question.
    """
    if indicator.scope is not IndicatorScope.ROUND or indicator.agreement_id != reporting_round.agreement_id:
        raise OperationError("not_a_round_figure", N_("This is not a figure of the reporting round."))
    if indicator.kind.is_derived:
        raise OperationError("derived", N_("This value is computed and cannot be entered."))
    new = parse(ValueRules.of(indicator), raw)
    row = next((v for v in reporting_round.values if v.indicator_id == indicator.id), None)
    old = from_columns(row.value_number, row.value_text, row.value_bool) if row is not None else None
    if old == new:
        return row
    entity_id = row.id if row is not None else None
    if new is None:
        assert row is not None
        reporting_round.values.remove(row)
        row = None
    else:
        if row is None:
            row = RoundValue(indicator=indicator)
            reporting_round.values.append(row)
        for column, column_value in new.columns().items():
            setattr(row, column, column_value)
        row.updated_dt = utcnow()
    session.flush()
    record(session, actor, "round_value.update", "round_value", row.id if row is not None else entity_id,
           field=indicator.key, old=value_key(old), new=value_key(new))
    session.flush()
    return row
