"""Driving a page with the keyboard alone, as a person without a mouse does: Tab to a control, Enter or Space.

`tab_to` presses Tab until the control has the focus, so a control that cannot be reached by Tab fails the test
(with the path the focus took). Text is typed key by key into the focused field. No mouse event is sent.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

MAX_TABS = 150  # more stops than any page of the app has; past them the focus would be going round


FOCUS_STEP = "target => [target === document.activeElement, (document.activeElement.outerHTML || '').slice(0, 70)]"


def tab_to(page: Page, locator: Locator) -> Locator:
    """Press Tab until `locator` has the focus; fail if it never gets it.

    The control is found once (a role locator is resolved over the whole page each time it is used); after
    each Tab one evaluation asks whether it has the focus and where the focus is.
    """
    expect(locator).to_be_visible()
    target = locator.element_handle()
    path = []
    try:
        for _ in range(MAX_TABS):
            is_focused, focused = page.evaluate(FOCUS_STEP, target)
            if is_focused:
                return locator
            path.append(focused)
            page.keyboard.press("Tab")
    finally:
        target.dispose()
    raise AssertionError(f"Tab never reached {locator} on {page.url}; the focus went:\n" + "\n".join(path[:60]))


def press_and_wait(page: Page, key: str = "Enter") -> None:
    """Press `key` on the focused control and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def follow(page: Page, locator: Locator) -> None:
    """Tab to a link or button and press Enter: the next page is shown."""
    tab_to(page, locator)
    press_and_wait(page)


def type_in(page: Page, field: Locator, text: str) -> None:
    """Focus a text field, select what it holds and type `text` over it."""
    field.focus()
    page.keyboard.press("ControlOrMeta+A")
    if text:
        page.keyboard.type(text)
    else:
        page.keyboard.press("Delete")
    expect(field).to_have_value(text)


def choose(page: Page, radio: Locator) -> None:
    """Focus a radio button and press Space: it is chosen."""
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def sign_in_by_keyboard(page: Page, email: str, password: str) -> None:
    """From the page shown: Tab to the header's sign-in link, then fill the form and press Enter."""
    follow(page, page.get_by_role("link", name="Logga in", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    fill_sign_in_form(page, email, password)


def fill_sign_in_form(page: Page, email: str, password: str) -> None:
    tab_to(page, page.get_by_label("E-postadress"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Lösenord", exact=True)).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(password)
    press_and_wait(page)  # Enter in a field submits its form
