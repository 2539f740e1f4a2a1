"""The charts (reports.charts) on the demo data of 2023: which charts, their tables, SVG, PNG, the PDF handout."""

from __future__ import annotations

import re
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from reports import palette as meanings
from reports.charts import (
    ChartKind,
    build_handout,
    chart_table,
    find_chart,
    palette,
    render_png,
    render_svg,
    trend_of,
    year_charts,
)
from reports.charts.draw import _colour, draw
from reports.charts.model import Bar, Chart, Point
from reports.data import FollowUp
from reports.data.texts import Localized
from tracker.domain import IndicatorKind
from tracker.domain.party import party_order
from tracker.domain.values import ValueRules

ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def bar_width(patch: Patch) -> float:
    """The width of a horizontal bar (a rectangle)."""
    assert isinstance(patch, Rectangle), patch
    return patch.get_width()


def all_charts(followup: FollowUp) -> list[Chart]:
    county, commitments = year_charts(followup)
    return [*county, *(chart for block in commitments for chart in block.charts)]


def test_no_indicator_key_is_written_in_the_chart_code() -> None:
    data = tomllib.loads((ROOT / "seed" / "data" / "biogas_jonkoping.toml").read_text(encoding="utf-8"))
    keys = set(re.findall(r"\b(?:[IVX]+|county)\.[a-z_]+\b", str(data)))
    assert len(keys) > 20
    code = [*(ROOT / "reports" / "charts").glob("*.py"), *(ROOT / "reports" / "slides").glob("*.py"),
            ROOT / "reports" / "palette.py"]  # colours by option key and meaning, never by indicator
    for path in code:
        source = path.read_text(encoding="utf-8")
        assert [key for key in keys if key in source] == [], path.name


def test_every_commitment_has_its_charts_and_a_status_chart_last(followup_2023: FollowUp) -> None:
    county, commitments = year_charts(followup_2023)
    assert [c.commitment.number for c in commitments] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    for block in commitments:
        assert block.charts[-1].kind is ChartKind.STATUS
    ids = [chart.id for chart in all_charts(followup_2023)]
    assert len(ids) == len(set(ids))
    assert {chart.kind for chart in county} == {ChartKind.TREND}


def test_the_kind_decides_the_chart(followup_2023: FollowUp) -> None:
    for chart in all_charts(followup_2023):
        if chart.indicator_key is None:
            continue
        result = followup_2023.indicator(chart.indicator_key) if chart.kind is not ChartKind.TREND or \
            not chart.indicator_key.startswith("county.") else None
        if result is None:
            continue
        kind = result.info.kind
        if chart.kind is ChartKind.ANSWERS:
            assert kind in (IndicatorKind.YES_NO, IndicatorKind.CHOICE)
        elif chart.kind is ChartKind.PARTIES:
            assert kind.is_numeric and len(result.expected) > 1
        elif chart.kind is ChartKind.TREND:
            assert kind.is_numeric and len(result.expected) == 1
    operands = {k for c in followup_2023.commitments for r in c.indicators for k in r.info.rules.operand_keys}
    charted = {chart.indicator_key for chart in all_charts(followup_2023)}
    assert operands and not operands & charted  # the counts behind a share are in the share's chart


def test_the_party_chart_and_its_table_agree(followup_2023: FollowUp) -> None:
    share = next(c for c in all_charts(followup_2023) if c.kind is ChartKind.PARTIES and c.is_share)
    names = [bar.party for bar in share.bars]
    kinds = {party.name: party.kind for party in followup_2023.parties}
    assert names == sorted(names, key=lambda name: party_order(kinds[name], name))
    assert names[0] == "Region Jönköpings län" and names[1:3] == ["Aneby kommun", "Eksjö kommun"]
    table = chart_table(share, "sv")
    assert [row[0] for row in table.rows] == names
    assert [row[1] for row in table.rows] == [bar.text.get("sv") for bar in share.bars]
    figure = Figure()
    draw(figure, share, "sv")
    assert figure.axes[0].get_xlim() == (0.0, 100.0)  # shares on a fixed axis, every year
    widths = [bar_width(patch) for patch in figure.axes[0].patches]
    assert widths == [float(bar.number or 0) for bar in share.bars]


def test_the_region_comes_first_then_the_swedish_alphabet() -> None:
    names = ["Örebro", "Älmhult", "Åre", "Vetlanda", "Aneby", "Region Örebro län", "Eksjö", "Ekerö"]
    kinds = {"Region Örebro län": "region"}
    assert sorted(names, key=lambda name: party_order(kinds.get(name, "municipality"), name)) == [
        "Region Örebro län", "Aneby", "Ekerö", "Eksjö", "Vetlanda", "Åre", "Älmhult", "Örebro"]


