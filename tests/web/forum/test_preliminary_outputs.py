"""The follow-up of an open round: project leaders and admins get its dashboard and files, marked preliminary
with the count of reports; forum members see only closed rounds; the cache never serves a stale or a
preliminary output where it should not. Demo data: 2019–2024 closed, 2025 open with no report yet."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.copy_helpers import copy_and_confirm
from tests.web.forum.forum_helpers import ADMIN, CONTACT, FORUM, LEADER
from tracker.domain import Party, ReportingRound, RoundState, Submission, SubmissionState
from tracker.operations.audit import Actor
from tracker.operations.submitting import set_submission_state
from tracker.web.forum.cache import EXTENSION

if TYPE_CHECKING:
    from tests.conftest import AuthActions

OPEN = "/uppfoljning/2025"
PAGES = [OPEN, f"{OPEN}/trend/III.cars_gas_share", f"{OPEN}/diagram/status-II.svg"]
FILES = [f"{OPEN}/uppfoljning.pptx", f"{OPEN}/sammanstallning.xlsx"]
HANDOUT = f"{OPEN}/handout.pdf"
ACTOR = Actor.system("test")


def report(session: Session, code: str, state: SubmissionState = SubmissionState.SUBMITTED) -> Submission:
    """The party's report of 2025 as its contact makes it: last year's answers copied (a draft), then submitted
    unless `state` says draft."""
    def of_year(year: int) -> Submission:
        return session.scalars(select(Submission).join(ReportingRound).join(Party)
                               .where(ReportingRound.year == year, Party.code == code)).one()

    submission = of_year(2025)
    copy_and_confirm(session, ACTOR, submission, of_year(2024))
    if state is SubmissionState.SUBMITTED:
        set_submission_state(session, ACTOR, submission, SubmissionState.SUBMITTED)
    session.commit()  # as the contact's request does (a savepoint of the test's transaction)
    return submission


def set_round_state(session: Session, state: RoundState) -> None:
    session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one().state = state
    session.commit()


def mark_in(html: str) -> str | None:
    found = re.search(r'<strong class="preliminary-banner__mark">([^<]*)</strong>', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("drafts", ["", "?utkast=1"])
@pytest.mark.parametrize("path", [*PAGES, *FILES, HANDOUT])
def test_anonymous_visitors_are_sent_to_sign_in(client: FlaskClient, path: str, drafts: str) -> None:
    response = client.get(path + drafts)
    assert response.status_code == 302 and response.headers["Location"].startswith("/logga-in?next=")


@pytest.mark.parametrize("path", [*PAGES, *FILES, HANDOUT])
def test_contacts_may_not(sign_in_as: Callable[[str], FlaskClient], path: str) -> None:
    assert sign_in_as(CONTACT).get(path).status_code == 403


@pytest.mark.parametrize("drafts", ["", "?utkast=1"])
@pytest.mark.parametrize("path", [*PAGES, *FILES, HANDOUT])
def test_forum_members_do_not_see_an_open_round(forum_client: FlaskClient, path: str, drafts: str) -> None:
    excel = path.endswith(".xlsx")  # the project leaders' working file, in any round
    assert forum_client.get(path + drafts).status_code == (403 if excel else 404)


@pytest.mark.parametrize("email", [LEADER, ADMIN])
@pytest.mark.parametrize("drafts", ["", "?utkast=1"])
@pytest.mark.parametrize("path", [*PAGES, *FILES])
def test_project_leaders_and_admins_get_the_open_rounds_outputs(sign_in_as: Callable[[str], FlaskClient],
                                                                 email: str, path: str, drafts: str) -> None:
    assert sign_in_as(email).get(path + drafts).status_code == 200


@pytest.mark.slow(reason="renders the whole PDF handout with matplotlib, twice")
@pytest.mark.parametrize("email", [LEADER, ADMIN])
def test_project_leaders_and_admins_get_the_open_rounds_handout(sign_in_as: Callable[[str], FlaskClient],
                                                                email: str) -> None:
    client = sign_in_as(email)
    for drafts, name in (("", "biogas-uppfoljning-2025-preliminar.pdf"),
                         ("?utkast=1", "biogas-uppfoljning-2025-preliminar-med-utkast.pdf")):
        response = client.get(HANDOUT + drafts)
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        assert response.headers["Content-Disposition"] == f"attachment; filename={name}"


def test_the_dashboard_says_preliminary_with_the_count_of_reports(sign_in_as: Callable[[str], FlaskClient],
                                                                  session: Session) -> None:
    for code in ("0604", "0617", "0680"):
        report(session, code)
    report(session, "0642", SubmissionState.DRAFT)
    client = sign_in_as(LEADER)
    html = client.get(OPEN).get_data(as_text=True)
    assert mark_in(html) == "PRELIMINÄR – 3 av 14 rapporter inskickade"
    assert "<title>Uppföljning avseende 2025 (preliminär) – " in html
    assert 'href="/uppfoljning/2025?utkast=1">Räkna även med utkast och återsända rapporter</a>' in html
    with_drafts = client.get(f"{OPEN}?utkast=1").get_data(as_text=True)
    assert mark_in(with_drafts) == "PRELIMINÄR – 4 av 14 rapporter, varav 1 ej inskickad"
    charts = re.findall(r'src="(/uppfoljning/2025/diagram/[^"]+)"', with_drafts)
    assert charts and all("utkast=1" in src for src in charts)
    assert 'href="/uppfoljning/2025/uppfoljning.pptx?utkast=1"' in with_drafts
    trend = client.get(f"{OPEN}/trend/III.cars_gas_share?utkast=1").get_data(as_text=True)
    assert mark_in(trend) == "PRELIMINÄR – 4 av 14 rapporter, varav 1 ej inskickad"
    assert mark_in(client.get("/uppfoljning/2024").get_data(as_text=True)) is None  # closed: final


def test_the_year_selector_offers_the_open_year_to_project_leaders_only(sign_in_as: Callable[[str], FlaskClient],
                                                                        auth: AuthActions) -> None:
    leader = sign_in_as(LEADER).get("/uppfoljning/2024").get_data(as_text=True)
    assert re.search(r'href="/uppfoljning/2025">2025 <span class="year-nav__note">\(preliminär\)</span>', leader)
    auth.logout()
    client = sign_in_as(FORUM)
    assert 'href="/uppfoljning/2025"' not in client.get("/uppfoljning/2024").get_data(as_text=True)


def test_a_closed_round_is_final_for_everyone_even_when_drafts_are_asked_for(
        forum_client: FlaskClient) -> None:
    html = forum_client.get("/uppfoljning/2024?utkast=1").get_data(as_text=True)
    assert mark_in(html) is None and "utkast=1" not in html


def test_a_submitted_draft_shows_at_once(sign_in_as: Callable[[str], FlaskClient], session: Session,
                                         app: Flask) -> None:
    draft = report(session, "0680", SubmissionState.DRAFT)
    client = sign_in_as(LEADER)
    assert mark_in(client.get(OPEN).get_data(as_text=True)) == "PRELIMINÄR – 0 av 14 rapporter inskickade"
    first = client.get(f"{OPEN}/sammanstallning.xlsx")
    assert mark_in(client.get(OPEN).get_data(as_text=True)) == "PRELIMINÄR – 0 av 14 rapporter inskickade"
    cache = app.extensions[EXTENSION]
    assert cache.followups.builds == 1  # the second page and the workbook came from the cache
    set_submission_state(session, ACTOR, draft, SubmissionState.SUBMITTED)
    session.commit()
    assert mark_in(client.get(OPEN).get_data(as_text=True)) == "PRELIMINÄR – 1 av 14 rapporter inskickade"
    second = client.get(f"{OPEN}/sammanstallning.xlsx")
    assert cache.followups.builds == 2
    assert first.get_etag() != second.get_etag()
    summary = load_workbook(BytesIO(second.data), read_only=True)["Sammanfattning"]
    first_rows = {cell for row in summary.iter_rows(max_row=4, values_only=True) for cell in row}
    assert "PRELIMINÄR – 1 av 14 rapporter inskickade" in first_rows


def test_closing_and_reopening_never_serves_the_other_version(sign_in_as: Callable[[str], FlaskClient],
                                                              auth: AuthActions, session: Session) -> None:
    report(session, "0680")
    leader = sign_in_as(LEADER)
    assert mark_in(leader.get(OPEN).get_data(as_text=True)) == "PRELIMINÄR – 1 av 14 rapporter inskickade"
    set_round_state(session, RoundState.CLOSED)
    assert mark_in(leader.get(OPEN).get_data(as_text=True)) is None  # final now, for the leader too
    auth.logout()
    forum = sign_in_as(FORUM)
    assert forum.get(OPEN).status_code == 200
    assert mark_in(forum.get(OPEN).get_data(as_text=True)) is None
    set_round_state(session, RoundState.OPEN)  # reopened: preliminary again, and gone from the forum
    assert forum.get(OPEN).status_code == 404
    assert forum.get(f"{OPEN}/uppfoljning.pptx").status_code == 404


def test_a_planned_round_has_preliminary_outputs_too(sign_in_as: Callable[[str], FlaskClient],
                                                     session: Session) -> None:
    set_round_state(session, RoundState.PLANNED)
    html = sign_in_as(LEADER).get(OPEN).get_data(as_text=True)
    assert mark_in(html) == "PRELIMINÄR – 0 av 14 rapporter inskickade"


def test_the_files_of_an_open_round_are_named_preliminary(sign_in_as: Callable[[str], FlaskClient]) -> None:
    client = sign_in_as(LEADER)
    def name(path: str) -> str:
        return client.get(path).headers["Content-Disposition"].removeprefix("attachment; filename=")

    assert name(f"{OPEN}/sammanstallning.xlsx?utkast=1") == "sammanstallning-2025-preliminar-med-utkast.xlsx"
    assert name(f"{OPEN}/uppfoljning.pptx") == "uppfoljning-2025-preliminar.pptx"
    assert name("/uppfoljning/2024/uppfoljning.pptx") == "uppfoljning-2024.pptx"


def test_the_rounds_page_links_to_every_output(sign_in_as: Callable[[str], FlaskClient]) -> None:
    client = sign_in_as(LEADER)
    html = client.get("/projektledare/omgangar/2025").get_data(as_text=True)
    section = html[html.index('id="outputs-heading"'):html.index('id="questions-heading"')]
    assert "Uppföljningens utdata" in section and "märkt PRELIMINÄR" in section
    links = re.findall(r'href="([^"]+)"', section)
    outputs = ["/uppfoljning/2025", "/uppfoljning/2025/uppfoljning.pptx", "/uppfoljning/2025/handout.pdf",
               "/uppfoljning/2025/sammanstallning.xlsx"]
    assert links == [*outputs, *(f"{link}?utkast=1" for link in outputs)]  # each answers 200: tests above
    closed = client.get("/projektledare/omgangar/2024").get_data(as_text=True)
    section = closed[closed.index('id="outputs-heading"'):closed.index('id="questions-heading"')]
    assert re.findall(r'href="([^"]+)"', section) == [link.replace("2025", "2024") for link in outputs]
    assert "slutliga" in section
