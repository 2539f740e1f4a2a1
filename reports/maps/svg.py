"""The stations' map as inline SVG for the dashboard: the county's municipalities, one marker per station open in
the year, a title and the source. The same stations are listed in a table beside it (the page's), so the map is
never the only way to read them: the SVG is an image with a name (role="img", aria-labelledby)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from reports.maps import county_map
from tracker.domain.messages import N_
from tracker.i18n import translations
from tracker.queries.stations import StationRow

WIDTH = 420.0
LAND, BORDER, MARKER, MARKER_EDGE = "#e8efe9", "#5b6b61", "#0072b2", "#ffffff"  # reports.palette's blue for "yes"

TITLE = N_("Public fuelling stations for biogas in %(year)s: %(count)s")


def stations_map_svg(stations: Sequence[StationRow], year: int, locale: str = "sv", id_prefix: str = "karta") -> str:
    """The map of the stations open in `year`; `id_prefix` makes its element ids unique on the page."""
    county = county_map()
    catalogue = translations("en" if locale.startswith("en") else "sv")
    shown = [s for s in stations if s.is_open_in(year)]
    title = catalogue.gettext(TITLE) % {"year": year, "count": len(shown)}
    height = county.height(WIDTH)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height + 24:.0f}" '
             f'role="img" aria-labelledby="{id_prefix}-title" class="map">',
             f'<title id="{id_prefix}-title">{escape(title)}</title>']
    for municipality in county.municipalities:
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (county.project(lon, lat, WIDTH) for lon, lat in ring))
            + " Z" for ring in municipality.rings)
        parts.append(f'<path d="{path}" fill="{LAND}" stroke="{BORDER}" stroke-width="0.8" '
                     f'data-kommunkod={quoteattr(municipality.code)}><title>{escape(municipality.name)}</title></path>')
    for station in shown:
        x, y = county.project(station.longitude, station.latitude, WIDTH)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{MARKER}" stroke="{MARKER_EDGE}" '
                     f'stroke-width="1.5" class="map__station"><title>{escape(station.name)}, '
                     f'{escape(station.municipality)}</title></circle>')
    parts.append(f'<text x="{WIDTH - 4:.0f}" y="{height + 18:.0f}" text-anchor="end" font-size="11" '
                 f'fill="{BORDER}">{escape(county.source)}</text>')
    parts.append("</svg>")
    return "".join(parts)
