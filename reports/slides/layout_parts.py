"""The deck's layouts in a presentation: the built-in ones (reports.slides.layouts.SPECS) written as slide layout
parts of a master, scaled to its page, and each of the six names found in the presentation or added."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart
from pptx.presentation import Presentation
from pptx.slide import SlideLayout, SlideMaster

from reports.slides.layouts import (
    NAMESPACES,
    SPECS,
    Box,
    Layout,
    P,
    Rect,
    Role,
    fits,
    names_of,
    ph_type,
    placeholders_of,
    rect_of,
)
from reports.slides.theme import SLIDE_HEIGHT, SLIDE_WIDTH


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
