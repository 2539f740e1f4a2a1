"""The report's submit button, which queues the receipt to the party's contacts and the notes to the project
leaders (tracker.operations.notices). Copying last year's answers is tracker.web.reporting.copying."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy.orm.exc import StaleDataError

from forms.reporting import read_version
from tracker.domain import SubmissionState
from tracker.domain.applicability import missing_items
from tracker.domain.permissions import Action
from tracker.operations.answers import OperationError
from tracker.operations.notices import queue_submitted_mails
from tracker.operations.submitting import set_submission_state
from tracker.queries.history import changes_since, readable_changes
from tracker.queries.reporting import earlier_values
from tracker.web import Page, db_session
from tracker.web.i18n import current_locale
from tracker.web.reporting import bp
from tracker.web.reporting.access import actor, load_report, locked_message, require
from tracker.web.reporting.labels import missing_links
from tracker.web.reporting.pages import render_overview
from tracker.web.sign_in_links import external_url, send_queued_mails
from tracker.web.transaction import after_commit, refused_redirect


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
    missing = missing_items(submission, earlier=earlier_values(session, submission))
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


