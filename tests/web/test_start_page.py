"""The start page lists the agreements' commitments from the database, in Swedish unless English is chosen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient

if TYPE_CHECKING:
    from tests.web.conftest import MakeAgreement

COMMITMENTS = [
    ("I", "Biogas i kollektivtrafiken", "Biogas in public transport", ["region"]),
    ("II", "Tankinfrastruktur", "Fuelling infrastructure", ["municipality", "region"]),
    ("III", "Gasfordon i egen fordonsflotta", "Gas vehicles in the own fleet", ["municipality"]),
]


def html_lang(body: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', body)
    assert match, "no <html lang>"
    return match.group(1)


def test_start_page_lists_the_commitments_in_swedish(client: FlaskClient, make_agreement: MakeAgreement) -> None:
    make_agreement(commitments=COMMITMENTS)

    response = client.get("/")

    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert html_lang(body) == "sv"
    assert "<h1" in body and "Överenskommelse om testgas" in body
    assert "Parterna följer upp överenskommelsen varje år." in body
    for number, title_sv, title_en, _kinds in COMMITMENTS:
        assert f"Åtagande {number}" in body
        assert title_sv in body
        assert f"Svensk text till åtagande {number}." in body
        assert title_en not in body
    assert "Åtagandet gäller regionen." in body
    assert "Åtagandet gäller kommunerna och regionen." in body
    assert "Gäller 2018–2027" in body
    assert "Hoppa till innehållet" in body
    assert 'id="content"' in body
    # In the order of the agreement.
    assert body.index("Biogas i kollektivtrafiken") < body.index("Tankinfrastruktur") < body.index("Gasfordon")


def test_after_switching_to_english_the_same_page_is_english(client: FlaskClient,
                                                             make_agreement: MakeAgreement) -> None:
    make_agreement(commitments=COMMITMENTS)

    switched = client.get("/sprak/en", query_string={"next": "/"})
    assert switched.status_code == 303
    assert switched.headers["Location"] == "/"

    body = client.get("/").get_data(as_text=True)
    assert html_lang(body) == "en"
    assert "Agreement on test gas" in body
    assert "The parties follow up the agreement every year." in body
    for number, title_sv, title_en, _kinds in COMMITMENTS:
        assert f"Commitment {number}" in body
        assert title_en in body
        assert title_sv not in body
    assert "This commitment applies to the municipalities and the region." in body
    assert "Skip to content" in body

    client.get("/sprak/sv", query_string={"next": "/"})
    assert html_lang(client.get("/").get_data(as_text=True)) == "sv"


def test_english_falls_back_to_swedish_where_the_data_has_no_english(client: FlaskClient,
                                                                     make_agreement: MakeAgreement) -> None:
    make_agreement(description_en=None, commitments=COMMITMENTS[:1])
    client.get("/sprak/en")
    body = client.get("/").get_data(as_text=True)
    assert "Parterna följer upp överenskommelsen varje år." in body
    assert "None" not in body


def test_a_browser_that_prefers_english_still_gets_swedish(client: FlaskClient, make_agreement: MakeAgreement) -> None:
    make_agreement(commitments=COMMITMENTS)
    body = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert html_lang(body) == "sv"


def test_the_language_switch_is_a_link_back_to_the_same_page(client: FlaskClient,
                                                             make_agreement: MakeAgreement) -> None:
    make_agreement(commitments=COMMITMENTS)
    body = client.get("/").get_data(as_text=True)
    assert 'href="/sprak/en?next=/"' in body
    assert 'lang="en"' in body and ">English</a>" in body
    assert 'aria-current="true">Svenska</a>' in body


def test_several_agreements_are_listed_newest_first(client: FlaskClient, make_agreement: MakeAgreement) -> None:
    make_agreement("old", name_sv="Den gamla överenskommelsen", in_force_from_year=2018, commitments=COMMITMENTS[:1])
    make_agreement("new", name_sv="Den nya överenskommelsen", in_force_from_year=2028, in_force_to_year=None,
                   commitments=COMMITMENTS[1:])

    body = client.get("/").get_data(as_text=True)

    assert "<h1>Överenskommelser</h1>" in body
    assert body.index("Den nya överenskommelsen") < body.index("Den gamla överenskommelsen")
    assert "Gäller från 2028" in body


def test_an_empty_database_gets_a_friendly_message(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Ingen överenskommelse inlagd ännu" in body
    assert "<code>tracker seed</code>" in body


def test_example_data_is_marked_when_a_view_says_so(app: Flask) -> None:
    from flask import render_template_string

    with app.test_request_context("/"):
        page = render_template_string('{% extends "base.html" %}{% block content %}x{% endblock %}', is_example=True)
        plain = render_template_string('{% extends "base.html" %}{% block content %}x{% endblock %}')
    assert "Exempeldata" in page
    assert "Exempeldata" not in plain


def test_unknown_page_gets_the_swedish_404_page(client: FlaskClient) -> None:
    response = client.get("/finns-inte")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Sidan finns inte" in body
    assert html_lang(body) == "sv"


def test_a_crash_gets_the_swedish_500_page(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/krasch")
    def crash() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/krasch")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Något gick fel" in body
    assert "boom" not in body


@pytest.mark.parametrize("path", ["/", "/sprak/en"])
def test_reading_pages_do_not_need_javascript(client: FlaskClient, path: str) -> None:
    body = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert "<script" not in body


def test_texts_from_the_data_keep_their_paragraphs_and_bullets() -> None:
    from tracker.web.public import TextBlock, text_blocks

    text = "\nInledning:\n• första punkten\n•   andra  punkten\nAvslutning.\n\n"
    assert text_blocks(text) == [
        TextBlock(is_list=False, items=("Inledning:",)),
        TextBlock(is_list=True, items=("första punkten", "andra punkten")),
        TextBlock(is_list=False, items=("Avslutning.",)),
    ]
    assert text_blocks(None) == []


@pytest.mark.parametrize(("contact_email", "how"), [
    ("biogas@rjl.se", 'skriv till oss på <a href="mailto:biogas@rjl.se">biogas@rjl.se</a>'),
    (None, "kontakta överenskommelsens projektledare"),
])
def test_every_page_links_to_the_accessibility_statement(
    client: FlaskClient, app: Flask, contact_email: str | None, how: str
) -> None:
    app.config["CONTACT_EMAIL"] = contact_email
    start = client.get("/").get_data(as_text=True)
    assert '<a href="/tillganglighet">Tillgänglighetsredogörelse</a>' in start
    statement = client.get("/tillganglighet").get_data(as_text=True)
    assert "<h1>Tillgänglighetsredogörelse</h1>" in statement
    assert "WCAG) 2.1 på nivå AA" in statement and "Myndigheten för digital förvaltning (DIGG)" in statement
    assert how in statement
