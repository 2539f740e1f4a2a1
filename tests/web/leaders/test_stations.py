"""The station register as a project leader keeps it, on the demo data: the list, a station added and closed
from the web with its audit trail, every mistake at its field with nothing saved, the CSV export safe to open in
Excel, and another agreement's or a contact's hands off it."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Station

if TYPE_CHECKING:
    from tests.conftest import AuthActions

NEW = {"name": "Eksjö Norra", "municipality": "0686", "latitude": "57,6801", "longitude": "14,9900",
       "opened_on": "2026-11-20", "fuels": "cbg", "serves": "public", "operator": "=HYPERLINK(\"http://x\")"}


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def test_the_register_lists_the_demo_stations(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    page = client.get("/projektledare/stationer").get_data(as_text=True)
    count = session.scalar(select(func.count()).select_from(Station))
    assert count == 16  # what the demo municipalities report in 2024: Jönköping 5, Värnamo and Vetlanda 2, seven 1
    assert f"{count} stationer är öppna." in page and "Eksjö Centrum" in page and "(exempel)" in page


def test_a_station_is_added_and_closed_from_the_web(client: FlaskClient, auth: AuthActions,
                                                     session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    added = auth.post_form("/projektledare/stationer/ny", NEW)
    assert added.status_code == 303
    station = session.scalars(select(Station).where(Station.name == "Eksjö Norra")).one()
    assert station.party.code == "0686" and station.opened_on.isoformat() == "2026-11-20"
    path = f"/projektledare/stationer/{station.id}"
    closed = auth.post_form(path, {**NEW, "closed_on": "2026-12-01", "version": str(station.version)})
    assert closed.status_code == 303
    session.expire_all()
    assert session.get(Station, station.id).closed_on.isoformat() == "2026-12-01"  # type: ignore[union-attr]
    fields = [e.field for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "station",
                                                                        AuditEvent.entity_id == station.id))]
    assert fields == ["name", "closed_on"]
    stale = auth.post_form(path, {**NEW, "name": "Eksjö N", "version": "1"})
    assert stale.status_code == 409 and "Någon annan har sparat stationen" in stale.get_data(as_text=True)


@pytest.mark.parametrize(("changes", "message"), [
    ({"name": ""}, "Ange stationens namn."),
    ({"municipality": "06"}, "Välj en av överenskommelsens kommuner"),
    ({"latitude": "14,99", "longitude": "57,68"}, "Positionen ligger utanför Sverige"),
    ({"opened_on": "20 november"}, "Som ÅÅÅÅ-MM-DD"),
    ({"closed_on": "2020-01-01"}, "Stationen kan inte stänga innan den öppnar."),
    ({"fuels": ""}, "Välj vad stationen säljer."),
])
def test_a_mistake_is_shown_at_its_field_and_nothing_is_saved(client: FlaskClient, auth: AuthActions,
                                                               session: Session, changes: dict[str, str],
                                                               message: str) -> None:
    auth.login("projektledare@exempel.se", "demo")
    before = session.scalar(select(func.count()).select_from(Station))
    response = auth.post_form("/projektledare/stationer/ny", {**NEW, **changes})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Station)) == before


def test_the_export_is_the_register_and_starts_no_formula(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("projektledare@exempel.se", "demo")
    auth.post_form("/projektledare/stationer/ny", NEW)
    response = client.get("/projektledare/stationer.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    mine = next(row for row in rows if row["name"] == "Eksjö Norra")
    assert mine["operator"].startswith("'=")  # shown as text in Excel, never run
    assert (mine["municipality_code"], mine["opened_on"], mine["fuels"]) == ("0686", "2026-11-20", "cbg")


def test_contacts_and_forum_members_may_not(client: FlaskClient, auth: AuthActions) -> None:
    for email in ("kontakt.jonkoping@exempel.se", "forum@exempel.se"):
        auth.login(email, "demo")
        assert client.get("/projektledare/stationer").status_code == 403
        assert client.get("/projektledare/stationer/1").status_code == 403
        auth.logout()
