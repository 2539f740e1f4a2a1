"""An agreement's versions: the 2018 agreement, its 2027 revision, … each in force for a range of years.

A round belongs to the version in force in its year (`version_in`); the versions of one agreement never overlap
and follow each other without a gap (the agreement data's loader keeps them so, seed.writer). What a version
asks is the agreement's commitments and questions valid in its years (`Commitment.is_valid_in`,
`Indicator.is_valid_in`); a question of a revision says which earlier question it continues (`continues`), so
that the trend over the years follows it across versions (`lineage`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.base import Base, ChangeTimeMixin, within

if TYPE_CHECKING:
    from tracker.domain.agreement import Agreement


class AgreementVersion(ChangeTimeMixin, Base):
    """One version of an agreement ("2018", "2027"), in force from `from_year` to `to_year` (None: until further)."""

    __tablename__ = "agreement_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(32))
    from_year: Mapped[int] = mapped_column(Integer)
    to_year: Mapped[int | None] = mapped_column(Integer)
    note_sv: Mapped[str | None] = mapped_column(Text)  # what the version changed, in a sentence or two
    note_en: Mapped[str | None] = mapped_column(Text)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")

    __table_args__ = (
        UniqueConstraint("agreement_id", "label"),
        UniqueConstraint("agreement_id", "from_year"),
        CheckConstraint("to_year IS NULL OR to_year >= from_year", name="version_years_order"),
    )

    def covers(self, year: int) -> bool:
        return within(year, self.from_year, self.to_year)

    def __repr__(self) -> str:
        return f"<AgreementVersion {self.label} {self.from_year}–{self.to_year or ''}>"


def version_in(versions: Iterable[AgreementVersion], year: int) -> AgreementVersion | None:
    """The version in force in `year`; None before the first one (or after the last one's end)."""
    return next((v for v in versions if v.covers(year)), None)


def lineage(continues: Mapping[str, str | None]) -> dict[str, tuple[str, ...]]:
    """Every key with the keys it continues, oldest first and itself last: {"C": ("A", "B", "C")} when C continues
    B and B continues A. `continues` maps each key to the one it continues (None: a question of its own). A key
    that is continued by another is still its own line too (the years before the revision show it alone)."""
    lines: dict[str, tuple[str, ...]] = {}
    for key in continues:
        line = [key]
        seen = {key}
        previous = continues.get(key)
        while previous is not None and previous in continues and previous not in seen:  # a loop is refused on load
            line.append(previous)
            seen.add(previous)
            previous = continues.get(previous)
        lines[key] = tuple(reversed(line))
    return lines

