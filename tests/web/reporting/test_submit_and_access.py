"""Submitting (complete or not), the read-only receipt, and who may read or change which report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tests.web.reporting.reporting_helpers import (
    LEADER,
    REGION_CONTACT,
    Reporter,
    copy_and_confirm,
    csrf,
    submission_id,
)
from tracker.domain import Answer, Submission, SubmissionState


def submit(reporter: Reporter, sid: int, page: str | None = None) -> TestResponse:
    return reporter.post(f"/rapportera/{sid}/skicka-in", {}, page=page, form_path=f"/rapportera/{sid}")


def test_an_incomplete_report_is_not_submitted_and_the_summary_links_to_each_missing_field(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    reporter.post(f"/rapportera/{jonkoping_2025}/atagande/IV", {"q_IV_biogas_share": "100", "status": "done",
                                                                "then": "stay"})
    response = submit(reporter, jonkoping_2025)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and "Rapporten är inte färdig än" in page
    base = f"/rapportera/{jonkoping_2025}/atagande"
    assert f'href="{base}/II#q_II_public_stations"' in page
    assert f'href="{base}/II#q_II_site_preparation-0"' in page  # a radio group: its first option
    assert f'href="{base}/II#status-0"' in page and "Åtagande II: välj en status." in page
    assert "Åtagande III: svara på ”Hur många egna och leasade personbilar har ni?”." in page
    assert f"{base}/IV#" not in page  # complete
    assert f"{base}/II#q_II_first_station_year" not in page  # optional
    session.expire_all()
    assert session.get_one(Submission, jonkoping_2025).state is SubmissionState.DRAFT


def test_a_complete_report_is_submitted_and_then_read_only(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    copy_and_confirm(reporter, jonkoping_2025)
    response = submit(reporter, jonkoping_2025)
    assert response.status_code == 303
    receipt = reporter.open(f"/rapportera/{jonkoping_2025}")
    assert "Tack! Rapporten har skickats in." in receipt and "Inskickad " in receipt
    assert "Det här står i rapporten" in receipt and "skicka-in" not in receipt and "kopiera" not in receipt
    session.expire_all()
    submission = session.get_one(Submission, jonkoping_2025)
    assert submission.state is SubmissionState.SUBMITTED and submission.submitted_dt is not None

    url = f"/rapportera/{jonkoping_2025}/atagande/IV"
    page = reporter.open(url)
    assert 'class="report-form"' not in page and "Rapporten är inskickad och kan inte längre ändras." in page
    before = session.scalars(select(Answer.value_number).join(Answer.indicator)
                             .where(Answer.submission_id == jonkoping_2025)).all()
    response = reporter.client.post(url, data={"csrf_token": csrf(page), "version": "999",
                                               "q_IV_biogas_share": "1", "status": "started"})
    assert response.status_code == 303
    session.expire_all()
    assert session.scalars(select(Answer.value_number).join(Answer.indicator)
                           .where(Answer.submission_id == jonkoping_2025)).all() == before
    assert submit(reporter, jonkoping_2025, page=page).status_code == 303  # already submitted: locked


def test_submitting_a_report_changed_since_the_overview_was_opened_shows_what_changed(
    reporter: Reporter, jonkoping_2025: int
) -> None:
    overview = reporter.open(f"/rapportera/{jonkoping_2025}")
    copy_and_confirm(reporter, jonkoping_2025)
    response = submit(reporter, jonkoping_2025, page=overview)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Rapporten har ändrats sedan du öppnade sidan" in page and "Hur många publika tankstationer" in page
    assert submit(reporter, jonkoping_2025).status_code == 303  # from the page as it is now


def other_party_urls(sid: int) -> list[tuple[str, str]]:
    return [("GET", f"/rapportera/{sid}"), ("GET", f"/rapportera/{sid}/atagande/II"),
            ("GET", f"/rapportera/{sid}/historik"), ("POST", f"/rapportera/{sid}/atagande/II"),
            ("POST", f"/rapportera/{sid}/kopiera"), ("POST", f"/rapportera/{sid}/skicka-in")]


@pytest.mark.parametrize("party", ["06", "0643"])
def test_a_contact_can_neither_read_nor_change_another_partys_report(
    reporter: Reporter, session: Session, party: str
) -> None:
    sid = submission_id(session, party, 2025)
    token = csrf(reporter.open("/rapportera/"))
    for method, url in other_party_urls(sid):
        data = {"csrf_token": token, "q_II_public_stations": "3", "status": "done"} if method == "POST" else None
        response = reporter.client.open(url, method=method, data=data)
        assert response.status_code == 403, (method, url)
        assert "Du har inte tillgång till den här sidan" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get_one(Submission, sid).state is SubmissionState.NOT_STARTED


def test_unknown_reports_and_commitments_are_not_found(reporter: Reporter, jonkoping_2025: int) -> None:
    assert reporter.client.get("/rapportera/999999").status_code == 404
    assert reporter.client.get(f"/rapportera/{jonkoping_2025}/atagande/IX").status_code == 404
    assert reporter.client.get(f"/rapportera/{jonkoping_2025}/atagande/I").status_code == 404  # the region's


def test_signed_out_visitors_are_sent_to_sign_in(client: FlaskClient, session: Session, jonkoping_2025: int) -> None:
    for url in ("/rapportera/", f"/rapportera/{jonkoping_2025}", f"/rapportera/{jonkoping_2025}/atagande/II",
                f"/rapportera/{jonkoping_2025}/historik", "/rapportera/999999"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/logga-in"), url
    token = csrf(client.get("/logga-in").get_data(as_text=True))
    response = client.post(f"/rapportera/{jonkoping_2025}/skicka-in", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/logga-in")


def test_a_report_of_a_closed_round_is_shown_but_cannot_be_changed(
    reporter: Reporter, session: Session
) -> None:
    sid = submission_id(session, "0680", 2024)
    overview = reporter.open(f"/rapportera/{sid}")
    assert "Godkänd " in overview and "Det här står i rapporten" in overview
    page = reporter.open(f"/rapportera/{sid}/atagande/IV")
    assert 'class="report-form"' not in page and "Förra året" not in page.split("<main")[0]
    response = reporter.client.post(f"/rapportera/{sid}/atagande/IV", data={
        "csrf_token": csrf(page), "q_IV_biogas_share": "1", "version": "1"})
    assert response.status_code == 303
    follow = reporter.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rapporteringsomgången för 2024 är stängd" in follow
    response = reporter.client.post(f"/rapportera/{sid}/kopiera", data={"csrf_token": csrf(page)})
    assert response.status_code == 303


def test_the_region_contact_and_the_project_leader(
    client_factory: Callable[[], Reporter], session: Session, jonkoping_2025: int
) -> None:
    region = client_factory().login(REGION_CONTACT)
    assert "Region Jönköpings län" in region.open("/rapportera/")
    assert region.client.get(f"/rapportera/{jonkoping_2025}").status_code == 403
    leader = client_factory().login(LEADER)
    assert leader.client.get("/rapportera/").status_code == 403  # reports for no party
    assert leader.client.get(f"/rapportera/{jonkoping_2025}").status_code == 200  # follows every report


def test_a_project_leader_on_a_report_goes_back_to_the_rounds_overview_not_to_my_reporting(
    client_factory: Callable[[], Reporter], reporter: Reporter, jonkoping_2025: int
) -> None:
    leader = client_factory().login(LEADER)
    page = leader.open(f"/rapportera/{jonkoping_2025}")
    assert '<a href="/projektledare/oversikt?ar=2025">Översikt 2025</a>' in page
    assert 'href="/rapportera/"' not in page  # "My reporting" would be a 403 for someone with no party
    assert leader.client.get("/projektledare/oversikt?ar=2025").status_code == 200
    assert '<a href="/rapportera/">Min rapportering</a>' in reporter.open(f"/rapportera/{jonkoping_2025}")


def test_opening_the_address_of_an_action_leads_to_its_page(reporter: Reporter, jonkoping_2025: int) -> None:
    """The address bar after a refused submission is /rapportera/<id>/skicka-in; the language switch and a
    reload open it with GET: they land on the report, in the language asked for."""
    refused = submit(reporter, jonkoping_2025)
    assert refused.status_code == 200 and "Rapporten är inte färdig än" in refused.get_data(as_text=True)
    response = reporter.client.get(f"/rapportera/{jonkoping_2025}/skicka-in")
    assert response.status_code == 303 and response.headers["Location"] == f"/rapportera/{jonkoping_2025}"
    switched = reporter.client.get(f"/sprak/en?next=/rapportera/{jonkoping_2025}/skicka-in", follow_redirects=True)
    assert switched.status_code == 200 and switched.request.path == f"/rapportera/{jonkoping_2025}"
    assert "Report for 2025" in switched.get_data(as_text=True)


def test_an_action_deeper_down_leads_to_the_nearest_page_up_its_path(
    client_factory: Callable[[], Reporter], session: Session
) -> None:
    """/projektledare/omgangar/2025/parter/<id> (give a party its report) has no page of its own, nor has
    …/parter: the round's page is the nearest."""
    leader = client_factory().login(LEADER)
    response = leader.client.get("/projektledare/omgangar/2025/parter/1")
    assert response.status_code == 303 and response.headers["Location"] == "/projektledare/omgangar/2025"


def test_a_wrong_method_without_a_page_to_go_to_is_a_page_in_the_users_language(client: FlaskClient) -> None:
    response = client.post("/")
    assert response.status_code == 405
    page = response.get_data(as_text=True)
    assert "Sidan kan inte visas" in page and "Method Not Allowed" not in page
