"""The station register: add, change and close a station, every change audited (entity "station").

What a station may hold is checked here field by field (`read_station`), for the leaders' form and for an
imported row alike, and every problem is named by its field, so that a page puts it at the field and an import
names the row and the column. Only flushes; the request's boundary (or the command) commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracker.domain import Agreement, Party, PartyKind
from tracker.domain.free_text import checked_text
from tracker.domain.messages import N_, Message
from tracker.domain.numbers import InvalidValue, parse_number
from tracker.domain.station import LATITUDE_RANGE, LONGITUDE_RANGE, Fuel, Serves, Station
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor, record

TEXT_MAX, NOTE_MAX = 255, 2000
FIELDS = ("name", "operator", "address", "party_id", "latitude", "longitude", "opened_on", "closed_on", "fuels",
          "is_full_biogas", "serves", "support", "support_year", "source", "note")


@dataclass(frozen=True)
class StationInput:
    """A station as typed or imported: texts, the municipality by its code, dates as YYYY-MM-DD."""

    name: str
    municipality_code: str
    latitude: str
    longitude: str
    opened_on: str
    closed_on: str = ""
    operator: str = ""
    address: str = ""
    fuels: tuple[str, ...] = (Fuel.CBG,)
    is_full_biogas: bool = False
    serves: tuple[str, ...] = (Serves.PUBLIC,)
    support: str = ""
    support_year: str = ""
    source: str = ""
    note: str = ""


@dataclass
class StationProblems(Exception):  # noqa: N818 - raised like a refusal, read like a list
    """Every field of a station that cannot be stored, with its message (by StationInput field name)."""

    problems: dict[str, Message] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{name}: {message.msgid}" for name, message in self.problems.items())


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue("not_a_date", N_("Enter the date as YYYY-MM-DD, for example 2027-01-31.")) from None


def _coordinate(text: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
    number = parse_number(text.replace(".", ",") if text.count(".") == 1 and "," not in text else text)
    if not bounds[0] <= number <= bounds[1]:
        raise InvalidValue("outside_sweden", N_("The position is outside Sweden: give it in decimal degrees (WGS84), "
                                                "for example 57,6354 and 14,9743."))
    return number.quantize(Decimal("0.000001"))


def read_station(agreement: Agreement, given: StationInput) -> dict[str, Any]:
    """The station's columns, or StationProblems naming every field that cannot be stored."""
    problems: dict[str, Message] = {}
    values: dict[str, Any] = {}

    def check(name: str, read: Any) -> None:
        try:
            values[name] = read()
        except InvalidValue as error:
            problems[name] = error.message

    def text(value: str, max_length: int, *, one_line: bool = True, required: str | None = None) -> str | None:
        found = checked_text(value, max_length, one_line=one_line)
        if not found and required:
            raise InvalidValue("required", required)
        return found or None

    check("name", lambda: text(given.name, TEXT_MAX, required=N_("Give the station's name.")))
    check("operator", lambda: text(given.operator, TEXT_MAX))
    check("address", lambda: text(given.address, TEXT_MAX))
    check("party_id", lambda: _municipality(agreement, given.municipality_code).id)
    check("latitude", lambda: _coordinate(given.latitude, LATITUDE_RANGE))
    check("longitude", lambda: _coordinate(given.longitude, LONGITUDE_RANGE))
    check("opened_on", lambda: _date(given.opened_on))
    check("closed_on", lambda: _date(given.closed_on) if given.closed_on.strip() else None)
    check("fuels", lambda: _choices(given.fuels, Fuel, N_("Choose what the station sells.")))
    check("serves", lambda: _choices(given.serves, Serves, N_("Choose whom the station serves.")))
    values["is_full_biogas"] = bool(given.is_full_biogas)
    check("support", lambda: text(given.support, TEXT_MAX))
    check("support_year", lambda: _year(given.support_year))
    check("source", lambda: text(given.source, NOTE_MAX, one_line=False))
    check("note", lambda: text(given.note, NOTE_MAX, one_line=False))
    opened, closed = values.get("opened_on"), values.get("closed_on")
    if opened is not None and closed is not None and closed < opened:
        problems["closed_on"] = Message(N_("The station cannot close before it opens."))
    if problems:
        raise StationProblems(problems)
    return values


def _municipality(agreement: Agreement, code: str) -> Party:
    found = next((p for p in agreement.parties if p.code == code.strip()), None)
    if found is None or found.kind != PartyKind.MUNICIPALITY:
        raise InvalidValue("unknown_municipality", N_("Choose one of the agreement's municipalities (its code, for "
                                                      "example 0680)."))
    return found


def _choices(given: tuple[str, ...], kind: Any, required: str) -> list[str]:
    allowed = [str(member) for member in kind]
    chosen = [value.strip() for value in given if value.strip()]
    if not chosen:
        raise InvalidValue("required", required)
    unknown = [value for value in chosen if value not in allowed]
    if unknown:
        raise InvalidValue("unknown_choice", N_("Unknown: %(values)s (allowed: %(allowed)s)."),
                           values=", ".join(unknown), allowed=", ".join(allowed))
    return [value for value in allowed if value in chosen]  # in a fixed order, each once


def _year(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or not 1990 <= int(text) <= 2100:
        raise InvalidValue("year_out_of_range", N_("Enter a year between %(min)s and %(max)s."), min=1990, max=2100)
    return int(text)


def add_station(session: Session, actor: Actor, agreement: Agreement, given: StationInput,
                is_example: bool = False) -> Station:
    values = read_station(agreement, given)
    station = Station(agreement=agreement, is_example=is_example, **values)
    session.add(station)
    session.flush()
    record(session, actor, "station.create", "station", station.id, field="name", new=station.name)
    return station


def change_station(session: Session, actor: Actor, station: Station, given: StationInput, version: int | None
                   ) -> bool:
    """Store what changed (audited field by field); False when nothing did. Someone else's save since `version`
    is refused, never overwritten."""
    if version is not None and version != station.version:
        raise OperationError("changed", N_("Someone else saved the station since you opened it; it is shown as it "
                                           "is now. Make your change again."))
    values = read_station(station.agreement, given)
    changed = False
    for name in FIELDS:
        old, new = getattr(station, name), values[name]
        if old != new:
            record(session, actor, "station.update", "station", station.id, field=name,
                   old=_text(old), new=_text(new))
            setattr(station, name, new)
            changed = True
    session.flush()
    return changed


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)
