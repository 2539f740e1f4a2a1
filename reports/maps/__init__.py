"""The county's map: the municipalities' borders as a small data file shipped with the product
(`jonkopings_lan.json`, written once by scripts/convert_borders.py from SCB's borders; nothing is fetched at run
time), keyed by kommunkod, and the projection every map draws it with."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAP_FILE = Path(__file__).resolve().parent / "jonkopings_lan.json"

Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points, the first and the last the same


@dataclass(frozen=True)
class Municipality:
    code: str  # kommunkod, as the parties have it
    name: str
    rings: tuple[Ring, ...]  # its polygons' outer rings (islands each their own)


@dataclass(frozen=True)
class CountyMap:
    source: str  # "Källa: SCB, CC BY 4.0": said on every map
    municipalities: tuple[Municipality, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north, in degrees."""
        points = [p for m in self.municipalities for ring in m.rings for p in ring]
        return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
                max(p[1] for p in points))

    def project(self, longitude: float, latitude: float, width: float) -> tuple[float, float]:
        """A point on a map `width` wide (x to the right, y down), longitudes shortened by the cosine of the
        county's middle latitude so that the county keeps its shape."""
        west, _south, east, north = self.bounds()
        scale = width / ((east - west) * self.aspect())
        return (longitude - west) * self.aspect() * scale, (north - latitude) * scale

    def aspect(self) -> float:
        _west, south, _east, north = self.bounds()
        return math.cos(math.radians((south + north) / 2))

    def height(self, width: float) -> float:
        west, south, east, north = self.bounds()
        return width * (north - south) / ((east - west) * self.aspect())


@cache
def county_map() -> CountyMap:
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return CountyMap(data["source"], tuple(
        Municipality(m["code"], m["name"], tuple(tuple((float(x), float(y)) for x, y in ring) for ring in m["rings"]))
        for m in data["municipalities"]))
