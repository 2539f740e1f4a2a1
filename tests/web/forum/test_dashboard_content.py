"""What a forum member reads on the dashboard of 2023, checked against the database by plain SQL."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.web.forum.forum_sql import answer_counts, county_figure, one_decimal, party_numbers, status_counts
from tests.web.forum.page_tables import ChartOnPage, charts_on

NO_ANSWER = "Inget svar"


def number_in(cell: str) -> Decimal:
    """ "1 882 st" -> 1882, "42,2 %" -> 42.2 (Swedish: decimal comma, no-break space between thousands)."""
    return Decimal(re.sub(r"[^\d,\-]", "", cell).replace(",", "."))


def test_the_key_figures_of_2023(forum_client: FlaskClient) -> None:
    html = forum_client.get("/uppfoljning/2023").get_data(as_text=True)
    assert "9 av 13 kommuner har utbyggd tankinfrastruktur" in html
    assert "Biogasproduktionen i länet var 88\u00a0GWh" in html
    assert "Busstrafiken når volymmålet: 41\u00a0GWh – målet är minst 36\u00a0GWh" in html
    assert "Exempeldata" in html  # the demo data is marked as such


def test_the_year_selector_offers_every_closed_year(forum_client: FlaskClient) -> None:
    html = forum_client.get("/uppfoljning/2023").get_data(as_text=True)
    years = re.findall(r'<a class="year-nav__link" href="/uppfoljning/(\d{4})"( aria-current="page")?>', html)
    assert sorted(int(year) for year, _ in years) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert [year for year, current in years if current] == ["2023"]


def _check(session: Session, chart: ChartOnPage) -> None:
    kind, _, subject = chart.chart_id.partition("-")
    _header, *rows = chart.rows
    if kind == "parter":
        expected = party_numbers(session, 2023, subject)
        for party, value, *_ in rows:
            if value == NO_ANSWER:
                assert party not in expected
            else:
                assert number_in(value) == one_decimal(expected[party]), (chart.chart_id, party)
        assert {party for party, value, *_ in rows if value != NO_ANSWER} == set(expected)
    elif kind in ("svar", "status"):
        counts = answer_counts(session, 2023, subject) if kind == "svar" else status_counts(session, 2023, subject)
        shown = {label: int(count) for label, count, _parties in rows if label not in (NO_ANSWER, "Ingen status")}
        assert shown == {label: counts.get(label, 0) for label in shown}, chart.chart_id
        assert set(counts) <= set(shown)
    else:
        assert kind == "trend"
        for year, value, *_ in rows:
            expected_value = county_figure(session, int(year), subject)
            assert expected_value is not None, (chart.chart_id, year)
            assert number_in(value) == one_decimal(expected_value), (chart.chart_id, year)


def test_every_chart_table_agrees_with_the_database(forum_client: FlaskClient, session: Session) -> None:
    charts = charts_on(forum_client.get("/uppfoljning/2023").get_data(as_text=True))
    assert len(charts) > 20
    kinds = {chart_id.partition("-")[0] for chart_id in charts}
    assert kinds == {"parter", "svar", "status", "trend"}
    for chart in charts.values():
        assert chart.alt and chart.caption and len(chart.rows) > 1, chart.chart_id
        _check(session, chart)


def test_every_chart_image_is_an_svg_with_a_title(forum_client: FlaskClient) -> None:
    charts = charts_on(forum_client.get("/uppfoljning/2023").get_data(as_text=True))
    for chart in list(charts.values())[:6]:
        response = forum_client.get(chart.image.replace("&amp;", "&"))
        assert response.mimetype == "image/svg+xml"
        root = ET.fromstring(response.data)
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == chart.caption


def test_a_trend_page_shows_the_county_figure_per_year(forum_client: FlaskClient, session: Session) -> None:
    html = forum_client.get("/uppfoljning/2023/trend/county.biogas_production_gwh").get_data(as_text=True)
    (chart,) = charts_on(html).values()
    assert [row[0] for row in chart.rows[1:]] == ["2019", "2020", "2021", "2022", "2023"]
    _check(session, chart)
    assert "/uppfoljning/2022/trend/county.biogas_production_gwh" in html  # the year selector stays on the trend


def test_the_answers_over_the_years(forum_client: FlaskClient, session: Session) -> None:
    html = forum_client.get("/uppfoljning/2023/trend/V.procurement_requirements").get_data(as_text=True)
    (chart,) = charts_on(html).values()
    header, *rows = chart.rows
    for year, *counts in rows:
        expected = answer_counts(session, int(year), "V.procurement_requirements")
        assert dict(zip(header[1:], map(int, counts), strict=True)) == {h: expected.get(h, 0) for h in header[1:]}


def test_english(forum_client: FlaskClient) -> None:
    forum_client.get("/sprak/en?next=/")
    html = forum_client.get("/uppfoljning/2023").get_data(as_text=True)
    assert "Follow-up for 2023" in html
    assert "Show the numbers as a table" in html
