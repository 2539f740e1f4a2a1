"""The rounds pages as a project leader uses them, on the demo data (2019–2024 closed, 2025 open): the list,
creating the round for a year (with a report for every party; a double submit creates one round), dates with
clear Swedish messages, opening, closing (locked), reopening with a reason that is shown with who and when, the
county figures (decimal comma, checked by values.py) and the news."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tracker.domain import AuditEvent, Party, ReportingRound, RoundState, RoundValue, Submission, SubmissionState

if TYPE_CHECKING:
    from tests.conftest import AuthActions

LEADER = "projektledare@exempel.se"
ROUNDS = "/projektledare/omgangar"


def text_of(html: str) -> str:
    """The page's text as a reader sees it: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def round_of(session: Session, year: int) -> ReportingRound | None:
    session.expire_all()
    return session.scalars(select(ReportingRound).where(ReportingRound.year == year)).one_or_none()


def existing_round(session: Session, year: int) -> ReportingRound:
    """The round of `year`, read afresh; the test has made it (or the demo has it)."""
    found = round_of(session, year)
    assert found is not None, f"no round for {year}"
    return found


@pytest.fixture
def leader(auth: AuthActions) -> AuthActions:
    assert auth.login(LEADER, "demo").status_code == 303
    return auth


def post(auth: AuthActions, path: str, data: dict[str, str], page: str = ROUNDS + "/2025") -> TestResponse:
    """POST as the browser does from `page` (its CSRF token)."""
    return auth.post_form(path, data, form_path=page)


def page_text(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return text_of(response.get_data(as_text=True))


@pytest.mark.parametrize(("email", "home"), [(LEADER, "/projektledare/oversikt"),
                                             ("admin@exempel.se", "/projektledare/oversikt"),
                                             ("forum@exempel.se", "/uppfoljning"),
                                             ("kontakt.jonkoping@exempel.se", "/rapportera/")])
def test_every_role_lands_on_its_own_page_after_signing_in(auth: AuthActions, email: str, home: str) -> None:
    response = auth.login(email, "demo")
    assert response.headers["Location"] == home


def test_the_list_shows_every_round_with_its_state_dates_and_counts(client: FlaskClient, leader: AuthActions) -> None:
    html = client.get(ROUNDS).get_data(as_text=True)
    text = text_of(html)
    assert "Rapporteringsomgångar" in text
    assert "Omgång 2025 (exempel) Öppen 1 november 2026 31 januari 2027 14 0 0" in text
    assert "Omgång 2024 (exempel) Stängd 15 januari 2025 31 mars 2025 14 13 11" in text
    assert text.index("Omgång 2025") < text.index("Omgång 2019")
    assert '<th scope="col">År</th>' in html and "<caption>" in html


def test_creating_the_round_for_a_year_gives_every_party_a_report(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    response = post(leader, ROUNDS, {"year": "2026", "opens_on": "2027-01-15", "deadline_on": "2027-03-31"}, ROUNDS)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/projektledare/omgangar/2026")
    created = round_of(session, 2026)
    assert created is not None and created.state is RoundState.PLANNED
    states = session.scalars(select(Submission.state).where(Submission.round_id == created.id)).all()
    assert states == [SubmissionState.NOT_STARTED] * 14
    text = page_text(client, ROUNDS + "/2026")
    assert "Omgången för 2026 är skapad." in text
    assert "Planerad" in text and "14 parter, 0 inlämnade, 0 godkända" in text
    assert "Omgången för 2026 ställer de frågor som gäller 2026:" in text
    assert "Åtagande III: Gasfordon i den egna fordonsparken (7 frågor)" in text
    assert "Petra Projektsson Skapad År – 2026" in text  # the change history


def test_a_double_submit_creates_one_round_and_says_so(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    assert post(leader, ROUNDS, {"year": "2026"}, ROUNDS).status_code == 303
    again = post(leader, ROUNDS, {"year": "2026"}, ROUNDS)
    assert again.status_code == 400
    text = text_of(again.get_data(as_text=True))
    assert "Det finns problem" in text and "Det finns redan en rapporteringsomgång för 2026." in text
    count = session.scalar(select(func.count()).select_from(ReportingRound).where(ReportingRound.year == 2026))
    assert count == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"year": ""}, "Skriv det år som parterna rapporterar om."),
    ({"year": "tjugo"}, "Skriv året med fyra siffror, till exempel 2026."),
    ({"year": "2026", "opens_on": "15/1 2027"}, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-31."),
    ({"year": "2026", "deadline_on": "2027-02-30"}, "Det datumet finns inte. Kontrollera månad och dag."),
    ({"year": "2026", "opens_on": "2027-03-01", "deadline_on": "2027-01-31"},
     "Den kan inte vara före den dag omgången öppnar."),
])
def test_a_new_round_with_bad_input_gets_a_clear_message_and_nothing_is_created(
    leader: AuthActions, session: Session, data: dict[str, str], message: str
) -> None:
    response = post(leader, ROUNDS, data, ROUNDS)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in text_of(html)
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    assert "<title>Fel:" in html
    summary = text_of(html.split('class="error-summary"')[1].split("</div>")[0])
    assert ": " + message in summary  # the summary names the field before the message
    assert round_of(session, 2026) is None


