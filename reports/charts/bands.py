"""Many parties (a national agreement: 290 municipalities) do not fit one bar each: they are counted in bands of
their values instead ("12 parties have 20–30 %"), with the target line where it falls. The bands are nice round
numbers; shares always run 0–100 in steps of 10."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.charts.model import Bar

MAX_BARS = 40  # more parties than this are shown in bands


@dataclass(frozen=True, slots=True)
class Band:
    low: Decimal
    high: Decimal  # the last band includes its upper edge
    count: int
    parties: tuple[str, ...]


def edges(top: Decimal, is_share: bool) -> list[Decimal]:
    if is_share:
        return [Decimal(step * 10) for step in range(11)]
    # Imported here: the chart model is used without drawing, and matplotlib takes half a second to import.
    from matplotlib.ticker import MaxNLocator

    ticks = MaxNLocator(nbins=10, steps=[1, 2, 2.5, 5, 10], min_n_ticks=2).tick_values(0, float(top) or 1.0)
    found = [Decimal(str(round(tick, 6))).normalize() for tick in ticks if tick >= 0]
    while found[-1] < top:  # the locator may stop just below the largest value
        found.append(found[-1] + (found[-1] - found[-2]))
    return found


def bands_of(bars: Sequence[Bar], is_share: bool) -> tuple[Band, ...]:
    """The parties that answered, counted per band of their values (those without an answer are left out)."""
    answered = [(bar.party, bar.number) for bar in bars if bar.number is not None]
    limits = edges(max((number for _, number in answered), default=Decimal(0)), is_share)
    found = []
    for index, (low, high) in enumerate(pairwise(limits)):
        last = index == len(limits) - 2
        names = tuple(name for name, number in answered if low <= number < high or (last and number >= high))
        found.append(Band(low, high, len(names), names))
    return tuple(found)
