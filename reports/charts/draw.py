"""Drawing a `Chart` with matplotlib's object API into a Figure or SubFigure (never pyplot: no global state).

Every bar, segment and point carries its number as text; target lines are dashed and say what the target is.
Shares are drawn on a fixed 0–100 axis so that years compare at a glance.
"""

from __future__ import annotations

import math
from textwrap import shorten, wrap

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import FigureBase
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

from reports.charts import palette
from reports.charts.model import Bar, Chart, ChartKind, Segment
from reports.charts.sizes import WIDTH, legend_columns, legend_segments
from reports.charts.tables import number_text, text
from reports.palette import Meaning, option_fills, status_fill
from tracker.domain import IndicatorKind
from tracker.domain.messages import N_

FONT = 11
TITLE_CHARS = 84
TARGET_LABEL = N_("Target: %(target)s")
REVISED = N_("Revised question")
DUE_FROM = N_("target applies from %(year)s")
NOT_DUE = N_("target does not apply yet")
OUTCOMES = {Meaning.MET: N_("Meets the target"), Meaning.NOT_MET: N_("Does not meet the target"),
            Meaning.NOT_DUE: N_("Target not yet due")}
LABEL_BOX = {"boxstyle": "square,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none", "alpha": 0.85}


def draw(fig: FigureBase, chart: Chart, locale: str, title: bool = False) -> None:
    """Draw `chart` into `fig`, with its title above when `title` (the web page has its own headings)."""
    ax = fig.add_subplot()
    if chart.bands:
        _bands(ax, chart, locale)
    elif chart.kind is ChartKind.PARTIES:
        _party_bars(fig, ax, chart, locale)
    elif chart.kind is ChartKind.TREND:
        _trend(ax, chart, locale)
    else:
        _stacked(fig, ax, chart, locale)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=FONT, colors=palette.INK)
    if title:
        fig.suptitle("\n".join(wrap(chart.title.get(locale), TITLE_CHARS)), fontsize=FONT + 1, fontweight="bold",
                     ha="left", x=0.02)


def title_height(chart: Chart, locale: str) -> float:
    """The inches a title drawn by `draw(..., title=True)` takes."""
    return 0.12 + 0.25 * len(wrap(chart.title.get(locale), TITLE_CHARS))


def _ticks(ax_axis: Axis, share: bool, locale: str, whole: bool = False) -> None:
    """Ticks in the reader's number format ("1 234,5"); whole numbers only for counts."""
    if whole:
        ax_axis.set_major_locator(MaxNLocator(integer=True))
    ax_axis.set_major_formatter(FuncFormatter(lambda v, _pos: number_text(v, locale, 2) + ("\u00a0%" if share else "")))


def _whole(chart: Chart) -> bool:
    return chart.rules is not None and chart.rules.kind is IndicatorKind.COUNT


def _axis_max(numbers: list[float], target: float | None, share: bool) -> float:
    if share:
        return 100.0
    top = max([*numbers, target or 0.0, 0.0])
    return top * 1.18 if top > 0 else 1.0


def _target_label(chart: Chart, locale: str) -> str:
    assert chart.target_text is not None
    return text(TARGET_LABEL, locale, target=chart.target_text.get(locale))


def _outcome(bar: Bar, has_due: bool) -> Meaning | None:
    """Met, not met, not yet due (a target due after another answer); None: no bar, or no target to judge."""
    if bar.number is None:
        return None
    if bar.meets_target is None:
        return Meaning.NOT_DUE if has_due else None
    return Meaning.MET if bar.meets_target else Meaning.NOT_MET


def _bar_look(outcome: Meaning | None) -> tuple[str, str | None, str]:
    """A bar in the colour of its outcome, or plain without one."""
    return palette.meaning(outcome) if outcome is not None else (palette.BAR, None, "#FFFFFF")


