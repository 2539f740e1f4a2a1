"""The frame every slide shares: its layout, its title, the footer with source and data state, the page number and
the example-data and preliminary marks; and the helpers that put text and charts into a layout's placeholders.

The text helpers (Para, add_text, add_box, fitting_size, split_to_fit …) live in reports.slides.text and are
importable from here too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast
from xml.sax.saxutils import quoteattr

from pptx.chart.chart import Chart
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Inches

from reports.slides.charts import add_chart
from reports.slides.layout_parts import find_layouts
from reports.slides.layouts import (
    SPECS,
    Layout,
    Rect,
    content_placeholders,
    ph_type,
    placeholders_of,
    rect_of,
)
from reports.slides.spec import ChartSpec
from reports.slides.text import (
    CHAR_WIDTH_EM,
    EMU_PER_INCH,
    INSET,
    NAMESPACES,
    Para,
    add_box,
    add_text,
    fill_placeholder,
    fitting_size,
    paragraphs_of,
    paragraphs_xml,
    split_to_fit,
    text_body_xml,
    text_height,
)
from reports.slides.theme import FOOTER_SIZE, MARGIN, MUTED, SLIDE_HEIGHT, SLIDE_WIDTH, WARNING, WHITE

Gettext = Callable[[str], str]
BADGE_WIDTH, BADGE_HEIGHT, BADGE_TOP = Inches(2.0), Inches(0.3), Inches(0.08)
BADGE_SIZE = 12  # points


def badge_width(mark: str) -> int:
    """A mark's badge: wide enough for the mark on one line ("PRELIMINÄR – 5 av 14 rapporter inskickade" is three
    times as long as "EXEMPELDATA"), at least BADGE_WIDTH."""
    needed = len(mark) * CHAR_WIDTH_EM[True] * BADGE_SIZE / 72 * EMU_PER_INCH + 2 * INSET + Inches(0.1)
    return max(int(BADGE_WIDTH), int(needed))
SLIDE_NUMBER = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="sv-SE"/>'
                "<a:t>‹#›</a:t></a:fld>")
LATENT = ("ftr", "sldNum")  # the layout's placeholders a slide repeats only when it has them itself
TEXT_TYPES = ("title", "ctrTitle", "subTitle", "body", "obj", None)  # placeholders that hold text
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

__all__ = ["Frame", "Gettext", "Layout", "Para", "add_box", "add_text", "fill_placeholder", "fitting_size",
           "paragraphs_of", "split_to_fit", "text_body_xml", "text_height"]


@dataclass
class Frame:
    """Adds slides in the deck's frame: `frame.slide(title, notes="", layout=Layout.SUMMARY)`.

    How a slide picks its layout and fills it:

    - `layout` names one of the six layouts (reports.slides.layouts.Layout: TITLE, SECTION, TEXT_AND_CHART,
      CHART, TWO_CHARTS, SUMMARY). The presentation's own layout of that name is used (the built-in master's, or
      an organisation's template's, found by name), so the slide follows whatever master the deck is built on.
    - The title goes into the layout's title placeholder, shrunk to fit (`title=None`: no title).
    - `frame.placeholders(slide)` gives the layout's other placeholders in reading order, one per role of the
      layout (layouts.SPECS[layout].roles): TEXT_AND_CHART is [text, side text, chart], CHART [heading, chart],
      TWO_CHARTS [heading, chart, heading, chart], SUMMARY and SECTION [text], TITLE [subtitle].
      `fill_placeholder(placeholder, paragraphs, largest, smallest)` puts text into one at the largest size that
      fits (font, colour and bullets' look stay the layout's); `frame.chart(slide, placeholder, spec)` puts a
      native chart where the placeholder is (or in `rect`), linked to it.
    - A placeholder left empty is removed when the deck is finished (`frame.finish()`), so free shapes drawn
      with add_text/add_box in its place (as on a slide made with the default layout) never sit on one.
    - The footer (source and data state) and the page number go into the layout's footer and page number
      placeholders; the marks (EXEMPELDATA, PRELIMINÄRT) are shapes at the top right of every slide, above the
      title, so that they stay when another template is applied in PowerPoint.
    """

    presentation: Presentation
    footer: str
    marks: tuple[str, ...]  # "EXEMPELDATA", "PRELIMINÄRT": shown at the top right of every slide
    slides: list[Slide] = field(default_factory=list)
    layouts: dict[Layout, SlideLayout] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.layouts = find_layouts(self.presentation)
        self.width = int(self.presentation.slide_width or SLIDE_WIDTH)
        self.height = int(self.presentation.slide_height or SLIDE_HEIGHT)
        # Per layout, looked up once (a deck asks for them hundreds of times): the content placeholders' idx in
        # reading order, and the footer and page number placeholders.
        self._order = {name: [int(s.placeholder_format.idx) for s in content_placeholders(layout, self.width)]
                       for name, layout in self.layouts.items()}
        self._clones = {name: self._clones_of(layout) for name, layout in self.layouts.items()}
        self._latent = {name: {ph_type(s) for s in placeholders_of(layout, LATENT)}
                        for name, layout in self.layouts.items()}

    def _clones_of(self, layout: SlideLayout) -> list[str]:
        """The XML of the placeholders a slide on `layout` starts with (python-pptx's clones, written once per
        layout: a third of a deck's time otherwise), the footer and page number filled in; `@ID@` is the shape's
        id."""
        found = []
        for shape in layout.shapes:
            element = shape._element.ph if shape.is_placeholder else None
            kind = element.get("type") if element is not None else "dt"
            if element is None or kind == "dt":
                continue
            attributes = "".join(f" {key}={quoteattr(value)}" for key, value in element.attrib.items())
            ph = f"<p:ph{attributes}/>"
            if kind in LATENT:
                text, field_xml = (self.footer, "") if kind == "ftr" else ("", SLIDE_NUMBER)
                box = rect_of(shape)  # a template's footer may be narrower than ours: the text shrinks to fit
                size = fitting_size([Para(text)], box.width, box.height, int(FOOTER_SIZE.pt), 7) or 7
                body = (f"<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs_xml([Para(text)], size, field=field_xml)}"
                        "</p:txBody>")
            else:
                body = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>' if kind in TEXT_TYPES else ""
            found.append(f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="@ID@" name={quoteattr(shape.name)}/>'
                         f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/>'
                         f"{body}</p:sp>")
        return found

    def slide(self, title: str | None, notes: str = "", layout: Layout = Layout.SUMMARY) -> Slide:
        rid, slide = self.presentation.part.add_slide(self.layouts[layout])  # python-pptx's add_slide, but for
        slide = cast(Slide, slide)  # cloning the placeholders (below)
        self.presentation.slides._sldIdLst.add_sldId(rid)
        tree = slide.shapes._spTree
        for number, xml in enumerate(self._clones[layout], start=2):
            tree.insert_element_before(parse_xml(xml.replace("@ID@", str(number))), "p:extLst")
        self.slides.append(slide)
        self._marks(slide)
        heading = slide.shapes.title
        if heading is not None:
            if title is None:
                drop(heading)
            else:
                largest, smallest = SPECS[layout].title_sizes  # a title must not wrap once more than estimated:
                fill_placeholder(heading, [Para(title)], largest, smallest, room=0.92)  # it would grow into the marks
        self._footer(slide, self._latent[layout])
        if notes and (notes_frame := slide.notes_slide.notes_text_frame) is not None:
            notes_frame.text = notes
        return slide

    def _marks(self, slide: Slide) -> None:
        """The marks at the top right; where a template's title reaches up to them, the title ends before them."""
        if not self.marks:
            return
        width = sum(badge_width(mark) + Inches(0.1) for mark in self.marks) - Inches(0.1)
        area = Rect(self.width - MARGIN - width, BADGE_TOP, width, BADGE_HEIGHT)
        heading = slide.shapes.title
        if heading is not None and (box := rect_of(heading)).intersects(area):
            move(heading, Rect(box.left, box.top, min(box.width, area.left - Inches(0.1) - box.left), box.height))
        left = area.left
        for mark in self.marks:
            add_box(slide, left, BADGE_TOP, badge_width(mark), BADGE_HEIGHT, WARNING, "Mark", mark, BADGE_SIZE,
                    colour=WHITE, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
            left += badge_width(mark) + Inches(0.1)

    def placeholders(self, slide: Slide) -> list[Shape]:
        """The slide's placeholders for its layout's roles, in reading order (see the class docstring)."""
        by_idx = {}
        for element in slide.shapes._spTree.iterchildren(f"{P_NS}sp"):
            ph = element.find(f"{P_NS}nvSpPr/{P_NS}nvPr/{P_NS}ph")
            if ph is not None:
                by_idx[int(ph.get("idx", "0"))] = SlideShapeFactory(element, slide.shapes)
        order = next((idx for name, idx in self._order.items() if self.layouts[name] == slide.slide_layout), None)
        if order is None:
            order = [int(s.placeholder_format.idx) for s in content_placeholders(slide.slide_layout, self.width)]
        found = [by_idx.get(idx) for idx in order]
        return [shape for shape in found if isinstance(shape, Shape)]

    def chart(self, slide: Slide, placeholder: Shape, spec: ChartSpec, rect: Rect | None = None) -> Chart:
        """The native chart of `spec` in the placeholder's place (or `rect`), taking the placeholder's role."""
        where = rect or rect_of(placeholder)
        graphic_frame = add_chart(slide, spec, where.left, where.top, where.width, where.height)
        ph = placeholder._element.ph
        if ph is not None:
            graphic_frame._element.nvGraphicFramePr.nvPr.append(copy.deepcopy(ph))
        drop(placeholder)
        return graphic_frame.chart

    def _footer(self, slide: Slide, present: set[str | None]) -> None:
        """A layout without footer or page number placeholders: the footer and the number in text boxes."""
        top = self.height - Inches(0.5)
        if "ftr" not in present:
            add_text(slide, MARGIN, top, self.width - 2 * MARGIN - Inches(0.9), Inches(0.4), self.footer,
                     int(FOOTER_SIZE.pt), 7, "Footer", colour=MUTED, anchor=MSO_ANCHOR.MIDDLE)
        if "sldNum" not in present:
            add_text(slide, self.width - MARGIN - Inches(0.8), top, Inches(0.8), Inches(0.4), "",
                     int(FOOTER_SIZE.pt), int(FOOTER_SIZE.pt), "Page number", colour=MUTED,
                     anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.RIGHT, field=SLIDE_NUMBER)

    def finish(self) -> None:
        """Removes the placeholders no slide has filled: an empty one would only show its prompt in PowerPoint."""
        for slide in self.slides:
            for element in list(slide.shapes._spTree.iterchildren(f"{P_NS}sp")):
                ph = element.ph
                if ph is not None and ph.get("type") not in LATENT and not "".join(element.itertext()).strip():
                    element.getparent().remove(element)


def drop(shape: Shape) -> None:
    """Removes a shape (a placeholder not wanted on this slide) from its slide."""
    element = shape._element
    element.getparent().remove(element)


def move(shape: Shape, rect: Rect) -> None:
    """Puts a placeholder somewhere else than its layout does, on this slide only."""
    shape.left, shape.top, shape.width, shape.height = Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height)

