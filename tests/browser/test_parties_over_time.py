"""Parties over time in a real browser, on a demo database of its own: the admin adds a party that joins in 2025
(first with a year the agreement was not in force), sees an old party's years and lets it leave after 2024 (first
with the years the wrong way round); the project leader finds the new party on the open round's page and gives it
its report. axe-core reports no WCAG 2.1 A/AA violation on any of the pages, with and without errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in_at

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer


@pytest.mark.slow(reason="adds a party, changes a membership and gives a report in Chromium, with axe on every page")
def test_a_party_joins_the_open_round_and_another_leaves(
    page: Page, own_server: Callable[..., LiveServer], assert_accessible: Callable[[Page], None]
) -> None:
    server = own_server()
    sign_in_at(page, server, "admin@exempel.se")
    page.goto(server("/admin/parter"))
    expect(page.get_by_role("row", name="0617")).to_contain_text("från 2018")
    assert_accessible(page)

    page.get_by_label("Kod (kommunkod eller länskod)").fill("0999")
    page.get_by_label("Namn", exact=True).fill("Provkommun")
    page.get_by_label("Medlem från (år)").fill("2017")
    page.get_by_role("button", name="Lägg till parten").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Medlem från: skriv ett år mellan 2018 och 2200")
    assert_accessible(page)
    summary.get_by_role("link").click()  # the summary leads to the field
    expect(page.get_by_label("Medlem från (år)")).to_be_focused()
    page.get_by_label("Medlem från (år)").fill("2025")
    page.get_by_role("button", name="Lägg till parten").click()
    expect(page.locator(".notice")).to_contain_text("Parten är tillagd.")
    expect(page.get_by_role("row", name="0999")).to_contain_text("från 2025")

    page.get_by_role("link", name="Ändra – åren för Gnosjö kommun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medlemskap för Gnosjö kommun")
    assert_accessible(page)
    page.get_by_label("Medlem från (år)").fill("2025")
    page.get_by_label("Medlem till och med (år)").fill("2024")
    page.get_by_role("button", name="Spara medlemskapet").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Medlem till och med: det sista året kan inte vara före det år parten gick med (2025).")
    expect(page.get_by_label("Medlem till och med (år)")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Medlem från (år)").fill("2018")
    page.get_by_role("button", name="Spara medlemskapet").click()
    expect(page.get_by_role("row", name="0617")).to_contain_text("2018–2024")

    page.get_by_role("button", name="Logga ut").click()
    sign_in_at(page, server, "projektledare@exempel.se")
    page.goto(server("/projektledare/omgangar/2025"))
    joining = page.locator("section", has=page.get_by_role("heading", name="Parter utan rapport"))
    expect(joining).to_contain_text("1 part är medlem i överenskommelsen 2025 men har ingen rapport")
    expect(page.get_by_text("13 parter, 0 inlämnade")).to_be_visible()  # Gnosjö's untouched report went
    assert_accessible(page)
    joining.get_by_role("button", name="Ge Provkommun sin rapport för 2025").click()
    expect(page.locator(".notice")).to_contain_text("Provkommun har fått sin rapport i omgången för 2025.")
    expect(page.get_by_role("heading", name="Parter utan rapport")).to_have_count(0)
    expect(page.get_by_role("row", name="Rapport tillagd för en part")).to_contain_text("Provkommun")
    expect(page.get_by_text("14 parter, 0 inlämnade")).to_be_visible()
    assert_accessible(page)
