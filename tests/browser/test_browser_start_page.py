"""The start page in a real browser: the eight commitments, the language switch by keyboard, WCAG 2.1 AA."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer


def test_start_page_lists_the_commitments_in_swedish(page: Page, live_server: LiveServer,
                                                     assert_accessible: Callable[[Page], None]) -> None:
    page.goto(live_server("/"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Överenskommelse kring biogas i Jönköpings län")
    for number in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII"):
        expect(page.get_by_role("heading", name=f"Åtagande {number}", exact=False).first).to_be_visible()
    assert_accessible(page)


def test_the_language_switch_works_with_the_keyboard(page: Page, live_server: LiveServer,
                                                     assert_accessible: Callable[[Page], None]) -> None:
    page.goto(live_server("/"))
    page.get_by_role("link", name="English").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agreement on biogas in Jönköping County")
    assert_accessible(page)
    page.get_by_role("link", name="Svenska").focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_the_accessibility_statement_is_one_link_away(page: Page, live_server: LiveServer,
                                                      assert_accessible: Callable[[Page], None]) -> None:
    page.goto(live_server("/"))
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    expect(page.get_by_role("heading", name="Meddela oss brister")).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_check_catches_a_violation(page: Page, live_server: LiveServer,
                                                     assert_accessible: Callable[[Page], None]) -> None:
    page.set_content('<html lang="sv"><body><main><input type="text"><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)
