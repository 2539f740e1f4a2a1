"""The forum deck, opened with python-pptx as PowerPoint would read it, checked against the database.

The numbers in the native charts are compared with plain SQL over the demo data (tests/reports/followup_sql.py
and the queries below), never with the code that made them.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.parts.chart import ChartPart
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Inches
from sqlalchemy import text
from sqlalchemy.orm import Session

from reports.data import FollowUp
from reports.slides import build_deck
from reports.slides.frame import Para, fitting_size, split_to_fit, text_height
from reports.slides.plan import Planner
from reports.slides.spec import ChartForm
from tests.reports.followup_sql import ANSWERS, numbers
from tracker.i18n import gettext_for

FIXED_SLIDES = 7  # title, agenda, Bakgrund, Vad har hänt sen sist?, Status per åtagande, Summering, Svarsfrekvens
FIXED_TITLES = ("Agenda", "Bakgrund", "Vad har hänt sen sist?", "Status per åtagande", "Summering", "Svarsfrekvens")


def open_deck(data: bytes) -> PresentationType:
    return Presentation(BytesIO(data))


def text_of(shape: BaseShape) -> str:
    """The text of a shape with a text frame (an autoshape or a placeholder: `Shape`), its spaces collapsed."""
    assert isinstance(shape, Shape), f"{shape.name} has no text frame"
    return " ".join(shape.text_frame.text.split())


def chart_of(shape: BaseShape) -> Chart:
    """The chart of a shape that has one (a graphic frame)."""
    assert isinstance(shape, GraphicFrame), f"{shape.name} holds no chart"
    return shape.chart


def texts(slide: Slide) -> list[str]:
    return [text_of(shape) for shape in slide.shapes if shape.has_text_frame]


def shown_texts(slide: Slide) -> list[str]:
    """The slide's texts and those of its layout and master that show on it (not their placeholders' prompts)."""
    drawn = [s for surface in (slide.slide_layout, slide.slide_layout.slide_master) for s in surface.shapes
             if s.has_text_frame and not s.is_placeholder]
    return texts(slide) + [text_of(s) for s in drawn]


def title(slide: Slide) -> str:
    """The text of the slide's title placeholder."""
    heading = slide.shapes.title
    return text_of(heading) if heading is not None else ""


def charts(slide: Slide) -> Iterator[Chart]:
    return (chart_of(shape) for shape in slide.shapes if shape.has_chart)


def chart_title(chart: Chart) -> str:
    return chart.chart_title.text_frame.text if chart.has_title else ""


def find_chart(deck: PresentationType, starts: str) -> Chart:
    found = [c for slide in deck.slides for c in charts(slide) if chart_title(c).startswith(starts)]
    assert found, f"no chart titled {starts!r}"
    return found[0]


def by_category(chart: Chart) -> dict[str, float | None]:
    """Each category's value; a party's bar is in the one series of its target outcome, the others are empty."""
    categories = list(chart.plots[0].categories)
    values: dict[str, float | None] = dict.fromkeys(categories)
    for series in chart.plots[0].series:
        for category, value in zip(categories, series.values, strict=True):
            if value is not None:
                assert values[category] is None, f"{category} has a bar in two series"
                values[category] = value
    return values


def label(session: Session, key: str) -> str:
    found: str = session.execute(text("SELECT label_sv FROM indicators WHERE key = :key"), {"key": key}).scalar_one()
    return found


def party_names(session: Session) -> dict[str, str]:
    return dict(session.execute(text("SELECT code, name FROM parties")).all())


@pytest.fixture(scope="module")
def followup(followup_of: Callable[..., FollowUp]) -> FollowUp:
    return followup_of(2023)


@pytest.fixture(scope="module")
def deck_bytes(followup: FollowUp) -> bytes:
    return build_deck(followup, "sv", "Energikontor Norra Småland")


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> PresentationType:
    return open_deck(deck_bytes)


def test_the_deck_is_16_to_9(deck: PresentationType) -> None:
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))


