"""The bulk import of earlier years: the follow-ups made before the app, one long-format workbook.

Routes (Swedish URLs, the users' language):
    GET   /projektledare/excel/tidigare-ar                     the bulk import of earlier years
    GET   /projektledare/excel/tidigare-ar/mall.xlsx           its empty template
    POST  /projektledare/excel/tidigare-ar                     upload: errors by row, or on to the preview
    GET   /projektledare/excel/tidigare-ar/<token>             the preview: values per year and party, changes
    POST  /projektledare/excel/tidigare-ar/<token>             confirm

Project leaders and admins (`require_role_pages(Role.PROJECT_LEADER)`). Nothing is written before the leader
confirms a preview of a wholly valid file. Views commit once. The upload and preview helpers are the offline
form's (`offline`).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext, ngettext
from werkzeug.wrappers import Response

from forms.excel_form.guards import UploadRefusedError
from forms.excel_form.layout import answers_text, importable
from forms.upload import WorkbookUploadForm
from tracker.domain import Agreement, Role
from tracker.domain.imports import ImportKind
from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.history_import import (
    HistoryCatalogue,
    confirm_history_import,
    create_history_import,
    history_values,
)
from tracker.queries.imports import history_preview as preview_of_history
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement
from tracker.web.leaders import bp
from tracker.web.leaders.offline import XLSX, file_name, own_pending, read_upload, request_locale, upload_form
from tracker.web.limits import files_per_user
from tracker.web.transaction import refused_redirect


def _agreement() -> Agreement:
    """The request's agreement (tracker.queries.resolver)."""
    return request_agreement()


@bp.get("/excel/tidigare-ar")
def history_index() -> Page:
    require_role_pages(Role.PROJECT_LEADER)
    return _history_page(upload_form(), [])


def _history_page(form: WorkbookUploadForm, errors: list[tuple[int, str]], status: int = 200) -> tuple[str, int]:
    agreement = _agreement()
    html = render_template("leaders/offline_history.html", form=form, errors=errors, agreement=agreement,
                           indicators=importable(agreement.indicators),
                           answers_text=lambda indicator: answers_text(indicator, gettext, request_locale()),
                           locale=request_locale())
    return html, status


@bp.get("/excel/tidigare-ar/mall.xlsx")
@files_per_user()
def history_template() -> Response:
    require_role_pages(Role.PROJECT_LEADER)
    from forms.excel_form.history import template  # openpyxl: imported by the first workbook made

    response = Response(template(gettext, _agreement().indicators, request_locale()), mimetype=XLSX)
    name = file_name(gettext("Earlier years")) + ".xlsx"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.post("/excel/tidigare-ar")
@files_per_user()
def history_upload() -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    form = upload_form()
    upload = read_upload(form)
    if upload is None:
        return _history_page(form, [], 400)
    name, data = upload
    agreement = _agreement()
    try:
        from forms.excel_form.history import read_history  # openpyxl: imported by the first workbook read

        result = read_history(data, HistoryCatalogue.of(session, agreement))
    except UploadRefusedError as error:
        form.workbook.errors = [error.message.render(gettext)]
        return _history_page(form, [], 400)
    if result.errors:
        form.workbook.errors = [ngettext("The file has %(num)d row with an error. Nothing was saved.",
                                         "The file has %(num)d rows with errors. Nothing was saved.",
                                         len(result.errors))]
        return _history_page(form, [(e.row, e.message.render(gettext)) for e in result.errors], 400)
    try:
        pending = create_history_import(session, user, name, agreement, result.values)
    except OperationError as error:
        form.workbook.errors = [error.message.render(gettext)]
        return _history_page(form, [], 400)
    return redirect(url_for("leaders.history_preview", token=pending.token), code=303)


@bp.get("/excel/tidigare-ar/<token>")
def history_preview(token: str) -> str:
    _user, pending = own_pending(token, ImportKind.HISTORY)
    session = db_session()
    agreement = _agreement()
    try:
        values = history_values(HistoryCatalogue.of(session, agreement), pending.payload)
    except OperationError as error:
        flash(error.message.render(gettext), "error")
        values = []
    preview = preview_of_history(session, agreement.id, ((v.party, v.year, v.indicator, v.value) for v in values),
                                 request_locale())
    return render_template("leaders/offline_history_preview.html", pending=pending, preview=preview)


@bp.post("/excel/tidigare-ar/<token>")
def history_confirm(token: str) -> Response:
    user, pending = own_pending(token, ImportKind.HISTORY)
    session = db_session()
    try:
        changed = confirm_history_import(session, Actor(user=user, on_behalf=True), pending, _agreement())
    except (OperationError, InvalidValue) as error:
        raise refused_redirect(url_for("leaders.history_index"), error.message.render(gettext)) from error
    flash(ngettext("%(num)d value of earlier years is saved.", "%(num)d values of earlier years are saved.",
                   changed), "success")
    return redirect(url_for("leaders.history_index"), code=303)
