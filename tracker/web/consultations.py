"""Consultations: the forum's proposal about the agreement's future, and every party's decision on it.

Routes (Swedish URLs, the users' language):
    GET   /samrad                                   the agreement's consultations; a new one (project leaders)
    POST  /samrad                                   create a consultation
    GET   /samrad/<id>                              who has answered, what each decided, the counts
    POST  /samrad/<id>/stang, /samrad/<id>/oppna    close it (its answers locked), open it again
    GET   /samrad/<id>/part/<party_id>              the party's decision: its contacts, or a leader on its behalf
    POST  /samrad/<id>/part/<party_id>              save it (and the attached decision)
    GET   /samrad/<id>/part/<party_id>/beslut       the attached decision, as a download
    GET   /samrad/<id>/samrad.pptx                  the summary for the forum (forum members, leaders)
    GET   /samrad/<id>/samrad.xlsx                  every party's decision as a workbook (project leaders)

Who may do what is `permissions.may_use_role_pages` and `permissions.may_answer_consultation`. A consultation
is one of the request's agreement's (tracker.web.agreement): another agreement's id answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from forms.consultation import DecisionForm, NewConsultationForm
from forms.rounds import read_date
from tracker.domain import Party, Role, User
from tracker.domain.calendar import today_in_sweden
from tracker.domain.consultation import DECISION_LABELS, Consultation, ConsultationAnswer, Decision
from tracker.domain.permissions import Outcome, may_answer_consultation
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.consultations import (
    answer_of,
    asked_parties,
    create_consultation,
    record_decision,
    set_closed,
)
from tracker.queries.consultations import consultation_of, consultations_of, open_for_contact, overview
from tracker.web import Page, db_session
from tracker.web.access import may, require_role_pages, signed_in_user
from tracker.web.agreement import request_agreement
from tracker.web.forum.cache import caches, current_version
from tracker.web.i18n import current_locale
from tracker.web.limits import files_per_user
from tracker.web.transaction import Refused

bp = Blueprint("consultations", __name__, url_prefix="/samrad")

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def decision_label(decision: Decision | str) -> str:
    return gettext(DECISION_LABELS[Decision(decision)])


@bp.app_template_global()
def open_consultations() -> list[tuple[Consultation, Party]]:
    """The open consultations the signed-in contact answers for (on "My reporting")."""
    user = signed_in_user()
    return open_for_contact(db_session(), user) if user is not None and user.role == Role.CONTACT else []


@dataclass(frozen=True)
class ConsultationLink:
    id: int
    title: str


@bp.app_template_global()
def agreement_consultations(year: int) -> tuple[ConsultationLink, ...]:
    """The request's agreement's consultations, for the forum's dashboard of `year`: kept with its pages until the
    data changes (a consultation's change counts for every year), so a cached dashboard reads nothing more."""
    agreement = request_agreement()
    agreement_id = agreement.id
    return caches().pages.get_or_build(
        ("consultations", agreement.slug, current_version(year)),
        lambda: tuple(ConsultationLink(c.id, c.title_sv) for c in consultations_of(db_session(), agreement_id)))


def _consultation(consultation_id: int) -> Consultation:
    found = consultation_of(db_session(), consultation_id, request_agreement().id)
    if found is None:
        abort(404)
    return found


@bp.route("", methods=["GET", "POST"])
def index() -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    agreement = request_agreement()
    form = NewConsultationForm(request.form if request.method == "POST" else None, gettext=gettext)
    if request.method == "POST":
        if not form.validate():
            return _index_page(form), 400
        try:
            consultation = create_consultation(
                db_session(), Actor(user=user), agreement, title_sv=form.title_sv.data or "",
                title_en=form.title_en.data or "", proposal_sv=form.proposal_sv.data or "",
                proposal_en=form.proposal_en.data or "", year=today_in_sweden().year,
                deadline_on=read_date(form.deadline_on.data))
        except OperationError as error:
            form.title_sv.errors = [error.message.render(gettext)]
            raise Refused(lambda: (_index_page(form), 400)) from error
        flash(gettext("The consultation is created: every party can now record its decision."), "success")
        return redirect(url_for("consultations.show", consultation_id=consultation.id), code=303)
    return _index_page(form)


def _index_page(form: NewConsultationForm) -> str:
    agreement = request_agreement()
    found = [(c, overview(db_session(), c)) for c in consultations_of(db_session(), agreement.id)]
    return render_template("consultations/index.html", consultations=found, form=form)


@bp.get("/<int:consultation_id>")
def show(consultation_id: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    consultation = _consultation(consultation_id)
    return render_template("consultations/show.html", consultation=consultation,
                           overview=overview(db_session(), consultation), decision_label=decision_label,
                           decisions=list(Decision))


@bp.post("/<int:consultation_id>/stang", endpoint="close")
@bp.post("/<int:consultation_id>/oppna", endpoint="reopen")
def set_state(consultation_id: int) -> Response:
    user = require_role_pages(Role.PROJECT_LEADER)
    consultation = _consultation(consultation_id)
    closing = request.endpoint == "consultations.close"
    set_closed(db_session(), Actor(user=user), consultation, closing)
    flash(gettext("The consultation is closed: its answers are kept as they are.") if closing
          else gettext("The consultation is open again."), "success")
    return redirect(url_for("consultations.show", consultation_id=consultation_id), code=303)


def _party(consultation: Consultation, party_id: int) -> tuple[User, Party]:
    """The signed-in user who may answer for the party, and the party (one the consultation asks)."""
    user = signed_in_user()
    decision = may_answer_consultation(user, party_id, consultation.agreement_id)
    if decision.outcome is Outcome.SIGN_IN or user is None:
        abort(current_app.login_manager.unauthorized())  # type: ignore[attr-defined]  # set by Flask-Login
    if not decision:
        abort(403)
    party = next((p for p in asked_parties(consultation) if p.id == party_id), None)
    if party is None:
        abort(404)
    return user, party


@bp.route("/<int:consultation_id>/part/<int:party_id>", methods=["GET", "POST"])
@files_per_user()
def answer(consultation_id: int, party_id: int) -> Page:
    consultation = _consultation(consultation_id)
    user, party = _party(consultation, party_id)
    session = db_session()
    existing = answer_of(session, consultation, party)
    if request.method == "GET":
        return _answer_page(consultation, party, _stored_form(existing))
    form = DecisionForm(request.form, request.files, gettext=gettext)
    if not form.validate():
        return _answer_page(consultation, party, form), 400
    on_behalf = user.role != Role.CONTACT
    try:
        record_decision(session, Actor(user=user, on_behalf=on_behalf), consultation, party, form.given(),
                        form.version_number())
    except OperationError as error:
        message, code = error.message.render(gettext), error.code
        target = {"attachment_empty": form.attachment, "attachment_too_large": form.attachment,
                  "attachment_type": form.attachment, "decided_on_future": form.decided_on,
                  "decided_on_required": form.decided_on, "decision_required": form.decision,
                  "required": form.decided_by}.get(code)

        def again() -> tuple[str, int]:
            if code == "changed":  # show what is stored now, with its version, and say so
                return _changed_page(consultation, party, message), 409
            fresh = DecisionForm(request.form, gettext=gettext)
            if target is not None:
                fresh[target.name].errors = [message]
            return _answer_page(consultation, party, fresh, None if target is not None else message), 400

        raise Refused(again) from error
    flash(gettext("The decision of %(party)s is saved.", party=party.name), "success")
    if on_behalf:
        return redirect(url_for("consultations.show", consultation_id=consultation_id), code=303)
    return redirect(url_for("consultations.answer", consultation_id=consultation_id, party_id=party_id), code=303)


def _stored_form(existing: ConsultationAnswer | None) -> DecisionForm:
    """The form holding the stored decision and its version (an empty one when there is none yet)."""
    form = DecisionForm(gettext=gettext)
    if existing is not None:
        form.decision.data, form.decided_by.data = str(existing.decision), existing.decided_by
        form.decided_on.data, form.reference.data = existing.decided_on.isoformat(), existing.reference or ""
        form.comment.data, form.version.data = existing.comment or "", str(existing.version)
    return form


def _changed_page(consultation: Consultation, party: Party, message: str) -> str:
    return _answer_page(consultation, party, _stored_form(answer_of(db_session(), consultation, party)), message)


def _answer_page(consultation: Consultation, party: Party, form: DecisionForm, problem: str | None = None) -> str:
    existing = answer_of(db_session(), consultation, party)
    return render_template("consultations/answer.html", consultation=consultation, party=party, form=form,
                           existing=existing, problem=problem, may_lead=may(Role.PROJECT_LEADER),
                           locale=current_locale())


@bp.get("/<int:consultation_id>/part/<int:party_id>/beslut")
@files_per_user()
def attachment(consultation_id: int, party_id: int) -> Response:
    consultation = _consultation(consultation_id)
    _user, party = _party(consultation, party_id)
    existing = answer_of(db_session(), consultation, party)
    if existing is None or existing.attachment_data is None or existing.attachment_name is None:
        abort(404)
    response = Response(existing.attachment_data, mimetype=existing.attachment_type or "application/octet-stream")
    response.headers.set("Content-Disposition", "attachment", filename=existing.attachment_name)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<int:consultation_id>/samrad.pptx")
@files_per_user()
def deck(consultation_id: int) -> Response:
    from reports.consultation import build_consultation_deck

    require_role_pages(Role.FORUM_MEMBER)
    data = build_consultation_deck(overview(db_session(), _consultation(consultation_id)), current_locale())
    return _download(data, PPTX, f"samrad-{consultation_id}.pptx")


@bp.get("/<int:consultation_id>/samrad.xlsx")
@files_per_user()
def workbook(consultation_id: int) -> Response:
    from reports.consultation import build_consultation_workbook

    require_role_pages(Role.PROJECT_LEADER)
    data = build_consultation_workbook(overview(db_session(), _consultation(consultation_id)), current_locale())
    return _download(data, XLSX, f"samrad-{consultation_id}.xlsx")


def _download(data: bytes, mimetype: str, name: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "no-store"
    return response
