"""The yearly round as its users expect it, end to end in Chromium (issue 12, "Done when"), on a demo database of
its own where the round of 2025 is open and its last day to submit was yesterday:

the leader sees on the reminders page which parties no mail reaches, previews the invitation of each recipient and
sends it, in Swedish to Jönköping's contact and in English to the region's (a real local SMTP server); Jönköping's
contact signs in with the mailed link, copies last year's answers after the page that shows what would be copied,
confirms them commitment by commitment and submits; the contact gets the receipt and the leader the note; the
overview marks the report as handed in late; a party that joins in 2025 is given its report on the round's page.
axe-core checks every page on the way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import click_and_wait, sign_in_at
from tracker.domain import Language, ReportingRound, User
from tracker.domain.calendar import today_in_sweden

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer
    from tests.conftest import SmtpServer

CONFIRM = re.compile(r"^Bekräfta svaren och gå till (åtagande|översikten)")
LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
REGION = "kontakt.region@exempel.se"


def deadline_yesterday_and_the_region_in_english(session: Session) -> None:
    reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one()
    today = today_in_sweden()
    reporting_round.opens_on, reporting_round.deadline_on = today - timedelta(days=30), today - timedelta(days=1)
    session.scalars(select(User).where(User.email == REGION)).one().language = Language.EN


def new_tab(browser: Browser) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def mails_to(smtp_server: SmtpServer, address: str) -> list[str]:
    return [f"{mail['Subject']}\n{mail.get_content()}" for mail in smtp_server.messages if mail["To"] == address]


@pytest.mark.slow(reason="a whole round of issue 12 in Chromium, three users, real SMTP, axe on every page")
def test_a_round_that_accounts_for_everyone(
    browser: Browser, own_server: Callable[..., LiveServer], smtp_server: SmtpServer,
    assert_accessible: Callable[[Page], None],
) -> None:
    server = own_server(deadline_yesterday_and_the_region_in_english, **smtp_server.config)
    leader = new_tab(browser)
    sign_in_at(leader, server, LEADER)

    # The reminders page names every party that no mail reaches, and who gets the invitation.
    leader.goto(server("/projektledare/paminnelser/2025?typ=invitation"))
    main = leader.locator("main")
    expect(main).to_contain_text("14 parter har inte lämnat in sin rapport. Brevet går till 2 adresser.")
    expect(main).to_contain_text("12 parter har ingen som brevet kan skickas till.")
    expect(leader.get_by_role("row", name=re.compile("^Aneby kommun"))).to_contain_text("Ingen aktiv kontaktperson")
    assert_accessible(leader)
    swedish = leader.locator("details", has_text=f"Jonas Kontaktsson <{CONTACT}>")
    swedish.locator("summary").click()
    expect(swedish).to_contain_text("dags att rapportera för Jönköpings kommun")
    english = leader.locator("details", has_text=f"Regina Regionsson <{REGION}>")
    expect(english.locator("summary")).to_contain_text("(på engelska)")
    english.locator("summary").click()
    expect(english).to_contain_text("time to report for Region Jönköpings län")
    assert_accessible(leader)
    click_and_wait(leader, leader.get_by_role("button", name="Skicka 2 brev"))
    expect(leader.get_by_role("row", name=re.compile("^Jönköpings kommun"))).to_contain_text("Skickat")
    assert_accessible(leader)
    [invitation] = mails_to(smtp_server, CONTACT)
    [invitation_en] = mails_to(smtp_server, REGION)
    assert "Överenskommelse kring biogas i Jönköpings län 2025: dags att rapportera för Jönköpings kommun" in invitation
    assert "Agreement on biogas in Jönköping County 2025: time to report for Region Jönköpings län" in invitation_en
    assert "gäller i 7 dagar" in invitation and "valid for 7 days" in invitation_en

    # The contact signs in with the link, copies last year's answers after seeing what would be copied,
    # confirms every commitment and submits.
    contact = new_tab(browser)
    link = re.search(r"http://127\.0\.0\.1:\d+/logga-in/lank/\S+", invitation)
    assert link is not None, invitation
    contact.goto(link.group(0))
    click_and_wait(contact, contact.get_by_role("button", name="Logga in"))
    expect(contact.get_by_role("heading", level=1)).to_have_text("Min rapportering")
    expect(contact.locator("main")).to_contain_text("Rapport för 2025")
    assert_accessible(contact)
    click_and_wait(contact, contact.get_by_role("link", name="Börja på rapporten för 2025"))
    click_and_wait(contact, contact.get_by_role("link", name="Se vad som skulle kopieras"))
    expect(contact.get_by_role("heading", level=1)).to_have_text("Kopiera svaren från 2024?")
    assert_accessible(contact)
    click_and_wait(contact, contact.get_by_role("button", name="Kopiera svaren"))
    expect(contact.get_by_text("från förra året – kontrollera").first).to_be_visible()
    confirmed = 0
    while True:  # the main button of a page with copies confirms them and goes on
        assert_accessible(contact)
        button = contact.get_by_role("button", name=CONFIRM)
        last = "översikten" in button.inner_text()
        click_and_wait(contact, button)
        expect(contact.locator(".notice").first).to_contain_text("är bekräftade.")
        confirmed += 1
        if last:
            break
    assert confirmed >= 7  # every commitment of a municipality's report
    expect(contact.get_by_role("heading", level=1)).to_contain_text("Rapport för 2025")
    click_and_wait(contact, contact.get_by_role("button", name="Skicka in rapporten"))
    expect(contact.get_by_role("heading", name=re.compile(r"^Inskickad "))).to_be_visible()
    assert_accessible(contact)
    receipt = next(text for text in mails_to(smtp_server, CONTACT) if text.startswith("Kvitto"))
    assert "Jönköpings kommun" in receipt and "2025" in receipt and "/rapportera/" in receipt
    [note] = mails_to(smtp_server, LEADER)
    assert note.startswith("Jönköpings kommun har lämnat in rapporten för 2025") and "/projektledare/" in note

    # The overview marks the report as handed in after the last day.
    leader.goto(server("/projektledare/oversikt?ar=2025"))
    expect(leader.get_by_role("row", name=re.compile("^Jönköpings kommun"))).to_contain_text("Inlämnad för sent")
    expect(leader.locator("main")).to_contain_text("1 av 14 parter har lämnat in")
    assert_accessible(leader)

    # A party that joins in 2025 is given its report from the round's page.
    admin = new_tab(browser)
    sign_in_at(admin, server, "admin@exempel.se")
    admin.goto(server("/admin/parter"))
    admin.get_by_label("Kod (kommunkod eller länskod)").fill("0999")
    admin.get_by_label("Namn", exact=True).fill("Provkommun")
    admin.get_by_label("Medlem från (år)").fill("2025")
    admin.get_by_role("button", name="Lägg till parten").click()
    expect(admin.locator(".notice")).to_contain_text("Parten är tillagd.")
    assert_accessible(admin)
    leader.goto(server("/projektledare/omgangar/2025"))
    joining = leader.locator("section", has=leader.get_by_role("heading", name="Parter utan rapport"))
    assert_accessible(leader)
    joining.get_by_role("button", name="Ge Provkommun sin rapport för 2025").click()
    expect(leader.locator(".notice")).to_contain_text("Provkommun har fått sin rapport i omgången för 2025.")
    expect(leader.get_by_text("15 parter, 1 inlämnade")).to_be_visible()
    assert_accessible(leader)
