"""The mail templates' editor: the texts in Swedish and English with named tokens the leader picks from a list,
checked on save (an unknown token is refused, naming its field), and a preview of the mail for a chosen party
in both languages — server-rendered, so it works without JavaScript ("Show the preview"); a small script
(static/js/mail_template.js) refreshes it while typing and inserts a token where the cursor is.

Routes on the reminders blueprint (tracker.web.reminders):
    GET   /projektledare/paminnelser/mallar/<kind>?part=<code>   the texts as stored, previewed for the party
    POST  /projektledare/paminnelser/mallar/<kind>               save (action=save), or preview the texts as typed
                                                                 without saving (action=preview)
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from tracker.domain import Party, ReportingRound, Role
from tracker.domain.mail import MailKind
from tracker.domain.mail_text import tokens_of
from tracker.domain.party import party_order
from tracker.i18n import gettext_for
from tracker.operations.audit import Actor
from tracker.operations.mail_templates import (
    FIELD_LABELS,
    TEMPLATE_KINDS,
    TEXT_FIELDS,
    MailValues,
    TemplateError,
    checked_texts,
    render,
    template_for,
    update_template,
)
from tracker.operations.reminders import active_contacts
from tracker.queries.resolver import current_round
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement_or_none
from tracker.web.reminders import _kind, bp, service_address
from tracker.web.sign_in_links import reminder_link


def _parties() -> list[Party]:
    parties = db_session().scalars(select(Party).where(Party.is_active)).all()
    return sorted(parties, key=lambda p: party_order(p.kind, p.name))


def _default_party(kind: MailKind, parties: list[Party]) -> Party | None:
    """The party a preview shows first: for the registry's invitation one that would get it (no active contact,
    a registry address), else the first party."""
    if kind is MailKind.REGISTRY_INVITATION:
        registry = next((p for p in parties if not active_contacts(p) and p.registry_email), None)
        if registry is not None:
            return registry
    return parties[0] if parties else None


def _preview_round() -> ReportingRound | None:
    """The round a preview's dates are taken from: the agreement's newest open one, else its newest."""
    agreement = request_agreement_or_none()
    return current_round(db_session(), agreement.id) if agreement is not None else None


def _preview(kind: MailKind, texts: dict[str, str], party: Party | None) -> dict[str, tuple[str, str]] | None:
    """The mail to `party` in each language, or None when there is no party or round to preview with."""
    round_ = _preview_round()
    if party is None or round_ is None:
        return None
    contacts = active_contacts(party)
    previews = {}
    for language in ("sv", "en"):  # the stand-ins in the mail's language, whatever the page's
        _ = gettext_for(language)
        values = MailValues(
            party=party.name, round=round_,
            contact_name=contacts[0].name if contacts else _("[the contact's name]"),
            link=_("[a personal sign-in link]"), link_valid_for=reminder_link().valid_for,
            comment=_("[the project leaders' comment]"), address=service_address())
        previews[language] = render(texts, values, language)
    return previews


@bp.route("/mallar/<kind>", methods=["GET", "POST"])
def edit_template(kind: str) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    mail_kind = _kind(kind, kinds=TEMPLATE_KINDS)  # the "sent back" mail of review, the registry's invitation too
    parties = _parties()
    code = request.values.get("part", "")
    party = next((p for p in parties if p.code == code), None) or _default_party(mail_kind, parties)
    problem: TemplateError | None = None
    if request.method == "POST":
        texts = {name: request.form.get(name, "") for name in TEXT_FIELDS}
        try:
            if request.form.get("action") == "preview":
                texts = checked_texts(mail_kind, texts)  # nothing is stored
            else:
                update_template(session, Actor(user=user), mail_kind, texts)
                flash(gettext("The template is saved."), "success")
                return redirect(url_for("reminders.edit_template", kind=str(mail_kind),
                                        part=party.code if party else None), code=303)
        except TemplateError as error:  # nothing is stored: the page answers 400 and the boundary rolls back
            problem = error
    else:
        template = template_for(session, mail_kind)
        texts = {name: getattr(template, name) for name in TEXT_FIELDS}
    return render_template(
        "reminders/template.html", kind=mail_kind, texts=texts, labels=FIELD_LABELS, tokens=tokens_of(mail_kind),
        problem=problem.message.render(gettext) if problem else None,
        field_problem=problem.problem.render(gettext) if problem else None,
        problem_field=problem.field if problem else None,
        parties=parties, party=party, preview=None if problem else _preview(mail_kind, texts, party),
    ), (400 if problem else 200)

