"""The forum's dashboard in a real browser: a forum member signs in, changes the year with the keyboard, opens a
trend page; both pages pass axe-core's WCAG 2.1 A/AA rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer

LOADED = """img => img.complete ? img.naturalWidth : new Promise(resolve => {
    img.addEventListener("load", () => resolve(img.naturalWidth));
    img.addEventListener("error", () => resolve(0));
})"""


def press_link(page: Page, name: str) -> None:
    """Reach a link with the keyboard (focus) and follow it with Enter, as a keyboard user does."""
    page.get_by_role("link", name=name, exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.slow(reason="reads every chart, table and download of the dashboard in Chromium")
def test_a_forum_member_reads_the_follow_up_of_2023(page: Page, live_server: LiveServer,
                                                     sign_in: Callable[..., None],
                                                     assert_accessible: Callable[[Page], None]) -> None:
    sign_in(page, "forum@exempel.se")
    press_link(page, "Uppföljning")
    expect(page).to_have_url(live_server("/uppfoljning/2024"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning avseende 2024")

    year_selector = page.get_by_role("navigation", name="Välj år")
    expect(year_selector.get_by_role("link")).to_have_text(["2024", "2023", "2022", "2021", "2020", "2019"])
    press_link(page, "2023")
    expect(page).to_have_url(live_server("/uppfoljning/2023"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning avseende 2023")
    expect(year_selector.get_by_role("link", name="2023")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("9 av 13 kommuner har utbyggd tankinfrastruktur").first).to_be_visible()

    figure = page.locator("figure[data-chart='parter-II.public_stations']")
    figure.get_by_text("Visa siffrorna som tabell").click()
    expect(figure.get_by_role("table")).to_be_visible()
    expect(figure.get_by_role("row", name="Jönköpings kommun")).to_contain_text("5\u00a0st")
    images = page.locator("img.chart__image")
    assert images.count() > 20
    for index in range(images.count()):
        images.nth(index).scroll_into_view_if_needed()
        assert images.nth(index).evaluate(LOADED) > 0, index
    assert_accessible(page)

    figure.get_by_role("link", name="Utveckling över tid").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(live_server("/uppfoljning/2023/trend/II.public_stations"))
    expect(page.get_by_role("table")).to_contain_text("2019")
    assert_accessible(page)


@pytest.mark.slow(reason="opens the round page and the preliminary dashboard in Chromium, with axe")
def test_a_project_leader_opens_the_open_rounds_follow_up_from_the_round_page(
        page: Page, live_server: LiveServer, sign_in: Callable[..., None],
        assert_accessible: Callable[[Page], None]) -> None:
    sign_in(page, "projektledare@exempel.se")
    page.goto(live_server("/projektledare/omgangar/2025"))
    outputs = page.get_by_role("region", name="Uppföljningens utdata")
    expect(outputs.get_by_role("link")).to_have_count(8)
    assert_accessible(page)
    press_link(page, "Uppföljningen på webben (diagram och nyckeltal)")
    expect(page).to_have_url(live_server("/uppfoljning/2025"))
    mark = page.locator(".preliminary-banner")
    expect(mark).to_contain_text("PRELIMINÄR – 0 av 14 rapporter inskickade")
    years = page.get_by_role("navigation", name="Välj år")
    expect(years.get_by_role("link", name="2025 (preliminär)")).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    press_link(page, "Räkna även med utkast och återsända rapporter")
    expect(page).to_have_url(live_server("/uppfoljning/2025?utkast=1"))
    expect(mark).to_contain_text("PRELIMINÄR – 0 av 14 rapporter inskickade")  # no draft either: none is said to be
