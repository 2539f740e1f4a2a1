"""A party that joins after its round was created: its report in the round, from the round's page.

Routes:
    POST  /projektledare/omgangar/<year>/parter/<party_id>   leaders.add_party_report   the party's report (not
                                                                                        started) in the round

Project leaders and admins. The round's page lists the parties that are members in its year and have no report
(`operations.memberships.members_without_report`), each with its button; the operation refuses a closed round, a
party that is not a member that year or that already has its report, and writes the round's history.
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext

from tracker.domain import Party, Role
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.memberships import add_party_report
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.leaders import bp
from tracker.web.leaders.rounds import round_of_the_agreement
from tracker.web.transaction import refused_redirect


@bp.post("/omgangar/<int:year>/parter/<int:party_id>", endpoint="add_party_report")
def add_party_report_view(year: int, party_id: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    reporting_round = round_of_the_agreement(year)
    party = session.get(Party, party_id)
    if party is None:
        abort(404)
    page = url_for("leaders.round", year=year, _anchor="joining")
    try:
        add_party_report(session, Actor(user=user), reporting_round, party)
    except OperationError as error:
        raise refused_redirect(page, error.message.render(gettext)) from error
    flash(gettext("%(party)s has its report in the round for %(year)s.", party=party.name, year=year), "success")
    return redirect(page, code=303)

