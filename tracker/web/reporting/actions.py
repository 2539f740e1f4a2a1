"""The report's buttons beside the form: copy last year's answers into the draft, and submit (which queues the
receipt to the party's contacts and the notes to the project leaders, tracker.operations.notices)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from forms.reporting import read_version
from tracker.domain import SubmissionState
from tracker.domain.applicability import missing_items
from tracker.domain.messages import N_
from tracker.domain.permissions import Action
from tracker.operations.answers import OperationError, set_submission_state
from tracker.operations.copying import copy_previous_answers
from tracker.operations.notices import queue_submitted_mails
from tracker.queries.history import changes_since, readable_changes
from tracker.queries.reporting import earlier_reports, find_commitment, previous_report
from tracker.web import Page, db_session
from tracker.web.i18n import current_locale
from tracker.web.reporting import bp
from tracker.web.reporting.access import actor, load_report, locked_message, require
from tracker.web.reporting.labels import missing_links
from tracker.web.reporting.pages import render_overview
from tracker.web.sign_in_links import external_url, send_queued_mails
from tracker.web.transaction import after_commit, refused_redirect

COPIED = N_("Last year's answers have been copied in – check them and save")


@bp.post("/<int:submission_id>/kopiera")
def copy_last_year(submission_id: int) -> Response:
    """Copy every applicable answer (and status) of last year's report where this year's is empty, then show
    the page it was asked from (or the first commitment that got something) for the contact to check."""
    submission = load_report(submission_id)
    back = find_commitment(submission, request.form.get("number", ""))
    here = url_for("reporting.overview", submission_id=submission.id)
    if not require(submission, Action.EDIT):
        flash(locked_message(submission), "error")
        return redirect(here, code=303)
    session = db_session()
    previous = previous_report(session, submission)
    if previous is None:
        flash(gettext("There is no report from last year to copy from."), "info")
        return redirect(here, code=303)
    try:
        result = copy_previous_answers(session, actor(), submission, previous)
    except StaleDataError as error:
        raise refused_redirect(here, gettext("Someone else saved the report at the same moment. Nothing was "
                                             "copied; try again.")) from error
    if result.answers + result.statuses == 0:
        flash(gettext("Nothing was copied: every question that was answered last year already has an answer."),
              "info")
        return redirect(here if back is None else url_for(
            "reporting.commitment", submission_id=submission.id, number=back.number), code=303)
    counts = gettext("Copied: %(answers)s, %(statuses)s.",
                     answers=ngettext("%(num)s answer", "%(num)s answers", result.answers),
                     statuses=ngettext("%(num)s status", "%(num)s statuses", result.statuses))
    flash(f"{gettext(COPIED)}. {counts}", "success")
    number = back.number if back is not None else result.first_commitment
    return redirect(url_for("reporting.commitment", submission_id=submission.id, number=number), code=303)


@bp.post("/<int:submission_id>/skicka-in")
def submit(submission_id: int) -> Page:
    """Submit the report when it is complete; otherwise the overview with an error summary linking to every
    missing field. A report changed since the overview was opened is not submitted unseen."""
    submission = load_report(submission_id)
    here = url_for("reporting.overview", submission_id=submission.id)
    if not require(submission, Action.SUBMIT):
        flash(locked_message(submission), "error")
        return redirect(here, code=303)
    session = db_session()
    posted = read_version(request.form.get("version"))
    if posted != submission.version:
        changes = changes_since(session, submission.id, posted or 0)
        readable = readable_changes(submission, changes.values(), current_locale())
        return render_overview(submission, changes=readable), 409
    missing = missing_items(submission, earlier=earlier_reports(session, submission))
    if missing:
        return render_overview(submission, missing=missing_links(submission.id, missing))
    by = actor()
    try:
        set_submission_state(session, by, submission, SubmissionState.SUBMITTED)
    except StaleDataError as error:
        raise refused_redirect(here, gettext("Someone else saved the report at the same moment. It was not "
                                             "submitted; check it and submit again.")) from error
    except OperationError as error:
        raise refused_redirect(here, error.message.render(gettext)) from error
    mails = queue_submitted_mails(
        session, submission, submitted_by=by.user,
        report_url=external_url("reporting.overview", submission_id=submission.id),
        review_url=external_url("leaders.review", submission_id=submission.id))
    after_commit(lambda: send_queued_mails(mails))  # the receipt and the leaders' notes, in the outbox
    flash(gettext("Thank you! The report has been submitted."), "success")
    return redirect(here, code=303)


