"""Who may see the dashboard and take its files: forum members, project leaders and admins; the Excel summary
only project leaders and admins. Anonymous visitors are sent to the sign-in page, contacts get 403."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from tests.web.forum.forum_helpers import ADMIN, CONTACT, FORUM, LEADER

PAGES = [
    "/uppfoljning/2023",
    "/uppfoljning/2023/trend/III.cars_gas_share",
    "/uppfoljning/2023/diagram/status-II.svg",
    "/uppfoljning/2023/handout.pdf",
]


@pytest.mark.parametrize("path", [*PAGES, "/uppfoljning", "/uppfoljning/2023/sammanstallning.xlsx"])
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in?next=")


@pytest.mark.parametrize("path", [*PAGES, "/uppfoljning", "/uppfoljning/2023/sammanstallning.xlsx"])
def test_contacts_may_not(sign_in_as: Callable[[str], FlaskClient], path: str) -> None:
    assert sign_in_as(CONTACT).get(path).status_code == 403


@pytest.mark.slow(reason="opens every forum page and builds every download (Excel, deck, PDF handout)")
@pytest.mark.parametrize("email", [FORUM, LEADER, ADMIN])
def test_forum_members_project_leaders_and_admins_may(sign_in_as: Callable[[str], FlaskClient], email: str) -> None:
    client = sign_in_as(email)
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    latest = client.get("/uppfoljning")
    assert latest.status_code == 303
    assert latest.headers["Location"] == "/uppfoljning/2024"  # the latest closed round; 2025 is open


def test_the_excel_summary_is_the_project_leaders(sign_in_as: Callable[[str], FlaskClient]) -> None:
    client = sign_in_as(FORUM)
    assert client.get("/uppfoljning/2023/sammanstallning.xlsx").status_code == 403
    assert "sammanstallning.xlsx" not in client.get("/uppfoljning/2023").get_data(as_text=True)


@pytest.mark.parametrize("email", [LEADER, ADMIN])
def test_project_leaders_download_the_excel_summary(sign_in_as: Callable[[str], FlaskClient], email: str) -> None:
    client = sign_in_as(email)
    assert 'href="/uppfoljning/2023/sammanstallning.xlsx"' in client.get("/uppfoljning/2023").get_data(as_text=True)
    response = client.get("/uppfoljning/2023/sammanstallning.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"] == "attachment; filename=sammanstallning-2023.xlsx"
    workbook = load_workbook(BytesIO(response.data), read_only=True)
    assert "Sammanfattning" in workbook.sheetnames
    workbook.close()


@pytest.mark.parametrize("email", [FORUM, LEADER])
def test_the_deck_is_for_the_forum_too(sign_in_as: Callable[[str], FlaskClient], email: str) -> None:
    client = sign_in_as(email)
    assert 'href="/uppfoljning/2023/uppfoljning.pptx"' in client.get("/uppfoljning/2023").get_data(as_text=True)
    response = client.get("/uppfoljning/2023/uppfoljning.pptx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert response.headers["Content-Disposition"] == "attachment; filename=uppfoljning-2023.pptx"
    with zipfile.ZipFile(BytesIO(response.data)) as deck:
        assert "ppt/presentation.xml" in deck.namelist()


@pytest.mark.slow(reason="renders the whole PDF handout with matplotlib")
def test_the_handout_is_a_pdf(forum_client: FlaskClient) -> None:
    response = forum_client.get("/uppfoljning/2023/handout.pdf")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=biogas-uppfoljning-2023.pdf"
    assert response.data.startswith(b"%PDF")


@pytest.mark.parametrize("path", [
    "/uppfoljning/2025",  # open: not followed up yet
    "/uppfoljning/2018",
    "/uppfoljning/2025/handout.pdf",
    "/uppfoljning/2023/trend/no.such_indicator",
    "/uppfoljning/2023/trend/II.first_station_year",  # a year has no trend of its own
    "/uppfoljning/2023/diagram/no-such-chart.svg",
])
def test_what_is_not_there_is_404(forum_client: FlaskClient, path: str) -> None:
    assert forum_client.get(path).status_code == 404


def test_the_header_links_to_the_dashboard_for_those_who_may(sign_in_as: Callable[[str], FlaskClient]) -> None:
    assert 'href="/uppfoljning"' in sign_in_as(FORUM).get("/").get_data(as_text=True)


def test_contacts_see_no_link_to_it(sign_in_as: Callable[[str], FlaskClient]) -> None:
    assert 'href="/uppfoljning"' not in sign_in_as(CONTACT).get("/").get_data(as_text=True)


@pytest.mark.slow(reason="builds the final report's deck and workbook over every year")
def test_forum_members_take_the_report_over_every_year(sign_in_as: Callable[[str], FlaskClient]) -> None:
    client = sign_in_as(FORUM)
    page = client.get("/uppfoljning/2024").get_data(as_text=True)
    assert "Alla år hittills, 2019–2024" in page
    assert 'href="/uppfoljning/2024/slutrapport.pptx"' in page and 'href="/uppfoljning/2024/slutrapport.xlsx"' in page
    deck = client.get("/uppfoljning/2024/slutrapport.pptx")
    assert deck.status_code == 200
    assert deck.headers["Content-Disposition"] == "attachment; filename=slutrapport-2024.pptx"
    with zipfile.ZipFile(BytesIO(deck.data)) as package:
        assert "ppt/presentation.xml" in package.namelist()
    workbook = client.get("/uppfoljning/2024/slutrapport.xlsx")
    assert workbook.status_code == 200 and workbook.headers["Cache-Control"] == "no-store"
    assert load_workbook(BytesIO(workbook.data)).sheetnames[:2] == ["Slutrapport", "Mål per år"]


@pytest.mark.parametrize("path", ["/uppfoljning/2024/slutrapport.pptx", "/uppfoljning/2024/slutrapport.xlsx"])
def test_the_report_over_every_year_is_not_the_contacts(client: FlaskClient, sign_in_as: Callable[[str], FlaskClient],
                                                        path: str) -> None:
    assert client.get(path).status_code == 302
    assert sign_in_as(CONTACT).get(path).status_code == 403
