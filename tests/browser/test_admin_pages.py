"""The admin's pages in a real browser (read only: the live server is shared): the user list, a user's page
and the reminders of the open round pass axe-core's WCAG 2.1 A/AA rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer


@pytest.mark.slow(reason="axe on every admin and reminders page in Chromium")
def test_the_admin_pages_and_the_reminders_are_accessible(page: Page, live_server: LiveServer,
                                                          sign_in: Callable[..., None],
                                                          assert_accessible: Callable[[Page], None]) -> None:
    sign_in(page, "admin@exempel.se")
    page.get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Användare")
    expect(page.get_by_role("cell", name="kontakt.jonkoping@exempel.se")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Jonas Kontaktsson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jonas Kontaktsson")
    expect(page.get_by_label("Jönköpings kommun (0680)")).to_be_checked()
    assert_accessible(page)

    page.goto(live_server("/projektledare/paminnelser/2025"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Påminnelser för 2025")
    preview = page.locator("details", has_text="Jonas Kontaktsson <kontakt.jonkoping@exempel.se>")
    preview.locator("summary").click()  # open the preview
    expect(preview.get_by_text("[en personlig inloggningslänk]")).to_be_visible()
    assert_accessible(page)