def test_an_answer_has_the_same_colour_every_year(followup_2023: FollowUp) -> None:
    trend = trend_of(followup_2023, "V.procurement_requirements") or pytest.fail("no trend chart")
    colours: dict[str, set[str]] = {}
    for row in trend.rows:
        for segment in row.segments:
            colours.setdefault(segment.key, set()).add(_colour(trend, segment)[0])
    assert all(len(found) == 1 for found in colours.values())
    assert len({next(iter(found)) for found in colours.values()}) == len(colours)


@pytest.mark.parametrize("background", [
    *(meanings.css(fill.colour) for fill in meanings.FILLS.values()), *map(meanings.css, meanings.OTHER_OPTIONS),
    palette.BAR, *(palette.scale_colour(i, steps) for steps in (3, 4, 5) for i in range(steps))])
def test_numbers_on_coloured_segments_are_readable(background: str) -> None:
    def luminance(colour: str) -> float:
        from matplotlib.colors import to_rgb

        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted([luminance(background), luminance(palette.text_colour(background))])
    assert (dark + 0.05) / (light + 0.05) >= 4.5


def test_the_svg_is_well_formed_with_a_title_and_the_numbers(followup_2023: FollowUp) -> None:
    chart = find_chart(followup_2023, "parter-II.public_stations") or pytest.fail("no such chart")
    svg = render_svg(chart, "sv")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    title, description = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and description is not None
    assert title.text == chart.title.get("sv")
    desc = description.text or ""
    assert "Jönköpings kommun: Värde 5\u00a0st" in desc
    assert render_svg(chart, "sv") == svg  # the same data, the same bytes


def test_english_charts_speak_english(followup_2023: FollowUp) -> None:
    chart = find_chart(followup_2023, "svar-I.hybrid_priority") or pytest.fail("no such chart")
    assert chart_table(chart, "en").rows[0][0] == "Yes"
    assert chart_table(chart, "sv").rows[0][0] == "Ja"
    assert b"Yes" in render_svg(chart, "en")


def test_png(followup_2023: FollowUp) -> None:
    chart = find_chart(followup_2023, "status-II") or pytest.fail("no such chart")
    assert render_png(chart).startswith(b"\x89PNG\r\n\x1a\n")


def test_charts_without_any_answer_still_render() -> None:
    rules = ValueRules(kind=IndicatorKind.PERCENT)
    title = Localized("Tom")
    empty_bars = Chart("parter-x", ChartKind.PARTIES, title, "x", rules, Decimal(50), Localized("minst 50 %"), True,
                       bars=(Bar("Aneby", None, Localized("Inget svar"), None),))
    empty_trend = Chart("trend-x", ChartKind.TREND, title, "x", rules, None, None, True,
                        points=(Point(2023, None, Localized("Inget svar"), 0, None, 1),))
    for chart in (empty_bars, empty_trend):
        assert ET.fromstring(render_svg(chart)).tag == f"{SVG}svg"


@pytest.mark.slow(reason="renders the whole PDF handout with matplotlib")
def test_the_handout_has_a_title_page_and_a_page_per_commitment(followup_2023: FollowUp, tmp_path: Path) -> None:
    pdf = build_handout(followup_2023, "sv")
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "handout.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found is not None, info
    pages = int(found.group(1))
    assert pages == 1 + len(followup_2023.commitments)
    words = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "EXEMPELDATA" in words
    assert "9 av 13 kommuner har utbyggd tankinfrastruktur" in words


def test_many_parties_are_counted_in_bands() -> None:
    rules = ValueRules(kind=IndicatorKind.RATIO)
    numbers = [Decimal(n) for n in range(0, 101, 2)] + [None]  # 51 answers and one party without
    bars = tuple(Bar(f"Kommun {i:03}", n, Localized(str(n)), None) for i, n in enumerate(numbers))
    chart = party_bars_chart(rules, bars, share=True)
    assert len(chart.bands) == 10 and chart.bands[0].low == 0 and chart.bands[-1].high == 100
    assert sum(band.count for band in chart.bands) == 51
    assert chart.bands[-1].count == 6  # 90, 92, …, 100: the last band includes its upper edge
    table = chart_table(chart, "sv")
    assert table.rows[0][:2] == ("0–10\u00a0%", "5")
    assert table.rows[-1] == ("Inget svar", "1", "Kommun 051")
    root = ET.fromstring(render_svg(chart))
    description = root.find(f"{SVG}desc")
    assert description is not None
    assert "i varje intervall" in (description.text or "")


def test_bands_of_quantities_are_round_numbers() -> None:
    from reports.charts.bands import edges

    assert edges(Decimal("4873"), False) == [Decimal(n) for n in range(0, 5001, 500)]
    assert edges(Decimal(0), False)[-1] > 0


def party_bars_chart(rules: ValueRules, bars: tuple[Bar, ...], share: bool) -> Chart:
    from reports.charts.bands import bands_of

    return Chart("parter-x", ChartKind.PARTIES, Localized("Andel"), "x", rules, Decimal(50), Localized("minst 50 %"),
                 share, bars=bars, bands=bands_of(bars, share))
