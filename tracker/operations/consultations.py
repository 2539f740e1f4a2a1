"""Consultations: the project leaders put the forum's proposal to every party; each party records its decision.

Every change is audited (entity "consultation" and "consultation_answer"); a decision saved over one changed
since the page was opened is refused (`version`), never overwritten unseen. Only flushes; the request's boundary
commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, Party
from tracker.domain.calendar import today_in_sweden
from tracker.domain.consultation import Consultation, ConsultationAnswer, Decision, checked_attachment
from tracker.domain.free_text import checked_text
from tracker.domain.membership import is_member
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record

TITLE_MAX, BODY_MAX, REFERENCE_MAX, TEXT_MAX = 255, 255, 64, 4000


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    decided_by: str
    decided_on: date | None
    reference: str = ""
    comment: str = ""
    attachment: Attachment | None = None
    remove_attachment: bool = False


def _text(value: str | None, max_length: int, *, one_line: bool = False, required: str | None = None) -> str | None:
    try:
        text = checked_text(value, max_length, one_line=one_line)
    except InvalidValue as error:
        raise refused_text(error) from error
    if not text and required is not None:
        raise OperationError("required", required)
    return text or None


def create_consultation(session: Session, actor: Actor, agreement: Agreement, *, title_sv: str, title_en: str = "",
                        proposal_sv: str = "", proposal_en: str = "", year: int, deadline_on: date | None,
                        is_example: bool = False) -> Consultation:
    """A consultation of the agreement's members in `year`."""
    title = _text(title_sv, TITLE_MAX, one_line=True, required=N_("Give the consultation its question."))
    consultation = Consultation(
        agreement=agreement, title_sv=title, title_en=_text(title_en, TITLE_MAX, one_line=True),
        proposal_sv=_text(proposal_sv, TEXT_MAX), proposal_en=_text(proposal_en, TEXT_MAX), year=year,
        deadline_on=deadline_on, is_example=is_example)
    session.add(consultation)
    session.flush()
    record(session, actor, "consultation.create", "consultation", consultation.id, field="title", new=title)
    return consultation


def asked_parties(consultation: Consultation) -> list[Party]:
    """The parties asked: the agreement's members in the consultation's year, in the agreement's order."""
    agreement = consultation.agreement
    return [party for party in agreement.parties if is_member(agreement, party, consultation.year)]


def set_closed(session: Session, actor: Actor, consultation: Consultation, closed: bool) -> None:
    if consultation.is_closed == closed:
        return
    record(session, actor, "consultation.close" if closed else "consultation.reopen", "consultation",
           consultation.id, field="is_closed", old=consultation.is_closed, new=closed)
    consultation.is_closed = closed
    session.flush()


def answer_of(session: Session, consultation: Consultation, party: Party) -> ConsultationAnswer | None:
    return session.scalar(select(ConsultationAnswer).where(ConsultationAnswer.consultation_id == consultation.id,
                                                           ConsultationAnswer.party_id == party.id))


def record_decision(session: Session, actor: Actor, consultation: Consultation, party: Party,
                    given: DecisionInput, version: int | None) -> ConsultationAnswer:
    """Store the party's decision (a new one with `version` None, else over the answer of that version).

    Refuses (OperationError) a closed consultation, a party not asked, a missing decision, body or day, a day
    after today, a text that may not be stored, a file that is not a decision's (domain.consultation) and an
    answer changed by someone else since `version`."""
    if consultation.is_closed:
        raise OperationError("consultation_closed", N_("The consultation is closed: its answers can no longer be "
                                                       "changed."))
    if party not in asked_parties(consultation):
        raise OperationError("not_asked", N_("%(party)s is not asked in this consultation."), party=party.name)
    try:
        decision = Decision(given.decision)
    except ValueError:
        raise OperationError("decision_required", N_("Choose the party's decision.")) from None
    decided_by = _text(given.decided_by, BODY_MAX, one_line=True,
                       required=N_("Name the body that decided, for example Kommunfullmäktige."))
    if given.decided_on is None:
        raise OperationError("decided_on_required", N_("Give the day of the decision."))
    if given.decided_on > today_in_sweden():
        raise OperationError("decided_on_future", N_("The day of the decision cannot be after today."))
    reference = _text(given.reference, REFERENCE_MAX, one_line=True)
    comment = _text(given.comment, TEXT_MAX)
    file = None
    if given.attachment is not None:
        try:
            file = (*checked_attachment(given.attachment.name, given.attachment.data), given.attachment.data)
        except InvalidValue as error:
            raise OperationError(error.code, error.message.msgid, **error.message.params) from error
    answer = answer_of(session, consultation, party)
    if answer is not None and version != answer.version:
        raise OperationError("changed", N_("Someone else saved the decision of %(party)s since you opened it; it is "
                                           "shown as it is now. Make your change again."), party=party.name)
    if answer is None and version is not None:
        raise OperationError("changed", N_("The decision of %(party)s was removed since you opened it."),
                             party=party.name)
    values = {"decision": decision, "decided_by": decided_by, "decided_on": given.decided_on,
              "reference": reference, "comment": comment}
    created = answer is None
    if answer is None:
        answer = ConsultationAnswer(consultation=consultation, party=party, **values)
        session.add(answer)
        session.flush()
    for field, new in values.items():
        old = None if created else getattr(answer, field)
        if created or old != new:
            record(session, actor, "consultation_answer.set", "consultation_answer", answer.id, field=field,
                   old=str(old) if old is not None else None, new=str(new) if new is not None else None)
            setattr(answer, field, new)
    if file is not None or (given.remove_attachment and answer.attachment_name is not None):
        name, mimetype, data = file if file is not None else (None, None, None)
        record(session, actor, "consultation_answer.set", "consultation_answer", answer.id, field="attachment",
               old=answer.attachment_name, new=name)
        answer.attachment_name, answer.attachment_type = name, mimetype
        answer.attachment_data, answer.attachment_size = data, len(data) if data is not None else None
    answer.updated_by_id = actor.user.id if actor.user is not None else None
    session.flush()
    return answer
