"""The round's texts for the forum as a project leader writes them: the page shows what is stored with blank rows
to add more, saving stores it and shows it again, every change is in the round's history, a text too long gets a
message naming the field (nothing saved), and the deck then carries it."""

from __future__ import annotations

import re
from html import unescape
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from pptx import Presentation as OpenDeck
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import ReportingRound
from tracker.domain.presentation import Verdict, presentation_of

if TYPE_CHECKING:
    from tests.conftest import AuthActions

PAGE = "/projektledare/omgangar/2022/forum"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def leader(auth: AuthActions) -> AuthActions:
    assert auth.login("projektledare@exempel.se", "demo").status_code == 303
    return auth


def stored(session: Session, year: int) -> ReportingRound:
    session.expire_all()
    return session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one()


FILLED = {
    "presenter_1_name": "Anna Andersson", "presenter_1_title_sv": "projektledare",
    "presenter_1_organisation": "Energikontoret", "presenter_2_name": "", "presenter_3_name": "",
    "conclusions_sv": "Produktionsmålet är nått\nFler kommuner har tankstationer",
    "verdict": "partly", "verdict_reason_sv": "Busstrafiken går mot el.",
    "way_forward_sv": "Se över åtagande I", "proposal_sv": "Revidera överenskommelsen till 2027",
    "reflection_1_headline_sv": "Svårt att få tag i gasfordon", "reflection_1_is_quote": "y",
    "reflection_1_points_sv": "Få modeller finns", "reflection_1_role_sv": "Fordonsansvarig",
    "reflection_1_organisation": "Exempelkommunen", "reflection_1_proposal_sv": "Gemensam upphandling",
}


def test_the_round_page_links_to_the_texts_for_the_forum(client: FlaskClient, leader: AuthActions) -> None:
    html = client.get("/projektledare/omgangar/2022").get_data(as_text=True)
    assert f'href="{PAGE}"' in html and "Skriv texterna till forumet" in html


def test_an_empty_round_shows_blank_rows_to_fill(client: FlaskClient, leader: AuthActions) -> None:
    html = client.get(PAGE).get_data(as_text=True)
    text = text_of(html)
    assert "Presentationen för forumet 2022" in text
    assert "Presentatör 1" in text and "Presentatör 2" in text and "Presentatör 3" not in text
    assert "Reflektion 1" in text and "Reflektion 2" not in text
    assert "Lever överenskommelsen upp till sitt syfte?" in text and "Inte bestämt" in text
    assert 'name="csrf_token"' in html


def test_saving_stores_the_texts_shows_them_and_records_the_change(
        client: FlaskClient, leader: AuthActions, session: Session) -> None:
    response = leader.post_form(PAGE, FILLED)
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    saved = presentation_of(stored(session, 2022))
    assert [p.name for p in saved.presenters] == ["Anna Andersson"]
    assert saved.verdict is Verdict.PARTLY
    assert saved.reflections[0].headline_sv == "Svårt att få tag i gasfordon"
    assert saved.reflections[0].is_quote and not saved.reflections[0].may_be_named
    page = client.get(PAGE).get_data(as_text=True)
    assert "Texterna till forumet är sparade." in text_of(page)
    assert 'value="Anna Andersson"' in page and "Presentatör 2" in text_of(page)  # one more blank row
    assert "Presentatör 3" not in text_of(page)
    assert "Reflektion 2" in text_of(page)
    history = text_of(client.get("/projektledare/omgangar/2022").get_data(as_text=True))
    assert "Texterna till forumet ändrade" in history and "Petra Projektsson" in history
    assert "Slutsatser (svenska)" in history and "Produktionsmålet är nått" in history


def test_the_deck_of_the_round_carries_the_texts(client: FlaskClient, leader: AuthActions) -> None:
    assert leader.post_form(PAGE, FILLED).status_code == 303
    response = client.get("/uppfoljning/2022/uppfoljning.pptx")
    assert response.status_code == 200
    deck = OpenDeck(BytesIO(response.data))
    lines = [paragraph.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs]
    shown = [" ".join(shape.text_frame.text.split()) for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    assert any("Anna Andersson, projektledare" in t for t in shown)
    assert "Lever överenskommelsen upp till sitt syfte? – DELVIS" in lines and "Busstrafiken går mot el." in lines
    assert "Förslag: Revidera överenskommelsen till 2027" in lines
    assert "”Svårt att få tag i gasfordon”" in shown
    assert "– Fordonsansvarig" in lines  # not named: the role without the organisation
    assert not any("Exempelkommunen" in t for t in shown)


def test_a_text_too_long_names_its_field_and_saves_nothing(
        client: FlaskClient, leader: AuthActions, session: Session) -> None:
    response = leader.post_form(PAGE, {**FILLED, "presenter_1_name": "A" * 201})
    assert response.status_code == 400
    text = text_of(response.get_data(as_text=True))
    assert "Presentatör 1: Namn: högst 200 tecken." in text
    assert 'href="#presenter_1_name"' in response.get_data(as_text=True)
    assert presentation_of(stored(session, 2022)).presenters == ()


def test_an_unknown_verdict_is_refused(client: FlaskClient, leader: AuthActions, session: Session) -> None:
    response = leader.post_form(PAGE, {**FILLED, "verdict": "maybe"})
    assert response.status_code == 400
    assert presentation_of(stored(session, 2022)).verdict is None


def test_a_control_character_or_a_right_to_left_override_is_refused_and_saves_nothing(
        client: FlaskClient, leader: AuthActions, session: Session) -> None:
    for field, text, message in (("conclusions_sv", "Fler stationer\x00", "tecken som inte kan sparas"),
                                 ("presenter_1_name", "Anna \u202eAndersson", "osynliga formateringstecken")):
        response = leader.post_form(PAGE, {**FILLED, field: text})
        assert response.status_code == 400, field
        assert message in text_of(response.get_data(as_text=True)), field
        kept = presentation_of(stored(session, 2022))
        assert kept.presenters == () and "Fler stationer" not in (kept.conclusions_sv or ""), field
