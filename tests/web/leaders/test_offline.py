"""The offline Excel form in the app: a leader downloads a party's form, uploads it filled, sees the preview and
confirms; broken and hostile files are refused with a Swedish message and change nothing; earlier years."""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING

import openpyxl
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tests.conftest import csrf_token_in
from tests.forms.excel_helpers import (
    COMMENT,
    PREPARATION,
    STATIONS,
    STATUS,
    as_xlsm,
    fill,
    rename_sheet,
    submission_of,
    with_part,
    zip_bomb,
)
from tracker.domain import AuditEvent, Party, ReportingRound, RoundState, Submission
from tracker.domain.imports import PendingImport

if TYPE_CHECKING:
    from tests.conftest import AuthActions

LEADER = "projektledare@exempel.se"
INDEX = "/projektledare/excel"
HISTORY = "/projektledare/excel/tidigare-ar"


def download(client: FlaskClient, sid: int, name: str = "jonkopings-kommun") -> bytes:
    response = client.get(f"{INDEX}/{sid}.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"] == f'attachment; filename="arsrapport-2025-{name}.xlsx"'
    return response.get_data()


def upload(client: FlaskClient, path: str, data: bytes, name: str = "ifyllt.xlsx") -> TestResponse:
    token = csrf_token_in(client.get(INDEX if "tidigare" not in path else HISTORY).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, "workbook": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def changes_of(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def text(response: TestResponse) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_page_lists_every_party_of_the_open_round_with_a_download(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    html = client.get(INDEX).get_data(as_text=True)
    assert "Offlineformulär i Excel 2025" in html
    assert html.count('name="workbook"') == 14 and f'{INDEX}/{submission_of(session).id}.xlsx' in html
    closed = client.get(f"{INDEX}?ar=2024").get_data(as_text=True)
    assert 'name="workbook"' not in closed and "Rapporteringsomgången är inte öppen." in closed
    assert client.get(f"{INDEX}?ar=1999").status_code == 404


def test_download_fill_upload_preview_and_confirm(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    before = changes_of(session)
    filled = fill(download(client, submission.id), {
        "Åtagande II": {STATIONS: "6", PREPARATION: "Ja", STATUS: "Påbörjat", COMMENT: "Ifyllt i Excel"},
        "Åtagande IV": {"D6": "87,5"},
    })
    response = upload(client, f"{INDEX}/{submission.id}", filled)
    assert response.status_code == 303 and changes_of(session) == before  # a preview writes nothing
    preview = client.get(response.headers["Location"])
    page = text(preview)
    assert "Förhandsgranskning: formuläret för Jönköpings kommun" in page
    assert "Hur många publika tankstationer för biogas finns i kommunen? (inget svar) 6 st" in page
    assert "Status (inget svar) Påbörjat" in page and "87,5 %" in page and "5 ändringar." in page
    token = csrf_token_in(preview.get_data(as_text=True))
    confirmed = client.post(response.headers["Location"], data={"csrf_token": token})
    assert confirmed.status_code == 303
    done = text(client.get(confirmed.headers["Location"]))
    assert "Formuläret för Jönköpings kommun är sparat: 5 ändringar." in done
    session.expire_all()
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submission.id,
                                                      AuditEvent.field == "II.public_stations")).all()
    assert [(e.new_value, e.is_on_behalf) for e in events] == [("6", True)]
    assert session.scalar(select(func.count()).select_from(PendingImport)) == 0


def test_confirming_needs_the_csrf_token(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    response = upload(client, f"{INDEX}/{submission.id}", fill(download(client, submission.id),
                                                                 {"Åtagande II": {STATIONS: 6}}))
    before = changes_of(session)
    assert client.post(response.headers["Location"]).status_code == 400
    assert changes_of(session) == before


def test_a_stale_preview_is_refused_with_a_clear_message(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    data = download(client, submission.id)
    first = upload(client, f"{INDEX}/{submission.id}", fill(data, {"Åtagande II": {STATIONS: 6}}))
    token = csrf_token_in(client.get(first.headers["Location"]).get_data(as_text=True))
    # Meanwhile the contact saves an answer in the web form: the report's version moves on.
    from tracker.operations.answers import set_answer
    from tracker.operations.audit import Actor
    stations = next(i for c in submission.round.agreement.commitments for i in c.indicators
                    if i.key == "II.public_stations")
    set_answer(session, Actor.system("contact"), submission, stations, "4")
    session.commit()
    refused = client.post(first.headers["Location"], data={"csrf_token": token})
    assert refused.status_code == 303
    page = text(client.get(refused.headers["Location"]))
    assert "Rapporten har ändrats sedan filen lästes in" in page and "Ladda upp filen igen" in page
    session.expire_all()
    assert [a.value_number for a in submission_of(session).answers if a.indicator_id == stations.id] == [4]


def test_a_file_with_errors_lists_them_by_sheet_and_cell(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    before = changes_of(session)
    bad = fill(download(client, submission.id), {"Åtagande II": {STATIONS: "2,5", PREPARATION: "=1+1"}})
    response = upload(client, f"{INDEX}/{submission.id}", bad)
    assert response.status_code == 400
    page = text(response)
    assert "Filen har 2 fel. Inget sparades." in page
    assert "Åtagande II D6 Ange ett heltal." in page
    assert "Åtagande II D8 Cellen innehåller en formel. Skriv själva värdet." in page
    assert changes_of(session) == before and session.scalar(select(func.count()).select_from(PendingImport)) == 0


def test_hostile_and_broken_files_are_refused_and_change_nothing(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    good = download(client, submission.id)
    other = download(client, submission_of(session, "0604").id, "aneby-kommun")
    cases = {
        "inte en arbetsbok": (b"kommunkod;ar\n0680;2019\n", "Filen är inte en Excelarbetsbok (.xlsx)."),
        "xlsm": (as_xlsm(good), "Arbetsboken innehåller makron."),
        "vbaProject": (with_part(good, "xl/vbaProject.bin", b"macro"), "Arbetsboken innehåller makron."),
        "zip bomb": (zip_bomb(good), "Filen packas upp till mycket mer data än ett Excelformulär innehåller"),
        "omdöpt blad": (rename_sheet(good, "Åtagande II", "Blad1"), "Bladet \"Åtagande II\" saknas eller har bytt"),
        "annan part": (other, "Filen är en annan parts eller omgångs formulär (kommunkod 0604, år 2025)"),
    }
    before = changes_of(session)
    for name, (data, message) in cases.items():
        response = upload(client, f"{INDEX}/{submission.id}", data, f"{name}.xlsx")
        assert response.status_code == 400, name
        assert message in text(response), name
        assert "Det är problem med filen för Jönköpings kommun" in text(response), name
    assert changes_of(session) == before and session.scalar(select(func.count()).select_from(PendingImport)) == 0


def test_no_file_is_a_form_error(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    token = csrf_token_in(client.get(INDEX).get_data(as_text=True))
    response = client.post(f"{INDEX}/{submission_of(session).id}", data={"csrf_token": token})
    assert response.status_code == 400 and "Välj en fil att ladda upp." in text(response)


def test_a_50_mb_upload_gets_the_413_page(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    before = changes_of(session)
    token = csrf_token_in(client.get(INDEX).get_data(as_text=True)).encode()
    body = (b"--boundary\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token + b"\r\n"
            b"--boundary\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"stor.xlsx\"\r\n"
            b"Content-Type: application/octet-stream\r\n\r\n" + b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024) +
            b"\r\n--boundary--\r\n")  # built here: the test client's own spooled file would outlive the 413
    response = client.post(f"{INDEX}/{submission_of(session).id}", data=body,
                           content_type="multipart/form-data; boundary=boundary")
    assert response.status_code == 413
    assert "Filen är för stor" in text(response) and "inget sparades" in text(response)
    assert changes_of(session) == before


def test_another_leaders_preview_is_not_found(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    submission = submission_of(session)
    preview = upload(client, f"{INDEX}/{submission.id}", fill(download(client, submission.id),
                                                                {"Åtagande II": {STATIONS: 6}})).headers["Location"]
    auth.logout()
    auth.login("admin@exempel.se", "demo")
    assert client.get(preview).status_code == 404


def history_workbook(rows: list[tuple[object, ...]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kommunkod", "År", "Indikator", "Värde", "Kommentar"])
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_the_template_of_earlier_years_has_the_header_row(client: FlaskClient, auth: AuthActions) -> None:
    auth.login(LEADER, "demo")
    response = client.get(f"{HISTORY}/mall.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert [c.value for c in book.active[1]] == ["Kommunkod", "År", "Indikator", "Värde", "Kommentar"]
    keys = {row[0]: row for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert keys["II.public_stations"][1] == "Hur många publika tankstationer för biogas finns i kommunen?"
    assert keys["II.site_preparation"][3] == "Ja, Nej, Ej aktuellt"
    assert "III.cars_gas_share" not in keys  # computed, never imported


def test_earlier_years_are_previewed_and_confirmed(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    data = history_workbook([("0680", 2018, "II.public_stations", 3, "Uppföljning 2018"),
                             ("0680", 2018, "IV.biogas_share", "72,5", None),
                             ("0604", 2018, "II.public_stations", 1, None),
                             ("0680", 2024, "IV.biogas_share", 99, None)])
    response = upload(client, HISTORY, data, "tidigare.xlsx")
    assert response.status_code == 303
    preview = client.get(response.headers["Location"])
    page = text(preview)
    assert "Filen tidigare.xlsx är giltig: 4 värden." in page and "Nya stängda omgångar skapas för: 2018." in page
    assert "2018 Jönköpings kommun 2 0 0 skapas som godkänd" in page
    assert "2024 Jönköpings kommun IV.biogas_share" in page and "100 % 99 %" in page
    confirmed = client.post(response.headers["Location"],
                            data={"csrf_token": csrf_token_in(preview.get_data(as_text=True))})
    assert "4 värden från tidigare år är sparade." in text(client.get(confirmed.headers["Location"]))
    session.expire_all()
    assert session.scalars(select(ReportingRound).where(ReportingRound.year == 2018)).one().state is RoundState.CLOSED
    report = session.scalars(select(Submission).join(Party).join(ReportingRound)
                             .where(Party.code == "0680", ReportingRound.year == 2018)).one()
    history = text(client.get(f"/rapportera/{report.id}/historik"))  # the comment named by its question
    assert "Hur många publika tankstationer för biogas finns i kommunen? – kommentar (tomt) Uppföljning 2018" in history


def test_bad_rows_of_earlier_years_are_listed_by_row(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    before = changes_of(session)
    data = history_workbook([("0680", 2018, "II.public_stations", 3, None),
                             ("9999", 2018, "II.public_stations", 3, None),
                             ("0680", 2018, "II.okand", 3, None),
                             ("0680", 2018, "II.public_stations", "tre", None),
                             ("0680", 2018, "II.public_stations", 4, None)])
    response = upload(client, HISTORY, data)
    assert response.status_code == 400
    page = text(response)
    assert "Filen har 4 rader med fel. Inget sparades." in page
    assert "3 Okänd kommunkod \"9999\"." in page and "4 Okänd indikator \"II.okand\"." in page
    assert "5 Ange ett heltal." in page and "6 Samma part, år och indikator finns redan på rad 2." in page
    assert changes_of(session) == before
