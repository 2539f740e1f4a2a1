"""One look across the outputs: parties in one order (the region first, then Swedish alphabetical order) and one
colour per meaning (yes, partly, no, not applicable, not reported; the status scale; met, not met, not yet due) in
the deck, the dashboard's charts and the Excel summary, with patterns so that colour is never the only cue."""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from io import BytesIO

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from openpyxl import load_workbook
from pptx.presentation import Presentation as PresentationType

from reports import palette
from reports.charts import find_chart, trend_of
from reports.charts.draw import _colour, draw
from reports.data import FollowUp
from reports.slides import build_deck
from tests.reports.test_slides import chart_title, charts, open_deck

PARTIES = ["Region Jönköpings län", "Aneby kommun", "Eksjö kommun", "Gislaveds kommun", "Gnosjö kommun",
           "Habo kommun", "Jönköpings kommun", "Mullsjö kommun", "Nässjö kommun", "Sävsjö kommun", "Tranås kommun",
           "Vaggeryds kommun", "Vetlanda kommun", "Värnamo kommun"]
FILL = re.compile(r'<c:spPr>(<a:(?:solidFill|pattFill)[^>]*>.*?</a:(?:solidFill|pattFill)>)')


@pytest.fixture(scope="module")
def deck(followup_2023: FollowUp) -> PresentationType:
    return open_deck(build_deck(followup_2023, "sv"))


def series_fills(deck: PresentationType) -> dict[str, set[str]]:
    """Every bar or segment series of the deck by name: the fills (colour and pattern) it has anywhere."""
    found: dict[str, set[str]] = defaultdict(set)
    for slide in deck.slides:
        for chart in charts(slide):
            for series in chart._chartSpace.xpath(".//c:barChart/c:ser"):
                name = "".join(series.xpath("./c:tx//c:v/text()"))
                xml = series.xml.replace("\n", "").replace("  ", "")
                match = FILL.search(xml)
                assert match, name
                found[name].add(re.sub(r"\s+", "", match.group(1)))
    return found


def colour(fill: str) -> str:
    """The colour a fill shows: its own, or a pattern's background."""
    pattern = re.search(r'<a:bgClr><a:srgbClrval="(\w+)"', fill)
    found = pattern or re.search(r'<a:srgbClrval="(\w+)"', fill)
    assert found, fill
    return found.group(1)


def test_the_parties_are_in_one_order_in_the_deck_the_dashboard_and_excel(
    followup_2023: FollowUp, deck: PresentationType, workbook_2023: bytes
) -> None:
    assert [party.name for party in followup_2023.parties] == PARTIES
    share = next(c for s in deck.slides for c in charts(s) if chart_title(c).startswith("Andel gasfordon bland pers"))
    assert list(share.plots[0].categories) == PARTIES
    dashboard = find_chart(followup_2023, "parter-III.cars_gas_share") or pytest.fail("no dashboard chart")
    assert [bar.party for bar in dashboard.bars] == PARTIES
    sheet = load_workbook(BytesIO(workbook_2023), read_only=True)["Åtagande III"]
    shown = [row[0] for row in sheet.iter_rows(values_only=True) if row and row[0] in PARTIES]
    assert shown == PARTIES


def test_an_answer_has_one_colour_in_every_chart_and_meanings_never_share_one(deck: PresentationType) -> None:
    fills = series_fills(deck)
    for name, found in fills.items():
        assert len(found) == 1, f"{name} has {len(found)} looks in the deck"
    look = {name: next(iter(found)) for name, found in fills.items()}
    assert look["Ja"] == look["Når målet"]  # yes and a target met: the same meaning
    assert look["Nej"] == look["Når inte målet"]  # no and a target not met
    assert look["Delvis"] == look["Pågår"] == look["Under framtagande"]  # partly, and in progress
    assert "pattFill" in look["Nej"] and "pattFill" not in look["Ja"]  # the negative is hatched: not colour alone
    meanings = {colour(look[name]) for name in ("Ja", "Delvis", "Nej", "Ej aktuellt", "Målet gäller ännu inte")}
    assert len(meanings) == 5, "one salmon for Nej and Delvis again"
    for other in ("Uppgraderas till fordonsgas", "El och värme", "Facklas", "Ingen upphandling under året"):
        assert colour(look[other]) not in meanings, f"{other} borrows a meaning's colour"
    scale = [colour(look[level]) for level in ("Ej påbörjat", "Påbörjat", "Långt kommet", "Genomfört")]
    assert [palette._luminance(c) for c in scale] == sorted((palette._luminance(c) for c in scale), reverse=True)
    assert len(set(scale)) == 4 and not set(scale) & meanings
    assert colour(look["Ej aktuellt"]) == palette.FILLS[palette.Meaning.NOT_APPLICABLE].colour  # status and answers


def test_the_dashboard_draws_the_deck_colours(followup_2023: FollowUp, deck: PresentationType) -> None:
    look = {name: colour(next(iter(found))) for name, found in series_fills(deck).items()}
    answers = trend_of(followup_2023, "V.procurement_requirements") or pytest.fail("no trend chart")
    for row in answers.rows:
        for segment in row.segments:
            if segment.key:
                assert _colour(answers, segment)[0].upper() == f"#{look[segment.label.get('sv')]}"
    bars = find_chart(followup_2023, "parter-III.cars_gas_share") or pytest.fail("no party chart")
    figure = Figure()
    draw(figure, bars, "sv")
    drawn = [patch for patch in figure.axes[0].patches if isinstance(patch, Rectangle)]
    by_party = dict(zip([bar.party for bar in bars.bars], drawn, strict=True))
    met = next(bar.party for bar in bars.bars if bar.meets_target)
    not_met = next(bar.party for bar in bars.bars if bar.meets_target is False)
    assert by_party[met].get_facecolor()[:3] == pytest.approx(tuple(int(look["Når målet"][i:i + 2], 16) / 255
                                                                    for i in (0, 2, 4)))
    assert by_party[not_met].get_hatch()  # hatched, as in the deck


def test_excel_charts_use_only_the_palette_and_colour_party_bars_by_outcome(workbook_2023: bytes) -> None:
    allowed = {f.colour for f in palette.FILLS.values()} | {f.stripes for f in palette.FILLS.values()} | {
        palette.FIGURE, palette.TARGET, palette.EXPECTED}
    with zipfile.ZipFile(BytesIO(workbook_2023)) as package:
        xml = [package.read(n).decode() for n in package.namelist() if n.startswith("xl/charts/chart")]
    used = {c for chart in xml for c in re.findall(r'<a:srgbClr val="(\w+)"', chart)}
    assert used and used <= allowed, used - allowed
    party_charts = [chart for chart in xml if "<dPt>" in chart]  # openpyxl writes no prefix
    assert party_charts, "no party chart coloured by outcome"
    met, not_met = palette.FILLS[palette.Meaning.MET].colour, palette.FILLS[palette.Meaning.NOT_MET].colour
    assert any(f'<a:srgbClr val="{met}"' in c and "pattFill" in c and not_met in c for c in party_charts)
