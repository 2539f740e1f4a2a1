"""Review: a project leader reads a submission beside last year's, approves it or sends it back with a comment.

Routes:
    GET   /projektledare/granska/<id>     the submission, last year's answers beside it, the recent history
"""

from __future__ import annotations

from flask import abort, render_template

from tracker.domain import Role
from tracker.queries.reporting import submission_for_report
from tracker.web import db_session
from tracker.web.forum.access import require_role_pages
from tracker.web.leaders import bp


@bp.get("/granska/<int:submission_id>")
def review(submission_id: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    submission = db_session().scalars(submission_for_report(submission_id)).one_or_none()
    if submission is None:
        abort(404)
    return render_template("leaders/review.html", submission=submission)
