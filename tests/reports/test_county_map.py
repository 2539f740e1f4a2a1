"""The county's map data file (reports/maps/jonkopings_lan.json): the 13 municipalities of the agreement, each
with valid, closed rings, its source stated, and a projection that keeps every border on the map."""

from __future__ import annotations

import itertools

from reports.maps import county_map
from seed.loader import DATA_DIR, read_agreement_file


def _area(ring: tuple[tuple[float, float], ...]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def _crosses(ring: tuple[tuple[float, float], ...]) -> bool:
    """Whether two edges that do not share a point cross (a ring that crosses itself is no polygon)."""
    edges = list(itertools.pairwise(ring))

    def side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 2:]:
            if a == d:
                continue
            if side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0:
                return True
    return False


def test_the_map_has_the_agreement_s_13_municipalities_with_valid_closed_rings() -> None:
    county = county_map()
    agreement = read_agreement_file(DATA_DIR / "biogas_jonkoping.toml")
    municipalities = {p.code: p.name for p in agreement.parties if p.kind == "municipality"}
    assert {m.code for m in county.municipalities} == set(municipalities) and len(municipalities) == 13
    for municipality in county.municipalities:
        assert municipalities[municipality.code].startswith(municipality.name)  # "Eksjö" of "Eksjö kommun"
        assert municipality.rings
        for ring in municipality.rings:
            assert len(ring) >= 4 and ring[0] == ring[-1], municipality.name
            assert abs(_area(ring)) > 0.001, municipality.name
            assert not _crosses(ring), municipality.name
    assert county.source == "Källa: SCB, CC BY 4.0"


def test_the_projection_keeps_the_county_on_the_map() -> None:
    county = county_map()
    width = 400.0
    height = county.height(width)
    assert 350 < height < 450  # the county is about as tall as it is wide
    for municipality in county.municipalities:
        for ring in municipality.rings:
            for longitude, latitude in ring:
                x, y = county.project(longitude, latitude, width)
                assert -0.01 <= x <= width + 0.01 and -0.01 <= y <= height + 0.01
