"""Draws tracker/web/static/favicon.ico (16, 32 and 48 px) from the shapes of tracker/web/static/img/favicon.svg:
a white flame on the service's green, the inner flame green. Run it again after changing the SVG's shapes:
`.venv/bin/python scripts/make_favicon.py`."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

GREEN, WHITE = (11, 93, 59, 255), (255, 255, 255, 255)
SCALE = 16  # drawn at 512 px, then scaled down: smooth edges
STATIC = Path(__file__).resolve().parent.parent / "tracker" / "web" / "static"
Point = tuple[float, float]


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 40) -> list[Point]:
    points = []
    for i in range(steps + 1):
        t = i / steps
        points.append(tuple(
            (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
            for a, b, c, d in zip(p0, p1, p2, p3, strict=True)))  # type: ignore[misc]
    return points


def flame(top: float, bottom_y: float, radius: float, c1: Point, c2: Point) -> list[Point]:
    """The SVG's flame: from the tip, a curve to the right of the circle's middle, the lower half circle, and a
    mirrored curve back to the tip (the path's `c`, `a`, `c`)."""
    tip, right, left = (16.0, top), (16.0 + radius, bottom_y), (16.0 - radius, bottom_y)
    side = bezier(tip, (16 + c1[0], top + c1[1]), (16 + c2[0], top + c2[1]), right)
    arc = [(16 + radius * math.cos(math.pi * i / 40), bottom_y + radius * math.sin(math.pi * i / 40))
           for i in range(41)]
    back = [(32 - x, y) for x, y in reversed(side)]
    return [*side, *arc, *back, left]


def draw() -> Image.Image:
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * SCALE, fill=GREEN)
    for shape, colour in ((flame(4, 19, 8, (4.5, 6), (8, 10)), WHITE),
                          (flame(14, 20.6, 3.5, (2, 2.7), (3.5, 4.6)), GREEN)):
        pen.polygon([(x * SCALE, y * SCALE) for x, y in shape], fill=colour)
    return image


if __name__ == "__main__":
    draw().save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