def test_the_slides_are_the_fixed_ones_a_few_per_commitment_and_the_trend(deck: PresentationType,
                                                                          session: Session) -> None:
    titles = [title(slide) for slide in deck.slides]
    assert titles[0] == "Överenskommelse kring biogas i Jönköpings län – uppföljning avseende 2023"
    assert all(fixed in titles for fixed in FIXED_TITLES)
    numbers_ = session.execute(text("SELECT number FROM commitments ORDER BY position")).scalars().all()
    per_commitment = {n: [t for t in titles if re.match(rf"Åtagande {n}[: ]", t)] for n in numbers_}
    for number, found in per_commitment.items():
        assert any(t.startswith(f"Åtagande {number}: ") for t in found), f"no text slide for {number}"
        assert any(t.startswith(f"Åtagande {number} i siffror") for t in found), f"no figures for {number}"
    trend = [t for t in titles if t.startswith("Utvecklingen över åren")]
    assert trend, "2019–2022 exist: the development over the years is shown"
    overviews = session.execute(text("SELECT overview_title_sv FROM indicators WHERE overview_title_sv IS NOT NULL"
                                     )).scalars().all()
    assert sorted(overviews) == sorted(t for t in titles if t in overviews)
    reflections = session.execute(text(
        "SELECT f.headline_sv FROM round_reflections f JOIN reporting_rounds r ON r.id = f.round_id "
        "WHERE r.year = 2023 ORDER BY f.position")).scalars().all()
    assert titles[-len(reflections) - 2:] == ["Hur ska överenskommelsen hanteras framåt?",
                                              "Reflektioner från branschaktörer",
                                              *(f"”{headline}”" for headline in reflections)]
    leaders_parts = 2 + len(reflections)  # the way forward, the reflections' section slide and one each
    summary_continued = sum(1 for t in titles if t.startswith("Summering (forts"))
    assert len(titles) == (FIXED_SLIDES + sum(map(len, per_commitment.values())) + len(overviews) + len(trend)
                           + summary_continued + leaders_parts)
    # The demo data: 8 text slides, 13 figure slides (a chart of 14 bars alone, others two to a slide),
    # 2 overviews (II, VI), 4 trend slides, Summering on two slides, the way forward, the reflections' section
    # and 4 reflections.
    assert len(titles) == 41


def test_a_single_year_has_no_trend_slides(followup_of: Callable[..., FollowUp]) -> None:
    deck = open_deck(build_deck(followup_of(2019)))
    assert not [s for s in deck.slides if title(s).startswith("Utvecklingen")]
    assert "Utvecklingen över åren" not in " ".join(texts(deck.slides[1]))  # nor in the agenda


def test_every_commitment_has_a_slide_with_a_native_editable_chart(deck: PresentationType, session: Session) -> None:
    for number in session.execute(text("SELECT number FROM commitments")).scalars():
        slides = [s for s in deck.slides if re.match(rf"Åtagande {number}[: ]", title(s))]
        found = [c for s in slides for c in charts(s)]
        assert found, f"commitment {number} has no chart"
        assert all(isinstance(c.part, ChartPart) and c.part.chart_workbook.xlsx_part is not None
                   for c in found)  # the data to edit in PowerPoint


def test_gas_car_shares_per_party_agree_with_the_database(deck: PresentationType, session: Session) -> None:
    chart = find_chart(deck, label(session, "III.cars_gas_share"))
    names = party_names(session)
    gas, total = numbers(session, 2023, "III.cars_gas"), numbers(session, 2023, "III.cars_total")
    expected = {names[code]: float(gas[code] * 100 / total[code]) for code in total if total[code]}
    shown = by_category(chart)
    assert set(shown) == set(expected)
    assert shown == pytest.approx(expected, abs=1e-4)  # shares are kept to four decimals
    assert chart.value_axis.minimum_scale == 0 and chart.value_axis.maximum_scale == 100  # the same every year


