"""Administration: users and parties. Admins only (`permissions.may_use_role_pages(user, Role.ADMIN)`).

Routes (Swedish URLs, the users' language):
    GET/POST  /admin/anvandare                 the users; invite one (created without a password, mailed a link)
    GET/POST  /admin/anvandare/<id>            a user: role, language and the parties a contact reports for
    POST      /admin/anvandare/<id>/aktiv      deactivate or reactivate
    GET/POST  /admin/parter                    the parties; add one
    POST      /admin/parter/<id>               rename, deactivate or reactivate, set its registry address
    GET/POST  /admin/parter/<id>/medlemskap    the years the party is a member of the agreement
                                               (tracker.web.admin_memberships)

Every change is audited by the operations (users, parties); views commit once.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from tracker.domain import Agreement, Party, Role, User, localized
from tracker.domain.agreement import PartyKind
from tracker.domain.base import utcnow
from tracker.domain.membership import membership_problems
from tracker.domain.messages import N_
from tracker.mail import MailError
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.memberships import set_membership
from tracker.operations.parties import create_party, rename_party, set_party_active, set_registry_email
from tracker.operations.users import create_user, set_active, set_agreement, set_language, set_parties, set_role
from tracker.queries.memberships import memberships_by_party
from tracker.queries.resolver import AgreementNotFoundError, find_agreement
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement_or_none
from tracker.web.i18n import current_locale
from tracker.web.sign_in_links import send_link
from tracker.web.transaction import Refused, after_commit, refused_redirect

bp: Blueprint = Blueprint("admin", __name__, url_prefix="/admin")



def _parties() -> list[Party]:
    return list(db_session().scalars(select(Party).order_by(Party.code)))


def _chosen_parties(parties: list[Party]) -> list[Party]:
    chosen = set(request.form.getlist("party"))
    return [party for party in parties if party.code in chosen]


@bp.get("")
def index() -> Response:
    require_role_pages(Role.ADMIN)
    return redirect(url_for("admin.users"), code=303)


@bp.route("/anvandare", methods=["GET", "POST"])
def users() -> Page:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    parties = _parties()
    form = {"email": "", "name": "", "role": "contact", "language": "sv"}
    if request.method == "POST":
        form = {key: request.form.get(key, "") for key in form}
        form["language"] = form["language"] or "sv"
        try:
            user = create_user(session, Actor(user=admin), email=form["email"], name=form["name"],
                               role=_role(form["role"]), parties=_chosen_parties(parties),
                               language=form["language"])
        except OperationError as error:
            problem = error.message.render(gettext)
            raise Refused(lambda: (_users_page(form, problem), 400)) from error
        after_commit(lambda: _invite(user))  # the link only for a user who is stored
        return redirect(url_for("admin.users"), code=303)
    return _users_page(form, None)


def _users_page(form: dict[str, str], problem: str | None) -> str:
    everyone = db_session().scalars(select(User).order_by(User.is_active.desc(), User.email)).all()
    return render_template("admin/users.html", users=everyone, parties=_parties(), roles=list(Role), form=form,
                           problem=problem)


def _invite(user: User) -> None:
    try:
        send_link(db_session(), user)
    except MailError:
        flash(gettext("The user was created, but the sign-in link could not be mailed."), "error")
    else:
        flash(gettext("%(name)s was invited and mailed a sign-in link.", name=user.name), "success")


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise OperationError("unknown_role", N_("Choose a role.")) from None


def _user(user_id: int) -> User:
    user = db_session().get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/anvandare/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int) -> Page:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    person = _user(user_id)
    parties = _parties()
    if request.method == "POST":
        actor = Actor(user=admin)
        try:
            set_role(session, actor, person, _role(request.form.get("role", "")))
            set_language(session, actor, person, request.form.get("language") or str(person.language))
            set_parties(session, actor, person, _chosen_parties(parties) if person.role == Role.CONTACT else [])
            if "agreement" in request.form:
                set_agreement(session, actor, person, _chosen_agreement(request.form["agreement"]))
        except OperationError as error:
            problem = error.message.render(gettext)
            raise Refused(lambda: (_user_page(_user(user_id), problem), 400)) from error
        flash(gettext("The changes are saved."), "success")
        return redirect(url_for("admin.user", user_id=user_id), code=303)
    return _user_page(person, None)


def _user_page(person: User, problem: str | None) -> str:
    agreements = [{"id": a.id, "slug": a.slug, "name": localized(a, "name", current_locale())}
                  for a in db_session().scalars(select(Agreement).order_by(Agreement.id))]
    return render_template("admin/user.html", person=person, parties=_parties(), roles=list(Role), problem=problem,
                           agreements=agreements)


def _chosen_agreement(slug: str) -> Agreement | None:
    """The agreement the form chose ("": every agreement); an unknown one is refused at the field."""
    if not slug.strip():
        return None
    try:
        return find_agreement(db_session(), slug.strip())
    except AgreementNotFoundError as error:
        raise OperationError("unknown_agreement", error.message.msgid, **error.message.params) from None


@bp.post("/anvandare/<int:user_id>/aktiv")
def user_active(user_id: int) -> Response:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    person = _user(user_id)
    try:
        set_active(session, Actor(user=admin), person, request.form.get("active") == "1")
    except OperationError as error:
        raise refused_redirect(url_for("admin.user", user_id=user_id), error.message.render(gettext)) from error
    flash(gettext("The changes are saved."), "success")
    return redirect(url_for("admin.user", user_id=user_id), code=303)


def _new_party_form() -> dict[str, str]:
    """The add-a-party form as it starts: this year as the first year of membership."""
    return {"code": "", "name": "", "kind": "municipality", "first_year": str(utcnow().year)}


# Where the error summary links for a refusal of adding a party: the field it is about.
PARTY_TARGETS = {"invalid_code": "code", "code_taken": "code", "invalid_kind": "kind"}


@bp.route("/parter", methods=["GET", "POST"])
def parties() -> Page:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    agreement = request_agreement_or_none()
    form = _new_party_form()
    if request.method == "POST":
        form = {key: request.form.get(key, "" if key != "first_year" else form[key]) for key in form}
        actor = Actor(user=admin)
        problems = []
        if agreement is not None:
            _years, year_problems = membership_problems(agreement, form["first_year"], "")
            problems = [("first_year", message.render(gettext)) for message in year_problems.values()]
        try:
            party = create_party(session, actor, code=form["code"], name=form["name"], kind=form["kind"])
            if agreement is not None and not problems:  # a member from the year given: reports from that round on
                set_membership(session, actor, agreement, party, form["first_year"], "")
        except OperationError as error:
            problems.insert(0, (PARTY_TARGETS.get(error.code, "name"), error.message.render(gettext)))
        if problems:
            raise Refused(lambda: (_parties_page(form, problems), 400))
        flash(gettext("The party is added."), "success")
        return redirect(url_for("admin.parties"), code=303)
    return _parties_page(form, [])


def _parties_page(form: dict[str, str], problems: list[tuple[str, str]], typed: dict[str, str] | None = None) -> str:
    """The list of parties and the form to add one; `typed`: a refused row field's id and what was typed in it."""
    agreement = request_agreement_or_none()
    memberships = memberships_by_party(db_session(), agreement) if agreement is not None else {}
    return render_template(
        "admin/parties.html", parties=_parties(), kinds=list(PartyKind), form=form, problems=problems,
        field_problems=dict(problems), typed=typed or {},
        membership_text=lambda party: membership_text(memberships.get(party.id)),
        agreement_name=localized(agreement, "name", current_locale()) if agreement else None,
    )


@bp.post("/parter/<int:party_id>")
def party(party_id: int) -> Response:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    target = session.get(Party, party_id)
    if target is None:
        abort(404)
    actor = Actor(user=admin)
    field, label = f"name-{party_id}", gettext("Name of %(code)s", code=target.code)
    try:
        if "active" in request.form:
            set_party_active(session, actor, target, request.form["active"] == "1")
        elif "registry_email" in request.form:
            field, label = f"registry-{party_id}", gettext("Registry address of %(name)s", name=target.name)
            set_registry_email(session, actor, target, request.form["registry_email"])
        else:
            rename_party(session, actor, target, request.form.get("name", ""))
    except OperationError as error:
        # The list again with the problem at the field and what was typed in it (nothing is stored).
        typed = {field: request.form.get("registry_email" if field.startswith("registry") else "name", "")}
        problems = [(field, gettext("%(field)s: %(problem)s", field=label, problem=error.message.render(gettext)))]
        raise Refused(lambda: (_parties_page(_new_party_form(), problems, typed), 400)) from error
    flash(gettext("The changes are saved."), "success")
    return redirect(url_for("admin.parties"), code=303)


from tracker.web.admin_memberships import membership_text  # noqa: E402 - it adds routes to bp
