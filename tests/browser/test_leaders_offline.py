"""The offline Excel form in a real browser, on a demo database of its own: the project leader downloads
Habo kommun's prefilled form, fills it in outside the app (openpyxl, as a spreadsheet program would), uploads it
with a mistake and sees the error by sheet and cell, uploads the corrected file, reads the preview and confirms;
the answers are then in the report, marked as entered on the party's behalf. axe-core reports no WCAG 2.1 A/AA
violation on the list (with and without errors), the preview, and the import of earlier years."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tracker.domain import Answer, AuditEvent, Party, ReportingRound, Submission

if TYPE_CHECKING:
    from tests.browser.conftest import LiveServer

LEADER = "projektledare@exempel.se"


@pytest.fixture
def server(own_server: Callable[..., LiveServer]) -> LiveServer:
    """A served demo database of this test's own."""
    return own_server()


def sign_in_as_leader(page: Page, server: LiveServer) -> None:
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(LEADER)
    page.get_by_label("Lösenord", exact=True).fill("demo")
    page.get_by_label("Lösenord", exact=True).press("Enter")
    page.wait_for_load_state()


@pytest.mark.slow(reason="downloads, fills, uploads and confirms an Excel form in Chromium")
def test_a_leader_imports_a_filled_excel_form(
    page: Page, server: LiveServer, tmp_path: Path, assert_accessible: Callable[[Page], None]
) -> None:
    sign_in_as_leader(page, server)
    page.get_by_role("link", name="Excelformulär").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offlineformulär i Excel 2025")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Hämta \(Excel\).*Habo kommun")).click()
    assert download.value.suggested_filename == "arsrapport-2025-habo-kommun.xlsx"
    path = tmp_path / "habo.xlsx"
    download.value.save_as(path)

    book = openpyxl.load_workbook(path)  # filled in outside the app, with a mistake
    book["Åtagande II"]["D6"] = "3"
    book["Åtagande II"]["D8"] = "Ja"
    book["Åtagande II"]["D10"] = "Påbörjat"
    book["Åtagande IV"]["D6"] = "nästan allt"
    book.save(path)
    page.get_by_label("Ifyllt formulär för Habo kommun (.xlsx)").set_input_files(path)
    page.get_by_role("button", name=re.compile("Ladda upp och förhandsgranska.*Habo kommun")).click()
    expect(page.get_by_role("alert")).to_contain_text("Filen har 1 fel. Inget sparades.")
    errors = page.get_by_role("table", name="Fel i filen för Habo kommun")
    expect(errors).to_contain_text("Åtagande IV")
    expect(errors).to_contain_text("D6")
    expect(errors).to_contain_text("Ange ett tal")
    assert_accessible(page)

    book["Åtagande IV"]["D6"] = "95,5"
    book.save(path)
    page.get_by_label("Ifyllt formulär för Habo kommun (.xlsx)").set_input_files(path)
    page.get_by_role("button", name=re.compile("Ladda upp och förhandsgranska.*Habo kommun")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förhandsgranskning: formuläret för Habo kommun")
    changes = page.get_by_role("table", name=re.compile("Åtagande II"))
    expect(changes.get_by_role("row", name=re.compile("publika tankstationer"))).to_contain_text("3 st")
    expect(changes.get_by_role("row", name=re.compile("^Status"))).to_contain_text("Påbörjat")
    expect(page.get_by_role("table", name=re.compile("Åtagande IV"))).to_contain_text("95,5 %")
    assert_accessible(page)

    page.get_by_role("button", name="Spara ändringarna åt Habo kommun").click()
    expect(page.get_by_role("status")).to_contain_text("Formuläret för Habo kommun är sparat: 4 ändringar.")
    with server.database.session() as session:
        habo = session.scalars(select(Submission).join(Party).join(ReportingRound)
                               .where(Party.code == "0643", ReportingRound.year == 2025)).one()
        assert len(session.scalars(select(Answer).where(Answer.submission_id == habo.id)).all()) == 3
        events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == habo.id,
                                                          AuditEvent.action == "answer.update")).all()
        assert len(events) == 3 and all(e.is_on_behalf for e in events)


@pytest.mark.slow(reason="uploads a workbook in Chromium, with axe on each step")
def test_the_import_of_earlier_years_is_accessible(
    page: Page, server: LiveServer, assert_accessible: Callable[[Page], None]
) -> None:
    sign_in_as_leader(page, server)
    page.goto(server("/projektledare/excel/tidigare-ar"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera tidigare år")
    assert_accessible(page)
    page.get_by_role("button", name="Ladda upp och förhandsgranska").click()  # no file chosen
    expect(page.get_by_role("alert")).to_contain_text("Välj en fil att ladda upp.")
    page.get_by_role("link", name="Välj en fil att ladda upp.").click()
    expect(page.get_by_label("Arbetsbok med tidigare år (.xlsx)")).to_be_focused()
    assert_accessible(page)
