"""The deck's slide layouts: their names, what each holds, and where (the built-in master's geometry).

Every slide is built on one of six named layouts. A layout holds a title and, in reading order (columns from
left to right, top to bottom within a column), the placeholders of its `roles`: text or a chart. A template's
layout is found by its name (English or Swedish, any case); it is used when it has a title and at least as many
further placeholders as the layout has roles, and otherwise the built-in layout is added to the template's master
(its geometry scaled to the template's page), so that a template with only some of the layouts still works.

Pure geometry and XML; reports.slides.master makes the built-in master, reports.slides.frame the slides.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Inches

from reports.slides.theme import ACCENT, PALE, PRIMARY, RULE, SLIDE_HEIGHT, SLIDE_WIDTH, WHITE

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


def _scaled(rect: Rect, x: float, y: float) -> Rect:
    return Rect(round(rect.left * x), round(rect.top * y), round(rect.width * x), round(rect.height * y))


def _xfrm(rect: Rect) -> str:
    return (f'<a:xfrm><a:off x="{rect.left}" y="{rect.top}"/><a:ext cx="{rect.width}" cy="{rect.height}"/>'
            "</a:xfrm>")


def _fill(colour: str | None) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else ""


def _placeholder(number: int, name: str, ph: str, rect: Rect, box: Box | None, anchor: str) -> str:
    style = ""
    if box is not None and (box.colour or box.size or box.bold):
        size = f' sz="{box.size * 100}"' if box.size else ""
        weight = ' b="1"' if box.bold else ""
        style = f"<a:lvl1pPr><a:defRPr{size}{weight}>{_fill(box.colour)}</a:defRPr></a:lvl1pPr>"
    fill = _fill(box.fill) if box is not None else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{number}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f"</p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(rect)}{fill}</p:spPr>"
            f'<p:txBody><a:bodyPr anchor="{anchor}"><a:noAutofit/></a:bodyPr><a:lstStyle>{style}</a:lstStyle>'
            f'<a:p><a:endParaRPr lang="sv-SE"/></a:p></p:txBody></p:sp>')


def layout_xml(layout: Layout, page_width: int, page_height: int, footer: Sequence[tuple[str, Rect]]) -> str:
    """The built-in layout as a slide layout part, scaled to the page; `footer`: the master's footer and page
    number placeholders (type and where), which every layout repeats so that slides can have them."""
    spec = SPECS[layout]
    x, y = page_width / SLIDE_WIDTH, page_height / SLIDE_HEIGHT
    shapes, number, index = [], 2, 1
    title_style = Box(spec.title, None, colour=spec.title_colour, size=spec.title_sizes[0]) if (
        spec.title_colour or layout in (Layout.TITLE, Layout.SECTION)) else None
    shapes.append(_placeholder(number, "Title", f'<p:ph type="{spec.title_type}"/>', _scaled(spec.title, x, y),
                               title_style, spec.title_anchor))
    for box in spec.boxes:
        number += 1
        rect = _scaled(box.rect, x, y)
        if box.role is None:
            shapes.append(f'<p:sp><p:nvSpPr><p:cNvPr id="{number}" name="Background {number}"/><p:cNvSpPr/><p:nvPr/>'
                          f'</p:nvSpPr><p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                          f"{_fill(box.fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>")
            continue
        kind = ' type="body"' if box.role is Role.TEXT else ' type="chart"'
        if layout is Layout.TITLE:
            kind = ' type="subTitle"'
        name = "Text" if box.role is Role.TEXT else "Chart"
        shapes.append(_placeholder(number, f"{name} {index}", f'<p:ph{kind} idx="{index}"/>', rect, box,
                                   box.anchor))
        index += 1
    for kind, rect in footer:
        number += 1
        idx = {"ftr": 11, "sldNum": 12}[kind]
        shapes.append(_placeholder(number, kind, f'<p:ph type="{kind}" sz="quarter" idx="{idx}"/>', rect, None,
                                   "ctr"))
    hide = ' showMasterSp="0"' if spec.hides_master else ""
    return (f'<p:sldLayout {NAMESPACES}{hide} preserve="1"><p:cSld name={quoteattr(layout.value)}><p:spTree>'
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'{"".join(shapes)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def add_layout(presentation: Presentation, master: SlideMaster, layout: Layout) -> SlideLayout:
    """Adds the built-in `layout` to `master` (a new slide layout part, related both ways)."""
    package = master.part.package
    footer = [(str(ph_type(shape)), rect_of(shape)) for shape in placeholders_of(master, ("ftr", "sldNum"))]
    xml = layout_xml(layout, int(presentation.slide_width or SLIDE_WIDTH),
                     int(presentation.slide_height or SLIDE_HEIGHT), footer)
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart(PackURI(partname), CONTENT_TYPE.PML_SLIDE_LAYOUT, package, parse_xml(xml))
    part.relate_to(master.part, RELATIONSHIP_TYPE.SLIDE_MASTER)
    rid = master.part.relate_to(part, RELATIONSHIP_TYPE.SLIDE_LAYOUT)
    ids = master._element.get_or_add_sldLayoutIdLst()
    used = [int(e.get("id")) for m in presentation.slide_masters for e in m._element.iter(f"{{{P}}}sldLayoutId")]
    used += [int(e.get("id")) for e in presentation._element.iter(f"{{{P}}}sldMasterId")]
    entry = ids._add_sldLayoutId()
    entry.set("id", str(max([2147483648, *used]) + 1))
    entry.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    found: SlideLayout = part.slide_layout
    return found


def find_layouts(presentation: Presentation) -> dict[Layout, SlideLayout]:
    """The deck's layout for each name: the presentation's own where it has a fitting one by that name, else
    the built-in one, added to its first master."""
    page_width = int(presentation.slide_width or SLIDE_WIDTH)
    by_name = {layout.name.casefold(): layout for master in presentation.slide_masters
               for layout in master.slide_layouts}
    found = {}
    for wanted in Layout:
        match = next((by_name[name] for name in names_of(wanted) if name in by_name), None)
        if match is None or not fits(match, wanted, page_width):
            match = add_layout(presentation, presentation.slide_masters[0], wanted)
        found[wanted] = match
    return found


__all__ = ["SPECS", "Layout", "LayoutSpec", "Rect", "Role", "bounds", "content_placeholders", "find_layouts",
           "inches", "reading_order", "rect_of"]
