"""The reading pages: my reporting, a report's overview (or receipt), its history."""

from __future__ import annotations

from collections.abc import Sequence

from flask import abort, render_template

from tracker.domain import Role, Submission
from tracker.domain.applicability import applicable_commitments
from tracker.domain.permissions import Action, Outcome, may_use_role_pages
from tracker.queries.commitment_page import commitment_page
from tracker.queries.history import HistoryEntry, submission_history
from tracker.queries.reporting import (
    earlier_values,
    has_something_to_copy,
    my_reporting,
    previous_report,
    report_progress,
)
from tracker.queries.review import send_back_comment
from tracker.web import db_session
from tracker.web.access import signed_in_user
from tracker.web.i18n import current_locale
from tracker.web.reporting import bp
from tracker.web.reporting.access import actor, load_report, locked_message, may, require, sign_in_first, today
from tracker.web.reporting.labels import template_helpers

for _name, _helper in template_helpers().items():  # globals: the imported macros use them too
    bp.add_app_template_global(_helper, _name)


@bp.get("/")
def mine() -> str:
    """My reporting: for each party I report for, this year's report with its deadline and progress."""
    user = signed_in_user()
    decision = may_use_role_pages(user, Role.CONTACT)
    if decision.outcome is Outcome.SIGN_IN or user is None:
        sign_in_first()
    if decision.outcome is Outcome.FORBIDDEN:
        abort(403)
    parties = my_reporting(db_session(), user, current_locale(), today())
    is_example = any(report.is_example for party in parties for report in party.open_reports)
    return render_template("reporting/mine.html", parties=parties, is_example=is_example)


@bp.get("/<int:submission_id>")
def overview(submission_id: int) -> str:
    submission = load_report(submission_id)
    require(submission, Action.VIEW)
    return render_overview(submission)


def render_overview(
    submission: Submission, *, missing: Sequence[tuple[str, str]] = (),
    changes: Sequence[HistoryEntry] = (), version: int | None = None,
) -> str:
    """The overview: progress per commitment, copy and submit while the report can be changed; once it is
    submitted (or can no longer be changed), the receipt with every answer.

    `missing`: the error summary of a refused submission; `changes`: what others changed since the page the
    contact submitted from was opened.
    """
    session = db_session()
    locale = current_locale()
    previous = previous_report(session, submission)
    can_edit = may(submission, Action.EDIT)
    show_receipt = submission.state.is_reported or not can_edit
    pages = [commitment_page(submission, c, previous, locale) for c in applicable_commitments(submission)] \
        if show_receipt else []
    return render_template(
        "reporting/overview.html",
        submission=submission,
        progress=report_progress(submission, locale, earlier_values(session, submission) if can_edit else ()),
        pages=pages,
        can_edit=can_edit,
        can_submit=may(submission, Action.SUBMIT),
        previous=previous,
        can_copy=can_edit and has_something_to_copy(submission, previous),
        missing=missing,
        changes=changes,
        version=submission.version if version is None else version,
        send_back_note=send_back_comment(session, submission),
        on_behalf=can_edit and actor().on_behalf,
        for_leader=actor().on_behalf,
        locked_message=locked_message(submission),
        is_example=submission.is_example,
    )


@bp.get("/<int:submission_id>/historik")
def history(submission_id: int) -> str:
    """Who changed what and when, old -> new, newest first."""
    submission = load_report(submission_id)
    require(submission, Action.VIEW)
    entries = submission_history(db_session(), submission, current_locale())
    return render_template("reporting/history.html", submission=submission, entries=entries,
                           is_example=submission.is_example)
