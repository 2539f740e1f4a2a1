"""What a sheet of the summary holds, without saying how a file format writes it (pretix's exporter pattern).

A `Sheet` has a few lines above its table (`preamble`), the table (`columns` and a row iterator) and the charts
drawn from the table. Cells are plain values (text, int, Decimal, datetime, None) or the small markers below:
an `Amount` is a number with a unit ("41 GWh" stays the number 41), a `Styled` value is a title, a heading,
a warning or a note. Text is shown as text whoever wrote it (the writer makes sure it never runs as a formula).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reports.palette import Fill


class Style(enum.StrEnum):
    TITLE = "title"
    HEADING = "heading"
    STRONG = "strong"
    WARNING = "warning"  # example data, preliminary figures: bold red
    NOTE = "note"  # a sentence, a hint: italic


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with its unit and the decimals to show: Amount(Decimal("41"), "GWh", 1)."""

    number: Decimal
    unit: str | None = None
    decimals: int = 0


@dataclass(frozen=True, slots=True)
class Styled:
    value: object
    style: Style


CellValue = str | int | Decimal | date | datetime | Amount | Styled | None
Row = Sequence[CellValue]


@dataclass(frozen=True)
class Column:
    heading: str
    width: float | None = None  # characters; None: fit the content
    wrap: bool = False  # long texts (questions, comments) wrap in the column


class ChartKind(enum.StrEnum):
    BAR = "bar"
    LINE = "line"


@dataclass(frozen=True)
class Series:
    index: int  # the table column holding the values, or for a chart by rows the table row (0-based)
    kind: ChartKind = ChartKind.BAR
    title: str | None = None  # default: the column's heading (by columns) or the row's first cell (by rows)
    fill: Fill | None = None  # the colour of its meaning (reports.palette); None: a plain figure
    dashed: bool = False  # a line: dashed (a target)


@dataclass(frozen=True)
class Chart:
    """A native chart over the table.

    By columns (a bar per party): categories from column `categories`, series from other columns, over the table
    rows first_row..last_row. By rows (a year per column): categories are the headings from column `categories`
    on, each series is a table row.
    """

    title: str
    categories: int
    series: tuple[Series, ...]
    y_title: str = ""
    x_title: str = ""
    number_format: str | None = None  # of the value axis, e.g. '0" %"'
    by_rows: bool = False
    horizontal: bool = False  # bars to the right, a row per category (many parties with long names)
    first_row: int = 0
    last_row: int | None = None  # None: to the end of the table
    point_fills: tuple[Fill | None, ...] = ()  # by columns: each row's bar in the colour of its meaning


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: Iterable[Row]
    preamble: list[Row] = field(default_factory=list)  # title, marks, key sentences above the table
    charts: list[Chart] = field(default_factory=list)
    freeze_columns: int = 1  # columns kept in view when scrolling sideways (the party, the year)
    autofilter: bool = True
    landscape: bool = True
    page_header: str | None = None  # printed at the top of every page ("PRELIMINÄR – 5 av 14 rapporter inlämnade")
