"""The charts' colours in matplotlib's terms: the meanings' colours of reports.palette (the same in the deck and
the Excel summary), with their patterns as hatches, and the neutral colours of axes, grid and text.

Colour is never the only cue: every segment and bar carries its number; legend and table name it; the negative
(no, not met) is hatched and "no answer" dotted.
"""

from __future__ import annotations

from reports import palette as meanings
from reports.palette import Fill, Meaning, Pattern, css

BAR = css(meanings.FIGURE)  # a party's bar when there is no target to meet
LINE = css(meanings.FIGURE)  # the county figure over the years
TARGET = css(meanings.TARGET)  # the target line, always dashed and labelled
INK = "#1B1B1B"
MUTED_INK = "#4A4A4A"
GRID = "#D5DBD8"
NOT_APPLICABLE = css(meanings.FILLS[Meaning.NOT_APPLICABLE].colour)
NO_ANSWER = css(meanings.FILLS[Meaning.NOT_REPORTED].colour)
HATCHES = {Pattern.SOLID: None, Pattern.HATCHED: "///", Pattern.DOTTED: ".."}


def look(fill: Fill) -> tuple[str, str | None, str]:
    """A fill as matplotlib draws it: the face colour, the hatch, and the edge colour (which draws the hatch)."""
    hatch = HATCHES[fill.pattern]
    return css(fill.colour), hatch, css(fill.stripes) if hatch else "#FFFFFF"


def meaning(name: Meaning) -> tuple[str, str | None, str]:
    return look(meanings.FILLS[name])


def scale_colour(position: int, steps: int) -> str:
    """The colour of step `position` of an ordered scale of `steps` (ej påbörjat … genomfört)."""
    return css(meanings.scale_colour(position, steps))


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    return css(meanings.text_on(background))
