"""The rounds and the overview in a real browser, on a demo database of its own (the test changes rounds): the
project leader lands on the overview, filters it with the keyboard, creates the round for 2026 (first with a
deadline before the opening), sets its dates, opens and closes it, tries to reopen it without a reason, then with
one, and enters the county figures of 2025 with a decimal comma. axe-core reports no WCAG 2.1 A/AA violation on
any of these pages, with and without errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.keyboard_only import follow, tab_to, type_in

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer

LEADER = "projektledare@exempel.se"


@pytest.fixture
def server(own_server: Callable[..., LiveServer]) -> LiveServer:
    """A served demo database of this test's own."""
    return own_server()


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def notice(page: Page) -> Locator:
    return page.locator(".notice")


@pytest.mark.slow(reason="filters by keyboard and runs a round in Chromium, with axe on every page")
def test_a_leader_filters_the_overview_and_runs_a_round(
    page: Page, server: LiveServer, assert_accessible: Callable[[Page], None]
) -> None:
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(LEADER)
    page.get_by_label("Lösenord", exact=True).fill("demo")
    with page.expect_navigation():
        page.get_by_label("Lösenord", exact=True).press("Enter")
    expect(page).to_have_url(server("/projektledare/oversikt"))
    assert heading(page) == "Översikt: vem har rapporterat?"
    expect(page.locator(".overview-counts")).to_have_text(re.compile(r"^0 av 14 parter har lämnat in, 0 godkända"))
    expect(page.get_by_role("row")).to_have_count(1 + 14)
    assert_accessible(page)

    # The filters, with the keyboard: the round of 2024, only the late reports.
    tab_to(page, page.get_by_label("Omgång", exact=True)).select_option("2024")
    tab_to(page, page.get_by_label("Bara sena rapporter"))
    page.keyboard.press("Space")
    follow(page, page.get_by_role("button", name="Visa"))
    expect(page.locator(".overview-counts")).to_have_text("13 av 14 parter har lämnat in, 11 godkända, 1 sen.")
    table = page.get_by_role("table", name=re.compile("Rapporterna för 2024"))
    expect(table.get_by_role("rowheader")).to_have_text(["Habo kommun"])
    expect(table.get_by_role("row", name=re.compile("Habo kommun")).get_by_text("Försenad")).to_be_visible()
    link = table.get_by_role("link").first
    expect(link).to_have_attribute("href", re.compile(r"^/projektledare/granska/\d+"))
    assert_accessible(page)

    # A new round: a deadline before the opening is refused with a message at the field.
    page.goto(server("/projektledare/omgangar"))
    assert heading(page) == "Rapporteringsomgångar"
    assert_accessible(page)
    type_in(page, page.get_by_label("År som rapporteras"), "2026")
    type_in(page, page.get_by_label("Öppnar för rapportering"), "2027-03-01")
    type_in(page, page.get_by_label("Sista dag att lämna in"), "2027-01-31")
    follow(page, page.get_by_role("button", name="Skapa omgången"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Sista dag att lämna in: Den kan inte vara före den dag omgången öppnar.")
    expect(page).to_have_title(re.compile("^Fel: "))
    assert_accessible(page)
    type_in(page, page.get_by_label("Sista dag att lämna in"), "2027-03-31")
    follow(page, page.get_by_role("button", name="Skapa omgången"))
    assert heading(page) == "Omgång 2026"
    expect(notice(page)).to_contain_text("Omgången för 2026 är skapad.")
    expect(page.get_by_text("14 parter, 0 inlämnade, 0 godkända")).to_be_visible()
    assert_accessible(page)

    # Open (before its opening day: the page asks first), close, reopen (a reason is required).
    expect(page.get_by_text("den öppnar för rapportering automatiskt den 1 mars 2027")).to_be_visible()
    follow(page, page.get_by_role("button", name="Öppna omgången för rapportering"))
    expect(page.get_by_role("heading", name="Öppna omgången före dagen då den ska öppna?")).to_be_visible()
    expect(page.get_by_text("Omgången ska öppna den 1 mars 2027.")).to_be_visible()
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Ja, öppna den i dag"))
    expect(notice(page)).to_have_text("Omgången för 2026 är öppen: parterna kan rapportera.")
    follow(page, page.get_by_role("button", name="Stäng omgången"))
    expect(notice(page)).to_contain_text("Omgången för 2026 är stängd")
    expect(page.get_by_role("button", name="Spara datumen")).to_have_count(0)  # locked
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Öppna omgången igen"))
    expect(page.get_by_role("alert")).to_contain_text("Skriv varför omgången öppnas igen.")
    expect(page.get_by_label("Varför öppnas omgången igen?")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    type_in(page, page.get_by_label("Varför öppnas omgången igen?"), "Gislaved skickade sina siffror för sent.")
    follow(page, page.get_by_role("button", name="Öppna omgången igen"))
    expect(notice(page)).to_have_text("Omgången för 2026 är öppen igen.")
    expect(page.locator(".reopenings")).to_contain_text(
        re.compile(r"Petra Projektsson: Gislaved skickade sina siffror för sent\."))

    # The county figures of 2025, with a decimal comma.
    page.goto(server("/projektledare/omgangar/2025"))
    type_in(page, page.get_by_label("Biogasproduktion i Jönköpings län under året (GWh)"), "91,5")
    type_in(page, page.get_by_label("Antal publika tankstationer för biogas i länet"), "19")
    follow(page, page.get_by_role("button", name="Spara siffrorna"))
    expect(notice(page)).to_have_text("Länets siffror är sparade.")
    expect(page.get_by_label("Biogasproduktion i Jönköpings län under året (GWh)")).to_have_value("91,5")
    assert_accessible(page)
