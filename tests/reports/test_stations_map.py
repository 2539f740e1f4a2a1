"""The stations' map on the dashboard (reports.maps.svg): a named image of the 13 municipalities by kommunkod
and one marker per station open in the year, the source stated; the same stations in the page's table, and a
station the project leader adds on the map at once."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from reports.data import build_followup
from reports.excel import build_summary_workbook
from reports.maps.svg import stations_map_svg
from tracker.queries.followup import load_followup_inputs
from tracker.queries.stations import StationRow

if TYPE_CHECKING:
    from tests.conftest import AuthActions


def row(name: str, opened: int, closed: int | None = None) -> StationRow:
    return StationRow(name, "0686", "Eksjö kommun", 57.6664, 14.9720, date(opened, 6, 1),
                      date(closed, 9, 30) if closed else None, ("cbg",), False)


def test_the_map_names_itself_and_marks_the_stations_open_in_the_year() -> None:
    stations = [row("Eksjö Centrum", 2016), row("Eksjö Norra", 2025), row("Eksjö Gamla", 2012, 2019)]
    svg = stations_map_svg(stations, 2024, "sv")
    assert 'role="img"' in svg and 'aria-labelledby="karta-title"' in svg
    assert '<title id="karta-title">Publika tankstationer för biogas 2024: 1</title>' in svg
    assert len(re.findall(r'<path [^>]*data-kommunkod="06\d\d"', svg)) == 13
    assert svg.count('class="map__station"') == 1 and "Eksjö Centrum, Eksjö kommun" in svg
    assert "Källa: SCB, CC BY 4.0" in svg
    assert stations_map_svg(stations, 2018, "en").count('class="map__station"') == 2


def test_a_station_added_is_on_the_dashboard_s_map_at_once(client: FlaskClient, auth: AuthActions,
                                                           session: Session) -> None:
    auth.login("projektledare@exempel.se", "demo")
    before = client.get("/uppfoljning/2024").get_data(as_text=True)
    assert "Var kan vi tanka biogas i länet?" in before
    assert "16 publika stationer 2024, enligt stationsregistret" in before
    assert before.count('class="map__station"') == 16
    added = auth.post_form("/projektledare/stationer/ny", {
        "name": "Eksjö Norra", "municipality": "0686", "latitude": "57,6801", "longitude": "14,9900",
        "opened_on": "2024-05-02", "fuels": "cbg", "serves": "public"})
    assert added.status_code == 303
    after = client.get("/uppfoljning/2024").get_data(as_text=True)
    assert "17 publika stationer 2024, enligt stationsregistret" in after and "Eksjö Norra" in after
    assert after.count('class="map__station"') == 17


@pytest.mark.slow(reason="builds the 2024 Excel summary of the demo")
def test_the_summary_lists_the_stations_open_in_the_year(session: Session) -> None:
    followup = build_followup(load_followup_inputs(session, 2024), 2024)
    assert len(followup.stations) == 16
    book = load_workbook(BytesIO(build_summary_workbook(followup)))
    rows = [[cell.value for cell in row] for row in book["Tankstationer"].iter_rows()]
    header = rows.index(["Station", "Kommun", "Kod", "Öppnade", "Stängd", "Säljer", "Latitud (WGS84)",
                         "Longitud (WGS84)"])
    assert [row[0] for row in rows[header + 1:]] == [s.name for s in followup.stations]
