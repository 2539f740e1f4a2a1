"""The station register's read side: the agreement's stations as plain rows, for the maps and lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tracker.domain import Station


@dataclass(frozen=True)
class StationRow:
    name: str
    municipality_code: str
    municipality: str
    latitude: float
    longitude: float
    opened_on: date
    closed_on: date | None
    fuels: tuple[str, ...]
    is_example: bool

    def is_open_in(self, year: int) -> bool:
        return self.opened_on.year <= year and (self.closed_on is None or self.closed_on.year >= year)


def station_rows(session: Session, agreement_id: int) -> tuple[StationRow, ...]:
    """Every station of the agreement's register, in the order they opened."""
    return tuple(
        StationRow(s.name, s.party.code, s.party.name, float(s.latitude), float(s.longitude), s.opened_on,
                   s.closed_on, tuple(s.fuels), s.is_example)
        for s in session.scalars(select(Station).where(Station.agreement_id == agreement_id)
                                 .options(joinedload(Station.party)).order_by(Station.opened_on, Station.name)))
