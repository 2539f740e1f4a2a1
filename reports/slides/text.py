"""Text on slides: paragraphs with bullets, the size that lets a text of any length fit its box, and the text
bodies of placeholders and of plain text boxes.

Texts from the agreement data and the reports can be of any length; `fitting_size` estimates the largest font
size at which they fit, and `split_to_fit` spreads what does not fit at the smallest size over several boxes.
The estimate errs on the large side (Arial's real widths are a little smaller), so the office program's own
shrinking, which LibreOffice overdoes, is switched off.

A placeholder's text gets only its size (and bold where asked): font, colour and alignment come from the slide
layout, so that another template restyles them. A plain text box (`add_text`, `add_box`) says everything itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide, SlideLayout, SlideMaster
from pptx.util import Inches

from reports.slides.layouts import rect_of
from reports.slides.theme import BODY_MIN, FONT, INK

EMU_PER_INCH = 914400
NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
CHAR_WIDTH_EM = {False: 0.47, True: 0.5}  # Arial's mean character width in Swedish text (bold), a little generous
LINE_HEIGHT_EM = 1.2
INSET = Inches(0.1)
Surface = Slide | SlideLayout | SlideMaster  # all hold shapes; a layout's and a master's show on their slides


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: a bullet, or plain text; `size` (points) fixes its size, otherwise the box's text size."""

    text: str
    bullet: bool = False
    bold: bool = False
    size: float | None = None


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


def _lines(para: Para, width: int, size: float) -> int:
    room = (width - 2 * INSET) / EMU_PER_INCH * 72 / size  # in ems
    usable = max(1, int(room / CHAR_WIDTH_EM[para.bold])) - (2 if para.bullet else 0)
    line, count = 0, 1
    for word in para.text.split():  # word wrap, as the office program does it
        needed = len(word) + (1 if line else 0)
        if line and line + needed > usable:
            count, line = count + 1, len(word)
        else:
            line += needed
    return count


def text_height(paragraphs: Sequence[Para], width: int, size: float) -> int:
    """The estimated height (EMU) of `paragraphs` at `size` points (or their own) in a box `width` wide."""
    points = 0.0
    for index, para in enumerate(paragraphs):
        own = para.size or size
        points += _lines(para, width, own) * own * LINE_HEIGHT_EM + (own * 0.5 if index else 0)
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


def paragraphs_xml(paragraphs: Sequence[Para], size: float, colour: RGBColor | None = None, bold: bool = False,
                   align: PP_ALIGN | None = None, field: str = "", language: str = "sv-SE") -> str:
    """The paragraphs of a text body at `size` (a paragraph's own size first); without `colour` the text takes
    the colour its placeholder's layout gives it. `field` (a page number) comes before the first text."""
    parts = []
    for index, para in enumerate(paragraphs):
        own = para.size or size
        indent = int(own * 1.1 / 72 * EMU_PER_INCH)
        attributes = f' marL="{indent}" indent="{-indent}"' if para.bullet else ' marL="0" indent="0"'
        if align is not None:
            attributes += f' algn="{ALIGN[align]}"'
        spacing = f'<a:spcBef><a:spcPts val="{int(own * 50)}"/></a:spcBef>' if index else (
            '<a:spcBef><a:spcPts val="0"/></a:spcBef>')
        bullet = f'<a:buFont typeface="{FONT}"/><a:buChar char="•"/>' if para.bullet else "<a:buNone/>"
        weight = ' b="1"' if bold or para.bold else ""
        look = (f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:latin typeface="{FONT}"/>'
                f'<a:cs typeface="{FONT}"/>') if colour is not None else ""
        run = (f'<a:r><a:rPr lang="{language}" sz="{round(own * 100)}"{weight} dirty="0">{look}</a:rPr>'
               f"<a:t>{escape(_CONTROL.sub('', para.text))}</a:t></a:r>") if para.text else ""
        end = f'<a:endParaRPr lang="{language}" sz="{round(own * 100)}"/>'
        parts.append(f"<a:p><a:pPr{attributes}>{spacing}{bullet}</a:pPr>{field if index == 0 else ''}{run}{end}</a:p>")
    return "".join(parts)


def text_body_xml(paragraphs: Sequence[Para], size: float, colour: RGBColor = INK, bold: bool = False,
                  align: PP_ALIGN | None = None, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, field: str = "") -> str:
    """The text body of a plain box: wrapped, the given size (no shrinking by the office program), insets."""
    inset = int(INSET)
    return (f'<p:txBody {NAMESPACES}><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" '
            f'bIns="{inset}" anchor="{ANCHOR[anchor]}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{paragraphs_xml(paragraphs, size, colour, bold, align, field)}</p:txBody>")


def fill_placeholder(placeholder: Shape, paragraphs: Sequence[Para] | str, largest: int, smallest: int = BODY_MIN,
                     bold: bool = False, colour: RGBColor | None = None, room: float = 1.0) -> int:
    """Puts the text into a placeholder at the largest size (between the bounds) at which it fits the
    placeholder's box (`room`: the share of its width to count on, for a text that must not wrap once more than
    estimated); font, colour and bullets' look stay the layout's. Returns the size."""
    paras = [Para(paragraphs)] if isinstance(paragraphs, str) else list(paragraphs)
    if bold:
        paras = [Para(p.text, p.bullet, True, p.size) for p in paras]
    box = rect_of(placeholder)
    size = fitting_size(paras, int(box.width * room), box.height, largest, smallest) or smallest
    body = parse_xml(f'<p:txBody {NAMESPACES}><a:bodyPr><a:noAutofit/></a:bodyPr><a:lstStyle/>'
                     f"{paragraphs_xml(paras, size, colour)}</p:txBody>")
    element = placeholder._element
    old = element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txBody")
    if old is not None:
        element.replace(old, body)
    else:
        element.append(body)
    return size


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
        f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="{number}" name={quoteattr(name or f"Shape {number}")}/>'
        f"<p:cNvSpPr{text_box}/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>"
        f'<a:off x="{int(left)}" y="{int(top)}"/><a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{look}</p:spPr>{body}</p:sp>')
    shapes._spTree.insert_element_before(element, "p:extLst")


def add_text(surface: Surface, left: int, top: int, width: int, height: int, paragraphs: Sequence[Para] | str,
             largest: int, smallest: int = BODY_MIN, name: str = "", **style: Any) -> None:
    """A text box whose font is the largest size (between the bounds) at which the text fits."""
    paras = [Para(paragraphs)] if isinstance(paragraphs, str) else list(paragraphs)
    if style.get("bold"):
        paras = [Para(para.text, para.bullet, True, para.size) for para in paras]
    size = fitting_size(paras, width, height, largest, smallest) or smallest
    _add_shape(surface, left, top, width, height, name, None, text_body_xml(paras, size, **style))


def add_box(surface: Surface, left: int, top: int, width: int, height: int, fill: RGBColor, name: str = "",
            text: str | Sequence[Para] = "", size: float = 14, **style: Any) -> None:
    """A plain rectangle filled with `fill`, without outline or shadow, with `text` on it if given."""
    paras = [Para(text)] if isinstance(text, str) else list(text)
    _add_shape(surface, left, top, width, height, name, fill, text_body_xml(paras, size, **style))
