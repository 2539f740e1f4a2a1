"""Parties over time: a party's membership in an agreement (the year it joined, the year it left), and the report
of a party that joins after its round was created. Every change audited; flush only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    AuditEvent,
    Membership,
    Party,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
)
from tracker.domain.membership import membership_problems
from tracker.domain.messages import N_, Message
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor, record
from tracker.operations.rounds import ensure_submission
from tracker.queries.memberships import membership_of


class MembershipYearsError(OperationError):
    """Years a membership may not have: `problems` holds the message of each field ("first_year", "last_year")."""

    def __init__(self, problems: dict[str, Message]) -> None:
        field, first = next(iter(problems.items()))
        super().__init__(field, first.msgid, **dict(first.params))
        self.problems = problems


def set_membership(
    session: Session, actor: Actor, agreement: Agreement, party: Party, first_year: object, last_year: object
) -> Membership:
    """The years `party` is a member of `agreement`, as typed (`last_year` blank: still a member); a party that is
    not a member yet becomes one. Raises `MembershipYearsError` with a message per wrong field; nothing is changed
    then. Rounds already created keep their reports: a party that joins gets its report in an open round from the
    round's page (`add_party_report`), and the report of a party that has left stays in the rounds it had one."""
    years, problems = membership_problems(agreement, first_year, last_year)
    if years is None:
        raise MembershipYearsError(problems)
    first, last = years
    membership = membership_of(session, agreement, party)
    if membership is None:
        membership = Membership(agreement_id=agreement.id, party_id=party.id, first_year=first, last_year=last)
        session.add(membership)
        session.flush()
        _audit(session, actor, party, field="first_year", new=first)
        if last is not None:
            _audit(session, actor, party, field="last_year", new=last)
        return membership
    for name, new in (("first_year", first), ("last_year", last)):
        old = getattr(membership, name)
        if old != new:
            _audit(session, actor, party, field=name, old=old, new=new)
            setattr(membership, name, new)
    session.flush()
    _withdraw_untouched_reports(session, actor, membership)
    return membership


def _withdraw_untouched_reports(session: Session, actor: Actor, membership: Membership) -> None:
    """The reports of the party in the rounds (not closed) of years it is no longer a member in, as long as nobody
    has touched them (not started, nothing written, no change in the audit trail): so that a party that has left is
    not waited for in a round created before it left. A report with anything in it stays."""
    rounds = session.scalars(select(ReportingRound).where(ReportingRound.agreement_id == membership.agreement_id,
                                                          ReportingRound.state != RoundState.CLOSED))
    for reporting_round in rounds:
        if membership.covers(reporting_round.year):
            continue
        submission = session.scalar(select(Submission).where(Submission.round_id == reporting_round.id,
                                                             Submission.party_id == membership.party_id))
        if submission is None or not _untouched(session, submission):
            continue
        session.delete(submission)
        record(session, actor, "round.remove_party", "reporting_round", reporting_round.id, field="party",
               old=membership.party.name)
    session.flush()


def _untouched(session: Session, submission: Submission) -> bool:
    if submission.state != SubmissionState.NOT_STARTED or submission.answers or submission.statuses \
            or submission.answer_comments:
        return False
    return session.scalar(select(AuditEvent.id).where(AuditEvent.submission_id == submission.id).limit(1)) is None


def _audit(session: Session, actor: Actor, party: Party, **change: Any) -> None:
    record(session, actor, "party.membership", "party", party.id, **change)


def add_party_report(session: Session, actor: Actor, reporting_round: ReportingRound, party: Party) -> Submission:
    """The report (not started) of a party that is a member in the round's year and has none yet: one that joined
    after the round was created. Not in a closed round. Audited in the round's history."""
    if reporting_round.state == RoundState.CLOSED:
        raise OperationError("round_closed", N_("The round for %(year)s is closed. Reopen it to make changes."),
                             year=reporting_round.year)
    existing = session.scalar(select(Submission.id).where(Submission.round_id == reporting_round.id,
                                                          Submission.party_id == party.id))
    if existing is not None:
        raise OperationError("has_report", N_("%(party)s already has a report in the round for %(year)s."),
                             party=party.name, year=reporting_round.year)
    if not party.is_active:
        raise OperationError("party_inactive", N_("%(party)s is deactivated."), party=party.name)
    submission = ensure_submission(session, reporting_round, party, is_example=reporting_round.is_example)
    record(session, actor, "round.add_party", "reporting_round", reporting_round.id, field="party", new=party.name)
    session.flush()
    return submission