def test_dates_are_saved_and_a_deadline_before_the_opening_is_refused(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    response = post(leader, ROUNDS + "/2025/datum", {"opens_on": "2026-11-01", "deadline_on": "2027-02-15"})
    assert response.status_code == 303
    assert "Sista dag att lämna in 15 februari 2027" in page_text(client, ROUNDS + "/2025")
    refused = post(leader, ROUNDS + "/2025/datum", {"opens_on": "2027-03-01", "deadline_on": "2027-02-15"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Den kan inte vara före den dag omgången öppnar." in text_of(html)
    assert 'value="2027-03-01"' in html  # what was typed is kept
    this = round_of(session, 2025)
    assert this is not None and this.opens_on is not None and this.deadline_on is not None
    assert (this.opens_on.isoformat(), this.deadline_on.isoformat()) == ("2026-11-01", "2027-02-15")
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "round.dates")).all()
    assert (event.old_value, event.new_value) == ("2027-01-31", "2027-02-15")


def test_a_planned_round_is_opened_once_it_has_a_deadline(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    post(leader, ROUNDS, {"year": "2026"}, ROUNDS)
    page = ROUNDS + "/2026"
    refused = post(leader, page + "/oppna", {}, page)
    assert refused.status_code == 400
    assert "Ange sista dag att lämna in innan du öppnar omgången." in text_of(refused.get_data(as_text=True))
    assert 'href="#deadline_on"' in refused.get_data(as_text=True)
    assert existing_round(session, 2026).state is RoundState.PLANNED
    post(leader, page + "/datum", {"opens_on": "", "deadline_on": "2020-03-31"}, page)
    passed = post(leader, page + "/oppna", {}, page)  # a deadline in the past: refused, not a failed check
    assert passed.status_code == 400
    assert "Sista dag att lämna in, 2020-03-31, har redan passerat" in text_of(passed.get_data(as_text=True))
    assert existing_round(session, 2026).state is RoundState.PLANNED
    post(leader, page + "/datum", {"opens_on": "", "deadline_on": "2027-03-31"}, page)
    assert post(leader, page + "/oppna", {}, page).status_code == 303
    assert existing_round(session, 2026).state is RoundState.OPEN
    assert "Omgången för 2026 är öppen: parterna kan rapportera." in page_text(client, page)


def test_a_closed_round_is_locked_and_reopening_needs_a_reason_that_is_shown(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    page = ROUNDS + "/2025"
    assert post(leader, page + "/stang", {}).status_code == 303
    text = page_text(client, page)
    assert "Omgången för 2025 är stängd: dess rapporter kan inte längre ändras." in text
    assert "Stängd" in text and "Spara siffrorna" not in text and "Spara nyheterna" not in text
    locked = post(leader, page + "/lansiffror", {"q_county_public_stations": "20"})
    assert locked.status_code == 400
    locked_text = text_of(locked.get_data(as_text=True))
    assert "Omgången för 2025 är stängd. Öppna den igen för att göra ändringar." in locked_text
    assert session.scalar(select(func.count()).select_from(RoundValue)
                          .where(RoundValue.round_id == existing_round(session, 2025).id)) == 0
    no_reason = post(leader, page + "/oppna-igen", {"reason": "   "})
    assert no_reason.status_code == 400
    assert "Skriv varför omgången öppnas igen." in text_of(no_reason.get_data(as_text=True))
    assert existing_round(session, 2025).state is RoundState.CLOSED
    assert post(leader, page + "/oppna-igen", {"reason": "Eksjö rättar åtagande II."}).status_code == 303
    assert existing_round(session, 2025).state is RoundState.OPEN
    text = page_text(client, page)
    assert "Omgången för 2025 är öppen igen." in text
    assert re.search(r"Öppnad igen \d+ \w+ \d{4} \d\d:\d\d, Petra Projektsson: Eksjö rättar åtagande II\.", text)


def test_a_contact_cannot_change_a_report_of_a_closed_round(
    client: FlaskClient, leader: AuthActions, auth: AuthActions, session: Session
) -> None:
    post(leader, ROUNDS + "/2025/stang", {})
    auth.logout()
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    submission_id = session.scalars(select(Submission.id).join(Party).join(ReportingRound)
                                    .where(Party.code == "0680", ReportingRound.year == 2025)).one()
    form = f"/rapportera/{submission_id}/atagande/II"
    submission = session.get(Submission, submission_id)
    assert submission is not None
    response = auth.post_form(form, {"q_II_public_stations": "3", "then": "stay",
                                     "version": str(submission.version)})
    assert response.status_code == 303
    assert session.scalar(select(func.count()).select_from(AuditEvent)
                          .where(AuditEvent.submission_id == submission_id)) == 0


def test_county_figures_take_a_decimal_comma_and_a_bad_value_saves_nothing(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    page = ROUNDS + "/2025"
    bad = post(leader, page + "/lansiffror", {"q_county_biogas_production_gwh": "91,5",
                                               "q_county_public_stations": "2,5"})
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert 'id="q_county_public_stations-error"' in html and 'href="#q_county_public_stations"' in html
    assert 'value="91,5"' in html and 'value="2,5"' in html
    this = round_of(session, 2025)
    assert this is not None and this.values == []  # nothing half-saved
    assert post(leader, page + "/lansiffror", {"q_county_biogas_production_gwh": "91,5",
                                               "q_county_public_stations": "19"}).status_code == 303
    html = client.get(page).get_data(as_text=True)
    assert 'value="91,5"' in html and 'value="19"' in html
    assert "Länets siffror är sparade." in text_of(html)
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "round_value.update",
                                                      AuditEvent.user_id.is_not(None))).all()  # not the demo's
    assert {(e.field, e.new_value) for e in events} == {("county.biogas_production_gwh", "91.5"),
                                                        ("county.public_stations", "19")}


def test_the_news_is_saved_one_bullet_per_line_and_shown_as_a_list_once_closed(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    page = ROUNDS + "/2025"
    response = post(leader, page + "/nyheter", {"news_sv": "Ny tankstation i Eksjö\n\n- Biogasbussar i Värnamo",
                                                 "news_en": "New station in Eksjö"})
    assert response.status_code == 303
    this = round_of(session, 2025)
    assert this is not None
    assert (this.news_sv, this.news_en) == ("Ny tankstation i Eksjö\nBiogasbussar i Värnamo", "New station in Eksjö")
    post(leader, page + "/stang", {})
    html = client.get(page).get_data(as_text=True)
    assert '<ul lang="sv"><li>Ny tankstation i Eksjö</li><li>Biogasbussar i Värnamo</li></ul>' in html
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "round.news")) == 2


def test_an_unknown_round_is_404(client: FlaskClient, leader: AuthActions) -> None:
    assert client.get(ROUNDS + "/2031").status_code == 404
    assert post(leader, ROUNDS + "/2031/stang", {}, ROUNDS).status_code == 404
