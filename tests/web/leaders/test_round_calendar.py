"""The round's dates as the project leader meets them: a round opens by itself on its opening day (the app looks
at the calendar before a request), opening earlier asks first and says when it was to open, a closing day can be
set, a new round's message says what its dates mean, and the round's history lists the county figures."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.leaders.test_rounds import ROUNDS, existing_round, page_text, post, text_of
from tracker.domain import AuditEvent, RoundState
from tracker.domain.calendar import today_in_sweden

if TYPE_CHECKING:
    from tests.conftest import AuthActions


@pytest.fixture
def leader(auth: AuthActions) -> AuthActions:
    assert auth.login("projektledare@exempel.se", "demo").status_code == 303
    return auth


def iso(day: date) -> str:
    return day.isoformat()


def test_a_new_round_with_its_dates_says_when_it_opens(leader: AuthActions, client: FlaskClient) -> None:
    response = post(leader, ROUNDS, {"year": "2026", "opens_on": "2027-01-15", "deadline_on": "2027-03-31"}, ROUNDS)
    assert response.status_code == 303
    text = page_text(client, ROUNDS + "/2026")
    assert ("Omgången för 2026 är skapad. Den öppnar för rapportering den 15 januari 2027, och sista dagen att "
            "lämna in är 31 mars 2027.") in text
    assert "Ange datumen" not in text and "Ge den en sista dag" not in text


def test_opening_before_the_opening_day_asks_first_and_then_opens_today(
    leader: AuthActions, client: FlaskClient, session: Session
) -> None:
    today = today_in_sweden()
    opens = today + timedelta(days=60)
    post(leader, ROUNDS, {"year": "2026", "opens_on": iso(opens), "deadline_on": iso(opens + timedelta(days=30))},
         ROUNDS)
    asked = post(leader, ROUNDS + "/2026/oppna", {}, ROUNDS + "/2026")
    assert asked.status_code == 200
    text = text_of(asked.get_data(as_text=True))
    assert "Öppna omgången före dagen då den ska öppna?" in text
    assert "Ja, öppna den i dag" in text
    assert existing_round(session, 2026).state is RoundState.PLANNED  # asking changed nothing
    confirmed = post(leader, ROUNDS + "/2026/oppna", {"tidigt": "1"}, ROUNDS + "/2026")
    assert confirmed.status_code == 303
    opened = existing_round(session, 2026)
    assert opened.state is RoundState.OPEN and opened.opens_on == today


def test_a_round_opens_by_itself_on_its_opening_day(
    app: Flask, leader: AuthActions, client: FlaskClient, session: Session
) -> None:
    today = today_in_sweden()
    post(leader, ROUNDS, {"year": "2026", "opens_on": iso(today), "deadline_on": iso(today + timedelta(days=30))},
         ROUNDS)
    assert existing_round(session, 2026).state is RoundState.PLANNED  # the app has not looked yet (off in tests)
    app.config["ROUND_SCHEDULE_SECONDS"] = 60
    assert "Öppen" in page_text(client, ROUNDS + "/2026")
    assert existing_round(session, 2026).state is RoundState.OPEN
    opened = session.scalars(select(AuditEvent).where(
        AuditEvent.entity == "reporting_round", AuditEvent.entity_id == existing_round(session, 2026).id,
        AuditEvent.action == "round.state")).one()
    assert (opened.actor, opened.new_value) == ("schedule", "open")


def test_a_closing_day_is_saved_and_checked_by_field(leader: AuthActions, client: FlaskClient,
                                                      session: Session) -> None:
    round_2025 = existing_round(session, 2025)
    assert round_2025.deadline_on is not None
    deadline = iso(round_2025.deadline_on)
    opens = iso(round_2025.opens_on) if round_2025.opens_on else ""
    too_early = post(leader, ROUNDS + "/2025/datum", {"opens_on": opens, "deadline_on": deadline,
                                                      "closes_on": iso(round_2025.deadline_on - timedelta(days=1))})
    assert too_early.status_code == 400
    text = text_of(too_early.get_data(as_text=True))
    assert "Stängs automatiskt den: Omgången kan inte stängas före sista dagen att lämna in." in text
    backwards = post(leader, ROUNDS + "/2025/datum", {"opens_on": deadline, "deadline_on": iso(
        round_2025.deadline_on - timedelta(days=1)), "closes_on": ""})
    text = text_of(backwards.get_data(as_text=True))
    assert backwards.status_code == 400
    assert "Sista dag att lämna in: Den kan inte vara före den dag omgången öppnar." in text
    assert "Sista dag att lämna in: Sista dag" not in text  # the field is named once
    closes = max(today_in_sweden(), round_2025.deadline_on) + timedelta(days=14)
    saved = post(leader, ROUNDS + "/2025/datum", {"opens_on": opens, "deadline_on": deadline, "closes_on": iso(closes)})
    assert saved.status_code == 303
    assert existing_round(session, 2025).closes_on == closes
    text = page_text(client, ROUNDS + "/2025")
    assert "Stängs automatiskt" in text
    months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december")
    history = text.split("Ändringar av omgången")[-1]
    assert f"{closes.day} {months[closes.month - 1]} {closes.year}" in history  # as the page writes dates
    assert closes.isoformat() not in history


def test_the_history_lists_the_county_figures_with_their_names_and_values(
    leader: AuthActions, client: FlaskClient
) -> None:
    assert post(leader, ROUNDS + "/2025/lansiffror", {"q_county_biogas_production_gwh": "123,5",
                                                      "q_county_public_stations": ""}).status_code == 303
    history = text_of(client.get(ROUNDS + "/2025").get_data(as_text=True)).split("Ändringar av omgången")[-1]
    row = history.split("Länssiffra ändrad")[1][:200]
    assert "Länssiffra ändrad" in history and "123,5" in row
    assert "county.biogas_production_gwh" not in history  # the figure's name, not its key
