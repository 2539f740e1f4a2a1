"""Reminders: the invitation and reminders to the parties that have not submitted, and who they reach.

Routes (Swedish URLs, the users' language):
    GET       /projektledare/paminnelser                      the rounds, the templates
    GET       /projektledare/paminnelser/<year>?typ=<kind>    per party not submitted: who gets the mail (a preview
                                                              each) and the state of its mails, the parties no
                                                              one can be mailed for; the sent mails
    POST      /projektledare/paminnelser/<year>               send (the confirm button)
    GET/POST  /projektledare/paminnelser/mallar/<kind>        edit a template, preview it for a party
                                                              (tracker.web.mail_template_editor)

Project leaders and admins (`permissions.may_use_role_pages(user, Role.PROJECT_LEADER)`). Views commit once.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from werkzeug.wrappers import Response

from tracker.domain import ReportingRound, Role
from tracker.domain.mail import MailKind, MailState, SentMail
from tracker.operations.answers import OperationError
from tracker.operations.mail_templates import REMINDER_KINDS, TEMPLATE_KINDS, render, template_for
from tracker.operations.reminders import (
    accounts,
    find_open_round,
    latest_sent_mail_id,
    queue_reminders,
    sent_mails,
    values_for,
)
from tracker.queries.resolver import agreement_round, agreement_rounds
from tracker.web import db_session
from tracker.web.access import may, require_role_pages
from tracker.web.agreement import request_agreement, request_agreement_or_none
from tracker.web.reporting.labels import date_time
from tracker.web.sign_in_links import external_url, reminder_link, send_queued_mails
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
    round_ = agreement_round(db_session(), request_agreement().id, year)
    if round_ is None:
        abort(404)
    return round_


def service_address() -> str:
    """The service's address, which the registry's invitation names."""
    return external_url("public.index")


@bp.get("")
def index() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    agreement = request_agreement_or_none()
    rounds = session.scalars(agreement_rounds(agreement.id)).all() if agreement is not None else []
    return render_template("reminders/index.html", rounds=rounds, kinds=TEMPLATE_KINDS)


@bp.get("/<int:year>")
def round_page(year: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    round_ = _round(year)
    kind = _kind(request.args.get("typ"))
    preview_link = gettext("[a personal sign-in link]")  # never a real link: it would sign the reader in
    link = reminder_link()
    found = accounts(session, round_, kind)
    previews = {}
    for account in found:
        for recipient in account.recipients:
            values = values_for(recipient, round_, preview_link, valid_for=link.valid_for, address=service_address())
            previews[recipient.email] = render(template_for(session, recipient.kind_of(kind)), values,
                                               recipient.language)
    mail_count = sum(len(account.recipients) for account in found)
    return render_template("reminders/round.html", round=round_, kind=kind, kinds=REMINDER_KINDS,
                           accounts=found, previews=previews, mail_count=mail_count,
                           sent=sent_mails(session, round_), is_open=str(round_.state) == "open",
                           sent_before=latest_sent_mail_id(session, round_), may_add_contacts=may(Role.ADMIN))


@bp.post("/<int:year>")
def send(year: int) -> Response:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    kind = _kind(request.form.get("typ"))
    try:
        round_ = find_open_round(session, request_agreement().id, year)
    except OperationError as error:
        flash(error.message.render(gettext), "error")
        return redirect(url_for("reminders.round_page", year=year, typ=str(kind)), code=303)
    shown_with = request.form.get("sent_before", "")
    if not (shown_with.isascii() and shown_with.isdigit()) or int(shown_with) != latest_sent_mail_id(session, round_):
        flash(gettext("Nothing was sent: mail has been sent for this round since the page was opened (perhaps the "
                      "button was pressed twice). Check the sent mail below, then send again if it is still "
                      "needed."), "error")
        return redirect(url_for("reminders.round_page", year=year, typ=str(kind)), code=303)
    mails = queue_reminders(session, round_, kind, link=reminder_link(), sent_by=user, address=service_address())
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


from tracker.web import mail_template_editor  # noqa: E402,F401 - its routes are on this blueprint
