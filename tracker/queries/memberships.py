"""The read side of the parties over time: memberships of an agreement, and the members of a round's year that have
no report in it."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, Membership, Party, ReportingRound, Submission


def membership_of(session: Session, agreement: Agreement, party: Party) -> Membership | None:
    return session.get(Membership, (agreement.id, party.id))


def memberships_by_party(session: Session, agreement: Agreement) -> dict[int, Membership]:
    """The agreement's memberships by party id (one query)."""
    rows = session.scalars(select(Membership).where(Membership.agreement_id == agreement.id))
    return {membership.party_id: membership for membership in rows}


def members_without_report(session: Session, reporting_round: ReportingRound) -> list[Party]:
    """The active parties that are members in the round's year and have no report in it (they joined after the
    round was created), in code order."""
    reporting = set(session.scalars(select(Submission.party_id).where(Submission.round_id == reporting_round.id)))
    members = session.scalars(
        select(Party).join(Membership, Membership.party_id == Party.id)
        .where(Membership.agreement_id == reporting_round.agreement_id, Party.is_active,
               Membership.first_year <= reporting_round.year,
               or_(Membership.last_year.is_(None), Membership.last_year >= reporting_round.year))
        .order_by(Party.code)
    )
    return [party for party in members if party.id not in reporting]
