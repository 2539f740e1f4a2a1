"""The frame every slide shares (title, footer with source and data state, page number, example-data mark) and
the text helpers: paragraphs with bullets, and the size that lets a text of any length fit its box.

Texts from the agreement data and the reports can be of any length; `fitting_size` estimates the largest font
size at which they fit, and `split_to_fit` spreads what does not fit at the smallest size over several boxes.
The estimate errs on the large side (Arial's real widths are a little smaller), so the office program's own
shrinking, which LibreOffice overdoes, is switched off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout
from pptx.util import Inches

from reports.slides.theme import (
    ACCENT,
    BODY_MIN,
    FONT,
    FOOTER_SIZE,
    INK,
    MARGIN,
    MUTED,
    PRIMARY,
    RULE,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    WARNING,
    WHITE,
)

EMU_PER_INCH = 914400
_NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
CHAR_WIDTH_EM = {False: 0.47, True: 0.5}  # Arial's mean character width in Swedish text (bold), a little generous
LINE_HEIGHT_EM = 1.2
INSET = Inches(0.1)
BADGE_WIDTH, BADGE_HEIGHT = Inches(2.0), Inches(0.42)

Gettext = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of a text box: a bullet, or plain text."""

    text: str
    bullet: bool = False
    bold: bool = False


def paragraphs_of(text: str) -> list[Para]:
    """The lines of an agreement text: a line starting with "•" (or "-") is a bullet, the others plain text."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "•-–·":
            found.append(Para(stripped[1:].strip(), bullet=True))
        else:
            found.append(Para(stripped))
    return found


def _lines(paragraphs: Sequence[Para], width: int, size: float) -> int:
    room = (width - 2 * INSET) / EMU_PER_INCH * 72 / size  # in ems
    total = 0
    for para in paragraphs:
        usable = max(1, int(room / CHAR_WIDTH_EM[para.bold])) - (2 if para.bullet else 0)
        words, line, count = para.text.split(), 0, 1
        for word in words:  # word wrap, as the office program does it
            needed = len(word) + (1 if line else 0)
            if line and line + needed > usable:
                count, line = count + 1, len(word)
            else:
                line += needed
        total += count
    return total


def text_height(paragraphs: Sequence[Para], width: int, size: float) -> int:
    """The estimated height (EMU) of `paragraphs` at `size` points in a box `width` wide."""
    lines = _lines(paragraphs, width, size)
    points = lines * size * LINE_HEIGHT_EM + max(0, len(paragraphs) - 1) * size * 0.5
    return int(points / 72 * EMU_PER_INCH + 2 * INSET)


def fitting_size(paragraphs: Sequence[Para], width: int, height: int, largest: int, smallest: int) -> int | None:
    """The largest whole point size from `largest` down to `smallest` at which the text fits; None if none does."""
    for size in range(largest, smallest - 1, -1):
        if text_height(paragraphs, width, size) <= height:
            return size
    return None


def split_to_fit(paragraphs: Sequence[Para], width: int, height: int, size: int = BODY_MIN) -> list[list[Para]]:
    """`paragraphs` in consecutive parts that each fit the box at `size` (a paragraph is never cut)."""
    parts: list[list[Para]] = [[]]
    for para in paragraphs:
        if parts[-1] and text_height([*parts[-1], para], width, size) > height:
            parts.append([])
        parts[-1].append(para)
    return parts


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML cannot hold (text from users may have it)
ALIGN = {PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r", PP_ALIGN.LEFT: "l"}
ANCHOR = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
SLIDE_NUMBER = (f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="sv-SE" '
                f'sz="{int(FOOTER_SIZE.pt * 100)}"><a:solidFill><a:srgbClr val="{MUTED}"/></a:solidFill>'
                f'<a:latin typeface="{FONT}"/></a:rPr><a:t>‹#›</a:t></a:fld>')
Surface = Slide | SlideLayout  # both hold shapes; the layout's show on every slide


def text_body_xml(paragraphs: Sequence[Para], size: float, colour: RGBColor = INK, bold: bool = False,
                  align: PP_ALIGN | None = None, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, field: str = "") -> str:
    """The text body of a box: wrapped, the given size (no shrinking by the office program), insets, bullets;
    `field` (a page-number field) comes before the text."""
    inset = int(INSET)
    hundredths = round(size * 100)
    indent = int(size * 1.1 / 72 * EMU_PER_INCH)
    parts = [f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" '
             f'anchor="{ANCHOR[anchor]}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>']
    for index, para in enumerate(paragraphs):
        attributes = f' marL="{indent}" indent="{-indent}"' if para.bullet else ""
        if align is not None:
            attributes += f' algn="{ALIGN[align]}"'
        spacing = f'<a:spcBef><a:spcPts val="{int(size * 50)}"/></a:spcBef>' if index else ""
        bullet = f'<a:buFont typeface="{FONT}"/><a:buChar char="•"/>' if para.bullet else "<a:buNone/>"
        weight = ' b="1"' if bold or para.bold else ""
        run = (f'<a:r><a:rPr lang="sv-SE" sz="{hundredths}"{weight} dirty="0"><a:solidFill><a:srgbClr '
               f'val="{colour}"/></a:solidFill><a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>'
               f"<a:t>{escape(_CONTROL.sub('', para.text))}</a:t></a:r>") if para.text else ""
        parts.append(f"<a:p><a:pPr{attributes}>{spacing}{bullet}</a:pPr>{field if index == 0 else ''}{run}</a:p>")
    parts.append("</p:txBody>")
    return "".join(parts)


def _add_shape(surface: Surface, left: int, top: int, width: int, height: int, name: str, fill: RGBColor | None,
               body: str) -> None:
    """A rectangle (a text box when `fill` is None), written as XML in one go: much faster than property by
    property, and without the default style's shadow."""
    shapes = surface.shapes
    number = shapes._next_shape_id
    text_box = "" if fill is not None else ' txBox="1"'
    look = (f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln>' if fill is not None
            else "<a:noFill/>")
    element = parse_xml(
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{number}" name={quoteattr(name or f"Shape {number}")}/>'
        f"<p:cNvSpPr{text_box}/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>"
        f'<a:off x="{int(left)}" y="{int(top)}"/><a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{look}</p:spPr>{body}</p:sp>')
    shapes._spTree.insert_element_before(element, "p:extLst")


