"""What a consultation IS: the forum's proposal about the agreement's future ("revidera eller avveckla
biogasöverenskommelsen till år 2027") sent back to every party, and each party's decision on it — revise, wind
down or continue as it is — with the body that decided, the day, the diarienummer, a comment and the decision
itself as an attached file.

A consultation asks the parties that are members of the agreement in the year it opens. It is open until the
project leaders close it; a closed consultation's answers are kept as they were.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.agreement import Agreement
from tracker.domain.base import Base, ChangeTimeMixin, enum_column, utcnow
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.domain.party import Party, User


class Decision(enum.StrEnum):
    REVISE = "revise"
    WIND_DOWN = "wind_down"
    CONTINUE = "continue"


DECISION_LABELS = {
    Decision.REVISE: N_("Revise the agreement"),
    Decision.WIND_DOWN: N_("Wind the agreement down"),
    Decision.CONTINUE: N_("Continue as it is"),
}

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
"""The largest decision file taken (a scanned protocol of a few pages is well below it)."""


class Consultation(ChangeTimeMixin, Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="RESTRICT"), index=True)
    title_sv: Mapped[str] = mapped_column(String(255))  # the question, "Revidera eller avveckla … till 2027?"
    title_en: Mapped[str | None] = mapped_column(String(255))
    proposal_sv: Mapped[str | None] = mapped_column(Text)  # the forum's proposal, as it was put to the parties
    proposal_en: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)  # whose members are asked
    deadline_on: Mapped[date | None] = mapped_column(Date)
    is_closed: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    is_example: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    agreement: Mapped[Agreement] = relationship()
    answers: Mapped[list[ConsultationAnswer]] = relationship(back_populates="consultation",
                                                             cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Consultation {self.id} {self.year}>"


class ConsultationAnswer(ChangeTimeMixin, Base):
    """One party's decision. `version` is the optimistic lock: two people saving the same answer never overwrite
    each other unseen."""

    __tablename__ = "consultation_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"))
    decision: Mapped[Decision] = mapped_column(enum_column(Decision, "consultation_decision"))
    decided_by: Mapped[str] = mapped_column(String(255))  # the body: "Kommunfullmäktige", "Regionstyrelsen"
    decided_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(64))  # diarienummer
    comment: Mapped[str | None] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_type: Mapped[str | None] = mapped_column(String(100))
    attachment_size: Mapped[int | None] = mapped_column(Integer)
    attachment_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)  # read only when downloaded
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    consultation: Mapped[Consultation] = relationship(back_populates="answers")
    party: Mapped[Party] = relationship()
    updated_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("consultation_id", "party_id"),)


# The files a decision comes as, told by their first bytes (a name can say anything): the type a download
# is served as. An Office or OpenDocument file is a zip; its name's ending tells which.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
)
_ZIPPED = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069]+")


def checked_attachment(name: str, data: bytes) -> tuple[str, str]:
    """The decision file's name as it may be stored and offered again (no folders, no control or direction
    characters, at most 255 characters) and its type; InvalidValue when it is empty, too large or not a PDF,
    Word or OpenDocument text or picture."""
    if not data:
        raise InvalidValue("attachment_empty", N_("The file is empty."))
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise InvalidValue("attachment_too_large", N_("The file is larger than %(max)s MB."),
                           max=ATTACHMENT_MAX_BYTES // (1024 * 1024))
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    safe = _UNSAFE_NAME.sub("_", base).strip(" .") or "beslut"
    stem, dot, ending = safe.rpartition(".")
    ending = f".{ending.lower()}" if dot else ""
    if len(safe) > 255:
        safe = (stem if dot else safe)[: 255 - len(ending)] + ending
    for signature, mimetype, endings in _SIGNATURES:
        if data.startswith(signature):
            return (safe if ending in endings else f"{safe}{endings[0]}"), mimetype
    if data.startswith(b"PK\x03\x04") and ending in _ZIPPED:
        return safe, _ZIPPED[ending]
    raise InvalidValue("attachment_type", N_("Attach the decision as a PDF, a Word or OpenDocument text (.docx, .odt) "
                                             "or a picture (.png, .jpg)."))
