"""Reminders: the invitation and reminders to the contacts of parties that have not submitted.

Routes (Swedish URLs, the users' language):
    GET       /projektledare/paminnelser                      the rounds, the templates
    GET       /projektledare/paminnelser/<year>?typ=<kind>    who would get the mail, a preview each, sent mails
    POST      /projektledare/paminnelser/<year>               send (the confirm button)
    GET/POST  /projektledare/paminnelser/mallar/<kind>        edit a template (sv and en)

Project leaders and admins (`permissions.may_use_role_pages(user, Role.PROJECT_LEADER)`). Views commit once.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from tracker.domain import ReportingRound, Role
from tracker.domain.mail import MailKind, MailState, SentMail
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.reminders import (
    REMINDER_KINDS,
    TEMPLATE_KINDS,
    TEXT_FIELDS,
    find_open_round,
    latest_sent_mail_id,
    placeholders_of,
    queue_reminders,
    recipients,
    render,
    sent_mails,
    template_for,
    unknown_placeholders,
    update_template,
)
from tracker.web import db_session
from tracker.web.access import require_role_pages
from tracker.web.reporting.labels import date_time
from tracker.web.sign_in_links import reminder_link, send_queued_mails
from tracker.web.transaction import after_commit

bp = Blueprint("reminders", __name__, url_prefix="/projektledare/paminnelser")
bp.context_processor(lambda: {"date_time": date_time})


def _kind(value: str | None, default: MailKind = MailKind.REMINDER,
          kinds: tuple[MailKind, ...] = REMINDER_KINDS) -> MailKind:
    try:
        kind = MailKind(value) if value else default
    except ValueError:
        abort(404)
    if kind not in kinds:
        abort(404)
    return kind


def _round(year: int) -> ReportingRound:
    round_ = db_session().scalar(select(ReportingRound).where(ReportingRound.year == year))
    if round_ is None:
        abort(404)
    return round_


@bp.get("")
def index() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    rounds = session.scalars(select(ReportingRound).order_by(ReportingRound.year.desc())).all()
    return render_template("reminders/index.html", rounds=rounds, kinds=TEMPLATE_KINDS)


@bp.get("/<int:year>")
def round_page(year: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    round_ = _round(year)
    kind = _kind(request.args.get("typ"))
    template = template_for(session, kind)
    preview_link = gettext("[a personal sign-in link]")  # never a real link: it would sign the reader in
    previews = [(r, *render(template, r, round_, preview_link)) for r in recipients(session, round_)]
    return render_template("reminders/round.html", round=round_, kind=kind, kinds=REMINDER_KINDS,
                           previews=previews, sent=sent_mails(session, round_), is_open=str(round_.state) == "open",
                           sent_before=latest_sent_mail_id(session, round_))


@bp.post("/<int:year>")
def send(year: int) -> Response:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    kind = _kind(request.form.get("typ"))
    try:
        round_ = find_open_round(session, year)
    except OperationError as error:
        flash(error.message.render(gettext), "error")
        return redirect(url_for("reminders.round_page", year=year, typ=str(kind)), code=303)
    shown_with = request.form.get("sent_before", "")
    if not (shown_with.isascii() and shown_with.isdigit()) or int(shown_with) != latest_sent_mail_id(session, round_):
        flash(gettext("Nothing was sent: mail has been sent for this round since the page was opened (perhaps the "
                      "button was pressed twice). Check the sent mail below, then send again if it is still "
                      "needed."), "error")
        return redirect(url_for("reminders.round_page", year=year, typ=str(kind)), code=303)
    mails = queue_reminders(session, round_, kind, link=reminder_link(), sent_by=user)
    after_commit(lambda: _mail_outcome(mails))  # in the outbox: sent once committed, and retried if need be
    return redirect(url_for("reminders.round_page", year=year, typ=str(kind)), code=303)


def _mail_outcome(mails: list[SentMail]) -> None:
    """Send the queued reminders (after the commit) and say how it went."""
    outcomes = send_queued_mails(mails)
    sent = sum(outcome.state is MailState.SENT for outcome in outcomes)
    flash(ngettext("%(num)d mail sent.", "%(num)d mails sent.", sent), "success")
    if failed := len(mails) - sent:
        flash(ngettext("%(num)d mail could not be sent yet: it is tried again in a while.",
                       "%(num)d mails could not be sent yet: they are tried again in a while.",
                       failed), "error")


@bp.route("/mallar/<kind>", methods=["GET", "POST"])
def edit_template(kind: str) -> Response | tuple[str, int]:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    mail_kind = _kind(kind, kinds=TEMPLATE_KINDS)  # the "sent back" mail of review too
    template = template_for(session, mail_kind)
    texts = {name: getattr(template, name) for name in TEXT_FIELDS}
    problem, problem_field = None, None
    if request.method == "POST":
        texts = {name: request.form.get(name, "") for name in TEXT_FIELDS}
        try:
            update_template(session, Actor(user=user), mail_kind, texts)
        except OperationError as error:  # nothing is stored: the page answers 400 and the boundary rolls back
            problem = error.message.render(gettext)
            problem_field = next((name for name in TEXT_FIELDS
                                  if not texts[name].strip()
                                  or unknown_placeholders(texts[name], placeholders_of(mail_kind))), TEXT_FIELDS[0])
        else:
            flash(gettext("The template is saved."), "success")
            return redirect(url_for("reminders.index"), code=303)
    return render_template("reminders/template.html", kind=mail_kind, texts=texts, problem=problem,
                           problem_field=problem_field,
                           placeholders=placeholders_of(mail_kind)), (400 if problem else 200)
