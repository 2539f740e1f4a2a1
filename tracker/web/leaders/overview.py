"""The overview: who has reported. A matrix of the parties × the commitments of a round, each report's state
and each commitment's progress, the counts as a sentence, filters, a link from every cell to the report.

Route (Swedish URL and parameters, the users' language):
    GET  /projektledare/oversikt?ar=<year>&status=<state>&typ=<party kind>&sena=1     leaders.overview

Without `ar` the open round is shown (else the latest). Unknown filter values are ignored (all parties); an unknown
year is a 404. The page reads a constant number of queries whatever the number of parties (a test counts them).
Project leaders and admins.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort, render_template, request, url_for
from flask_babel import gettext, ngettext

from tracker.domain import PartyKind, Role, SubmissionState
from tracker.queries.overview import Overview, OverviewCounts, default_year, load_overview, overview_years
from tracker.queries.review import changes_after_approval
from tracker.queries.rounds import current_agreement
from tracker.web import db_session
from tracker.web.access import require_role_pages
from tracker.web.i18n import current_locale
from tracker.web.leaders import bp
from tracker.web.reporting.access import today
from tracker.web.reporting.labels import date_time, long_date, state_label


def review_url(submission_id: int) -> str:
    """The review page of a report."""
    return url_for("leaders.review", submission_id=submission_id)


def counts_sentence(counts: OverviewCounts) -> str:
    """ "11 av 14 parter har lämnat in, 8 godkända, 2 sena": of the whole round, whatever the filters."""
    parts = [
        ngettext("%(reported)s of %(num)d party has submitted", "%(reported)s of %(num)d parties have submitted",
                 counts.parties, reported=counts.reported),
        ngettext("%(num)d approved", "%(num)d approved", counts.approved),
        ngettext("%(num)d late", "%(num)d late", counts.late),
    ]
    return ", ".join(parts)


Choice = TypeVar("Choice", SubmissionState, PartyKind)


def _choice(value: str | None, kind: type[Choice]) -> Choice | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None  # an unknown filter value filters nothing


@bp.get("/oversikt")
def overview() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    agreement = current_agreement(session)
    years = overview_years(session, agreement.id) if agreement is not None else []
    year_text = request.args.get("ar", "")
    year = int(year_text) if year_text.isascii() and year_text.isdigit() and len(year_text) == 4 else None
    if year_text and year is None:
        abort(404)
    year = year or default_year(years)
    data: Overview | None = None
    if agreement is not None and year is not None:
        data = load_overview(session, agreement.id, year, current_locale(), today())
        if data is None:
            abort(404)
    state = _choice(request.args.get("status"), SubmissionState)
    kind = _choice(request.args.get("typ"), PartyKind)
    only_late = request.args.get("sena") == "1"
    rows = data.filtered(state, kind, only_late) if data is not None else ()
    changed_after_approval = changes_after_approval(session, [row.submission_id for row in rows
                                                              if row.state is SubmissionState.APPROVED
                                                              and row.submission_id is not None])
    return render_template(
        "leaders/overview.html", data=data, rows=rows, years=years, year=year, state=state, kind=kind,
        only_late=only_late, states=list(SubmissionState), kinds=list(PartyKind),
        counts=counts_sentence(data.counts) if data is not None else "",
        is_filtered=bool(state or kind or only_late), is_example=data.is_example if data is not None else False,
        changed_after_approval=changed_after_approval, review_url=review_url, state_label=state_label,
        long_date=long_date, date_time=date_time, gettext=gettext,
    )
