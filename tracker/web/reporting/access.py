"""The gate of every reporting route: load the report, ask `permissions.decide`, answer as the web does.

SIGN_IN redirects to the sign-in page (and back here afterwards), FORBIDDEN is a 403, an unknown report a 404;
LOCKED is returned to the view, which shows the report read-only or says why it cannot be changed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NoReturn
from zoneinfo import ZoneInfo

from flask import abort, current_app
from flask_babel import gettext

from tracker.domain import RoundState, Submission
from tracker.domain.permissions import LEADERS, Action, Decision, Outcome, decide, takes_changes
from tracker.operations.audit import Actor
from tracker.queries.reporting import submission_for_report
from tracker.web import db_session
from tracker.web.access import signed_in_user
from tracker.web.reporting.labels import long_date


def actor() -> Actor:
    """The signed-in user; a project leader or admin changing a party's report acts on the party's behalf (the
    audit trail and the history say so)."""
    user = signed_in_user()
    return Actor(user=user, on_behalf=user is not None and user.role in LEADERS)


def sign_in_first() -> NoReturn:
    """Redirect to the sign-in page, which brings the user back here."""
    abort(current_app.login_manager.unauthorized())  # type: ignore[attr-defined]  # set by Flask-Login


def load_report(submission_id: int) -> Submission:
    """The report with everything its pages show; 404 when there is none (after sign-in, so as not to tell)."""
    submission = db_session().scalars(submission_for_report(submission_id)).one_or_none()
    if submission is None:
        if signed_in_user() is None:
            sign_in_first()
        abort(404)
    return submission


def require(submission: Submission, action: Action) -> Decision:
    """`decide` for the signed-in user: returns ALLOWED or LOCKED, redirects to sign-in, or aborts with 403."""
    decision = decide(signed_in_user(), action, submission)
    if decision.outcome is Outcome.SIGN_IN:
        sign_in_first()
    if decision.outcome is Outcome.FORBIDDEN:
        abort(403)
    return decision


def may(submission: Submission, action: Action) -> bool:
    """Whether the signed-in user may do `action` now (which buttons a page offers)."""
    return bool(decide(signed_in_user(), action, submission))


def locked_message(submission: Submission) -> str:
    """Why the report cannot be changed now, for the person who tried."""
    reporting_round = submission.round
    if reporting_round.state is RoundState.PLANNED:
        if reporting_round.opens_on is not None:
            return str(gettext("The reporting round for %(year)s has not opened yet. It opens on %(date)s.",
                               year=reporting_round.year, date=long_date(reporting_round.opens_on)))
        return str(gettext("The reporting round for %(year)s has not opened yet. It opens when the project "
                           "leaders open it.", year=reporting_round.year))
    if not takes_changes(submission):
        return str(gettext("The reporting round for %(year)s is closed, so the report can no longer be changed.",
                           year=submission.round.year))
    return str(gettext("The report has been submitted and can no longer be changed. Contact the project leaders "
                       "if something needs to be corrected."))


def today() -> date:
    """Today where the agreement's parties are (days left until the deadline)."""
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Europe/Stockholm")
    return datetime.now(zone).date()
