"""The text alternative of every chart: the same numbers as a table, a short alt text, and a description.

A chart and its table are made from the same `Chart`, so they cannot disagree. Strings are catalogue msgids
shown in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.charts.model import Chart, ChartKind, Row
from reports.data.texts import CatalogText, Showable
from tracker.domain.messages import N_
from tracker.domain.numbers import format_number

YES, NO, NOT_YET = N_("Yes"), N_("No"), N_("Not yet due")


def text(msgid: str, locale: str, **params: object) -> str:
    translated = CatalogText(msgid).get(locale)
    return translated % params if params else translated


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: right-aligned numbers
    row_headers: bool = True  # the first column names the row


def _yes_no(value: bool | None, due_year: int | None, year_shown: bool, locale: str) -> str:
    if value is None:
        return text(NOT_YET, locale) if due_year is not None or year_shown else "–"
    return text(YES if value else NO, locale)


def _parties_table(chart: Chart, locale: str) -> Table:
    has_target = chart.target_text is not None and any(bar.meets_target is not None for bar in chart.bars)
    has_due = any(bar.due_year is not None for bar in chart.bars)
    headers = [text(N_("Party"), locale), text(N_("Value"), locale)]
    if has_target:
        assert chart.target_text is not None
        headers.append(text(N_("Meets the target (%(target)s)"), locale, target=chart.target_text.get(locale)))
    if has_due:
        headers.append(text(N_("Target applies from"), locale))
    rows = []
    for bar in chart.bars:
        row = [bar.party, bar.text.get(locale)]
        if has_target:
            row.append(_yes_no(bar.meets_target, bar.due_year, has_due, locale))
        if has_due:
            row.append(str(bar.due_year) if bar.due_year is not None else "–")
        rows.append(tuple(row))
    numeric = (False, True, False, True)[: len(headers)]
    return Table(chart.title.get(locale), tuple(headers), tuple(rows), numeric)


def _bands_table(chart: Chart, locale: str) -> Table:
    def edge(number: Decimal) -> str:
        return number_text(float(number), locale, 2)

    unit = "\u00a0%" if chart.is_share else (f"\u00a0{chart.rules.unit}" if chart.rules and chart.rules.unit else "")
    headers = (text(N_("Value"), locale), text(N_("Number of parties"), locale), text(N_("Parties"), locale))
    rows = [(f"{edge(band.low)}–{edge(band.high)}{unit}", str(band.count), ", ".join(band.parties) or "–")
            for band in chart.bands]
    missing = [bar.party for bar in chart.bars if bar.number is None]
    if missing:
        rows.append((text(N_("No answer"), locale), str(len(missing)), ", ".join(missing)))
    return Table(chart.title.get(locale), headers, tuple(rows), (False, True, False))


def _segments_table(chart: Chart, row: Row, locale: str, first: str) -> Table:
    headers = (first, text(N_("Number of parties"), locale), text(N_("Parties"), locale))
    rows = tuple((s.label.get(locale), str(s.count), ", ".join(s.parties) or "–") for s in row.segments)
    return Table(chart.title.get(locale), headers, rows, (False, True, False))


def _years_table(chart: Chart, locale: str) -> Table:
    """Answers per year: a column per option (in the scale's order), a row per year, oldest first."""
    columns: dict[str, Showable] = {}
    for row in reversed(chart.rows):
        for segment in row.segments:
            columns.setdefault(segment.key, segment.label)
    headers = (text(N_("Year"), locale), *(label.get(locale) for label in columns.values()))
    rows = []
    for row in reversed(chart.rows):
        counts = {segment.key: segment.count for segment in row.segments}
        rows.append((row.label, *(str(counts.get(key, 0)) for key in columns)))
    return Table(chart.title.get(locale), headers, tuple(rows), (False, *(True for _ in columns)))


def _trend_table(chart: Chart, locale: str) -> Table:
    has_met = any(point.met is not None for point in chart.points)
    figure = chart.figure_label.get(locale) if chart.figure_label is not None else text(N_("Value"), locale)
    headers = [text(N_("Year"), locale), figure, text(N_("Parties that answered"), locale)]
    if has_met:
        assert chart.target_text is not None
        headers.append(text(N_("Meet the target (%(target)s)"), locale, target=chart.target_text.get(locale)))
    rows = []
    for point in chart.points:
        row = [str(point.year), point.text.get(locale), str(point.answers)]
        if has_met:
            row.append(text(N_("%(met)s of %(expected)s"), locale, met=point.met, expected=point.expected)
                       if point.met is not None else "–")
        rows.append(tuple(row))
    return Table(chart.title.get(locale), tuple(headers), tuple(rows), (False, True, True, False)[: len(headers)])


def chart_table(chart: Chart, locale: str = "sv") -> Table:
    """The chart's numbers as a table, in `locale`."""
    if chart.bands:
        return _bands_table(chart, locale)
    if chart.kind is ChartKind.PARTIES:
        return _parties_table(chart, locale)
    if chart.kind is ChartKind.TREND:
        return _trend_table(chart, locale)
    if len(chart.rows) > 1 or chart.rows[0].label:
        return _years_table(chart, locale)
    first = text(N_("Status") if chart.kind is ChartKind.STATUS else N_("Answer"), locale)
    return _segments_table(chart, chart.rows[0], locale, first)


ALT_TEXTS = {
    ChartKind.PARTIES: N_("Bar chart of %(title)s, one bar per party. The same numbers are in the table."),
    ChartKind.ANSWERS: N_("Bar chart of the answers to %(title)s, parts of 100 %%. The same numbers are in the "
                          "table."),
    ChartKind.STATUS: N_("Bar chart of the parties' status on the commitment, parts of 100 %%. The same numbers are "
                         "in the table."),
    ChartKind.TREND: N_("Line chart of %(title)s per year. The same numbers are in the table."),
}


BANDS_ALT = N_("Bar chart of %(title)s: how many parties have a value in each band. The same numbers are in the "
               "table.")


def alt_text(chart: Chart, locale: str = "sv") -> str:
    """A short text alternative for the image; the table beside it carries the numbers."""
    return text(BANDS_ALT if chart.bands else ALT_TEXTS[chart.kind], locale, title=chart.title.get(locale))


def description(chart: Chart, locale: str = "sv") -> str:
    """The numbers as one paragraph, for the SVG's <desc>: "Aneby: 12 %; Eksjö: 30 %; …"."""
    table = chart_table(chart, locale)
    parts = []
    for row in table.rows:
        cells = [f"{header} {cell}" for header, cell in zip(table.headers[1:], row[1:], strict=True)]
        parts.append(f"{row[0]}: {', '.join(cells)}" if row[0] else ", ".join(cells))
    return "; ".join(parts)


def number_text(number: float, locale: str, decimals: int = 0) -> str:
    """An axis tick: "1 234", "12,5"."""
    return format_number(Decimal(str(number)), "en" if locale.startswith("en") else "sv", decimals)
