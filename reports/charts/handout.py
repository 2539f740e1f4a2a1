"""The PDF handout of the follow-up: a title page (key sentences, county figures, the example-data mark), then
one A4 page per commitment with its key figure sentences and charts. matplotlib's PdfPages with `Figure()` pages.
A preliminary follow-up has its mark ("PRELIMINÄR – 5 av 14 rapporter inlämnade") on the title page and in the
footer of every page.
"""

from __future__ import annotations

from io import BytesIO
from textwrap import wrap

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure, SubFigure

from reports.charts import palette
from reports.charts.draw import draw, title_height
from reports.charts.model import Chart, year_charts
from reports.charts.render import chart_settings
from reports.charts.sizes import chart_height
from reports.charts.tables import text
from reports.data.marks import preliminary_mark
from reports.data.types import FollowUp
from tracker.domain.messages import N_

A4 = (8.27, 11.69)
LINE = 0.24  # inches per line of 10.5 pt text
CHARS = 92  # characters per line across the page
FOOTER = 0.3  # inches
MARK_INK = "#B10E1E"  # the preliminary mark: dark red, 7:1 on white


def build_handout(followup: FollowUp, locale: str = "sv") -> bytes:
    """The handout as PDF bytes, in `locale`."""
    county, commitments = year_charts(followup)
    buffer = BytesIO()
    title = text(N_("%(agreement)s – follow-up for %(year)s"), locale,
                 agreement=followup.agreement.name.get(locale), year=followup.year)
    metadata = {"Title": title, "Subject": text(N_("Handout of the charts"), locale), "Creator": "biogas-tracker",
                "CreationDate": None, "ModDate": None}
    with chart_settings(), PdfPages(buffer, metadata=metadata) as pdf:
        pdf.savefig(_title_page(followup, county, locale))
        for number, block in enumerate(commitments, start=2):
            lines = [line for s in block.commitment.sentences for line in _bullet(s.get(locale))]
            heading = text(N_("Commitment %(number)s"), locale, number=block.commitment.number)
            pdf.savefig(_page(f"{heading} – {block.commitment.title.get(locale)}", lines, block.charts,
                              followup, locale, number))
    return buffer.getvalue()


def _bullet(sentence: str) -> list[str]:
    lines = wrap(sentence, CHARS - 2)
    return [("• " if i == 0 else "  ") + line for i, line in enumerate(lines)]


def _title_page(followup: FollowUp, county: tuple[Chart, ...], locale: str) -> Figure:
    figure = Figure(figsize=A4, layout="constrained")
    completeness = followup.completeness
    lines = [
        *wrap(followup.agreement.name.get(locale), 48),
        text(N_("Follow-up for %(year)s"), locale, year=followup.year),
    ]
    body = [
        text(N_("%(reported)s of %(expected)s parties have reported (submitted or approved)."), locale,
             reported=completeness.reported, expected=completeness.expected),
        "",
        text(N_("Summary"), locale),
        *[line for sentence in followup.summary for line in _bullet(sentence.get(locale))],
    ]
    mark = preliminary_mark(followup, locale)
    top_height = (1.3 + 0.42 * len(lines) + LINE * len(body) + (0.9 if followup.is_example else 0)
                  + (0.9 if mark else 0))
    heights = [top_height, *(chart_height(chart) + title_height(chart, locale) for chart in county), FOOTER]
    areas: list[SubFigure] = list(figure.subfigures(len(heights), 1, height_ratios=heights, squeeze=False).flat)
    top = areas[0]
    y = 1.0 - 0.35 / top_height
    for line in lines:
        top.text(0.04, y, line, fontsize=18, fontweight="bold", va="top", color=palette.INK)
        y -= 0.42 / top_height
    if followup.is_example:
        y -= 0.15 / top_height
        top.text(0.04, y, text(N_("EXAMPLE DATA – the figures are made up for demonstration, not real reports."),
                               locale), fontsize=11, fontweight="bold", va="top", color="#000000",
                 bbox={"boxstyle": "square,pad=0.6", "facecolor": "#FFF4D6", "edgecolor": "#8A5A00",
                       "linewidth": 2})
        y -= 0.75 / top_height
    if mark:
        y -= 0.15 / top_height
        top.text(0.04, y, mark, fontsize=11, fontweight="bold", va="top", color=MARK_INK,
                 bbox={"boxstyle": "square,pad=0.6", "facecolor": "#FFFFFF", "edgecolor": MARK_INK, "linewidth": 2})
        y -= 0.75 / top_height
    y -= 0.2 / top_height
    for line in body:
        top.text(0.04, y, line, fontsize=10.5, va="top", color=palette.INK,
                 fontweight="bold" if line == body[2] else "normal")
        y -= LINE / top_height
    for area, chart in zip(areas[1:-1], county, strict=True):
        draw(area, chart, locale, title=True)
    _footer(areas[-1], followup, locale, 1)
    return figure


def _page(heading: str, lines: list[str], charts: tuple[Chart, ...], followup: FollowUp, locale: str,
          number: int) -> Figure:
    figure = Figure(figsize=A4, layout="constrained")
    head = 0.75 + LINE * len(lines)
    heights = [head, *(chart_height(chart) + title_height(chart, locale) for chart in charts), FOOTER]
    areas: list[SubFigure] = list(figure.subfigures(len(heights), 1, height_ratios=heights, squeeze=False).flat)
    scale = sum(heights) / (A4[1] - 0.6)  # the page's height is shared in these proportions
    top = areas[0]
    top.text(0.04, 1.0 - 0.2 / head, "\n".join(wrap(heading, 60)), fontsize=15, fontweight="bold", va="top",
             color=palette.INK)
    y = 1.0 - 0.7 / head
    for line in lines:
        top.text(0.04, y, line, fontsize=10.5 if scale <= 1 else 9.5, va="top", color=palette.INK)
        y -= LINE / head
    for area, chart in zip(areas[1:-1], charts, strict=True):
        draw(area, chart, locale, title=True)
    _footer(areas[-1], followup, locale, number)
    return figure


def _footer(figure: SubFigure, followup: FollowUp, locale: str, page: int) -> None:
    parts = [text(N_("Source: the parties' yearly reports for %(year)s"), locale, year=followup.year)]
    if followup.is_example:
        parts.append(text(N_("Example data"), locale))
    parts.append(text(N_("Page %(page)s"), locale, page=page))
    if (mark := preliminary_mark(followup, locale)) is None:
        figure.text(0.5, 0.5, " · ".join(parts), ha="center", va="center", fontsize=8, color=palette.MUTED_INK)
        return
    figure.text(0.04, 0.5, mark, ha="left", va="center", fontsize=9, fontweight="bold", color=MARK_INK)
    figure.text(0.96, 0.5, " · ".join(parts), ha="right", va="center", fontsize=8, color=palette.MUTED_INK)
