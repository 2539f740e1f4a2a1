"""Reading the dashboard's HTML as a reader's tool would: every chart with its image and its table."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ChartOnPage:
    chart_id: str
    image: str = ""
    alt: str = ""
    caption: str = ""
    rows: list[list[str]] = field(default_factory=list)  # the header row first


class DashboardParser(HTMLParser):
    """Collects each <figure data-chart>: its <img> and its table's cells, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, ChartOnPage] = {}
        self._chart: ChartOnPage | None = None
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "figure" and found.get("data-chart"):
            self._chart = ChartOnPage(str(found["data-chart"]))
            self.charts[self._chart.chart_id] = self._chart
        elif self._chart is None:
            return
        elif tag == "img":
            self._chart.image, self._chart.alt = str(found.get("src")), str(found.get("alt"))
        elif tag == "tr":
            self._chart.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._chart = None
        elif tag in ("th", "td") and self._chart is not None and self._cell is not None:
            self._chart.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption and self._chart is not None:
            self._chart.caption += data.strip()


def charts_on(html: str) -> dict[str, ChartOnPage]:
    parser = DashboardParser()
    parser.feed(html)
    return parser.charts