def test_stations_and_food_waste_per_party_agree_with_the_database(deck: PresentationType, session: Session) -> None:
    names = party_names(session)
    for key in ("II.public_stations", "VIII.food_waste_share"):
        expected = {names[code]: float(value) for code, value in numbers(session, 2023, key).items()}
        assert by_category(find_chart(deck, label(session, key))) == pytest.approx(expected)


def test_the_bus_volume_per_year_agrees_with_the_database(deck: PresentationType, session: Session) -> None:
    rows = session.execute(text(
        f"SELECT r.year, SUM(a.value_number) {ANSWERS.replace('WHERE r.year = :year AND', 'WHERE')}"
        " AND i.key IN ('I.gwh_regional_bus', 'I.gwh_fast_city', 'I.gwh_slow_city') GROUP BY r.year ORDER BY r.year"))
    expected = {str(year): float(Decimal(str(total))) for year, total in rows if year <= 2023}
    chart = find_chart(deck, label(session, "I.gwh_total"))
    plot = chart.plots[0]
    assert list(plot.categories) == list(expected)
    assert list(plot.series[0].values) == pytest.approx(list(expected.values()))
    assert set(plot.series[1].values) == {36.0}  # the target line


def test_answer_distributions_per_year_agree_with_the_database(deck: PresentationType, session: Session) -> None:
    rows = session.execute(text(
        f"SELECT r.year, a.value_text, COUNT(*) {ANSWERS.replace('WHERE r.year = :year AND', 'WHERE')}"
        " AND i.key = 'II.site_preparation' GROUP BY r.year, a.value_text"))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for year, answer, count in rows:
        counts[answer][str(year)] = count
    labels: dict[str, str] = dict(session.execute(text(
        "SELECT o.label_sv, o.key FROM indicator_options o JOIN indicators i ON i.id = o.indicator_id"
        " WHERE i.key = 'II.site_preparation'")).all())
    chart = find_chart(deck, label(session, "II.site_preparation"))
    years = list(chart.plots[0].categories)
    assert years[-1] == "2023"
    for series in chart.plots[0].series:
        assert list(series.values) == [counts[labels[series.name]].get(year, 0) for year in years], series.name


def test_the_status_bars_agree_with_the_database(deck: PresentationType, session: Session) -> None:
    rows = session.execute(text(
        "SELECT c.number, l.label_sv, COUNT(*) FROM commitment_statuses cs"
        " JOIN submissions s ON s.id = cs.submission_id JOIN reporting_rounds r ON r.id = s.round_id"
        " JOIN commitments c ON c.id = cs.commitment_id JOIN status_levels l ON l.id = cs.status_level_id"
        " WHERE r.year = 2023 AND s.state IN ('submitted', 'approved') GROUP BY c.number, l.label_sv"))
    expected: dict[str, dict[str, int]] = defaultdict(dict)
    for number, level, count in rows:
        expected[number][level] = count
    overview = find_chart(deck, "Status per åtagande")
    categories = [c.split(".")[0] for c in overview.plots[0].categories]
    for series in overview.plots[0].series:
        assert list(series.values) == [expected[n].get(series.name, 0) for n in categories], series.name


def test_the_key_figure_sentences_of_2023_are_there(deck: PresentationType) -> None:
    everything = " ".join(t for slide in deck.slides for t in texts(slide))
    for sentence in ("9 av 13 kommuner har utbyggd tankinfrastruktur",
                     "Busstrafiken når volymmålet: 41 GWh – målet är minst 36 GWh",
                     "Biogasproduktionen i länet var 88 GWh (+6 % jämfört med 2022)"):
        assert sentence in everything.replace("\u00a0", " ")
    summary = next(s for s in deck.slides if title(s) == "Summering")
    assert any("9 av 13 kommuner" in t for t in texts(summary))


def test_every_slide_has_the_footer_and_the_example_mark(deck: PresentationType, followup: FollowUp) -> None:
    extracted = followup.generated_at.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
    for number, slide in enumerate(deck.slides, start=1):
        shown = shown_texts(slide)
        footer = next(t for t in shown if t.startswith("Källa:"))
        assert footer.startswith("Källa: parternas årliga återrapportering 2023 · Inskickade och godkända "
                                 f"rapporter · Uttag {extracted}"), number
        assert footer == footer.rstrip(), number
        assert "EXEMPELDATA" in shown, f"slide {number} has no example-data mark"


