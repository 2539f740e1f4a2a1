"""Review in a real browser, on a demo database of its own: Jönköping's report for 2025 is submitted; the project
leader reads it beside last year's, tries to send it back without a comment, then with one; the contact gets the
mail (a real local SMTP server), signs in with its link and sees the comment at the top of the report and its
forms. axe-core reports no WCAG 2.1 A/AA violation on the review page, with and without errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import jonkoping_2025
from tests.copy_helpers import copy_and_confirm
from tracker.domain import SubmissionState, User
from tracker.operations.audit import Actor
from tracker.operations.submitting import set_submission_state
from tracker.queries.reporting import previous_report

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer
    from tests.conftest import SmtpServer

LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
COMMENT = "Antalet tankstationer i åtagande II verkar vara förra årets – kontrollera och skicka in igen."


def submit_jonkoping(session: Session) -> None:
    """The contact fills the report in from last year's and submits it."""
    submission = jonkoping_2025(session)
    contact = Actor(user=session.scalars(select(User).where(User.email == CONTACT)).one())
    previous = previous_report(session, submission)
    assert previous is not None
    copy_and_confirm(session, contact, submission, previous)
    set_submission_state(session, contact, submission, SubmissionState.SUBMITTED)


@pytest.fixture
def server(own_server: Callable[..., LiveServer], smtp_server: SmtpServer) -> LiveServer:
    """A served demo database of this test's own."""
    return own_server(submit_jonkoping, **smtp_server.config)


def sign_in(page: Page, server: LiveServer, email: str) -> None:
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill("demo")
    page.get_by_label("Lösenord", exact=True).press("Enter")
    page.wait_for_load_state()


@pytest.mark.slow(reason="two users in Chromium, a mail between them, axe on every page")
def test_a_leader_sends_a_report_back_and_the_contact_sees_the_comment(
    browser: Browser, page: Page, server: LiveServer, smtp_server: SmtpServer,
    assert_accessible: Callable[[Page], None],
) -> None:
    with server.database.session() as session:
        submission_id = jonkoping_2025(session).id
    sign_in(page, server, LEADER)
    page.goto(server(f"/projektledare/granska/{submission_id}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Granska rapporten för 2025")
    expect(page.locator(".tag")).to_have_text("Inskickad")
    stations = page.get_by_role("row", name=re.compile("Hur många publika tankstationer"))
    expect(stations.get_by_role("cell")).to_have_count(2)  # this year's answer and last year's, side by side
    assert_accessible(page)

    page.get_by_role("button", name="Skicka tillbaka rapporten").click()  # no comment yet
    expect(page.get_by_role("alert")).to_contain_text("Skriv vad parten behöver rätta.")
    assert page.title().startswith("Fel:")
    assert_accessible(page)
    page.get_by_role("link", name="Skriv vad parten behöver rätta.").click()  # the summary leads to the field
    comment = page.get_by_label("Vad ska parten rätta eller komplettera?")
    expect(comment).to_be_focused()
    comment.fill(COMMENT)
    page.get_by_role("button", name="Skicka tillbaka rapporten").click()
    expect(page.get_by_text("Rapporten från Jönköpings kommun för 2025 är tillbakaskickad.")).to_be_visible()
    expect(page.locator(".tag")).to_have_text("Återsänd för komplettering")
    expect(page.get_by_role("button", name="Godkänn rapporten")).to_have_count(0)
    assert_accessible(page)

    [mail] = smtp_server.messages
    assert mail["To"] == CONTACT and COMMENT in mail.get_content()
    link = re.search(r"http://127\.0\.0\.1:\d+/logga-in/lank/\S+", mail.get_content())
    assert link is not None, "the mail has no sign-in link to this server"

    contact = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    tab = contact.new_page()
    tab.goto(link.group(0))
    tab.get_by_role("button").filter(has_text="Logga in").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Rapport för 2025")  # the link opens the report
    notice = tab.get_by_role("region", name="Projektledarna har skickat tillbaka rapporten")
    expect(notice).to_contain_text(COMMENT)
    assert_accessible(tab)
    tab.get_by_role("link", name=re.compile(r"^Åtagande II\b")).click()
    expect(tab.get_by_role("region", name="Projektledarna har skickat tillbaka rapporten")).to_contain_text(COMMENT)
    expect(tab.get_by_label(re.compile("Hur många publika tankstationer"))).to_be_editable()
    contact.close()
