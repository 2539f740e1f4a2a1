"""Review: a project leader reads a submission beside last year's, approves it or sends it back with a comment.

Routes (Swedish URLs, the users' language):
    GET   /projektledare/granska/<id>                   the report, last year's answers beside it, the history
    POST  /projektledare/granska/<id>/godkann           approve (a submitted report)
    POST  /projektledare/granska/<id>/skicka-tillbaka   send back with a comment, mailed to the party's contacts

Project leaders and admins (`require_role_pages`), and every change through `permissions.decide(Action.REVIEW)`.
Both POSTs carry the version the page showed: a report changed since is not approved or sent back unseen.
Editing on the party's behalf happens in the party's own report pages (/rapportera/<id>/...).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from forms.review import ApproveForm, SendBackForm
from tracker.domain import Role, RoundState, Submission, User
from tracker.domain.applicability import applicable_commitments
from tracker.domain.calendar import is_late, today_in_sweden
from tracker.domain.mail import MailState, SentMail
from tracker.domain.permissions import Action, Outcome, decide
from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.review import StaleReportError, approve, contacts_of, send_back
from tracker.queries.commitment_page import commitment_page
from tracker.queries.history import submission_history
from tracker.queries.reporting import earlier_values, previous_report, submission_for_report
from tracker.queries.review import changes_after_approval, send_back_comment
from tracker.web import Page, db_session
from tracker.web.access import require_leaders_report, require_role_pages
from tracker.web.i18n import current_locale
from tracker.web.leaders import bp
from tracker.web.reporting.labels import state_label, template_helpers
from tracker.web.sign_in_links import reminder_link, send_queued_mails
from tracker.web.transaction import Refused, after_commit, refused_redirect

RECENT_EVENTS = 10

for _name, _helper in template_helpers().items():  # state_label, date_time... (also set by the reporting pages)
    bp.add_app_template_global(_helper, _name)


def _load(submission_id: int) -> tuple[User, Submission]:
    user = require_role_pages(Role.PROJECT_LEADER)
    return user, require_leaders_report(user, db_session().scalars(submission_for_report(submission_id)).one_or_none())


@bp.get("/granska/<int:submission_id>")
def review(submission_id: int) -> str:
    user, submission = _load(submission_id)
    return render_review(user, submission, ApproveForm(gettext=gettext), SendBackForm(gettext=gettext))


def render_review(
    user: User, submission: Submission, approve_form: ApproveForm, send_back_form: SendBackForm, *,
    problem: str | None = None,
) -> str:
    """The review page. `problem`: why the last request did nothing (a report changed since the page was opened)."""
    session = db_session()
    locale = current_locale()
    previous = previous_report(session, submission)
    earlier = earlier_values(session, submission)
    pages = [commitment_page(submission, c, previous, locale, earlier=earlier)
             for c in applicable_commitments(submission)]
    for form in (approve_form, send_back_form):
        form.version.data = str(submission.version)
    decision = decide(user, Action.REVIEW, submission)
    return render_template(
        "leaders/review.html",
        submission=submission,
        previous=previous,
        pages=pages,
        to_check=[(page.number, question) for page in pages for question in page.questions if question.check],
        can_review=decision.outcome is Outcome.ALLOWED,
        round_closed=submission.round.state == RoundState.CLOSED,
        is_late=is_late(reported=submission.state.is_reported, first_submitted_dt=submission.first_submitted_dt,
                        deadline_on=submission.round.deadline_on, today=today_in_sweden()),
        copied_unchanged=sum(1 for page in pages for q in page.questions if q.copied) + sum(
            1 for page in pages if page.status_copied),
        can_edit=bool(decide(user, Action.EDIT, submission)),
        approve_form=approve_form,
        send_back_form=send_back_form,
        problem=problem,
        send_back_note=send_back_comment(session, submission),
        changes_after_approval=changes_after_approval(session, [submission.id])[submission.id],
        events=submission_history(session, submission, locale)[:RECENT_EVENTS],
        contacts=contacts_of(submission),
        is_example=submission.is_example,
    )


def _not_reviewable(submission: Submission) -> Response:
    flash(gettext("Only a submitted report can be approved or sent back. This report is: %(state)s.",
                  state=state_label(submission.state)), "error")
    return redirect(url_for("leaders.review", submission_id=submission.id), code=303)


@bp.post("/granska/<int:submission_id>/godkann")
def approve_report(submission_id: int) -> Page:
    user, submission = _load(submission_id)
    if decide(user, Action.REVIEW, submission).outcome is not Outcome.ALLOWED:
        return _not_reviewable(submission)
    form = ApproveForm(request.form, gettext=gettext)
    session = db_session()
    try:
        approve(session, Actor(user=user), submission, version=form.posted_version())
    except (StaleReportError, StaleDataError) as error:
        raise _stale(user, submission.id, SendBackForm(gettext=gettext)) from error
    except OperationError as error:
        raise refused_redirect(url_for("leaders.review", submission_id=submission.id),
                               error.message.render(gettext)) from error
    if submission.round.state == RoundState.CLOSED:
        flash(gettext("The report of %(party)s for %(year)s is approved. The round stays closed.",
                      party=submission.party.name, year=submission.round.year), "success")
    else:
        flash(gettext("The report of %(party)s for %(year)s is approved.", party=submission.party.name,
                      year=submission.round.year), "success")
    return redirect(url_for("leaders.review", submission_id=submission.id), code=303)


@bp.post("/granska/<int:submission_id>/skicka-tillbaka")
def send_back_report(submission_id: int) -> Page:
    user, submission = _load(submission_id)
    if decide(user, Action.REVIEW, submission).outcome is not Outcome.ALLOWED:
        return _not_reviewable(submission)
    form = SendBackForm(request.form, gettext=gettext)
    session = db_session()
    try:
        mails = send_back(session, Actor(user=user), submission, form.comment.data, version=form.posted_version(),
                          link=reminder_link(url_for("reporting.overview", submission_id=submission.id)))
    except InvalidValue as error:
        form.comment.errors = [error.message.render(gettext)]
        raise Refused(lambda: (render_review(user, _load(submission_id)[1], ApproveForm(gettext=gettext), form),
                               400)) from error
    except (StaleReportError, StaleDataError) as error:
        raise _stale(user, submission.id, form) from error
    except OperationError as error:
        raise refused_redirect(url_for("leaders.review", submission_id=submission.id),
                               error.message.render(gettext)) from error
    if submission.is_reopened:
        flash(gettext("The report of %(party)s for %(year)s is sent back. The round stays closed, but %(party)s "
                      "can correct the report and submit it again.", party=submission.party.name,
                      year=submission.round.year), "success")
    else:
        flash(gettext("The report of %(party)s for %(year)s is sent back.", party=submission.party.name,
                      year=submission.round.year), "success")
    after_commit(lambda: _mail_outcome(mails))  # a mail is never sent for a change not stored
    return redirect(url_for("leaders.review", submission_id=submission.id), code=303)


def _mail_outcome(mails: list[SentMail]) -> None:
    """Send the "sent back" mails (after the commit) and say how it went."""
    outcomes = send_queued_mails(mails)
    failed = len(mails) - sum(outcome.state is MailState.SENT for outcome in outcomes)
    if not mails:
        flash(gettext("The party has no active contact: no one was told by mail."), "error")
    elif failed:
        flash(ngettext("%(num)d mail could not be sent yet: it is tried again in a while.",
                       "%(num)d mails could not be sent yet: they are tried again in a while.",
                       failed), "error")
    else:
        flash(ngettext("The comment was mailed to %(num)d contact.", "The comment was mailed to %(num)d contacts.",
                       len(mails)), "success")


def _stale(user: User, submission_id: int, send_back_form: SendBackForm) -> Refused:
    """Nothing was done: the page again as the report is now (read after the rollback), with what the leader typed
    kept."""
    problem = StaleReportError().message.render(gettext)
    return Refused(lambda: (render_review(user, _load(submission_id)[1], ApproveForm(gettext=gettext),
                                          send_back_form, problem=problem), 409))
