"""A whole reporting round in Chromium, as the project leader and a contact run it (issue 5, point 7).

On a demo database of its own where the round of 2025 is still planned: the leader opens the round and sends
the invitation (through a real local SMTP server); the contact signs in with the mailed link, copies last year's
answers and submits; the leader sends the report back with a comment; the contact sees it, corrects and
resubmits; the leader approves. Aneby's answers arrive as the offline Excel form, filled outside the app and
uploaded back. The leader closes the round. Every step is then found in the audit trail: the report's history
page, the round's page, and the audit table itself. axe-core checks the pages of the leader's side as shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.browser.conftest import click_and_wait
from tracker.domain import AuditEvent, Party, ReportingRound, RoundState, SentMail, Submission, SubmissionState
from tracker.operations.audit import Actor
from tracker.operations.rounds import set_round_state

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer
    from tests.conftest import SmtpServer

CONFIRM = re.compile(r"^Spara och bekräfta svaren i åtagande")
LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
PASSWORD = "demo"
COMMENT = "Antalet publika tankstationer verkar vara förra årets. Stämmer det för 2025?"
STATIONS = re.compile("Hur många publika tankstationer")


def plan_the_round_of_2025(session: Session) -> None:
    """The demo's round of 2025 before the leader opens it."""
    reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one()
    set_round_state(session, Actor.system("test"), reporting_round, RoundState.PLANNED)


@pytest.fixture
def server(own_server: Callable[..., LiveServer], smtp_server: SmtpServer) -> LiveServer:
    return own_server(plan_the_round_of_2025, **smtp_server.config)


def submission_of(server: LiveServer, code: str) -> Submission:
    with server.database.session() as session:
        return session.scalars(select(Submission).join(Party).join(ReportingRound)
                               .where(Party.code == code, ReportingRound.year == 2025)).one()


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def new_tab(browser: Browser) -> Page:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_in(page: Page, server: LiveServer, email: str) -> None:
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def sign_in_link(text: str) -> str:
    link = re.search(r"http://127\.0\.0\.1:\d+/logga-in/lank/\S+", text)
    assert link is not None, f"no sign-in link in the mail:\n{text}"
    return link.group(0)


def review_page_of_jonkoping(leader: Page) -> None:
    """From the overview, the cell of Jönköping's first commitment leads to the review page."""
    leader.get_by_role("link", name="Vem har rapporterat", exact=True).click()
    row = leader.get_by_role("row", name=re.compile("^Jönköpings kommun"))
    row.get_by_role("link").first.click()
    expect(heading(leader)).to_have_text("Granska rapporten för 2025")
    expect(leader.locator("main")).to_contain_text("Jönköpings kommun")


