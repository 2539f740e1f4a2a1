"""The overview: who has reported. A matrix of the parties × the commitments of a round, each report's state
and each commitment's progress, the counts as a sentence, filters, a link from every cell to the report.

Route (Swedish URL and parameters, the users' language):
    GET  /projektledare/oversikt?ar=<year>&status=<state>&typ=<party kind>&sena=1&sida=<page>     leaders.overview

Without `ar` the open round is shown (else the latest). Unknown filter values are ignored (all parties); an unknown
year is a 404. Many parties are shown PER_PAGE at a time (`sida`, from 1; a page past the
last shows the last). The page reads a constant number of queries whatever the number of parties (a test counts
them).
Project leaders and admins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, render_template, request, url_for
from flask_babel import gettext, ngettext

from tracker.domain import PartyKind, Role, SubmissionState
from tracker.queries.overview import (
    PER_PAGE,
    Overview,
    OverviewCounts,
    Selection,
    default_year,
    load_overview,
    overview_years,
)
from tracker.queries.review import changes_after_approval
from tracker.web import db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement_or_none
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


def _page_url(selection: Selection, year: int | None) -> Callable[[int], str]:
    """The address of another page of the same selection."""
    def url(page: int) -> str:
        return url_for("leaders.overview", ar=year, status=selection.state or None, typ=selection.kind or None,
                       sena="1" if selection.only_late else None, sida=page)
    return url


@bp.get("/oversikt")
def overview() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    agreement = request_agreement_or_none()
    years = overview_years(session, agreement.id) if agreement is not None else []
    year_text = request.args.get("ar", "")
    year = int(year_text) if year_text.isascii() and year_text.isdigit() and len(year_text) == 4 else None
    if year_text and year is None:
        abort(404)
    year = year or default_year(years)
    page_text = request.args.get("sida", "")
    selection = Selection(
        state=_choice(request.args.get("status"), SubmissionState),
        kind=_choice(request.args.get("typ"), PartyKind),
        only_late=request.args.get("sena") == "1",
        page=int(page_text) if page_text.isascii() and page_text.isdigit() and len(page_text) <= 4 else 1,
    )
    data: Overview | None = None
    if agreement is not None and year is not None:
        data = load_overview(session, agreement.id, year, current_locale(), today(), selection)
        if data is None:
            abort(404)
    rows = data.rows if data is not None else ()
    changed_after_approval = changes_after_approval(session, [row.submission_id for row in rows
                                                              if row.state is SubmissionState.APPROVED
                                                              and row.submission_id is not None])
    return render_template(
        "leaders/overview.html", data=data, rows=rows, years=years, year=year, state=selection.state,
        kind=selection.kind, only_late=selection.only_late, states=list(SubmissionState), kinds=list(PartyKind),
        counts=counts_sentence(data.counts) if data is not None else "", page_url=_page_url(selection, year),
        per_page=PER_PAGE,
        is_filtered=selection.is_filtered, is_example=data.is_example if data is not None else False,
        changed_after_approval=changed_after_approval, review_url=review_url, state_label=state_label,
        long_date=long_date, date_time=date_time, gettext=gettext,
    )