def _party_bars(fig: FigureBase, ax: Axes, chart: Chart, locale: str) -> None:
    bars = chart.bars
    has_target = chart.is_judged
    positions = list(range(len(bars)))
    numbers = [float(bar.number) if bar.number is not None else 0.0 for bar in bars]
    target = float(chart.target) if chart.target is not None else None
    top = _axis_max(numbers, target, chart.is_share)
    has_due = any(bar.due_year is not None for bar in bars)
    outcomes = [_outcome(bar, has_due) if has_target else None for bar in bars]
    looks = [_bar_look(outcome) for outcome in outcomes]
    ax.barh(positions, numbers, height=0.66, color=[face for face, _h, _e in looks],
            hatch=[hatch or "" for _f, hatch, _e in looks], edgecolor=[edge for _f, _h, edge in looks], linewidth=0.8)
    ax.set_yticks(positions, labels=[bar.party for bar in bars], fontsize=FONT)
    ax.set_ylim(len(bars) - 0.5, -0.5)  # the first party on top
    ax.set_xlim(0, top)
    _ticks(ax.xaxis, chart.is_share, locale, _whole(chart))
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if chart.rules is not None and chart.rules.unit and not chart.is_share:
        ax.set_xlabel(chart.rules.unit, fontsize=FONT, color=palette.MUTED_INK)
    for position, bar, number in zip(positions, bars, numbers, strict=True):
        label = bar.text.get(locale)
        if has_due and bar.meets_target is None and bar.number is not None:
            label += " – " + (text(DUE_FROM, locale, year=bar.due_year) if bar.due_year else text(NOT_DUE, locale))
        if bar.number is None:
            ax.text(top * 0.01, position, label, va="center", fontsize=FONT - 1, style="italic",
                    color=palette.MUTED_INK)
        elif number > top * 0.82:
            ax.text(number - top * 0.01, position, label, va="center", ha="right", fontsize=FONT - 1, zorder=5,
                    color=palette.INK, fontweight="bold", bbox=LABEL_BOX)
        else:
            ax.text(number + top * 0.01, position, label, va="center", fontsize=FONT - 1, color=palette.INK,
                    zorder=5, bbox=LABEL_BOX)
    if target is not None:
        ax.axvline(target, color=palette.TARGET, linestyle="--", linewidth=1.6)
        ax.annotate(_target_label(chart, locale), (target, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4), textcoords="offset points", ha="center" if target < top * 0.8 else "right",
                    va="bottom", fontsize=FONT - 1, color=palette.TARGET, fontweight="bold")
    if has_target:
        found = [outcome for outcome in OUTCOMES if outcome in outcomes]
        handles = [Patch(facecolor=face, hatch=hatch, edgecolor=edge if hatch else face,
                         label=text(OUTCOMES[o], locale)) for o in found for face, hatch, edge in [palette.meaning(o)]]
        fig.legend(handles=handles, loc="outside lower center", ncols=max(1, len(handles)), frameon=False,
                   fontsize=FONT - 1)


def _bands(ax: Axes, chart: Chart, locale: str) -> None:
    """Columns: how many parties have a value in each band; the count on top of each."""
    lows = [float(band.low) for band in chart.bands]
    widths = [float(band.high - band.low) for band in chart.bands]
    counts = [band.count for band in chart.bands]
    ax.bar(lows, counts, width=widths, align="edge", color=palette.BAR, edgecolor="#FFFFFF", linewidth=1)
    for low, width, count in zip(lows, widths, counts, strict=True):
        if count:
            ax.annotate(str(count), (low + width / 2, count), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", fontsize=FONT - 1, color=palette.INK)
    edges = [*lows, float(chart.bands[-1].high)]
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, max([*counts, 1]) * 1.15)
    ax.xaxis.set_major_locator(FixedLocator(edges))
    _ticks(ax.xaxis, chart.is_share, locale)
    _ticks(ax.yaxis, False, locale, whole=True)
    ax.set_ylabel(text(N_("Number of parties"), locale), fontsize=FONT, color=palette.MUTED_INK)
    if chart.rules is not None and chart.rules.unit and not chart.is_share:
        ax.set_xlabel(chart.rules.unit, fontsize=FONT, color=palette.MUTED_INK)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if chart.target is not None:
        target = float(chart.target)
        ax.axvline(target, color=palette.TARGET, linestyle="--", linewidth=1.6)
        ax.annotate(_target_label(chart, locale), (target, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4), textcoords="offset points", ha="center" if target < edges[-1] * 0.8 else "right",
                    va="bottom", fontsize=FONT - 1, color=palette.TARGET, fontweight="bold")