def add_text(surface: Surface, left: int, top: int, width: int, height: int, paragraphs: Sequence[Para] | str,
             largest: int, smallest: int = BODY_MIN, name: str = "", **style: Any) -> None:
    """A text box whose font is the largest size (between the bounds) at which the text fits."""
    paras = [Para(paragraphs)] if isinstance(paragraphs, str) else list(paragraphs)
    if style.get("bold"):
        paras = [Para(para.text, para.bullet, bold=True) for para in paras]
    size = fitting_size(paras, width, height, largest, smallest) or smallest
    _add_shape(surface, left, top, width, height, name, None, text_body_xml(paras, size, **style))


def add_box(surface: Surface, left: int, top: int, width: int, height: int, fill: RGBColor, name: str = "",
            text: str = "", size: float = 14, **style: Any) -> None:
    """A plain rectangle filled with `fill`, without outline or shadow, with `text` (one paragraph) if given."""
    _add_shape(surface, left, top, width, height, name, fill,
                      text_body_xml([Para(text)], size, **style))


def badge_width(mark: str) -> int:
    """A mark's badge: wide enough for the mark on one line at 14 pt bold ("PRELIMINÄR – 5 av 14 rapporter
    inlämnade" is twice as long as "EXEMPELDATA")."""
    needed = len(mark) * CHAR_WIDTH_EM[True] * 14 / 72 * EMU_PER_INCH + 2 * INSET + Inches(0.1)
    return max(int(BADGE_WIDTH), int(needed))


@dataclass
class Frame:
    """Adds slides in the deck's frame: `frame.slide(title)`.

    What is the same on every slide (the footer with source and data state, the page number, the example-data
    and preliminary marks, the rule under the title) is drawn once, on the one slide layout every slide uses,
    as a master would hold it: it shows on every slide and cannot be lost from one by accident. The other
    layouts are removed.
    """

    presentation: Presentation
    footer: str
    marks: tuple[str, ...]  # "EXEMPELDATA", "PRELIMINÄRT": shown at the top right of every slide
    slides: list[Slide] = field(default_factory=list)

    def __post_init__(self) -> None:
        layouts = self.presentation.slide_layouts
        self.layout = layouts[6]  # the blank one
        for layout in [layout for layout in layouts if layout is not self.layout]:
            layouts.remove(layout)
        left = SLIDE_WIDTH - MARGIN
        for mark in self.marks:
            left -= badge_width(mark)
            add_box(self.layout, left, Inches(0.3), badge_width(mark), BADGE_HEIGHT, WARNING, "Mark", mark, 14,
                    colour=WHITE, bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
            left -= Inches(0.1)
        add_box(self.layout, MARGIN + INSET, Inches(1.2), Inches(1.4), Inches(0.06), ACCENT, "Rule")
        top = SLIDE_HEIGHT - Inches(0.52)
        add_box(self.layout, MARGIN, top - Inches(0.04), SLIDE_WIDTH - 2 * MARGIN, Inches(0.01), RULE, "Footer rule")
        add_text(self.layout, MARGIN, top, SLIDE_WIDTH - 2 * MARGIN - Inches(0.8), Inches(0.4), self.footer,
                 int(FOOTER_SIZE.pt), int(FOOTER_SIZE.pt), "Footer", colour=MUTED, anchor=MSO_ANCHOR.MIDDLE)
        _add_shape(self.layout, SLIDE_WIDTH - MARGIN - Inches(0.8), top, Inches(0.8), Inches(0.4), "Slide number",
                   None, text_body_xml([Para("")], FOOTER_SIZE.pt, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE,
                                       field=SLIDE_NUMBER))

    def slide(self, title: str | None, notes: str = "") -> Slide:
        slide: Slide = self.presentation.slides.add_slide(self.layout)
        self.slides.append(slide)
        if title is not None:
            width = SLIDE_WIDTH - 2 * MARGIN - sum(badge_width(mark) + Inches(0.1) for mark in self.marks)
            add_text(slide, MARGIN, Inches(0.3), width, Inches(0.9), [Para(title)], 28, 18, "Title",
                     colour=PRIMARY, bold=True, anchor=MSO_ANCHOR.BOTTOM)
        if notes and (notes_frame := slide.notes_slide.notes_text_frame) is not None:
            notes_frame.text = notes
        return slide
