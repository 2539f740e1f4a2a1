"""Values to check, as a project leader sees them on the demo data: the review page marks each value far from the
party's earlier years (the earlier values, the change, the party's comment) and each answer that contradicts
another (stored before the rule existed), and the overview counts them per party with a link to the review.

Jönköpings kommun reported 5 public stations and 137 gas cars of 451 (30,4 %) for 2024 (the demo)."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import csrf_token_in
from tests.copy_helpers import copy_and_confirm
from tests.forms.excel_helpers import STATIONS, fill, form_of
from tracker.domain import Answer, Indicator, Party, ReportingRound, Submission, SubmissionState, User
from tracker.operations.answers import OperationError, set_answer, set_answer_comment
from tracker.operations.audit import Actor
from tracker.operations.submitting import set_submission_state
from tracker.queries.reporting import previous_report

if TYPE_CHECKING:
    from tests.conftest import AuthActions

LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
STATIONS_COMMENT = "Tre nya stationer vid bussdepåerna och 42 laddgasstolpar som räknas som stationer."


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def flag_of(html: str, field: str) -> str:
    """The text of an answer's row on the review page and of the flag's row under it."""
    rows = html.split(f'id="check-{field}"')[1].split("</tr>")
    return text_of(rows[0] + rows[1])


def jonkoping(session: Session, year: int = 2025) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == "0680", ReportingRound.year == year)).one()


def indicator(session: Session, key: str) -> Indicator:
    return session.scalars(select(Indicator).where(Indicator.key == key)).one()


@pytest.fixture
def contact(session: Session) -> Actor:
    return Actor(user=session.scalars(select(User).where(User.email == CONTACT)).one())


@pytest.fixture
def unusual(session: Session, contact: Actor) -> Submission:
    """Jönköping's 2025 report from 2024's, with 50 stations (confirmed with a comment) and 440 gas cars of 451
    (a share from 30,4 % to 97,6 %, not confirmed)."""
    submission = jonkoping(session)
    previous = previous_report(session, submission)
    assert previous is not None
    copy_and_confirm(session, contact, submission, previous)
    set_answer(session, contact, submission, indicator(session, "II.public_stations"), "50")
    set_answer_comment(session, contact, submission, indicator(session, "II.public_stations"), STATIONS_COMMENT)
    set_answer(session, contact, submission, indicator(session, "III.cars_gas"), "440")
    session.flush()
    return submission


def test_the_review_page_marks_each_value_far_from_earlier_years_with_them_and_the_comment(
    client: FlaskClient, auth: AuthActions, unusual: Submission
) -> None:
    auth.login(LEADER, "demo")
    html = client.get(f"/projektledare/granska/{unusual.id}").get_data(as_text=True)
    page = text_of(html)
    assert "2 värden att kontrollera" in page
    assert 'href="#check-q_II_public_stations"' in html and 'id="check-q_II_public_stations"' in html
    assert 'href="#check-q_III_cars_gas_share"' in html
    stations = flag_of(html, "q_II_public_stations")
    assert "Att kontrollera" in stations and "Mycket högre än förra året (5 st → 50 st)." in stations
    assert "Tidigare år: 2024: 5 st, 2023: 5 st, 2022: 4 st, 2021: 4 st, 2020: 3 st, 2019: 3 st" in stations
    assert f"Partens kommentar: {STATIONS_COMMENT}" in stations
    share = flag_of(html, "q_III_cars_gas_share")
    assert "Mycket högre än förra året (30,4 % → 97,6 %)." in share and "2024: 30,4 %" in share
    assert "Ingen kommentar ännu: rapporten kan inte skickas in förrän värdet har fått en kommentar." in share
    assert 'id="check-q_III_cars_total"' not in html  # 451 cars, as last year: nothing to check


def test_the_party_cannot_submit_until_every_such_value_has_a_comment(
    session: Session, contact: Actor, unusual: Submission
) -> None:
    with pytest.raises(OperationError):
        set_submission_state(session, contact, unusual, SubmissionState.SUBMITTED)
    set_answer_comment(session, contact, unusual, indicator(session, "III.cars_gas_share"),
                       "Leasingavtalen förnyades och nästan alla nya bilar är gasbilar.")
    set_submission_state(session, contact, unusual, SubmissionState.SUBMITTED)
    assert unusual.state is SubmissionState.SUBMITTED


def test_the_overview_counts_the_values_to_check_of_each_party_with_a_link_to_the_review(
    client: FlaskClient, auth: AuthActions, unusual: Submission
) -> None:
    auth.login(LEADER, "demo")
    html = client.get("/projektledare/oversikt?ar=2025").get_data(as_text=True)
    assert html.count("att kontrollera</a>") == 1  # Jönköping only
    link = re.search(r'<a class="overview__to-check" href="([^"]+)">([^<]+)</a>', html)
    assert link is not None
    assert (link.group(1), link.group(2)) == (f"/projektledare/granska/{unusual.id}#values-to-check",
                                              "2 värden att kontrollera")
    row = text_of(html.split("Jönköpings kommun</th>")[1].split("</tr>")[0])
    assert "2 värden att kontrollera" in row


def test_an_answer_stored_before_the_rules_that_contradicts_another_is_marked_and_its_share_never_reached(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    """150 gas cars of 100 cars, as an import of earlier data could have stored them: a share of 150 %."""
    submission = jonkoping(session)
    submission.answers += [Answer(indicator=indicator(session, "III.cars_total"), value_number=100),
                           Answer(indicator=indicator(session, "III.cars_gas"), value_number=150)]
    session.flush()
    auth.login(LEADER, "demo")
    html = client.get(f"/projektledare/granska/{submission.id}").get_data(as_text=True)
    page = text_of(html)
    assert "1 värde att kontrollera" in page
    row = flag_of(html, "q_III_cars_gas")
    assert "Motsäger ett annat svar: Fler gasbilar än bilar: kontrollera siffrorna." in row
    assert "150 %" in page and "uppnått" not in page
    form = text_of(client.get(f"/rapportera/{submission.id}/atagande/III").get_data(as_text=True))
    assert "150 %" in form and "Mål: minst 50 %" in form  # the share and its target are shown...
    assert "uppnått" not in form  # ...but more than the whole never reaches it
    assert "Fler gasbilar än bilar: kontrollera siffrorna." in form  # said at the field
    overview = client.get("/projektledare/oversikt?ar=2025").get_data(as_text=True)
    assert "1 värde att kontrollera" in text_of(overview.split("Jönköpings kommun</th>")[1].split("</tr>")[0])


def test_the_offline_form_preview_lists_a_value_far_from_earlier_years_and_the_import_is_allowed(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    submission = jonkoping(session)
    filled = fill(form_of(session), {"Åtagande II": {STATIONS: 50}})
    token = csrf_token_in(client.get("/projektledare/excel").get_data(as_text=True))
    uploaded = client.post(f"/projektledare/excel/{submission.id}", content_type="multipart/form-data",
                           data={"csrf_token": token, "workbook": (io.BytesIO(filled), "ifyllt.xlsx")})
    assert uploaded.status_code == 303
    preview = client.get(uploaded.headers["Location"]).get_data(as_text=True)
    page = text_of(preview)
    assert "1 värde skiljer sig mycket från tidigare år" in page
    assert "Åtagande II: Hur många publika tankstationer för biogas finns i kommunen? – Mycket högre än förra " \
           "året (5 st → 50 st)" in page
    confirmed = client.post(uploaded.headers["Location"], data={"csrf_token": csrf_token_in(preview)})
    assert confirmed.status_code == 303  # saved; the review page marks it and submitting needs its comment
    review = text_of(client.get(f"/projektledare/granska/{submission.id}").get_data(as_text=True))
    assert "1 värde att kontrollera" in review and "Mycket högre än förra året (5 st → 50 st)" in review
