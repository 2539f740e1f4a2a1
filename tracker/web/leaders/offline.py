"""The offline Excel form: a party's prefilled workbook, filled outside the app and imported by a project leader.

Routes (Swedish URLs, the users' language):
    GET   /projektledare/excel?ar=<year>                       every party of the round: download, upload
    GET   /projektledare/excel/<submission_id>.xlsx            the party's prefilled form
    POST  /projektledare/excel/<submission_id>                 upload a filled form: errors, or on to the preview
    GET   /projektledare/excel/forhandsgranska/<token>         what the form would change (old → new)
    POST  /projektledare/excel/forhandsgranska/<token>         confirm: write it on the party's behalf

The helpers of an upload and its preview (`upload_form`, `read_upload`, `own_pending` …) serve the import of
earlier years too (`history_import`).

Project leaders and admins (`require_role_pages(Role.PROJECT_LEADER)`). Nothing is written before the leader
confirms a preview of a wholly valid file. Views commit once.
"""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext, ngettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.excel_form.guards import UploadRefusedError
from forms.upload import MAX_UPLOAD_BYTES, WorkbookUploadForm
from tracker.domain import ReportingRound, Role, Submission, User
from tracker.domain.copies import unconfirmed_commitment_ids
from tracker.domain.imports import ImportKind, PendingImport
from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.imports import check_importable, confirm_offline_import, create_offline_import
from tracker.queries.imports import offline_preview, pending_import, round_submissions
from tracker.queries.reporting import earlier_values, previous_report, submission_for_report
from tracker.queries.resolver import agreement_round, agreement_rounds, current_round
from tracker.web import Page, db_session
from tracker.web.access import require_leaders_report, require_role_pages
from tracker.web.agreement import request_agreement_or_none
from tracker.web.leaders import bp
from tracker.web.limits import files_per_user
from tracker.web.reporting.labels import state_label
from tracker.web.transaction import Refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def request_locale() -> str:
    return str(get_locale() or "sv")


def upload_form() -> WorkbookUploadForm:
    return WorkbookUploadForm(request.files if request.method == "POST" else None, gettext=gettext)


def _submission(user: User, submission_id: int) -> Submission:
    return require_leaders_report(user, db_session().scalar(submission_for_report(submission_id)))


def _round(year: int | None) -> ReportingRound | None:
    """The agreement's round of `year`; without a year the latest open one, else the latest."""
    agreement = request_agreement_or_none()
    if agreement is None:
        return None
    if year is not None:
        return agreement_round(db_session(), agreement.id, year)
    return current_round(db_session(), agreement.id)


def file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text.translate(str.maketrans("åäöÅÄÖé", "aaoAAOe"))).strip("-").lower()


