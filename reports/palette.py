"""One colour per meaning, for every chart of every output: the deck, the dashboard and handout, the Excel summary.

The same colour always says the same thing, whatever the chart, the year or the output:

- answers: yes, partly (also "in progress"), no, not applicable, not reported;
- the status scale: its levels in order, from light to dark, whatever the scale's length; a level outside the
  scale (ej aktuellt) is "not applicable", no status is "not reported";
- targets: met, not met, not yet due. A target met is the colour of yes and not met that of no.

The colours are Okabe–Ito's (distinguishable with the common colour-vision deficiencies: blue against
vermillion, never red against green); the status scale is a sequence of blue-greens by lightness, so its
order reads in grey scale too. Colour is never the only cue: the negative (no, not met) is hatched and "not
reported" is dotted wherever a chart can draw a pattern, every bar and segment carries its number, and legends and
tables name each colour.

Options of a choice question are the agreement's data: an option gets a meaning by its key (`OPTION_MEANINGS`:
the generic keys the agreement file uses, never an indicator's key); any other option gets a colour of
`OTHER_OPTIONS` by its position among those options, so it keeps its colour every year and never borrows a
meaning's colour. Colours are hex without "#" (python-pptx and openpyxl); `css()` adds it (matplotlib).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass


class Meaning(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"
    NOT_REPORTED = "not_reported"
    MET = "met"
    NOT_MET = "not_met"
    NOT_DUE = "not_due"


class Pattern(enum.StrEnum):
    """What a fill shows besides its colour (the names of DrawingML's preset patterns)."""

    SOLID = ""
    HATCHED = "wdUpDiag"  # no, not met
    DOTTED = "pct20"  # not reported


@dataclass(frozen=True, slots=True)
class Fill:
    colour: str  # hex, without "#"
    pattern: Pattern = Pattern.SOLID
    stripes: str = "FFFFFF"  # the pattern's foreground colour


BLUE, SKY_BLUE, VERMILLION, YELLOW = "0072B2", "56B4E9", "D55E00", "F0E442"
GREY, LIGHT_GREY = "8F8F8F", "DADADA"

FILLS: dict[Meaning, Fill] = {
    Meaning.YES: Fill(BLUE),
    Meaning.PARTLY: Fill(SKY_BLUE),
    Meaning.NO: Fill(VERMILLION, Pattern.HATCHED, "F2B38C"),
    Meaning.NOT_APPLICABLE: Fill(GREY),
    Meaning.NOT_REPORTED: Fill(LIGHT_GREY, Pattern.DOTTED, "9A9A9A"),
    Meaning.MET: Fill(BLUE),
    Meaning.NOT_MET: Fill(VERMILLION, Pattern.HATCHED, "F2B38C"),
    Meaning.NOT_DUE: Fill(YELLOW),
}

OPTION_MEANINGS: dict[str, Meaning] = {
    "yes": Meaning.YES, "partly": Meaning.PARTLY, "in_progress": Meaning.PARTLY, "ongoing": Meaning.PARTLY,
    "no": Meaning.NO, "not_applicable": Meaning.NOT_APPLICABLE,
}
"""Option keys with a meaning. A yes/no question's answers are "yes" and "no"."""

# Options without a meaning: Okabe–Ito's and Paul Tol's remaining colours, none like a meaning's or the scale's.
OTHER_OPTIONS = ("CC79A7", "DDCC77", "882255", "332288", "999933", "AA4499")

# The status scale: ColorBrewer's BuGn from light (the first level) to dark (the last, "done"); a scale of another
# length is interpolated between these.
SCALE = ("B2E2E2", "66C2A4", "2CA25F", "006D2C")

FIGURE = "44546A"  # a value without a judgement: a bar without a target, the county figure over the years
TARGET = "1B1B1B"  # the target line: dashed and labelled, never a meaning's colour
TARGET_LINE = Fill(TARGET)
EXPECTED = "C9CED6"  # how many were expected, beside how many came (reports per year)
INK, WHITE = "1B1B1B", "FFFFFF"


def meaning_of_option(key: str) -> Meaning | None:
    return OPTION_MEANINGS.get(key.casefold())


def option_fills(keys: Sequence[str]) -> list[Fill]:
    """The fills of a question's options, in the options' order: by meaning, the others by their position
    among the options without one."""
    found, other = [], 0
    for key in keys:
        meaning = meaning_of_option(key)
        if meaning is not None:
            found.append(FILLS[meaning])
        else:
            found.append(Fill(OTHER_OPTIONS[other % len(OTHER_OPTIONS)]))
            other += 1
    return found


def scale_colour(position: int, steps: int) -> str:
    """Level `position` (0-based) of a status scale of `steps` levels, light to dark."""
    if steps == len(SCALE):
        return SCALE[position]
    place = (position / (steps - 1) if steps > 1 else 1.0) * (len(SCALE) - 1)
    low = min(int(place), len(SCALE) - 2)
    share = place - low
    start, end = (bytes.fromhex(SCALE[low]), bytes.fromhex(SCALE[low + 1]))
    return "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(start, end, strict=True))


def status_fill(position: int | None, steps: int, applicable: bool = True) -> Fill:
    """A status: its level's colour; a level outside the scale is not applicable; None is no status given."""
    if position is None:
        return FILLS[Meaning.NOT_REPORTED]
    if not applicable:
        return FILLS[Meaning.NOT_APPLICABLE]
    return Fill(scale_colour(position, steps))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG contrast)."""
    luminance = _luminance(background.lstrip("#"))
    return "000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else WHITE


def css(colour: str) -> str:
    return f"#{colour.lstrip('#')}"
