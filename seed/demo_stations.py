"""The demo's station register: one example station per public station the demo municipalities report
(`demo_answers.MUNICIPALITIES`: from which year how many), so the register and the answers tell the same story,
near each municipality's main town (example data, `Station.is_example`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from seed.demo_answers import MUNICIPALITIES
from tracker.domain import Agreement, Station
from tracker.operations.audit import Actor
from tracker.operations.stations import StationInput, add_station

# The main towns, WGS84 (latitude, longitude), and their names.
TOWNS = {
    "0604": ("Aneby", 57.8386, 14.8096), "0617": ("Gnosjö", 57.3586, 13.7394), "0642": ("Mullsjö", 57.9163, 13.8789),
    "0643": ("Habo", 57.9066, 14.0746), "0662": ("Gislaved", 57.3040, 13.5384),
    "0665": ("Vaggeryd", 57.4979, 14.1474), "0680": ("Jönköping", 57.7826, 14.1618),
    "0682": ("Nässjö", 57.6531, 14.6968), "0683": ("Värnamo", 57.1860, 14.0400),
    "0684": ("Sävsjö", 57.4029, 14.6638), "0685": ("Vetlanda", 57.4286, 15.0853),
    "0686": ("Eksjö", 57.6664, 14.9720), "0687": ("Tranås", 58.0372, 14.9782),
}
OPERATORS = ("Biogas Sydost", "Eon Gas", "Gasum", "Fordonsgas Sverige")


def add_stations(session: Session, actor: Actor, agreement: Agreement) -> list[Station]:
    stations: list[Station] = []
    for municipality in MUNICIPALITIES:
        town, latitude, longitude = TOWNS[municipality.code]
        before = 0
        for start, count in municipality.stations:
            for number in range(before, count):
                given = StationInput(
                    name=f"{town} {'Centrum' if number == 0 else f'Norra {number}'}",
                    municipality_code=municipality.code,
                    latitude=f"{latitude + 0.012 * number:.4f}".replace(".", ","),
                    longitude=f"{longitude + 0.018 * number:.4f}".replace(".", ","),
                    opened_on=date(start, 6, 1 + number).isoformat(),
                    operator=OPERATORS[(len(stations)) % len(OPERATORS)],
                    fuels=("cbg", "lbg") if municipality.code == "0680" and number == 0 else ("cbg",),
                    is_full_biogas=True, serves=("public", "heavy") if number == 0 else ("public",),
                    support="Klimatklivet" if start >= 2015 else "",  # the support began in 2015
                    support_year=str(start - 1) if start >= 2015 else "", source="Exempeldata")
                stations.append(add_station(session, actor, agreement, given, is_example=True))
            before = count
    return stations
