"""The charts' colours: fixed by position, so an answer or a status has the same colour every year.

Options use the Okabe–Ito palette (safe for the common colour-vision deficiencies); the status scale runs from
light to dark blue (ordered, readable in grey scale too); "not applicable" is grey and "no answer" light grey
with hatching. Colour is never the only cue: every segment and bar carries its number; legend and table name it.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex, to_rgb

OKABE_ITO = ("#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#009E73", "#D55E00", "#F0E442", "#000000")
BAR = "#0072B2"  # one party's bar
LINE = "#0072B2"  # the county figure over the years
TARGET = "#B10E1E"  # the target line (dark red, 7:1 on white), always dashed and labelled
INK = "#1B1B1B"
MUTED_INK = "#4A4A4A"
GRID = "#D5DBD8"
NOT_APPLICABLE = "#9E9E9E"
NO_ANSWER = "#EBEBEB"
NO_ANSWER_HATCH = "//"


def option_colour(position: int) -> str:
    return OKABE_ITO[position % len(OKABE_ITO)]


def scale_colour(position: int, steps: int) -> str:
    """The colour of step `position` of an ordered scale of `steps` (ej påbörjat … genomfört)."""
    if steps <= 1:
        return to_hex(colormaps["Blues"](0.7))
    return to_hex(colormaps["Blues"](0.3 + 0.65 * position / (steps - 1)))


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(background))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"
