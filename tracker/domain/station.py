"""What a fuelling station IS: one public station for vehicle gas in the agreement's county, in the register the
project leaders keep — where it is, since when (and until when) it sells what to whom, the support it got.

The register is the agreement's (its county's stations); a station lies in one municipality, a party of the
agreement. A station counts in a year when it was open at some time that year (`is_open_in`).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.agreement import Agreement
from tracker.domain.base import Base, ChangeTimeMixin
from tracker.domain.messages import N_
from tracker.domain.party import Party


class Fuel(enum.StrEnum):
    CBG = "cbg"  # compressed biogas (fordonsgas)
    LBG = "lbg"  # liquefied biogas


class Serves(enum.StrEnum):
    PUBLIC = "public"  # cars and light vehicles
    BUSES = "buses"
    HEAVY = "heavy"  # heavy goods vehicles


FUEL_LABELS = {Fuel.CBG: N_("CBG (compressed)"), Fuel.LBG: N_("LBG (liquefied)")}
SERVES_LABELS = {Serves.PUBLIC: N_("Cars and light vehicles"), Serves.BUSES: N_("Buses"),
                 Serves.HEAVY: N_("Heavy vehicles")}

# Sweden and a margin: a position outside it is a typing error (latitude and longitude swapped, a minus sign).
LATITUDE_RANGE = (Decimal("55"), Decimal("70"))
LONGITUDE_RANGE = (Decimal("10"), Decimal("25"))


class Station(ChangeTimeMixin, Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="RESTRICT"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    operator: Mapped[str | None] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(String(255))
    latitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))  # WGS84
    longitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    fuels: Mapped[list[str]] = mapped_column(JSON)  # Fuel values
    is_full_biogas: Mapped[bool] = mapped_column(default=False, server_default=sa_false())  # 100 % biogas
    serves: Mapped[list[str]] = mapped_column(JSON)  # Serves values
    support: Mapped[str | None] = mapped_column(String(255))  # "Klimatklivet"
    support_year: Mapped[int | None] = mapped_column(Integer)  # the year of the support decision
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    is_example: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    version: Mapped[int] = mapped_column(Integer, default=1)

    agreement: Mapped[Agreement] = relationship()
    party: Mapped[Party] = relationship()

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="station_dates_order"),
    )

    def is_open_in(self, year: int) -> bool:
        """Open at some time in `year`: opened by its end, not closed before its start."""
        return self.opened_on.year <= year and (self.closed_on is None or self.closed_on.year >= year)

    def __repr__(self) -> str:
        return f"<Station {self.name} {self.opened_on}>"
