"""Helpers of the offline Excel form's tests: the demo data's forms, filled in as a person would with openpyxl,
and hostile files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.excel_form.build import build_form
from tracker.domain import Party, ReportingRound, Submission
from tracker.queries.reporting import previous_report, submission_for_report

# Jönköpings kommun's sheet of commitment II: three questions, then (after an empty row) status and comment.
STATIONS, FIRST_YEAR, PREPARATION, STATUS, COMMENT = "D6", "D7", "D8", "D10", "D11"


def submission_of(session: Session, code: str = "0680", year: int = 2025) -> Submission:
    sid = session.scalars(select(Submission.id).join(Party).join(ReportingRound)
                          .where(Party.code == code, ReportingRound.year == year)).one()
    submission = session.scalar(submission_for_report(sid))
    assert submission is not None
    return submission


def form_of(session: Session, code: str = "0680", year: int = 2025) -> bytes:
    submission = submission_of(session, code, year)
    return build_form(submission, previous_report(session, submission), "sv")


def fill(data: bytes, cells: Mapping[str, Mapping[str, object]]) -> bytes:
    """The workbook with `cells` ({sheet: {cell: value}}) written, saved as a person's spreadsheet program would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, values in cells.items():
        for ref, value in values.items():
            workbook[sheet][ref] = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def rename_sheet(data: bytes, old: str, new: str) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook[old].title = new
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_part(data: bytes, name: str, content: bytes, *, compress: bool = True) -> bytes:
    """The zip `data` with one more part (a macro project, a bomb)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr(name, content, zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
    return output.getvalue()


def zip_bomb(data: bytes) -> bytes:
    """A real workbook with a 100 MB part of zeros that deflates to some 100 kB."""
    return with_part(data, "xl/media/filler.bin", b"\0" * (100 * 1024 * 1024))


def replace_part(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip `data` with part `name` changed by `change`."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == name else content)
    return output.getvalue()


def as_xlsm(data: bytes) -> bytes:
    """The workbook declared as a macro-enabled one (.xlsm), as Excel saves it."""
    return replace_part(data, "[Content_Types].xml", lambda xml: xml.replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"))
