"""Who reports and who uses the app: parties (municipalities, the region) and users."""

from __future__ import annotations

import enum
import unicodedata
from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.agreement import PartyKind
from tracker.domain.base import Base, ChangeTimeMixin, enum_column, utcnow


class Party(ChangeTimeMixin, Base):
    """A party to an agreement: a municipality (kommunkod), the region (länskod) or another body."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[PartyKind] = mapped_column(enum_column(PartyKind, "party_kind"))
    is_active: Mapped[bool] = mapped_column(default=True)
    # The party's generic address (registrator): the invitation goes there while the party has no active contact.
    registry_email: Mapped[str | None] = mapped_column(String(255))

    contacts: Mapped[list[User]] = relationship(secondary="user_parties", back_populates="parties")

    def __repr__(self) -> str:
        return f"<Party {self.code} {self.name}>"


# Swedish alphabetical order: å, ä, ö are letters of their own after z (the characters after "z" in code point
# order); other accented letters sort as their base letter, ü as y (as Svenska Akademiens ordlista does).
_AFTER_Z = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y"})


def swedish_sort_key(text: str) -> str:
    """A key that sorts `text` in Swedish alphabetical order (Aneby … Vetlanda, Åre, Älmhult, Örebro)."""
    folded = text.casefold().translate(_AFTER_Z)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def party_order(kind: PartyKind | str, name: str) -> tuple[int, str]:
    """THE order of parties in every list and chart: the region first, then the others in Swedish alphabetical
    order by name."""
    return (0 if str(kind) == PartyKind.REGION else 1, swedish_sort_key(name))


class Role(enum.StrEnum):
    ADMIN = "admin"
    PROJECT_LEADER = "project_leader"
    CONTACT = "contact"
    FORUM_MEMBER = "forum_member"


class Language(enum.StrEnum):
    """The language a user reads the app's mail in (and, once chosen, its pages)."""

    SV = "sv"
    EN = "en"


class SubmissionNotice(enum.StrEnum):
    """How a project leader hears that a party has submitted."""

    EACH = "each"  # a mail per report
    DIGEST = "digest"  # one mail a day with the day's reports (tracker send-digest)
    NONE = "none"


user_parties = Table(
    "user_parties",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("party_id", ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True),
)
"""The parties a contact reports for."""


class User(Base):
    """Someone who signs in. Also Flask-Login's user, by duck typing (the domain imports no Flask)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"))
    is_active: Mapped[bool] = mapped_column(default=True)
    is_example: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Changes on every sign-in, which is what makes a sign-in link single use (tracker.operations.sign_in).
    last_sign_in_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # In the session cookie beside the id (get_id); signing out raises it, which ends every session of the user,
    # a copied cookie too (tracker.web.auth.load_user refuses a cookie of an older version).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    language: Mapped[Language] = mapped_column(enum_column(Language, "user_language"), default=Language.SV,
                                               server_default=Language.SV.value)
    submission_notice: Mapped[SubmissionNotice] = mapped_column(
        enum_column(SubmissionNotice, "submission_notice"), default=SubmissionNotice.EACH,
        server_default=SubmissionNotice.EACH.value)
    # The one agreement a project leader or forum member works with (None: every agreement); their pages open on
    # it, and another agreement's pages are not theirs (tracker.domain.permissions). Contacts go by their parties.
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id", ondelete="SET NULL"))

    parties: Mapped[list[Party]] = relationship(
        secondary=user_parties, back_populates="contacts", order_by="Party.code"
    )

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """What the session cookie holds: "<id>:<session_version>"."""
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
