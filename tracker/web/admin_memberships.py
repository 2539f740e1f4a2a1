"""Administration of the parties over time: the years a party is a member of the agreement (joining, leaving).

Routes (on the admin blueprint, tracker.web.admin):
    GET/POST  /admin/parter/<id>/medlemskap   the party's first and last year in the agreement

The agreement is the one the leaders' pages work on (`tracker.queries.resolver`). The years are checked by
`tracker.domain.membership` (through operations.memberships), each message at its field; every change audited.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from tracker.domain import Agreement, Membership, Party, Role, localized
from tracker.domain.membership import year_range
from tracker.operations.audit import Actor
from tracker.operations.memberships import MembershipYearsError, set_membership
from tracker.queries.memberships import membership_of
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.admin import bp
from tracker.web.agreement import request_agreement
from tracker.web.i18n import current_locale
from tracker.web.transaction import Refused


def the_agreement() -> Agreement:
    return request_agreement()


def membership_text(membership: Membership | None) -> str:
    """ "från 2018" (still a member), "2018–2023", or that the party is not a member."""
    if membership is None:
        return gettext("Not a member")
    if membership.last_year is None:
        return gettext("from %(year)s", year=membership.first_year)
    return f"{membership.first_year}–{membership.last_year}"


def _party(party_id: int) -> Party:
    party = db_session().get(Party, party_id)
    if party is None:
        abort(404)
    return party


@bp.route("/parter/<int:party_id>/medlemskap", methods=["GET", "POST"])
def membership(party_id: int) -> Page:
    admin = require_role_pages(Role.ADMIN)
    session = db_session()
    party, agreement = _party(party_id), the_agreement()
    current = membership_of(session, agreement, party)
    form = {"first_year": str(current.first_year) if current else "",
            "last_year": str(current.last_year or "") if current else ""}
    if request.method == "POST":
        form = {key: request.form.get(key, "").strip() for key in form}
        try:
            set_membership(session, Actor(user=admin), agreement, party, form["first_year"], form["last_year"])
        except MembershipYearsError as error:
            problems = {field: message.render(gettext) for field, message in error.problems.items()}
            raise Refused(lambda: (_page(party_id, form, problems), 400)) from error
        flash(gettext("The membership of %(party)s is saved.", party=party.name), "success")
        return redirect(url_for("admin.parties"), code=303)
    return _page(party_id, form, {})


def _page(party_id: int, form: dict[str, str], problems: dict[str, str]) -> str:
    """The form, read afresh (after a refusal the boundary has rolled back)."""
    party, agreement = _party(party_id), the_agreement()
    first, last = year_range(agreement)
    return render_template(
        "admin/membership.html", party=party, agreement_name=localized(agreement, "name", current_locale()),
        form=form, problems=problems, first=first, last=agreement.in_force_to_year, latest=last,
        current=membership_text(membership_of(db_session(), agreement, party)),
    )

