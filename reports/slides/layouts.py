"""The deck's slide layouts: their names, what each holds, and where (the built-in master's geometry).

Every slide is built on one of six named layouts. A layout holds a title and, in reading order (columns from
left to right, top to bottom within a column), the placeholders of its `roles`: text or a chart. A template's
layout is found by its name (English or Swedish, any case); it is used when it has a title and at least as many
further placeholders as the layout has roles, and otherwise the built-in layout is added to the template's master
(its geometry scaled to the template's page), so that a template with only some of the layouts still works.

The names, roles and geometry; reports.slides.layout_parts writes the built-in layouts into a presentation and
finds the deck's, reports.slides.master makes the built-in master, reports.slides.frame the slides.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Inches

from reports.slides.theme import ACCENT, PALE, PRIMARY, RULE, WHITE

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              f'xmlns:p="{P}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


class Layout(enum.StrEnum):
    """A layout, by the name the deck's master gives it (and a template's layout is found by)."""

    TITLE = "Title"
    SECTION = "Section"
    TEXT_AND_CHART = "Text and chart"
    CHART = "Chart"
    TWO_CHARTS = "Two charts"
    SUMMARY = "Summary"


SWEDISH_NAMES = {Layout.TITLE: "Rubrik", Layout.SECTION: "Avsnitt", Layout.TEXT_AND_CHART: "Text och diagram",
                 Layout.CHART: "Diagram", Layout.TWO_CHARTS: "Två diagram", Layout.SUMMARY: "Sammanfattning"}


class Role(enum.StrEnum):
    TEXT = "text"
    CHART = "chart"


@dataclass(frozen=True, slots=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width

    def intersects(self, other: Rect) -> bool:
        return (self.left < other.right and other.left < self.right and self.top < other.bottom
                and other.top < self.bottom)


def bounds(rects: Sequence[Rect]) -> Rect:
    """The smallest rectangle around `rects`."""
    left, top = min(r.left for r in rects), min(r.top for r in rects)
    return Rect(left, top, max(r.right for r in rects) - left, max(r.bottom for r in rects) - top)


def inches(left: float, top: float, width: float, height: float) -> Rect:
    return Rect(int(Inches(left)), int(Inches(top)), int(Inches(width)), int(Inches(height)))


A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P_NS = f"{{{P}}}"


def _own_rect(element: object) -> Rect | None:
    """The position a shape's XML gives it (read directly: python-pptx's properties search with XPath)."""
    find = element.find  # type: ignore[attr-defined]
    xfrm = find(f"{P_NS}spPr/{A_NS}xfrm")
    if xfrm is None:
        xfrm = find(f"{P_NS}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{A_NS}off"), xfrm.find(f"{A_NS}ext")
    if off is None or ext is None:
        return None
    return Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))


def rect_of(shape: BaseShape) -> Rect:
    """Where a shape is; a placeholder without a position of its own is where its layout puts it (looked up once
    per layout: a deck asks for hundreds)."""
    own = _own_rect(shape._element)
    if own is not None:
        return own
    part = shape.part
    ph = shape._element.ph if shape.is_placeholder else None
    if ph is None or not hasattr(part, "slide_layout"):  # a layout's or master's own placeholder, or no position
        return Rect(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
    layout = part.slide_layout
    cache: dict[str, Rect] = layout.part.__dict__.setdefault("_deck_rects", {})
    key = ph.get("idx", "0") if ph.get("type") not in ("title", "ctrTitle") else "title"
    if key not in cache:
        cache[key] = Rect(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
    return cache[key]


@dataclass(frozen=True, slots=True)
class Box:
    """A placeholder of a built-in layout, or (`role` None) a shape drawn on the layout itself."""

    rect: Rect
    role: Role | None
    fill: str | None = None  # a background colour
    colour: str | None = None  # the text's colour
    size: int | None = None  # the text's size (points)
    bold: bool = False
    anchor: str = "t"


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    title: Rect
    boxes: tuple[Box, ...]  # the placeholders of the roles in reading order, and shapes
    title_sizes: tuple[int, int] = (28, 18)  # largest and smallest size of the title
    title_colour: str | None = None
    title_anchor: str = "b"
    title_type: str = "title"
    hides_master: bool = False  # the master's rules do not show (the layout draws its own)

    @property
    def roles(self) -> tuple[Role, ...]:
        return tuple(box.role for box in self.boxes if box.role is not None)


TITLE_AREA = inches(0.5, 0.42, 12.333, 0.8)
FOOTER_RULE = Box(inches(0.5, 6.95, 12.333, 0.01), None, fill=str(RULE))
TEXT, CHART = Role.TEXT, Role.CHART
SPECS: dict[Layout, LayoutSpec] = {
    Layout.TITLE: LayoutSpec(
        inches(0.8, 1.55, 11.733, 3.0),
        (Box(inches(0, 1.35, 13.333, 3.4), None, fill=str(PRIMARY)),
         Box(inches(0.8, 5.0, 11.733, 1.8), TEXT, colour=str(PRIMARY), size=20), FOOTER_RULE),
        (40, 24), str(WHITE), "ctr", "ctrTitle", hides_master=True),
    Layout.SECTION: LayoutSpec(
        inches(0.8, 1.9, 11.733, 2.0),
        (Box(inches(0.9, 3.98, 1.4, 0.06), None, fill=str(ACCENT)),
         Box(inches(0.8, 4.15, 11.733, 2.6), TEXT, size=20), FOOTER_RULE),
        (36, 24), hides_master=True),
    Layout.TEXT_AND_CHART: LayoutSpec(TITLE_AREA, (
        Box(inches(0.5, 1.45, 6.783, 5.4), TEXT),
        Box(inches(7.633, 1.45, 5.2, 3.5), TEXT, fill=str(PALE), colour=str(PRIMARY)),
        Box(inches(7.633, 5.1, 5.2, 1.75), CHART))),
    Layout.CHART: LayoutSpec(TITLE_AREA, (
        Box(inches(0.5, 1.45, 12.333, 0.8), TEXT, colour=str(PRIMARY), size=20, bold=True),
        Box(inches(0.5, 2.35, 12.333, 4.5), CHART))),
    Layout.TWO_CHARTS: LayoutSpec(TITLE_AREA, (
        Box(inches(0.5, 1.45, 6.0, 1.1), TEXT, colour=str(PRIMARY), size=18, bold=True),
        Box(inches(0.5, 2.65, 6.0, 4.2), CHART),
        Box(inches(6.833, 1.45, 6.0, 1.1), TEXT, colour=str(PRIMARY), size=18, bold=True),
        Box(inches(6.833, 2.65, 6.0, 4.2), CHART))),
    Layout.SUMMARY: LayoutSpec(TITLE_AREA, (Box(inches(0.5, 1.45, 12.333, 5.4), TEXT, colour=str(PRIMARY)),)),
}


def reading_order(shapes: Sequence[BaseShape], page_width: int) -> list[BaseShape]:
    """Columns from left to right (lefts within a 24th of the page are one column), top to bottom in each."""
    column = max(1, page_width // 24)
    return sorted(shapes, key=lambda s: (int(s.left or 0) // column, int(s.top or 0)))


CONTENT_TYPES = {"body", "obj", "chart", "subTitle", "tbl", None}  # placeholders that can hold a role


def placeholders_of(surface: SlideLayout | SlideMaster, types: Collection[str | None]) -> list[BaseShape]:
    """The placeholders of a layout or master whose type is one of `types` (None: a content placeholder)."""
    return [shape for shape in surface.shapes
            if shape.is_placeholder and shape._element.ph is not None and shape._element.ph.get("type") in types]


def ph_type(shape: BaseShape) -> str | None:
    ph = shape._element.ph
    return ph.get("type") if ph is not None else None


def content_placeholders(layout: SlideLayout, page_width: int) -> list[BaseShape]:
    """A layout's placeholders that can hold a role (not its title, date, footer or page number), in reading
    order."""
    return reading_order(placeholders_of(layout, CONTENT_TYPES), page_width)


def fits(layout: SlideLayout, wanted: Layout, page_width: int) -> bool:
    """Whether a template's layout has a title and a placeholder for each of the layout's roles."""
    has_title = bool(placeholders_of(layout, ("title", "ctrTitle")))
    return has_title and len(content_placeholders(layout, page_width)) >= len(SPECS[wanted].roles)


def names_of(layout: Layout) -> set[str]:
    return {layout.value.casefold(), SWEDISH_NAMES[layout].casefold()}


__all__ = ["SPECS", "Layout", "LayoutSpec", "Rect", "Role", "bounds", "content_placeholders", "fits", "inches",
           "names_of", "ph_type", "placeholders_of", "reading_order", "rect_of"]
