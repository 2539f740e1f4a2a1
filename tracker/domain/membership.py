"""A party's membership in an agreement over time: the year it joined and the year it left.

One row per agreement and party (the table `agreement_parties`, which already said who is a party to which
agreement): the party is a member in the years `first_year` … `last_year` (None: still a member). The round for a
year asks the parties that are members that year for a report (tracker.operations.rounds); a party that has left
is not expected in the rounds after it left, and its earlier reports stay where they are.

A model of its own on the link table, not columns of `parties`: a membership is of one agreement, and a revised
agreement or another county's agreement has its own parties and years (DESIGN.md §1: another agreement must fit
without code changes). What years a membership may have is decided here (`membership_problems`), wherever they come
from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Table, select
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.agreement import Agreement
from tracker.domain.base import Base, within
from tracker.domain.messages import N_, Message

if TYPE_CHECKING:
    from tracker.domain.party import Party

YEAR_MAX = 2200  # as far as a round's year may go (the reporting_rounds.year_range check)


def _agreement_start(context: DefaultExecutionContext) -> int | None:
    """A party linked to an agreement without years (the seed file's parties, `agreement.parties.append`) has been
    a member since the agreement came into force."""
    parameters: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    start: int | None = context.connection.scalar(
        select(Agreement.in_force_from_year).where(Agreement.id == parameters["agreement_id"]))
    return start


class Membership(Base):
    """A party's membership in an agreement: from the year it joined to the year it left (None: still a member)."""

    __tablename__ = "agreement_parties"

    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True)
    first_year: Mapped[int] = mapped_column(Integer, default=_agreement_start)
    last_year: Mapped[int | None] = mapped_column(Integer)

    agreement: Mapped[Agreement] = relationship(back_populates="memberships", overlaps="parties")
    party: Mapped[Party] = relationship(overlaps="parties")

    __table_args__ = (
        CheckConstraint("last_year IS NULL OR last_year >= first_year", name="membership_order"),
    )

    def covers(self, year: int) -> bool:
        """Whether the party is a member in `year` (and so reports in that year's round)."""
        return within(year, self.first_year, self.last_year)

    def __repr__(self) -> str:
        return f"<Membership {self.party_id} in {self.agreement_id}: {self.first_year}–{self.last_year or ''}>"


agreement_parties: Table = Membership.__table__  # type: ignore[assignment]
"""The table of the memberships, for the statements that read or write it without objects."""


def year_range(agreement: Agreement) -> tuple[int, int]:
    """The years a membership of `agreement` may cover: while the agreement is in force."""
    return agreement.in_force_from_year, agreement.in_force_to_year or YEAR_MAX


def _year(text: object) -> int | None:
    value = str(text if text is not None else "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) == 4 else None


def membership_problems(
    agreement: Agreement, first: object, last: object
) -> tuple[tuple[int, int | None] | None, dict[str, Message]]:
    """The years of a membership read from what was typed (`last` blank: still a member), or the problems by field
    ("first_year", "last_year"), each message naming its field."""
    low, high = year_range(agreement)
    problems: dict[str, Message] = {}
    first_year, last_year = _year(first), _year(last)
    params = {"min": low, "max": high}
    if first_year is None:
        problems["first_year"] = Message(N_("Member from: enter the year the party joined with four digits, for "
                                            "example %(min)s."), params)
    elif not low <= first_year <= high:
        problems["first_year"] = Message(N_("Member from: enter a year between %(min)s and %(max)s, the years the "
                                            "agreement is in force."), params)
    if str(last if last is not None else "").strip() == "":
        last_year = None
    elif last_year is None:
        problems["last_year"] = Message(N_("Member until: enter the last year the party reports with four digits, "
                                           "or leave it empty while it is a member."), params)
    elif not low <= last_year <= high:
        problems["last_year"] = Message(N_("Member until: enter a year between %(min)s and %(max)s, the years the "
                                           "agreement is in force."), params)
    elif first_year is not None and last_year < first_year:
        problems["last_year"] = Message(N_("Member until: the last year cannot be before the year the party "
                                           "joined (%(first)s)."), {"first": first_year})
    if problems or first_year is None:
        return None, problems
    return (first_year, last_year), problems


def members_in(agreement: Agreement, year: int) -> list[Party]:
    """The parties that are members of `agreement` in `year`, in code order (deactivated ones too)."""
    return sorted((m.party for m in agreement.memberships if m.covers(year)), key=lambda party: party.code)


def is_member(agreement: Agreement, party: Party, year: int) -> bool:
    """Whether `party` is a member of `agreement` in `year`."""
    return any(m.party_id == party.id and m.covers(year) for m in agreement.memberships)