@pytest.mark.slow(reason="runs a whole round in Chromium, from opening to closing, with axe on every page")
def test_a_project_leader_runs_a_whole_round(
    browser: Browser, page: Page, server: LiveServer, smtp_server: SmtpServer, tmp_path: Path,
    assert_accessible: Callable[[Page], None],
) -> None:
    leader = page

    # The leader opens the round of 2025.
    sign_in(leader, server, LEADER)
    expect(heading(leader)).to_contain_text("vem har rapporterat")
    leader.get_by_role("link", name="Rapporteringsomgångar", exact=True).click()
    leader.get_by_role("link", name=re.compile(r"^Omgång 2025")).click()
    expect(leader.locator("main")).to_contain_text("Planerad")
    leader.get_by_role("button", name="Öppna omgången för rapportering").click()
    expect(leader.locator("main")).to_contain_text("Öppen")
    assert_accessible(leader)

    # ... and invites the contacts of every party that has not reported.
    leader.get_by_role("link", name="Påminnelser", exact=True).click()
    leader.get_by_role("link", name="Omgång 2025").click()
    leader.get_by_role("link", name="Inbjudan").click()
    leader.get_by_role("button", name=re.compile(r"^Skicka \d+ brev")).click()
    expect(leader.locator("main")).to_contain_text(CONTACT)
    assert_accessible(leader)
    invitations = [mail for mail in smtp_server.messages if mail["To"] == CONTACT]
    assert len(invitations) == 1 and "2025" in invitations[0]["Subject"]

    # The contact signs in with the mailed link, starts from last year's answers and submits.
    contact = new_tab(browser)
    contact.goto(sign_in_link(invitations[0].get_content()))
    contact.get_by_role("button", name="Logga in").click()
    expect(heading(contact)).to_have_text("Min rapportering")
    contact.get_by_role("link", name="Börja på rapporten för 2025").click()
    contact.get_by_role("link", name="Se vad som skulle kopieras").click()
    assert_accessible(contact)
    click_and_wait(contact, contact.get_by_role("button", name="Kopiera svaren"))
    expect(contact.locator(".notice").first).to_contain_text("Förra årets svar har kopierats in")
    while True:  # every commitment confirmed, one page after the other
        assert_accessible(contact)
        click_and_wait(contact, contact.get_by_role("button", name=CONFIRM))
        expect(contact.locator(".notice").first).to_contain_text("är bekräftade.")
        following = contact.get_by_role("link", name=re.compile(r"^Nästa: åtagande"))
        if not following.count():
            break
        click_and_wait(contact, following)
    contact.get_by_role("navigation", name="Åtaganden").get_by_role("link", name="Översikt").click()
    contact.get_by_role("button", name="Skicka in rapporten").click()
    expect(contact.get_by_role("heading", name=re.compile(r"^Inskickad "))).to_be_visible()

    # The leader sees it on the overview, reads it beside last year's and sends it back with a comment.
    leader.get_by_role("link", name="Vem har rapporterat", exact=True).click()
    expect(leader.locator("main")).to_contain_text("1 av 14 parter har lämnat in")
    review_page_of_jonkoping(leader)
    expect(leader.locator(".tag")).to_have_text("Inskickad")
    leader.get_by_label("Vad ska parten rätta eller komplettera?").fill(COMMENT)
    leader.get_by_role("button", name="Skicka tillbaka rapporten").click()
    expect(leader.locator(".tag")).to_have_text("Återsänd för komplettering")
    assert_accessible(leader)
    [returned] = [mail for mail in smtp_server.messages if mail["To"] == CONTACT and COMMENT in mail.get_content()]

    # The contact reads the comment at the top of the report, corrects commitment II and submits again.
    contact.goto(sign_in_link(returned.get_content()))
    contact.get_by_role("button", name="Logga in").click()
    expect(contact.get_by_role("region", name="Projektledarna har skickat tillbaka rapporten")).to_contain_text(
        COMMENT)
    contact.get_by_role("link", name=re.compile(r"^Åtagande II\b")).first.click()
    contact.get_by_label(STATIONS).fill("4")
    contact.get_by_role("button", name="Spara utkast").click()
    expect(contact.locator(".notice").filter(has_text="Utkastet har sparats.")).to_be_visible()
    contact.get_by_role("navigation", name="Åtaganden").get_by_role("link", name="Översikt").click()
    contact.get_by_role("button", name="Skicka in rapporten").click()
    expect(contact.get_by_role("heading", name=re.compile(r"^Inskickad "))).to_be_visible()
    expect(contact.get_by_role("region", name="Projektledarna har skickat tillbaka rapporten")).to_have_count(0)

    # The leader approves the corrected report.
    review_page_of_jonkoping(leader)
    expect(leader.get_by_role("row", name=STATIONS).first).to_contain_text("4 st ändrat")  # beside last year's
    leader.get_by_role("button", name="Godkänn rapporten").click()
    expect(leader.locator(".tag")).to_have_text("Godkänd")
    assert_accessible(leader)

    # Aneby answers by mail: the offline Excel form, filled outside the app, uploaded back and confirmed.
    leader.get_by_role("link", name="Excelformulär", exact=True).click()
    with leader.expect_download() as download:
        leader.get_by_role("link", name=re.compile(r"Hämta \(Excel\).*Aneby kommun")).click()
    workbook_path = tmp_path / "aneby.xlsx"
    download.value.save_as(workbook_path)
    book = openpyxl.load_workbook(workbook_path)
    sheet = book["Åtagande II"]
    row = next(cell.row for cell in sheet["A"] if cell.value and STATIONS.search(str(cell.value)))
    sheet.cell(row=row, column=4, value="2")
    book.save(workbook_path)
    leader.get_by_label("Ifyllt formulär för Aneby kommun (.xlsx)").set_input_files(workbook_path)
    leader.get_by_role("button", name=re.compile("Ladda upp och förhandsgranska.*Aneby kommun")).click()
    expect(heading(leader)).to_have_text("Förhandsgranskning: formuläret för Aneby kommun")
    expect(leader.get_by_role("row", name=STATIONS)).to_contain_text("2 st")
    leader.get_by_role("button", name="Spara ändringarna åt Aneby kommun").click()
    expect(leader.get_by_role("status")).to_contain_text("Formuläret för Aneby kommun är sparat")

    # The leader closes the round: the reports are locked.
    leader.get_by_role("link", name="Rapporteringsomgångar", exact=True).click()
    leader.get_by_role("link", name=re.compile(r"^Omgång 2025")).click()
    leader.get_by_role("button", name="Stäng omgången").click()
    expect(leader.locator("main")).to_contain_text("Stängd")
    changes = leader.get_by_role("table", name=re.compile("Ändringar av omgången|ändringar", re.IGNORECASE))
    expect(changes.first).to_contain_text("Stängd")
    assert_accessible(leader)
    contact.reload()
    expect(contact.locator("main")).to_contain_text("Godkänd")
    expect(contact.get_by_role("button", name="Skicka in rapporten")).to_have_count(0)
    contact.goto(server(f"/rapportera/{submission_of(server, '0680').id}/atagande/II"))
    expect(contact.locator("main")).to_contain_text("4 st")
    expect(contact.get_by_role("button", name="Spara utkast")).to_have_count(0)  # read-only now

    # Every step is in the audit trail: the report's history page as the leader reads it ...
    jonkoping = submission_of(server, "0680")
    aneby = submission_of(server, "0604")
    assert jonkoping.state == SubmissionState.APPROVED
    leader.goto(server(f"/rapportera/{jonkoping.id}/historik"))
    history = leader.get_by_role("table")
    for shown in ("Inskickad", "Återsänd för komplettering", COMMENT, "Godkänd"):
        expect(history).to_contain_text(shown)
    expect(history.get_by_role("row", name=STATIONS).first).to_contain_text("4")
    assert_accessible(leader)
    leader.goto(server(f"/rapportera/{aneby.id}/historik"))
    expect(leader.get_by_role("table")).to_contain_text("för Aneby kommuns räkning")

    # ... and the audit table, in the order the steps happened.
    with server.database.session() as session:
        reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one()
        round_states = session.scalars(
            select(AuditEvent.new_value).where(AuditEvent.entity == "reporting_round",
                                               AuditEvent.entity_id == reporting_round.id,
                                               AuditEvent.field == "state",
                                               AuditEvent.user_id.is_not(None)).order_by(AuditEvent.id)
        ).all()
        assert round_states == ["open", "closed"]
        report_states = session.scalars(
            select(AuditEvent.new_value).where(AuditEvent.submission_id == jonkoping.id,
                                               AuditEvent.field == "state").order_by(AuditEvent.id)
        ).all()
        assert report_states[-5:] == ["draft", "submitted", "returned", "submitted", "approved"]
        aneby_events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == aneby.id)).all()
        assert aneby_events and all(event.is_on_behalf for event in aneby_events if event.field != "state")
        mails = session.scalars(select(SentMail).where(SentMail.round_id == reporting_round.id,
                                                       SentMail.to_email == CONTACT)).all()
        # The invitation, a receipt for each of the two submissions, the report sent back.
        assert sorted(mail.kind for mail in mails) == ["invitation", "receipt", "receipt", "returned"]
        assert all(m.is_sent for m in mails)
