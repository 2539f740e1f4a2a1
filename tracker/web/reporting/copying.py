"""Copying last year's answers, asked first: the page of what would be copied, then the copy once confirmed.

    GET   /rapportera/<id>/kopiera   per commitment: last year's answers and status, this year's, and what the copy
                                     does with each (copied in, this year's kept, left out and why)
    POST  /rapportera/<id>/kopiera   copy (CSRF, and the version the page showed: a report changed since is not
                                     copied into unseen, the page is shown again as it is now)

The copied answers are then marked on the form until the contact confirms each commitment (the commitment's page).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy.orm.exc import StaleDataError

from forms.reporting import read_version
from tracker.domain import Submission, localized
from tracker.domain.messages import N_
from tracker.domain.permissions import Action
from tracker.domain.values import ValueRules, format_value
from tracker.operations.copying import CopyAction, CopyPlan, copy_previous_answers, plan_copy
from tracker.queries.reporting import find_commitment, previous_report
from tracker.web import Page, db_session
from tracker.web.i18n import current_locale
from tracker.web.reporting import bp
from tracker.web.reporting.access import actor as acting_user
from tracker.web.reporting.access import load_report, locked_message, require
from tracker.web.transaction import Refused

COPIED = N_("Last year's answers have been copied in. They are marked “from last year – please check” until you "
           "confirm or change them, commitment by commitment.")


@dataclass(frozen=True)
class PreviewRow:
    label: str
    last: str
    current: str  # "" when this year has none
    action: CopyAction


@dataclass(frozen=True)
class PreviewCommitment:
    number: str
    title: str
    rows: tuple[PreviewRow, ...]
    copies: int


def preview(plan: CopyPlan) -> list[PreviewCommitment]:
    """The plan as the page reads it, in the contact's language."""
    locale = current_locale()
    result = []
    for item in plan.commitments:
        rows = [PreviewRow(localized(a.indicator, "label", locale),
                           format_value(ValueRules.of(a.indicator), a.last, locale),
                           format_value(ValueRules.of(a.indicator), a.current, locale) if a.current else "",
                           a.action) for a in item.answers]
        if item.status is not None:
            rows.append(PreviewRow(gettext("Status"), localized(item.status.last, "label", locale),
                                   localized(item.status.current, "label", locale) if item.status.current else "",
                                   item.status.action))
        result.append(PreviewCommitment(item.commitment.number, localized(item.commitment, "title", locale),
                                        tuple(rows), item.copies))
    return result


def render_preview(submission: Submission, previous: Submission, *, changed: bool = False) -> str:
    plan = plan_copy(submission, previous)
    return render_template(
        "reporting/copy.html", submission=submission, previous=previous, commitments=preview(plan),
        answers=plan.answers, statuses=plan.statuses, changed=changed, back=request.values.get("number", ""),
        is_example=submission.is_example,
    )


@bp.route("/<int:submission_id>/kopiera", methods=["GET", "POST"])
def copy_last_year(submission_id: int) -> Page:
    """GET: what copying would do; POST: copy, then show the first commitment that got something (or the page it
    was asked from) for the contact to check."""
    submission = load_report(submission_id)
    here = url_for("reporting.overview", submission_id=submission.id)
    if not require(submission, Action.EDIT):
        flash(locked_message(submission), "error")
        return redirect(here, code=303)
    session = db_session()
    previous = previous_report(session, submission)
    if previous is None:
        flash(gettext("There is no report from last year to copy from."), "info")
        return redirect(here, code=303)
    if request.method == "GET":
        return render_preview(submission, previous)
    if read_version(request.form.get("version")) != submission.version:
        return render_preview(submission, previous, changed=True), 409
    back = find_commitment(submission, request.form.get("number", ""))
    try:
        result = copy_previous_answers(session, acting_user(), submission, previous)
    except StaleDataError as error:  # another save won the race: the page again as the report is now
        raise Refused(lambda: _raced(submission_id)) from error
    if result.answers + result.statuses == 0:
        flash(gettext("Nothing was copied: every question that was answered last year already has an answer."),
              "info")
        return redirect(here if back is None else url_for(
            "reporting.commitment", submission_id=submission.id, number=back.number), code=303)
    counts = gettext("Copied: %(answers)s, %(statuses)s.",
                     answers=ngettext("%(num)s answer", "%(num)s answers", result.answers),
                     statuses=ngettext("%(num)s status", "%(num)s statuses", result.statuses))
    flash(f"{gettext(COPIED)} {counts}", "success")
    number = back.number if back is not None else result.first_commitment
    return redirect(url_for("reporting.commitment", submission_id=submission.id, number=number), code=303)


def _raced(submission_id: int) -> Page:
    fresh = load_report(submission_id)
    previous = previous_report(db_session(), fresh)
    if previous is None:
        return redirect(url_for("reporting.overview", submission_id=fresh.id), code=303)
    return render_preview(fresh, previous, changed=True), 409