def test_real_data_has_no_example_mark(followup: FollowUp) -> None:
    deck = open_deck(build_deck(dataclasses.replace(followup, is_example=False)))
    assert not [s for s in deck.slides if any("EXEMPELDATA" in t for t in shown_texts(s))]


def test_drafts_make_every_slide_preliminary(followup_of: Callable[..., FollowUp]) -> None:
    deck = open_deck(build_deck(followup_of(2024, include_drafts=True)))  # 13 submitted or approved, 1 sent back
    for slide in deck.slides:
        assert "PRELIMINÄR – 14 av 14 rapporter, varav 1 ej inskickad" in shown_texts(slide)
        assert any("samt utkast – preliminärt" in t for t in shown_texts(slide))


def test_the_swedish_deck_has_no_english_left_and_the_english_deck_is_english(followup: FollowUp) -> None:
    swedish = " ".join(t for s in open_deck(build_deck(followup)).slides for t in shown_texts(s))
    for word in ("Commitment", "target", "Key figures", "Source", "Background", "EXAMPLE"):
        assert word not in swedish
    english = open_deck(build_deck(followup, "en"))
    assert title(english.slides[0]) == "Agreement on biogas in Jönköping County – follow-up for 2023"
    assert "EXAMPLE DATA" in shown_texts(english.slides[0])


def test_a_long_commitment_text_shrinks_then_continues_on_another_slide(followup: FollowUp) -> None:
    first = followup.commitments[0]
    long_text = dataclasses.replace(first.text, sv="\n".join(["• " + first.text.sv.replace("\n", " ")] * 8))
    changed = dataclasses.replace(followup, commitments=(dataclasses.replace(first, text=long_text),
                                                         *followup.commitments[1:]))
    deck = open_deck(build_deck(changed))
    assert any(title(s) == "Åtagande I: Minst 36 GWh biogas i kollektivtrafiken (forts.)" for s in deck.slides)


def test_text_sizes_fit_their_boxes() -> None:
    width, height = Inches(7), Inches(5)
    short = [Para("Kort text.")]
    assert fitting_size(short, width, height, 24, 12) == 24
    long = [Para("ord " * 400, bullet=True)]
    size = fitting_size(long, width, height, 24, 12)
    assert size is not None and size < 24 and text_height(long, width, size) <= height
    too_long = [Para("ord " * 300) for _ in range(5)]
    assert fitting_size(too_long, width, height, 24, 12) is None
    parts = split_to_fit(too_long, width, height, 12)
    assert len(parts) > 1 and sum(map(len, parts)) == 5
    assert all(text_height(part, width, 12) <= height for part in parts)


def test_each_chart_has_its_numbers_as_alternative_text(deck: PresentationType) -> None:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr")


def test_many_parties_get_a_histogram_instead_of_a_bar_each(followup: FollowUp) -> None:
    result = followup.indicator("III.cars_gas_share")
    many = tuple(dataclasses.replace(value, party=dataclasses.replace(value.party, code=f"{value.party.code}-{copy}",
                                                                       name=f"{value.party.name} {copy}"))
                 for copy in range(3) for value in result.values)
    chart = Planner(followup, "sv", gettext_for("sv")).indicator_chart(dataclasses.replace(result, values=many))
    assert chart is not None and chart.form is ChartForm.HISTOGRAM
    assert chart.categories[0] == "0–10 %" and len(chart.categories) == 10
    counted = [sum(values) for values in zip(*(series.values for series in chart.series), strict=True)]
    assert sum(counted) == sum(1 for value in many if value.value is not None)
    assert counted[2] == 3 * sum(1 for v in result.values if v.value is not None and v.value.number is not None
                               and 20 <= v.value.number < 30)
