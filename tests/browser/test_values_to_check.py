"""Plausible numbers in a real browser, on a demo database of its own: the contact of Jönköpings kommun reports 50
public stations (5 last year), sees the warning at the field, cannot submit, follows the summary's link to the
comment on the value and confirms it; the project leader finds the party marked on the overview and the value on
the review page. axe-core reports no WCAG 2.1 A/AA violation on any of the pages."""

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
from tracker.domain import User
from tracker.operations.audit import Actor
from tracker.queries.reporting import previous_report

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer

LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
WARNING = "Mycket högre än förra året (5\u00a0st → 50\u00a0st): bekräfta med en kommentar."
COMMENT = "Tre nya stationer vid bussdepåerna öppnade under året."


def from_last_year(session: Session) -> None:
    """The contact has filled the report in from 2024's: complete, nothing to check yet."""
    submission = jonkoping_2025(session)
    previous = previous_report(session, submission)
    assert previous is not None
    contact = Actor(user=session.scalars(select(User).where(User.email == CONTACT)).one())
    copy_and_confirm(session, contact, submission, previous)


def sign_in(page: Page, server: LiveServer, email: str) -> None:
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill("demo")
    page.get_by_label("Lösenord", exact=True).press("Enter")
    page.wait_for_load_state()


@pytest.mark.slow(reason="a contact and a project leader in Chromium, axe on every page")
def test_a_value_far_from_last_year_is_confirmed_by_the_contact_and_marked_for_the_leader(
    browser: Browser, page: Page, own_server: Callable[..., LiveServer], assert_accessible: Callable[[Page], None],
) -> None:
    server = own_server(from_last_year)
    with server.database.session() as session:
        report = f"/rapportera/{jonkoping_2025(session).id}"
    sign_in(page, server, CONTACT)
    page.goto(server(f"{report}/atagande/II"))
    page.get_by_label(re.compile("Hur många publika tankstationer")).fill("50")
    page.get_by_role("button", name="Spara och gå till åtagande III").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tankinfrastruktur")  # stays to show the warning
    expect(page.get_by_role("status")).to_contain_text("Utkastet är sparat")
    expect(page.get_by_label(re.compile("Hur många publika tankstationer"))).to_have_accessible_description(
        re.compile(re.escape(WARNING)))  # read out with the field
    assert_accessible(page)

    page.goto(server(report))
    page.get_by_role("button", name="Skicka in rapporten").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(f"Åtagande II: {WARNING}")
    assert_accessible(page)
    summary.get_by_role("link").click()
    comment = page.get_by_label("Kommentar till värdet")
    expect(comment).to_be_focused()
    comment.fill(COMMENT)
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Mycket högre än förra året (5\u00a0st → 50\u00a0st). Bekräftat med en kommentar.")
           ).to_be_visible()
    assert_accessible(page)
    page.goto(server(report))
    page.get_by_role("button", name="Skicka in rapporten").click()
    expect(page.get_by_text("Tack! Rapporten har skickats in.")).to_be_visible()

    leader = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(leader, server, LEADER)
    leader.goto(server("/projektledare/oversikt?ar=2025"))
    marker = leader.get_by_role("row", name=re.compile("Jönköpings kommun")).get_by_role(
        "link", name="1 värde att kontrollera")
    assert_accessible(leader)
    marker.click()
    expect(leader.get_by_role("heading", name="1 värde att kontrollera")).to_be_visible()
    flag = leader.locator(".review-check")
    expect(flag).to_contain_text("Mycket högre än förra året (5\u00a0st → 50\u00a0st).")
    expect(flag).to_contain_text("Tidigare år: 2024: 5\u00a0st, 2023: 5\u00a0st, 2022: 4\u00a0st")
    expect(flag).to_contain_text(COMMENT)
    assert_accessible(leader)
    leader.context.close()
