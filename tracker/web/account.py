"""The signed-in user's own settings: the language of their mail (and of the pages), and for a project leader how
they hear of submitted reports (a mail each, a daily digest, or none).

Routes:
    GET/POST  /installningar    every signed-in user, for themself only (tracker.web.access.require_signed_in)

Changes are audited by the operations (tracker.operations.users); the view commits once.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from tracker.domain import Role, SubmissionNotice
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.users import set_language, set_submission_notice
from tracker.web import Page, db_session
from tracker.web.access import require_signed_in
from tracker.web.i18n import SESSION_KEY
from tracker.web.transaction import Refused

bp = Blueprint("account", __name__)


@bp.route("/installningar", methods=["GET", "POST"])
def settings() -> Page:
    user = require_signed_in()
    gets_notices = user.role == Role.PROJECT_LEADER
    if request.method == "POST":
        actor = Actor(user=user)
        try:
            set_language(db_session(), actor, user, request.form.get("language", ""))
            if gets_notices:
                set_submission_notice(db_session(), actor, user, request.form.get("notice", ""))
        except OperationError as error:
            problem = error.message.render(gettext)
            field = "notice-each" if error.code == "unknown_notice" else "language-sv"
            raise Refused(lambda: (_page(gets_notices, problem, field), 400)) from error
        session[SESSION_KEY] = str(user.language)  # the pages follow the chosen language too
        flash(gettext("Your settings are saved."), "success")
        return _saved()
    return _page(gets_notices, None, None)


def _saved() -> Response:
    return redirect(url_for("account.settings"), code=303)


def _page(gets_notices: bool, problem: str | None, field: str | None) -> str:
    return render_template("account/settings.html", user=require_signed_in(), gets_notices=gets_notices,
                           notices=list(SubmissionNotice), problem=problem, problem_field=field)