def _trend(ax: Axes, chart: Chart, locale: str) -> None:
    years = [point.year for point in chart.points]
    numbers = [float(p.number) if p.number is not None else math.nan for p in chart.points]
    target = float(chart.target) if chart.target is not None else None
    top = _axis_max([n for n in numbers if not math.isnan(n)], target, chart.is_share)
    ax.plot(years, numbers, marker="o", markersize=6, linewidth=2.2, color=palette.LINE)
    for point, number in zip(chart.points, numbers, strict=True):
        if not math.isnan(number):
            ax.annotate(point.text.get(locale), (point.year, number), xytext=(0, 8), textcoords="offset points",
                        ha="center", va="bottom", fontsize=FONT - 1, color=palette.INK, zorder=5, bbox=LABEL_BOX)
    ax.set_ylim(0, top * 1.12 if chart.is_share else top)
    if chart.is_share:
        ax.yaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    _ticks(ax.yaxis, chart.is_share, locale, _whole(chart))
    ax.xaxis.set_major_locator(FixedLocator(years))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: str(int(v))))
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.grid(axis="y", color=palette.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if chart.rules is not None and chart.rules.unit and not chart.is_share:
        ax.set_ylabel(chart.rules.unit, fontsize=FONT, color=palette.MUTED_INK)
    for year in chart.revised_in:  # the question changed: a line between the years, named at the top
        ax.axvline(year - 0.5, color=palette.MUTED_INK, linestyle=":", linewidth=1.4)
        ax.annotate(text(REVISED, locale), (year - 0.5, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -3), textcoords="offset points", ha="left", va="top", fontsize=FONT - 2,
                    color=palette.MUTED_INK, zorder=4, bbox=LABEL_BOX)
    if target is not None:
        ax.axhline(target, color=palette.TARGET, linestyle="--", linewidth=1.6)
        ax.annotate(_target_label(chart, locale), (1.0, target), xycoords=("axes fraction", "data"),
                    xytext=(-2, -4), textcoords="offset points", ha="right", va="top", fontsize=FONT - 1,
                    color=palette.TARGET, fontweight="bold", zorder=4, bbox=LABEL_BOX)


def _row_major(handles: list[Patch], columns: int) -> list[Patch]:
    """matplotlib fills a legend column by column; reorder so that it reads left to right, row by row."""
    rows = math.ceil(len(handles) / columns)
    return [handles[r * columns + c] for c in range(columns) for r in range(rows) if r * columns + c < len(handles)]


def _colour(chart: Chart, segment: Segment) -> tuple[str, str | None]:
    """A segment's colour and hatch: by meaning (reports.palette), the same in every chart and output."""
    face, hatch, _edge = _look(chart, segment)
    return face, hatch


def _look(chart: Chart, segment: Segment) -> tuple[str, str | None, str]:
    if segment.key == "":
        return palette.meaning(Meaning.NOT_REPORTED)
    if chart.kind is ChartKind.STATUS:
        return palette.look(status_fill(segment.position, chart.scale_steps, not segment.is_muted))
    keys = [s.key for s in legend_segments(chart) if s.key]
    return palette.look(dict(zip(keys, option_fills(keys), strict=True))[segment.key])


def _stacked(fig: FigureBase, ax: Axes, chart: Chart, locale: str) -> None:
    rows = chart.rows
    for index, row in enumerate(rows):
        left = 0.0
        total = row.total or 1
        for segment in row.segments:
            if segment.count == 0:
                continue
            width = 100.0 * segment.count / total
            colour, hatch, edge = _look(chart, segment)
            ax.barh(index, width, left=left, height=0.62, color=colour, hatch=hatch, edgecolor=edge, linewidth=0.8)
            label = str(segment.count)
            room = width / 100 * WIDTH * 0.8 * 72 / (FONT * 0.6)  # characters that fit
            if len(rows) == 1 and room > len(segment.label.get(locale)) + len(label) + 3:
                label = f"{segment.label.get(locale)}: {label}"
            ax.text(left + width / 2, index, label, ha="center", va="center", fontsize=FONT - 1,
                    color=palette.text_colour(colour), fontweight="bold")
            left += width
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
    _ticks(ax.xaxis, True, locale)
    labels = [row.label for row in rows]
    ax.set_yticks(range(len(rows)), labels=labels if any(labels) else [""] * len(rows))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if not any(labels):
        ax.tick_params(axis="y", length=0)
    handles = []
    for segment in legend_segments(chart):
        colour, hatch, edge = _look(chart, segment)
        label = segment.label.get(locale)
        if len(rows) == 1:
            label = f"{label} ({segment.count})"
        handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor=edge if hatch else colour,
                             label=shorten(label, 40, placeholder="…")))
    columns = legend_columns(chart)
    fig.legend(handles=_row_major(handles, columns), loc="outside lower center", ncols=columns, frameon=False,
               fontsize=FONT - 1)