def read_upload(form: WorkbookUploadForm) -> tuple[str, bytes] | None:
    """The uploaded file, or None (the form carries the error) when none was chosen or it is too large."""
    if not form.validate():
        return None
    name, data = form.read()
    if len(data) > MAX_UPLOAD_BYTES:
        form.workbook.errors = [gettext("The file is too large. An Excel form is far smaller than %(size)s MB.",
                                        size=MAX_UPLOAD_BYTES // (1024 * 1024))]
        return None
    return name, data


@bp.get("/excel")
def excel_index() -> tuple[str, int]:
    require_role_pages(Role.PROJECT_LEADER)
    year = request.args.get("ar", type=int)
    round_ = _round(year)
    if round_ is None and year is not None:
        abort(404)
    return _index_page(round_, None, None, [])


def _index_page(round_: ReportingRound | None, form: WorkbookUploadForm | None, failed: Submission | None,
                errors: list[tuple[str, str, str]], status: int = 200) -> tuple[str, int]:
    session = db_session()
    agreement = request_agreement_or_none()
    rounds = session.scalars(agreement_rounds(agreement.id)).all() if agreement is not None else []
    submissions = session.scalars(round_submissions(round_.id)).all() if round_ is not None else []
    html = render_template(
        "leaders/offline.html", round=round_, rounds=rounds, submissions=submissions, form=form or upload_form(),
        failed=failed, errors=errors, editable=_editable, state_label=state_label,
    )
    return html, status


def _editable(submission: Submission) -> str | None:
    """Why a filled form cannot be imported into `submission` now, or None when it can."""
    try:
        check_importable(submission)
    except OperationError as error:
        return error.message.render(gettext)
    return None


@bp.get("/excel/<int:submission_id>.xlsx")
@files_per_user()
def excel_download(submission_id: int) -> Response:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    submission = _submission(user, submission_id)
    from forms.excel_form.build import build_form  # openpyxl: imported by the first form built

    data = build_form(submission, previous_report(session, submission), request_locale())
    title = gettext("Yearly report")  # not inside the f-string: pybabel cannot see a call there
    name = f"{file_name(title)}-{submission.round.year}-{file_name(submission.party.name)}.xlsx"
    response = Response(data, mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/excel/<int:submission_id>")
@files_per_user()
def excel_upload(submission_id: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    submission = _submission(user, submission_id)
    form = upload_form()
    upload = read_upload(form)
    if upload is None:
        return _index_page(submission.round, form, submission, [], 400)
    name, data = upload
    try:
        check_importable(submission)
        from forms.excel_form.parse import read_form  # openpyxl: imported by the first form read

        filled = read_form(data, submission)
    except (UploadRefusedError, OperationError) as error:
        form.workbook.errors = [error.message.render(gettext)]
        return _index_page(submission.round, form, submission, [], 400)
    if filled.errors:
        form.workbook.errors = [ngettext("The file has %(num)d error. Nothing was saved.",
                                         "The file has %(num)d errors. Nothing was saved.", len(filled.errors))]
        errors = [(e.sheet, e.cell, e.message.render(gettext)) for e in filled.errors]
        return _index_page(submission.round, form, submission, errors, 400)
    pending = create_offline_import(session, user, submission, name, answers=filled.answers,
                                    statuses=filled.statuses, comments=filled.comments,
                                    file_version=filled.file_version)
    return redirect(url_for("leaders.excel_preview", token=pending.token), code=303)


def own_pending(token: str, kind: ImportKind) -> tuple[User, PendingImport]:
    """The signed-in leader and their own pending import; 404 for anyone else's or an unknown token."""
    user = require_role_pages(Role.PROJECT_LEADER)
    if len(token) > 64:
        abort(404)
    pending = db_session().scalar(pending_import(token, user.id, kind))
    if pending is None:
        abort(404)
    return user, pending


@bp.get("/excel/forhandsgranska/<token>")
def excel_preview(token: str) -> str:
    user, pending = own_pending(token, ImportKind.OFFLINE_FORM)
    assert pending.submission_id is not None
    submission = _submission(user, pending.submission_id)
    preview = offline_preview(submission, pending.payload, request_locale(), earlier_values(db_session(), submission))
    copies = len(unconfirmed_commitment_ids(submission))
    return render_template("leaders/offline_preview.html", pending=pending, submission=submission,
                           preview=preview, is_stale=pending.submission_version != submission.version,
                           copies_to_check=copies)


@bp.post("/excel/forhandsgranska/<token>")
def excel_confirm(token: str) -> Response:
    user, pending = own_pending(token, ImportKind.OFFLINE_FORM)
    session = db_session()
    assert pending.submission_id is not None
    submission = _submission(user, pending.submission_id)
    back = url_for("leaders.excel_index", ar=submission.round.year)
    try:
        changed = confirm_offline_import(session, Actor(user=user, on_behalf=True), pending, submission)
    except (OperationError, InvalidValue) as error:
        message = error.message.render(gettext)

        def respond() -> Response:  # after the rollback: back to the preview, if the import is still there
            flash(message, "error")
            return redirect(url_for("leaders.excel_preview", token=token) if _still_there(token) else back, code=303)

        raise Refused(respond) from error
    flash(ngettext("The form of %(party)s is saved: %(num)d change.",
                   "The form of %(party)s is saved: %(num)d changes.", changed, party=submission.party.name),
          "success")
    return redirect(back, code=303)


def _still_there(token: str) -> bool:
    return db_session().scalar(select(PendingImport.id).where(PendingImport.token == token)) is not None
