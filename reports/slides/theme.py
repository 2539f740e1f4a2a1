"""The deck's look, in one place: the 16:9 page, the grid, the fonts and the built-in master's colours.

The grid is the built-in master's (reports.slides.layouts.SPECS places its placeholders on it); a template's
slides follow the template's own placeholders.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.45)
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

# The charts' colours are the meanings' of reports.palette, the same in the dashboard and the Excel summary.
