"""The round's texts for the forum in a real browser, on a demo database of its own: the project leader goes from
the round's page to the texts, enters the presenters, the conclusions with the verdict and a reflection with the
keyboard, saves, sees them again and finds the change in the round's history; a name too long gets a message at
the field. axe-core reports no WCAG 2.1 A/AA violation on the page, with and without errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in_at
from tests.browser.keyboard_only import follow, tab_to, type_in

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer


@pytest.fixture
def server(own_server: Callable[..., LiveServer]) -> LiveServer:
    return own_server()


@pytest.mark.slow(reason="enters the texts for the forum in Chromium, with axe on the page with and without errors")
def test_a_leader_writes_the_conclusions_and_a_reflection(
    page: Page, server: LiveServer, assert_accessible: Callable[[Page], None]
) -> None:
    sign_in_at(page, server, "projektledare@exempel.se")
    page.goto(server("/projektledare/omgangar/2024"))
    follow(page, page.get_by_role("link", name="Skriv texterna till forumet"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Presentationen för forumet 2024")
    assert_accessible(page)

    first = page.get_by_role("group", name="Presentatör 3")  # 2024 has two presenters: the first blank row
    type_in(page, first.get_by_label("Namn"), "Anna " + "A" * 200)
    follow(page, page.get_by_role("button", name="Spara texterna till forumet"))
    expect(page).to_have_title(re.compile("^Fel: "))
    expect(page.get_by_role("alert")).to_contain_text("Presentatör 3: Namn: högst 200 tecken.")
    assert_accessible(page)

    type_in(page, page.get_by_role("group", name="Presentatör 3").get_by_label("Namn"), "Anna Andersson")
    type_in(page, page.get_by_label("Slutsatser (svenska), en punkt per rad"), "Produktionsmålet är nått")
    tab_to(page, page.get_by_role("radio", name="Inte bestämt"))  # Tab enters the group at the checked option
    page.keyboard.press("ArrowDown")  # Ja
    page.keyboard.press("ArrowDown")  # Delvis
    type_in(page, page.get_by_label("Motivering (svenska)"), "Busstrafiken går mot el.")
    reflection = page.get_by_role("group", name="Reflektion 1")
    type_in(page, reflection.get_by_label("Citat eller tema (svenska)"), "Marknad i förändring")
    type_in(page, reflection.get_by_label("Roll (svenska), till exempel biogasproducent"), "Energibolag")
    type_in(page, reflection.get_by_label("Deras förslag (svenska)"), "Revidera till 2027")
    follow(page, page.get_by_role("button", name="Spara texterna till forumet"))

    expect(page.locator(".notice")).to_contain_text("Texterna till forumet är sparade.")
    expect(page.get_by_role("group", name="Presentatör 3").get_by_label("Namn")).to_have_value("Anna Andersson")
    expect(page.get_by_role("radio", name="Delvis")).to_be_checked()
    expect(page.get_by_role("group", name="Reflektion 1").get_by_label("Citat eller tema (svenska)")).to_have_value(
        "Marknad i förändring")
    expect(page.get_by_role("group", name="Reflektion 2")).to_be_visible()  # a blank row for the next one
    assert_accessible(page)

    page.goto(server("/projektledare/omgangar/2024"))
    history = page.get_by_role("table", name="Ändringar av omgången, den senaste först")
    expect(history).to_contain_text("Texterna till forumet ändrade")
    expect(history).to_contain_text("Marknad i förändring")
