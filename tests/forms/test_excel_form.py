"""The offline Excel form as a person sees it in their spreadsheet program (openpyxl), and read back."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from forms.excel_form.build import build_form
from forms.excel_form.guards import UploadRefusedError, check_workbook
from forms.excel_form.parse import FilledForm, read_form
from tests.forms.excel_helpers import (
    COMMENT,
    FIRST_YEAR,
    PREPARATION,
    STATIONS,
    STATUS,
    as_xlsm,
    fill,
    form_of,
    rename_sheet,
    replace_part,
    submission_of,
    with_part,
    zip_bomb,
)
from tracker.domain import CommitmentStatus
from tracker.domain.values import Value
from tracker.i18n import gettext_for
from tracker.queries.reporting import previous_report

SV = gettext_for("sv")


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def messages(filled: FilledForm) -> list[tuple[str, str, str]]:
    return [(e.sheet, e.cell, e.message.render(SV)) for e in filled.errors]


def test_the_form_has_instructions_and_a_sheet_per_commitment_of_the_party(session: Session) -> None:
    municipality, region = workbook(form_of(session, "0680")), workbook(form_of(session, "06"))
    visible = [ws.title for ws in municipality.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Instruktioner", *(f"Åtagande {n}" for n in ("II", "III", "IV", "V", "VI", "VII", "VIII"))]
    assert "Åtagande I" in region.sheetnames and "Åtagande VI" not in region.sheetnames  # the region's own ones
    instructions = " ".join(str(c.value) for c in municipality["Instruktioner"]["A"] if c.value)
    assert "Årsrapport 2025 – Jönköpings kommun" in instructions and "EXEMPELDATA" in instructions


def test_a_sheet_shows_each_question_with_unit_last_years_answer_and_help(session: Session) -> None:
    sheet = workbook(form_of(session))["Åtagande II"]
    assert sheet["A6"].value == "Hur många publika tankstationer för biogas finns i kommunen?"
    assert sheet["B6"].value == "st" and sheet["C6"].value == "5\u00a0st" and sheet["D6"].value is None
    assert sheet["C5"].value == "Svar 2024" and sheet["F6"].value == "II.public_stations"
    assert sheet["E6"].value.startswith("Räkna stationer")
    assert sheet["C10"].value == "Genomfört" and sheet["A10"].value == "Åtagandets status"


def test_this_years_answers_are_prefilled(session: Session) -> None:
    submission = submission_of(session)
    from tracker.operations.answers import set_answer
    from tracker.operations.audit import Actor
    indicators = {i.key: i for c in submission.round.agreement.commitments for i in c.indicators}
    set_answer(session, Actor.system("test"), submission, indicators["II.public_stations"], "7")
    set_answer(session, Actor.system("test"), submission, indicators["II.site_preparation"], "ja")
    sheet = workbook(form_of(session))["Åtagande II"]
    assert sheet[STATIONS].value == 7 and sheet[PREPARATION].value == "Ja"


def test_drop_down_lists_and_bounds_guard_the_answer_cells(session: Session) -> None:
    book = workbook(form_of(session))
    sheet = book["Åtagande II"]
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules[STATIONS].type == "whole" and rules[STATIONS].formula1 == "0"
    assert rules[FIRST_YEAR].type == "whole" and (rules[FIRST_YEAR].formula1, rules[FIRST_YEAR].formula2) == (
        "1900", "2100")
    choice, status = rules[PREPARATION], rules[STATUS]
    assert choice.type == "list" and status.type == "list"

    def words(formula: str) -> list[str]:
        ref = formula.split("!")[1].replace("$", "")
        return [c.value for row in book["lists"][ref] for c in row]

    assert words(choice.formula1) == ["Ja", "Nej", "Ej aktuellt"]  # a choice
    assert words(status.formula1) == ["Ej påbörjat", "Påbörjat", "Långt kommet", "Genomfört", "Ej aktuellt"]
    share = {str(dv.sqref): dv for dv in book["Åtagande IV"].data_validations.dataValidation}["D6"]
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "100")


def test_only_the_answer_cells_can_be_changed(session: Session) -> None:
    book = workbook(form_of(session))
    sheet = book["Åtagande II"]
    assert sheet.protection.sheet and book.security.lockStructure
    assert sheet["A6"].protection.locked and sheet["C6"].protection.locked
    assert not any(sheet[ref].protection.locked for ref in (STATIONS, FIRST_YEAR, PREPARATION, STATUS, COMMENT))


def test_a_hidden_sheet_says_which_report_the_file_is_for(session: Session) -> None:
    submission = submission_of(session)
    meta = workbook(form_of(session))["form"]
    facts = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    assert facts["party_code"] == "0680" and facts["year"] == 2025
    assert facts["submission_id"] == submission.id and facts["version"] == submission.version


def test_text_from_users_never_becomes_a_formula(session: Session) -> None:
    submission = submission_of(session, "0680", 2024)
    status = next(s for s in submission.statuses if s.commitment.number == "II")
    status.comment = "=HYPERLINK(\"http://evil.example\";\"klicka\")"
    session.flush()
    cell = workbook(form_of(session, "0680", 2025))["Åtagande II"]["C11"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_an_untouched_form_reads_back_as_the_report(session: Session) -> None:
    submission = submission_of(session)
    filled = read_form(form_of(session), submission)
    assert filled.errors == [] and filled.file_version == submission.version
    assert filled.answers["II.public_stations"] is None and filled.statuses["II"] is None


def test_answers_are_read_with_a_decimal_comma_and_words(session: Session) -> None:
    data = fill(form_of(session), {
        "Åtagande II": {STATIONS: 6, FIRST_YEAR: "2011", PREPARATION: "Nej", STATUS: "Påbörjat", COMMENT: "Ny plan"},
        "Åtagande IV": {"D6": "87,5"},
        "Åtagande VIII": {"D7": 8857.25},
    })
    filled = read_form(data, submission_of(session))
    assert filled.errors == []
    assert filled.answers["II.public_stations"] == Value(number=Decimal(6))
    assert filled.answers["II.site_preparation"] == Value(text="no")  # a choice, by its label
    assert filled.answers["IV.biogas_share"] == Value(number=Decimal("87.5"))
    assert filled.answers["VIII.food_waste_tonnes"] == Value(number=Decimal("8857.25"))
    assert filled.statuses["II"] == "started" and filled.comments["II"] == "Ny plan"


def test_bad_answers_are_listed_by_sheet_and_cell_with_the_web_forms_messages(session: Session) -> None:
    data = fill(form_of(session), {
        "Åtagande II": {STATIONS: "många", FIRST_YEAR: 1800, PREPARATION: "kanske", STATUS: "Klart"},
        "Åtagande IV": {"D6": "120"},
    })
    assert messages(read_form(data, submission_of(session))) == [
        ("Åtagande II", STATIONS, "Ange ett heltal."),
        ("Åtagande II", FIRST_YEAR, "Ange ett årtal mellan 1900 och 2100."),
        ("Åtagande II", PREPARATION, "Välj ett av alternativen: Ja, Nej, Ej aktuellt."),
        ("Åtagande II", STATUS, "Välj ett av alternativen: Ej påbörjat, Påbörjat, Långt kommet, Genomfört, "
                                "Ej aktuellt."),
        ("Åtagande IV", "D6", "Andelen måste vara mellan 0 och 100 %."),
    ]


def test_a_formula_in_an_answer_cell_is_an_error_of_that_cell(session: Session) -> None:
    data = fill(form_of(session), {"Åtagande II": {STATIONS: "=2+3"}})
    assert messages(read_form(data, submission_of(session))) == [
        ("Åtagande II", STATIONS, "Cellen innehåller en formel. Skriv själva värdet."),
    ]


def test_an_answer_to_a_question_that_does_not_apply_is_an_error(session: Session) -> None:
    data = fill(form_of(session), {"Åtagande VI": {"D6": "Nej", "D7": "Uppgraderas till fordonsgas"}})
    assert messages(read_form(data, submission_of(session))) == [
        ("Åtagande VI", "D7", "Frågan gäller inte den här rapporten."),
    ]


def refusal(data: bytes, session: Session) -> str:
    with pytest.raises(UploadRefusedError) as refused:
        read_form(data, submission_of(session))
    return refused.value.message.render(SV)


def test_a_renamed_or_missing_sheet_refuses_the_file(session: Session) -> None:
    data = rename_sheet(form_of(session), "Åtagande III", "Fordon")
    assert refusal(data, session) == ("Bladet \"Åtagande III\" saknas eller har bytt namn. Hämta ett nytt formulär "
                                      "och fyll i det.")


def test_moved_rows_refuse_the_file(session: Session) -> None:
    book = workbook(form_of(session))
    book["Åtagande II"].insert_rows(7)
    output = io.BytesIO()
    book.save(output)
    assert "har flyttats, lagts till eller tagits bort (rad 7)" in refusal(output.getvalue(), session)


def test_the_form_of_another_party_or_round_is_refused(session: Session) -> None:
    other_party = refusal(form_of(session, "0604"), session)
    assert "en annan parts eller omgångs formulär (kommunkod 0604, år 2025)" in other_party
    assert "(kommunkod 0680, år 2024)" in refusal(form_of(session, "0680", 2024), session)


def test_a_workbook_that_is_not_the_form_is_refused(session: Session) -> None:
    output = io.BytesIO()
    openpyxl.Workbook().save(output)
    assert refusal(output.getvalue(), session).startswith("Filen är inte tjänstens offlineformulär")


@pytest.mark.parametrize(("data", "starts"), [
    (b"", "Filen är tom."),
    (b"kommunkod;ar;indikator;varde\n0680;2019;II.public_stations;4\n", "Filen är inte en Excelarbetsbok"),
    (b"%PDF-1.7\n", "Filen är inte en Excelarbetsbok"),
    (b"PK\x03\x04 truncated", "Filen är skadad"),
])
def test_files_that_are_not_workbooks_are_refused(data: bytes, starts: str) -> None:
    with pytest.raises(UploadRefusedError) as refused:
        check_workbook(data)
    assert refused.value.message.render(SV).startswith(starts)


def test_a_part_packed_with_an_unknown_compression_method_is_refused(session: Session) -> None:
    """zipfile cannot unpack it (it raises NotImplementedError): the same "damaged" message, no 500."""
    data = bytearray(form_of(session))
    entry = data.index(b"[Content_Types].xml", data.index(b"PK\x01\x02")) - 46  # central directory header
    assert data[entry:entry + 4] == b"PK\x01\x02"
    data[entry + 10:entry + 12] = (99).to_bytes(2, "little")  # compression method 99: none zipfile knows
    with pytest.raises(UploadRefusedError) as refused:
        check_workbook(bytes(data))
    assert refused.value.message.render(SV).startswith("Filen är skadad")


def test_a_workbook_with_macros_is_refused(session: Session) -> None:
    with_macros = with_part(form_of(session), "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro project")
    assert refusal(with_macros, session).startswith("Arbetsboken innehåller makron")
    assert refusal(as_xlsm(form_of(session)), session).startswith("Arbetsboken innehåller makron")
    macro_sheet = with_part(form_of(session), "xl/macrosheets/sheet1.xml", b"<xm:macrosheet/>")  # Excel 4 macros
    assert refusal(macro_sheet, session).startswith("Arbetsboken innehåller makron")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(session: Session) -> None:
    bomb = zip_bomb(form_of(session))
    assert len(bomb) < 1024 * 1024
    assert refusal(bomb, session).startswith("Filen packas upp till mycket mer data")


def test_xml_with_a_document_type_declaration_is_refused(session: Session) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>'
    assert refusal(with_part(form_of(session), "xl/custom.xml", laughs), session).startswith("Filen är skadad")


@pytest.mark.parametrize("padding", [5 * 1024, 64 * 1024 - 12, 200 * 1024])
def test_a_declaration_deep_in_a_part_is_found(session: Session, padding: int) -> None:
    """Behind a long comment (past the first 4 kB, across the guard's 64 kB pieces) and in the workbook's own
    sheet part, which openpyxl parses: refused as damaged, never a parser's error."""
    deep = (b'<?xml version="1.0"?><!--' + b"x" * padding + b'--><!doctype worksheet [<!ENTITY a "a">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&a;</worksheet>')
    assert refusal(replace_part(form_of(session), "xl/worksheets/sheet1.xml", lambda _: deep), session).startswith(
        "Filen är skadad")


def replaced_by(content: bytes) -> Callable[[bytes], bytes]:
    return lambda _old: content


def test_the_guard_finds_a_declaration_in_utf_16_and_in_a_part_of_any_name(session: Session) -> None:
    """The guard itself refuses these, before openpyxl parses a byte: a sheet written in UTF-16 (which the XML
    parser reads) and a part whose name does not end in .xml (openpyxl finds a sheet by the workbook's
    references, not by its name)."""
    laughs = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><lolz>&lol;</lolz>'
    for encoded in (laughs.encode("utf-16"), laughs.encode("utf-16-be")):
        with pytest.raises(UploadRefusedError):
            check_workbook(replace_part(form_of(session), "xl/worksheets/sheet1.xml", replaced_by(encoded)))
    with pytest.raises(UploadRefusedError):
        check_workbook(with_part(form_of(session), "xl/worksheets/sheet9.bin", laughs.encode()))


def test_a_part_that_is_not_xml_is_refused_as_damaged(session: Session) -> None:
    broken = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><'
    assert refusal(replace_part(form_of(session), "xl/worksheets/sheet1.xml", lambda _: broken), session).startswith(
        "Filen är skadad")


def test_reading_a_form_changes_nothing(session: Session) -> None:
    submission = submission_of(session)
    version = submission.version
    read_form(fill(form_of(session), {"Åtagande II": {STATIONS: 9, STATUS: "Genomfört"}}), submission)
    session.expire_all()
    again = submission_of(session)
    assert again.version == version and again.answers == []
    assert session.query(CommitmentStatus).filter_by(submission_id=again.id).count() == 0


def test_a_missing_sheet_refuses_the_file(session: Session) -> None:
    book = workbook(form_of(session))
    book.security = None
    book.remove(book["Åtagande VIII"])
    output = io.BytesIO()
    book.save(output)
    assert refusal(output.getvalue(), session).startswith("Bladet \"Åtagande VIII\" saknas eller har bytt namn.")


def test_an_english_form_reads_back(session: Session) -> None:
    submission = submission_of(session)
    data = build_form(submission, previous_report(session, submission), "en")
    assert workbook(data).sheetnames[:3] == ["Instructions", "lists", "Commitment II"]
    filled = read_form(fill(data, {"Commitment II": {STATIONS: "2", PREPARATION: "No", STATUS: "Started"}}), submission)
    assert filled.errors == [] and filled.answers["II.public_stations"] == Value(number=Decimal(2))
    assert filled.answers["II.site_preparation"] == Value(text="no") and filled.statuses["II"] == "started"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow(reason="saves the form again in LibreOffice")
def test_a_form_saved_by_libreoffice_reads_back(session: Session, tmp_path: Path) -> None:
    """Filled in, then opened and saved again by an office program: what a person sends back."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI; .ci/run installs libreoffice-calc")
        pytest.skip("LIBREOFFICE NOT INSTALLED: the offline form was not saved by an office program")
    source = tmp_path / "ifyllt.xlsx"
    source.write_bytes(fill(form_of(session), {"Åtagande II": {STATIONS: 7, STATUS: "Påbörjat"},
                                               "Åtagande IV": {"D6": "95,5"}}))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    filled = read_form((tmp_path / "out" / "ifyllt.xlsx").read_bytes(), submission_of(session))
    assert filled.errors == []
    assert filled.answers["II.public_stations"] == Value(number=Decimal(7)) and filled.statuses["II"] == "started"
    assert filled.answers["IV.biogas_share"] == Value(number=Decimal("95.5"))


def test_a_part_larger_than_its_whole_is_an_error_of_its_cell(session: Session) -> None:
    """The same consistency rules as the web form (values.inconsistencies): 150 gas cars of 100 cars, a first
    station opened after the year reported on."""
    data = fill(form_of(session), {
        "Åtagande III": {"D6": 100, "D7": 150, "D8": 20, "D9": 5},
        "Åtagande II": {STATIONS: 1, FIRST_YEAR: 2026},
    })
    assert messages(read_form(data, submission_of(session))) == [
        ("Åtagande II", FIRST_YEAR, "Året kan inte vara senare än 2025, året som rapporten gäller."),
        ("Åtagande III", "D7", "Fler gasbilar än bilar: kontrollera siffrorna."),
    ]
