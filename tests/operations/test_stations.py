"""The station register's operations: a station added and changed field by field with its audit trail, every
field that cannot be stored named with its message, nothing written then, and an edit over someone else's
refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.loader import DATA_DIR, load_agreement_file
from tracker.domain import Agreement, AuditEvent, Station
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.stations import StationInput, StationProblems, add_station, change_station

ACTOR = Actor.system("test")
EKSJO = StationInput(name="Eksjö Biogas", municipality_code="0686", latitude="57,6654", longitude="14,9705",
                     opened_on="2021-06-15", operator="Eksjö Energi", fuels=("cbg",), serves=("public", "heavy"),
                     support="Klimatklivet", support_year="2019")


@pytest.fixture
def agreement(session: Session) -> Agreement:
    load_agreement_file(session, DATA_DIR / "biogas_jonkoping.toml")
    return session.scalars(select(Agreement)).one()


def test_a_station_is_added_and_changed_with_its_audit_trail(session: Session, agreement: Agreement) -> None:
    station = add_station(session, ACTOR, agreement, EKSJO)
    assert (station.party.code, str(station.latitude), station.opened_on.isoformat()) == ("0686", "57.665400",
                                                                                          "2021-06-15")
    assert station.serves == ["public", "heavy"] and station.is_open_in(2021) and not station.is_open_in(2020)
    changed = change_station(session, ACTOR, station, StationInput(**{**EKSJO.__dict__, "closed_on": "2024-09-30"}),
                             station.version)
    assert changed and not station.is_open_in(2025) and station.is_open_in(2024)
    events = [(e.action, e.field, e.new_value) for e in session.scalars(select(AuditEvent).where(
        AuditEvent.entity == "station").order_by(AuditEvent.id))]
    assert events == [("station.create", "name", "Eksjö Biogas"), ("station.update", "closed_on", "2024-09-30")]
    assert not change_station(session, ACTOR, station, StationInput(**{**EKSJO.__dict__, "closed_on": "2024-09-30"}),
                              None)


def test_every_field_that_cannot_be_stored_is_named(session: Session, agreement: Agreement) -> None:
    wrong = StationInput(name=" ", municipality_code="06", latitude="14,97", longitude="57,66",
                         opened_on="2021-13-01", fuels=(), serves=("trains",), support_year="1850",
                         operator="Eksjö\u202eEnergi")
    with pytest.raises(StationProblems) as refused:
        add_station(session, ACTOR, agreement, wrong)
    assert set(refused.value.problems) == {"name", "party_id", "latitude", "longitude", "opened_on", "fuels",
                                           "serves", "support_year", "operator"}  # the region (06) is no municipality
    assert session.scalars(select(Station)).first() is None
    closed_first = StationInput(**{**EKSJO.__dict__, "closed_on": "2020-01-01"})
    with pytest.raises(StationProblems) as before:
        add_station(session, ACTOR, agreement, closed_first)
    assert before.value.problems["closed_on"].msgid == "The station cannot close before it opens."


def test_a_change_over_someone_else_s_is_refused(session: Session, agreement: Agreement) -> None:
    station = add_station(session, ACTOR, agreement, EKSJO)
    opened = station.version
    change_station(session, ACTOR, station, StationInput(**{**EKSJO.__dict__, "name": "Eksjö Gas"}), opened)
    with pytest.raises(OperationError) as refused:
        change_station(session, ACTOR, station, StationInput(**{**EKSJO.__dict__, "name": "Eksjö"}), opened)
    assert refused.value.code == "changed" and station.name == "Eksjö Gas"
