"""The read side of consultations: an agreement's consultations, one consultation's overview (who has answered,
what each decided, the counts), and the open consultations a contact answers for their parties."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tracker.domain import Agreement, Party, PartyKind, User
from tracker.domain.consultation import Consultation, ConsultationAnswer, Decision
from tracker.domain.membership import is_member
from tracker.domain.party import party_order


@dataclass(frozen=True)
class AnswerInfo:
    decision: Decision
    decided_by: str
    decided_on: date
    reference: str | None
    comment: str | None
    attachment_name: str | None
    attachment_size: int | None
    updated_dt: datetime
    version: int


@dataclass(frozen=True)
class PartyAnswer:
    party_id: int
    code: str
    name: str
    kind: PartyKind
    answer: AnswerInfo | None


@dataclass(frozen=True)
class ConsultationOverview:
    id: int
    agreement_name_sv: str
    agreement_name_en: str
    title_sv: str
    title_en: str | None
    proposal_sv: str | None
    proposal_en: str | None
    year: int
    deadline_on: date | None
    is_closed: bool
    is_example: bool
    rows: tuple[PartyAnswer, ...]  # every party asked, in party order

    @property
    def answered(self) -> int:
        return sum(row.answer is not None for row in self.rows)

    @property
    def counts(self) -> dict[Decision, int]:
        """Parties per decision, every decision present (0 when none chose it), in the decisions' order."""
        found = Counter(row.answer.decision for row in self.rows if row.answer is not None)
        return {decision: found.get(decision, 0) for decision in Decision}

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(row.name for row in self.rows if row.answer is None)


def consultations_of(session: Session, agreement_id: int) -> list[Consultation]:
    """The agreement's consultations, the latest first."""
    return list(session.scalars(select(Consultation).where(Consultation.agreement_id == agreement_id)
                                .order_by(Consultation.created_dt.desc(), Consultation.id.desc())))


def consultation_of(session: Session, consultation_id: int, agreement_id: int) -> Consultation | None:
    """The consultation, if it is one of the agreement's (an id of another agreement's is not found here)."""
    return session.scalar(select(Consultation).where(Consultation.id == consultation_id,
                                                     Consultation.agreement_id == agreement_id)
                          .options(selectinload(Consultation.agreement).selectinload(Agreement.memberships),
                                   selectinload(Consultation.agreement).selectinload(Agreement.parties)))


def overview(session: Session, consultation: Consultation) -> ConsultationOverview:
    agreement = consultation.agreement
    answers = {a.party_id: a for a in session.scalars(select(ConsultationAnswer).where(
        ConsultationAnswer.consultation_id == consultation.id))}
    asked = [p for p in agreement.parties if is_member(agreement, p, consultation.year) or p.id in answers]
    rows = tuple(PartyAnswer(p.id, p.code, p.name, p.kind, _info(answers.get(p.id)))
                 for p in sorted(asked, key=lambda p: party_order(p.kind, p.name)))
    return ConsultationOverview(
        consultation.id, agreement.name_sv, agreement.name_en, consultation.title_sv, consultation.title_en,
        consultation.proposal_sv, consultation.proposal_en, consultation.year, consultation.deadline_on,
        consultation.is_closed, consultation.is_example, rows)


def _info(answer: ConsultationAnswer | None) -> AnswerInfo | None:
    if answer is None:
        return None
    return AnswerInfo(answer.decision, answer.decided_by, answer.decided_on, answer.reference, answer.comment,
                      answer.attachment_name, answer.attachment_size, answer.updated_dt, answer.version)


def open_for_contact(session: Session, user: User) -> list[tuple[Consultation, Party]]:
    """The open consultations asking a party the contact reports for, with that party."""
    found = []
    party_ids = {party.id for party in user.parties}
    if not party_ids:
        return []
    for consultation in session.scalars(select(Consultation).where(~Consultation.is_closed)
                                        .options(selectinload(Consultation.agreement)
                                                 .selectinload(Agreement.memberships))
                                        .order_by(Consultation.id)):
        for party in user.parties:
            if is_member(consultation.agreement, party, consultation.year):
                found.append((consultation, party))
    return found
