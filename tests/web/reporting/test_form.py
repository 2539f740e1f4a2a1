"""The contact's form: what is asked, numbers with a decimal comma, invalid values, copying last year's answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.reporting.reporting_helpers import REGION_CONTACT, Reporter, submission_id
from tracker.domain import Answer, Indicator, Submission, SubmissionState


def answers(session: Session, sid: int) -> dict[str, object]:
    """The stored answers of a report by indicator key: numbers as Decimal, the others as stored."""
    session.expire_all()
    rows = session.execute(
        select(Indicator.key, Answer.value_number, Answer.value_text, Answer.value_bool)
        .join(Answer.indicator).where(Answer.submission_id == sid)
    ).all()
    return {key: next(v for v in (number, text, flag) if v is not None) for key, number, text, flag in rows}


def page_url(sid: int, number: str = "") -> str:
    return f"/rapportera/{sid}" + (f"/atagande/{number}" if number else "")


def test_my_reporting_shows_only_my_party_with_deadline_and_progress(reporter: Reporter) -> None:
    page = reporter.open("/rapportera/")
    assert "Jönköpings kommun" in page and "Rapport för 2025" in page
    assert "31 januari 2027" in page and "dagar kvar" in page
    assert "Ej påbörjad" in page
    assert "0 av 5 frågor besvarade" in page  # commitment III: cars and light trucks, total and gas, guidelines
    assert "Region Jönköpings län</h2>" not in page and "Habo kommun" not in page
    assert "Exempeldata" in page
    assert "Åtagande I:" not in page  # the region's commitment


def test_a_municipality_and_the_region_are_asked_different_questions(
    reporter: Reporter, client_factory: Callable[[], Reporter], session: Session, jonkoping_2025: int
) -> None:
    municipal = reporter.open(page_url(jonkoping_2025, "II"))
    assert 'name="q_II_public_stations"' in municipal and "q_II_depots_public" not in municipal
    assert reporter.client.get(page_url(jonkoping_2025, "I")).status_code == 404  # the region's commitment
    region = client_factory().login(REGION_CONTACT)
    region_sid = submission_id(session, "06", 2025)
    regional = region.open(page_url(region_sid, "II"))
    assert 'name="q_II_depots_public"' in regional and "q_II_public_stations" not in regional
    assert region.client.get(page_url(region_sid, "VIII")).status_code == 404  # municipalities only


def test_the_use_of_own_biogas_is_asked_only_after_yes_to_own_production(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = page_url(jonkoping_2025, "VI")
    page = reporter.open(url)
    assert "<fieldset" in page and "<legend" in page and 'name="q_VI_own_production"' in page
    assert "q_VI_use" not in page
    response = reporter.post(url, {"q_VI_own_production": "yes", "then": "stay"})
    assert response.status_code == 303
    page = reporter.open(url)
    assert 'name="q_VI_use"' in page and 'name="q_VI_upgrading_investigated"' in page
    reporter.post(url, {"q_VI_own_production": "yes", "q_VI_use": "upgraded", "then": "stay"})
    assert answers(session, jonkoping_2025)["VI.use"] == "upgraded"
    reporter.post(url, {"q_VI_own_production": "no", "q_VI_use": "upgraded", "then": "stay"})
    assert "VI.use" not in answers(session, jonkoping_2025)  # no longer applies: removed with its condition
    assert "q_VI_use" not in reporter.open(url)


def test_a_decimal_comma_is_saved_exactly_and_shown_back_with_a_comma(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = page_url(jonkoping_2025, "IV")
    response = reporter.post(url, {"q_IV_biogas_share": "92,5", "status": "started", "then": "stay"})
    assert response.status_code == 303 and response.headers["Location"] == url
    assert answers(session, jonkoping_2025)["IV.biogas_share"] == Decimal("92.5")
    page = reporter.client.get(url).get_data(as_text=True)
    assert re.search(r'id="q_IV_biogas_share"[^>]*value="92,5"|value="92,5"[^>]*id="q_IV_biogas_share"', page)
    assert 'inputmode="decimal"' in page and "Utkastet har sparats." in page
    assert 'id="q_IV_biogas_share-unit">%<' in page
    assert "Förra året (2024):" in page  # last year's answer beside the field


def test_an_invalid_value_keeps_the_valid_ones_and_is_shown_with_its_error(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = page_url(jonkoping_2025, "III")
    response = reporter.post(url, {"q_III_cars_total": "tre hundra", "q_III_cars_gas": "40",
                                   "q_III_guidelines": "yes", "status": "well_advanced", "then": "next"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and 'href="#q_III_cars_total"' in page
    assert 'value="tre hundra"' in page  # what was typed stays in the field
    assert 'aria-invalid="true"' in page and "q_III_cars_total-error" in page
    assert "Ange ett heltal." in page
    assert "Allt annat på sidan har sparats." in page
    stored = answers(session, jonkoping_2025)
    assert stored == {"III.cars_gas": Decimal(40), "III.guidelines": "yes"}
    # the form carries the new version: saving the correction is not a conflict with oneself
    response = reporter.post(url, {"q_III_cars_total": "400", "q_III_cars_gas": "40", "q_III_guidelines": "yes",
                                   "status": "well_advanced", "then": "next"}, page=page)
    assert response.status_code == 303 and response.headers["Location"].endswith("/atagande/IV")
    assert answers(session, jonkoping_2025)["III.cars_total"] == Decimal(400)
    shown = reporter.open(url)
    assert "10\u00a0%" in shown  # the derived share, computed after saving: 40 of 400


def test_junk_posts_get_an_answer_and_store_nothing_values_py_refuses(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = page_url(jonkoping_2025, "III")
    page = reporter.open(url)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token is not None
    for data in ({"version": "99999999999999999999", "q_III_cars_total": "5"}, {"version": "abc", "status": "x" * 5000},
                 {"q_III_cars_total": "1e5", "comment": "a\x00b"}, {"q_III_guidelines": "maybe", "q_VI_use": "flared"},
                 {"q_III_cars_total": "99999999999999999999", "unknown": "1"}):
        response = reporter.client.post(url, data={"csrf_token": token.group(1), **data})
        assert response.status_code in (200, 303, 409), data
    stored = answers(session, jonkoping_2025)
    assert set(stored) <= {"III.cars_total"} and stored.get("III.cars_total", Decimal(5)) == Decimal(5)


def test_more_gas_cars_than_cars_is_refused_at_the_field_and_cannot_be_submitted(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = page_url(jonkoping_2025, "III")
    response = reporter.post(url, {"q_III_cars_total": "100", "q_III_cars_gas": "150", "then": "stay"})
    assert response.status_code == 200  # the page again, with what was not saved
    page = response.get_data(as_text=True)
    assert "Fler gasbilar än bilar: kontrollera siffrorna." in page
    assert 'href="#q_III_cars_gas"' in page  # the error summary leads to the field
    stored = answers(session, jonkoping_2025)
    assert stored["III.cars_total"] == Decimal(100) and "III.cars_gas" not in stored  # the rest is kept
    assert "150\u00a0%" not in page and "uppnått" not in page.split("q_III_cars_gas_share")[-1][:400]
    reporter.post(url, {"q_III_cars_total": "100", "q_III_cars_gas": "50", "then": "stay"})
    assert answers(session, jonkoping_2025)["III.cars_gas"] == Decimal(50)


def test_a_stored_contradiction_keeps_the_report_from_being_submitted(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    """Stored before the rule existed (or imported): the overview lists it with the other missing items."""
    overview = f"/rapportera/{jonkoping_2025}"
    reporter.post(f"{overview}/kopiera", {}, form_path=overview)  # last year's answers: the report is complete
    report = session.get_one(Submission, jonkoping_2025)
    cars = next(a for a in report.answers if a.indicator.key == "III.cars_total")
    gas = next(a for a in report.answers if a.indicator.key == "III.cars_gas")
    assert cars.value_number is not None
    gas.value_number = cars.value_number + 1
    session.flush()
    response = reporter.post(f"{overview}/skicka-in", {}, form_path=overview)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Åtagande III: Fler gasbilar än bilar: kontrollera siffrorna." in page
    assert f'href="{overview}/atagande/III#q_III_cars_gas"' in page
    session.expire_all()
    assert session.get_one(Submission, jonkoping_2025).state is SubmissionState.DRAFT
