"""The frame every slide shares: its layout, its title, the footer with source and data state, the page number and
the example-data and preliminary marks; and the helpers that put text and charts into a layout's placeholders.

The text helpers (Para, add_text, add_box, fitting_size, split_to_fit …) live in reports.slides.text and are
importable from here too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from pptx.chart.chart import Chart
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.presentation import Presentation
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Inches

from reports.slides.charts import add_chart
from reports.slides.layouts import (
    SPECS,
    Layout,
    Rect,
    content_placeholders,
    find_layouts,
    ph_type,
    placeholders_of,
    rect_of,
)
from reports.slides.spec import ChartSpec
from reports.slides.text import (
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
SLIDE_NUMBER = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="sv-SE"/>'
                "<a:t>‹#›</a:t></a:fld>")
LATENT = ("ftr", "sldNum")  # the layout's placeholders a slide repeats only when it has them itself
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

    def slide(self, title: str | None, notes: str = "", layout: Layout = Layout.SUMMARY) -> Slide:
        slide: Slide = self.presentation.slides.add_slide(self.layouts[layout])
        self.slides.append(slide)
        self._marks(slide)
        heading = slide.shapes.title
        if heading is not None:
            if title is None:
                drop(heading)
            else:
                largest, smallest = SPECS[layout].title_sizes
                fill_placeholder(heading, [Para(title)], largest, smallest)
        self._footer(slide)
        if notes and (notes_frame := slide.notes_slide.notes_text_frame) is not None:
            notes_frame.text = notes
        return slide

    def _marks(self, slide: Slide) -> None:
        """The marks at the top right; where a template's title reaches up to them, the title ends before them."""
        if not self.marks:
            return
        width = len(self.marks) * (BADGE_WIDTH + Inches(0.1)) - Inches(0.1)
        area = Rect(self.width - MARGIN - width, BADGE_TOP, width, BADGE_HEIGHT)
        heading = slide.shapes.title
        if heading is not None and (box := rect_of(heading)).intersects(area):
            move(heading, Rect(box.left, box.top, min(box.width, area.left - Inches(0.1) - box.left), box.height))
        left = area.left
        for mark in self.marks:
            add_box(slide, left, BADGE_TOP, BADGE_WIDTH, BADGE_HEIGHT, WARNING, "Mark", mark, 12, colour=WHITE,
                    bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
            left += BADGE_WIDTH + Inches(0.1)

    def placeholders(self, slide: Slide) -> list[Shape]:
        """The slide's placeholders for its layout's roles, in reading order (see the class docstring)."""
        by_idx = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
        found = [by_idx.get(shape.placeholder_format.idx) for shape in
                 content_placeholders(slide.slide_layout, self.width)]
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

    def _footer(self, slide: Slide) -> None:
        """The footer text and the page number, in the layout's placeholders (or, lacking one, a text box)."""
        layout = {ph_type(shape): shape for shape in placeholders_of(slide.slide_layout, LATENT)}
        top = self.height - Inches(0.5)
        for kind, text, field_xml, rect in (
                ("ftr", self.footer, "", Rect(MARGIN, top, self.width - 2 * MARGIN - Inches(0.9), Inches(0.4))),
                ("sldNum", "", SLIDE_NUMBER, Rect(self.width - MARGIN - Inches(0.8), top, Inches(0.8),
                                                  Inches(0.4)))):
            size = FOOTER_SIZE.pt
            if kind in layout:
                ph = copy.deepcopy(layout[kind]._element.ph)
                number = slide.shapes._next_shape_id
                element = parse_xml(
                    f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{number}" name="{kind}"/><p:cNvSpPr>'
                    '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
                    f'<a:lstStyle/>{paragraphs_xml([Para(text)], size, field=field_xml)}</p:txBody></p:sp>')
                element.find(f"{P_NS}nvSpPr").find(f"{P_NS}nvPr").append(ph)
                slide.shapes._spTree.insert_element_before(element, "p:extLst")
            else:
                add_text(slide, rect.left, rect.top, rect.width, rect.height, text, int(size), int(size),
                         "Footer" if kind == "ftr" else "Page number", colour=MUTED, anchor=MSO_ANCHOR.MIDDLE,
                         align=PP_ALIGN.RIGHT if field_xml else None, field=field_xml)

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

