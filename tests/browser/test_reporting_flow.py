"""A contact's yearly report in Chromium, with the keyboard alone: sign in, fill a commitment with a decimal
comma, save, leave, come back, copy last year's answers, submit, see the receipt. axe-core checks every page
on the way as it is shown (errors, the error summaries, the conflict page, the receipt, the history).

The live server is shared by the browser tests: the first test reports for Jönköpings kommun, the second (with
JavaScript switched off) for Region Jönköpings län; no other browser test changes a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlalchemy import select

from tests.browser.keyboard_only import choose, fill_sign_in_form, follow, sign_in_by_keyboard, tab_to, type_in
from tracker.domain import Party, ReportingRound, Submission, SubmissionState, User
from tracker.operations.audit import Actor
from tracker.operations.submitting import set_submission_state

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer

PASSWORD = "demo"
CONTACT = "kontakt.jonkoping@exempel.se"  # Jonas Kontaktsson, Jönköpings kommun
REGION_CONTACT = "kontakt.region@exempel.se"  # Regina Regionsson, Region Jönköpings län
LEADER = "projektledare@exempel.se"
CARS_TOTAL = "Hur många egna och leasade personbilar har ni?"
CARS_GAS = "Hur många av personbilarna är gasfordon?"
BIOGAS_SHARE = "Hur stor andel av den fordonsgas ni använde under året var biogas"
REGIONAL_BUS = "Hur mycket biogas användes i regionbusstrafiken under året"
EDITABLE = "input:not([type=hidden]), textarea, select, button"


@pytest.fixture
def sent_back_afterwards(live_server: LiveServer) -> Iterator[None]:
    """After the test, the project leader sends the submitted reports of 2025 back, so that the shared server
    shows the other browser tests what they expect of the open round (reminders go to both parties)."""
    yield
    with live_server.database.session() as session:
        leader = session.scalars(select(User).where(User.email == LEADER)).one()
        reports = session.scalars(
            select(Submission).join(Submission.party).join(Submission.round)
            .where(Party.code.in_(["0680", "06"]), ReportingRound.year == 2025,
                   Submission.state == SubmissionState.SUBMITTED)
        ).all()
        for report in reports:
            set_submission_state(session, Actor(user=leader), report, SubmissionState.RETURNED,
                                 comment="Skickad tillbaka efter webbläsartestet.")
        session.commit()


def new_tab(browser: Browser, *, javascript: bool = True) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900},
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def heading(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def commitment_link(page: Page, number: str) -> Locator:
    return page.locator("main").get_by_role("link", name=re.compile(rf"^Åtagande {number}\b"))


def status_option(page: Page, number: str, label: str) -> Locator:
    group = page.get_by_role("group", name=re.compile(rf"^Status för åtagande {number}"))
    return group.get_by_label(label, exact=True)


def notice(page: Page) -> Locator:
    return page.locator(".notice")


def save_every_commitment(page: Page, check: Callable[[Page], None]) -> list[str]:
    """From the first commitment: "Save and go to commitment …" (or, with copied answers to check, "Confirm the
    answers and go to …") on every page, then to the overview."""
    seen = []
    while True:
        seen.append(page.url.rsplit("/", 1)[-1])
        check(page)
        confirm = page.get_by_role("button", name=re.compile(r"^Bekräfta svaren och gå till (åtagande|översikten)"))
        if confirm.count():  # answers copied from last year: the main button confirms them and goes on
            last = "översikten" in confirm.inner_text()
            follow(page, confirm)
            expect(notice(page).filter(has_text="är bekräftade.")).to_be_visible()
        else:
            button = page.get_by_role("button", name=re.compile(r"^Spara och gå till (åtagande|översikten)"))
            last = "översikten" in button.inner_text()
            follow(page, button)
            expect(notice(page).filter(has_text="Utkastet har sparats.")).to_be_visible()
        if last:
            return seen


@pytest.mark.slow(reason="a whole report with the keyboard alone in Chromium, axe on every page")
@pytest.mark.usefixtures("sent_back_afterwards")
def test_a_contact_reports_with_the_keyboard_alone(
    browser: Browser, live_server: Callable[[str], str], assert_accessible: Callable[[Page], None]
) -> None:
    context, page = new_tab(browser)
    page.goto(live_server("/"))

    # Sign in: a wrong password first, then the right one.
    sign_in_by_keyboard(page, CONTACT, "fel lösenord")
    expect(page).to_have_title(re.compile(r"^Fel: Logga in"))
    expect(page.locator(".error-summary")).to_contain_text("Fel e-postadress eller lösenord.")
    assert_accessible(page)
    fill_sign_in_form(page, CONTACT, PASSWORD)
    assert heading(page) == "Min rapportering"
    expect(page.locator("main")).to_contain_text("Ej påbörjad")
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Börja på rapporten för 2025"))
    assert heading(page) == "Rapport för 2025"
    assert_accessible(page)
    overview_url = page.url

    # Commitment III: a whole number is refused with a decimal, the rest is saved; the summary leads to the field.
    follow(page, commitment_link(page, "III"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gasfordon i den egna fordonsparken")
    assert_accessible(page)
    type_in(page, page.get_by_label(CARS_TOTAL), "451,5")
    type_in(page, page.get_by_label(CARS_GAS), "140")
    choose(page, status_option(page, "III", "Påbörjat"))
    follow(page, page.get_by_role("button", name="Spara utkast"))
    expect(page).to_have_title(re.compile(r"^Fel: Åtagande III"))
    summary_link = page.locator(".error-summary").get_by_role("link", name=re.compile("Ange ett heltal"))
    expect(summary_link).to_contain_text(CARS_TOTAL)
    expect(page.get_by_label(CARS_GAS)).to_have_value("140")  # kept, and saved
    assert_accessible(page)
    tab_to(page, summary_link)
    page.keyboard.press("Enter")
    expect(page.get_by_label(CARS_TOTAL)).to_be_focused()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("451")
    page.keyboard.press("Tab")  # leaving the field: the share is computed as the contact types
    expect(page.get_by_role("status", name="Andel gasfordon bland personbilarna (%)")).to_have_text("31\u00a0%")
    follow(page, page.get_by_role("button", name="Spara och gå till åtagande IV"))

    # Commitment IV: a share with a decimal comma.
    expect(notice(page)).to_contain_text("Utkastet har sparats.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("100 procent biogas i fordonsgasen")
    assert_accessible(page)
    type_in(page, page.get_by_label(BIOGAS_SHARE), "99,5")
    choose(page, status_option(page, "IV", "Långt kommet"))
    follow(page, page.get_by_role("button", name="Spara utkast"))
    expect(page.get_by_label(BIOGAS_SHARE)).to_have_value("99,5")
    commitment_iv = page.url

    # Submitting too early: the summary links to every missing answer and status.
    follow(page, page.get_by_role("navigation", name="Åtaganden").get_by_role("link", name="Översikt"))
    follow(page, page.get_by_role("button", name="Skicka in rapporten"))
    expect(page).to_have_title(re.compile(r"^Fel: Rapport för 2025"))
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Rapporten är inte färdig än")
    expect(summary.get_by_role("link", name="Åtagande II: välj en status.")).to_be_visible()
    assert_accessible(page)

    # Leave, and come back another day.
    follow(page, page.get_by_role("button", name="Logga ut"))
    expect(notice(page)).to_contain_text("Du är utloggad.")
    sign_in_by_keyboard(page, CONTACT, PASSWORD)
    expect(page.locator("main")).to_contain_text("Utkast")
    expect(page.locator("main")).to_contain_text("3 av 16 frågor besvarade")
    follow(page, commitment_link(page, "IV"))
    assert page.url == commitment_iv
    expect(page.get_by_label(BIOGAS_SHARE)).to_have_value("99,5")
    expect(status_option(page, "IV", "Långt kommet")).to_be_checked()

    # A project leader writes a comment on IV while the contact has the page open: nothing is overwritten.
    leader_context, leader = new_tab(browser)
    leader.goto(live_server("/"))
    sign_in_by_keyboard(leader, LEADER, PASSWORD)
    leader.goto(commitment_iv)
    type_in(leader, leader.get_by_label("Kommentar"), "Ange källan till andelen.")
    follow(leader, leader.get_by_role("button", name="Spara utkast"))
    expect(notice(leader)).to_contain_text("Utkastet har sparats.")
    leader_context.close()
    type_in(page, page.get_by_label("Kommentar"), "Enligt leverantörens ursprungsgarantier.")
    follow(page, page.get_by_role("button", name="Spara utkast"))
    conflict = page.get_by_role("alert").filter(has_text="Rapporten har ändrats medan du hade sidan öppen")
    expect(conflict).to_contain_text("Ange källan till andelen.")
    expect(conflict).to_contain_text("Enligt leverantörens ursprungsgarantier.")
    expect(page.get_by_label("Kommentar")).to_have_value("Enligt leverantörens ursprungsgarantier.")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Spara utkast"))  # a knowing choice: the contact's comment
    expect(notice(page)).to_contain_text("Utkastet har sparats.")
    expect(page.get_by_label("Kommentar")).to_have_value("Enligt leverantörens ursprungsgarantier.")

    # Copy last year's answers into the empty questions, check every commitment and save it.
    follow(page, page.get_by_role("link", name="Kopiera förra årets svar till tomma frågor"))
    expect(page.locator("main")).to_contain_text("Årets svar behålls")  # the page of what would be copied
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Kopiera svaren"))
    expect(notice(page).first).to_contain_text("Förra årets svar har kopierats in")
    expect(page.get_by_label(re.compile("^" + re.escape(BIOGAS_SHARE)))).to_have_value("99,5")  # not copied over
    assert_accessible(page)
    follow(page, page.get_by_role("navigation", name="Åtaganden").get_by_role("link", name="Översikt"))
    assert page.url == overview_url
    follow(page, commitment_link(page, "II"))
    visited = save_every_commitment(page, assert_accessible)
    assert visited == ["II", "III", "IV", "V", "VI", "VII", "VIII"]

    # Submit: the receipt, read-only.
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Skicka in rapporten"))
    expect(notice(page)).to_contain_text("Tack! Rapporten har skickats in.")
    expect(page.get_by_role("heading", name=re.compile(r"^Inskickad \d+ \w+ 20\d\d \d\d:\d\d$"))).to_be_visible()
    receipt = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Åtagande IV")))
    expect(receipt).to_contain_text("99,5\u00a0%")
    expect(receipt).to_contain_text("Enligt leverantörens ursprungsgarantier.")
    expect(page.locator("main").locator(EDITABLE)).to_have_count(0)
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Rapportens historik: vem som ändrat vad"))
    assert heading(page) == "Historik för rapporten 2025"
    share_change = page.get_by_role("row").filter(has_text=BIOGAS_SHARE).first
    expect(share_change).to_contain_text("Jonas Kontaktsson")
    expect(share_change).to_contain_text("99,5\u00a0%")
    assert_accessible(page)

    page.goto(commitment_iv)  # the form itself is read-only now
    expect(page.locator("main")).to_contain_text("Rapporten är inskickad och kan inte längre ändras.")
    expect(page.locator("main").locator(EDITABLE)).to_have_count(0)
    assert_accessible(page)
    context.close()


@pytest.mark.slow(reason="a whole report in Chromium with JavaScript switched off")
@pytest.mark.usefixtures("sent_back_afterwards")
def test_the_whole_report_needs_no_javascript(browser: Browser, live_server: Callable[[str], str]) -> None:
    context, page = new_tab(browser, javascript=False)
    page.goto(live_server("/"))
    sign_in_by_keyboard(page, REGION_CONTACT, PASSWORD)
    assert heading(page) == "Min rapportering"
    follow(page, page.get_by_role("link", name="Börja på rapporten för 2025"))
    follow(page, commitment_link(page, "I"))

    # A quantity with a decimal comma; the total is computed by the server when the draft is saved.
    total = page.get_by_role("status", name="Biogas i kollektivtrafiken totalt (GWh)")
    type_in(page, page.get_by_label(REGIONAL_BUS), "12,5")
    page.keyboard.press("Tab")
    expect(total).to_have_text("Inte beräknad än")  # no script updates it as the contact types
    choose(page, status_option(page, "I", "Påbörjat"))
    follow(page, page.get_by_role("button", name="Spara utkast"))
    expect(notice(page)).to_contain_text("Utkastet har sparats.")
    expect(page.get_by_label(REGIONAL_BUS)).to_have_value("12,5")
    expect(total).to_have_text("12,5\u00a0GWh")
    commitment_i = page.url

    follow(page, page.get_by_role("button", name="Logga ut"))
    expect(notice(page)).to_contain_text("Du är utloggad.")
    sign_in_by_keyboard(page, REGION_CONTACT, PASSWORD)
    follow(page, page.get_by_role("link", name="Fortsätt med rapporten för 2025"))
    follow(page, commitment_link(page, "I"))
    assert page.url == commitment_i
    expect(page.get_by_label(REGIONAL_BUS)).to_have_value("12,5")

    follow(page, page.get_by_role("link", name="Kopiera förra årets svar till tomma frågor"))
    follow(page, page.get_by_role("button", name="Kopiera svaren"))
    expect(notice(page).first).to_contain_text("Förra årets svar har kopierats in")
    expect(page.get_by_label(REGIONAL_BUS)).to_have_value("12,5")
    expect(page.get_by_label(re.compile("^Hur mycket biogas användes i den snabbare stadstrafiken"))).to_have_value(
        "7,9")
    visited = save_every_commitment(page, lambda _page: None)
    assert visited == ["I", "II", "III", "IV", "V", "VII"]

    follow(page, page.get_by_role("button", name="Skicka in rapporten"))
    expect(notice(page)).to_contain_text("Tack! Rapporten har skickats in.")
    expect(page.get_by_role("heading", name=re.compile(r"^Inskickad "))).to_be_visible()
    receipt = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Åtagande I:")))
    expect(receipt).to_contain_text("12,5\u00a0GWh")
    expect(receipt).to_contain_text("25\u00a0GWh")  # 12,5 + 7,9 + 4,6 (last year's, copied)
    expect(page.locator("main").locator(EDITABLE)).to_have_count(0)
    context.close()
