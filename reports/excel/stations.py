"""The Excel summary's sheet of the stations: every public station of the register open in the year."""

from __future__ import annotations

from decimal import Decimal

from reports.data import FollowUp
from reports.excel.cells import Gettext
from reports.excel.model import Column, Row, Sheet, Style, Styled
from reports.excel.overview import marks
from tracker.domain.messages import N_


def stations_sheet(followup: FollowUp, locale: str, t: Gettext) -> Sheet:
    columns = [Column(t(N_("Station")), 30), Column(t(N_("Municipality")), 22), Column(t(N_("Code")), 7),
               Column(t(N_("Opened")), 12), Column(t(N_("Closed")), 12), Column(t(N_("Sells")), 12),
               Column(t(N_("Latitude (WGS84)")), 12), Column(t(N_("Longitude (WGS84)")), 12)]
    rows: list[Row] = [[s.name, s.municipality, s.municipality_code, s.opened_on, s.closed_on,
                        ", ".join(fuel.upper() for fuel in s.fuels), Decimal(str(s.latitude)),
                        Decimal(str(s.longitude))]
                       for s in followup.stations]
    preamble: list[Row] = [
        [Styled(t(N_("Public fuelling stations for biogas in %(year)s: %(count)s")) % {
            "year": followup.year, "count": len(followup.stations)}, Style.TITLE)],
        *marks(followup, locale, t),
        [Styled(t(N_("From the station register: every station open at some time in the year.")), Style.NOTE)],
    ]
    return Sheet(t(N_("Fuelling stations")), columns, rows, preamble)
