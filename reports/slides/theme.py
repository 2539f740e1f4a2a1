"""The deck's look, in one place: the 16:9 page, the grid, the fonts and the fixed palettes.

Colours are given by position so they stay the same every year: the n-th option of a question, the n-th status
level of the scale and each target outcome always get the same colour, whatever the answers are.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.4)
CONTENT_BOTTOM = Inches(6.85)  # the footer's rule is just below
CONTENT_WIDTH = Emu(SLIDE_WIDTH - 2 * MARGIN)
CONTENT_HEIGHT = Emu(CONTENT_BOTTOM - CONTENT_TOP)
GUTTER = Inches(0.35)

FONT = "Arial"  # in every office program (LibreOffice uses the metric-compatible Liberation Sans)
TITLE_SIZE = Pt(28)
BODY_MAX, BODY_MIN = 22, 12  # points: long texts shrink between these, then continue on another slide
FOOTER_SIZE = Pt(10)
CHART_FONT_SIZE = Pt(11)

INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x59, 0x59, 0x59)
PRIMARY = RGBColor(0x1F, 0x4E, 0x79)  # titles, the title slide
ACCENT = RGBColor(0x2E, 0x85, 0x40)  # the biogas green of the rule under each title
PALE = RGBColor(0xEA, 0xF1, 0xF7)  # panels behind key figures
RULE = RGBColor(0xBF, 0xBF, 0xBF)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
WARNING = RGBColor(0xC0, 0x00, 0x00)  # the example-data and preliminary marks

# Hex colours of chart series. Light colours get dark data labels, the dark ones white labels.
OPTION_COLOURS = ("2E75B6", "F4B183", "BFBFBF", "FFD966", "A9D18E", "8064A2", "9DC3E6", "C55A11")
STATUS_COLOURS = ("F4B183", "FFD966", "9DC3E6", "2E75B6", "BFBFBF")  # the scale in order, then outside it
NO_STATUS_COLOUR = "EDEDED"
MET_COLOUR, NOT_MET_COLOUR, NOT_DUE_COLOUR, PLAIN_COLOUR = "2E75B6", "F4B183", "BFBFBF", "2E75B6"
LINE_COLOURS = ("1F4E79", "2E8540", "C55A11")
TARGET_COLOUR = "C00000"
DARK_COLOURS = frozenset({"2E75B6", "1F4E79", "8064A2", "C55A11", "2E8540"})


def by_position(palette: tuple[str, ...], index: int) -> str:
    return palette[index % len(palette)]


def rgb(hex_colour: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_colour)
    return colour
