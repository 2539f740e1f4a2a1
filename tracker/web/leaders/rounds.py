"""The reporting rounds: create the round for a year, its dates, open, close, reopen (with a reason), and the
round's county figures and "Vad har hänt sen sist?" news.

Routes (Swedish URLs, the users' language):
    GET   /projektledare/omgangar                         leaders.rounds        the rounds; the form for a new one
    POST  /projektledare/omgangar                         leaders.create_round  create the round for a year
    GET   /projektledare/omgangar/<year>                  leaders.round         one round: state, dates, figures,
                                                                                news, questions, changes
    POST  /projektledare/omgangar/<year>/datum            leaders.round_dates   opening date and deadline
    POST  /projektledare/omgangar/<year>/oppna            leaders.open_round    open a planned round
    POST  /projektledare/omgangar/<year>/stang            leaders.close_round   close an open round (locks it)
    POST  /projektledare/omgangar/<year>/oppna-igen       leaders.reopen_round  reopen a closed round (a reason)
    POST  /projektledare/omgangar/<year>/lansiffror       leaders.round_figures the county figures
    POST  /projektledare/omgangar/<year>/nyheter          leaders.round_news    the news, Swedish and English
    (a report for a party that joined later: leaders.add_party_report, tracker.web.leaders.round_parties)

Project leaders and admins. The operations (tracker.operations.rounds) refuse what the domain refuses and audit
every change; the request's boundary (tracker.web.transaction) commits once. A form with errors is shown again with
the error summary (400).
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from forms.reporting import field_name
from forms.rounds import DatesForm, FiguresForm, NewRoundForm, NewsForm, ReopenForm, figures_form
from tracker.domain import Agreement, ReportingRound, Role, RoundState, localized
from tracker.domain.calendar import today_in_sweden
from tracker.domain.values import ValueRules, format_value, from_columns
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.rounds import (
    close_round,
    news_lines,
    open_round,
    reopen_round,
    set_round_dates,
    set_round_news,
    set_round_value,
    start_round,
)
from tracker.queries.memberships import members_without_report
from tracker.queries.rounds import (
    county_indicators,
    questions_of_year,
    reopenings,
    round_events,
    round_of_year,
    round_summaries,
)
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement_or_none
from tracker.web.i18n import current_locale
from tracker.web.leaders import bp
from tracker.web.leaders.round_history import figure_labels, readable
from tracker.web.reporting.labels import date_time, long_date
from tracker.web.transaction import Refused


def _agreement() -> Agreement | None:
    return request_agreement_or_none()


def round_of_the_agreement(year: int) -> ReportingRound:
    agreement = _agreement()
    reporting_round = (db_session().scalars(round_of_year(agreement.id, year)).unique().one_or_none()
                       if agreement is not None else None)
    if reporting_round is None:
        abort(404)
    return reporting_round


def _date_text(value: Any) -> str:
    return value.isoformat() if value is not None else ""


@bp.get("/omgangar")
def rounds() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    return _rounds_page(NewRoundForm(None, gettext=gettext))


def _rounds_page(form: NewRoundForm) -> str:
    agreement = _agreement()
    summaries = round_summaries(db_session(), agreement.id) if agreement is not None else []
    name = localized(agreement, "name", current_locale()) if agreement is not None else None
    return render_template("leaders/rounds.html", agreement=agreement, agreement_name=name, rounds=summaries,
                           form=form, long_date=long_date)


@bp.post("/omgangar", endpoint="create_round")
def create_round_view() -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    agreement = _agreement()
    if agreement is None:
        abort(404)
    form = NewRoundForm(request.form, gettext=gettext)
    if not form.validate():
        return _rounds_page(form), 400
    opens_on, deadline_on, closes_on = form.dates()
    try:
        reporting_round = start_round(session, Actor(user=user), agreement, form.year_number(), opens_on,
                                      deadline_on, closes_on)
    except OperationError as error:  # at the field it is about (a date), else at the year
        field = form[PROBLEM_TARGETS[error.code]] if PROBLEM_TARGETS.get(error.code) in form else form.year
        field.errors = [error.message.render(gettext)]
        raise Refused(lambda: (_rounds_page(form), 400)) from error
    year = reporting_round.year
    if opens_on is not None and deadline_on is not None:
        message = gettext("The round for %(year)s is created. It opens for reporting on %(opens)s; the last day to "
                          "submit is %(deadline)s.", year=year, opens=long_date(opens_on),
                          deadline=long_date(deadline_on))
    elif deadline_on is not None:
        message = gettext("The round for %(year)s is created, with %(deadline)s as the last day to submit. Open it "
                          "when the parties may report, or give it an opening day.", year=year,
                          deadline=long_date(deadline_on))
    else:
        message = gettext("The round for %(year)s is created. Give it a last day to submit: it cannot open "
                          "without one.", year=year)
    flash(message, "success")
    return redirect(url_for("leaders.round", year=year), code=303)


# Where the error summary links for a refusal of the operations: the field it is about.
PROBLEM_TARGETS = {"no_deadline": "deadline_on", "deadline_before_opening": "deadline_on",
                   "deadline_passed": "deadline_on", "reason_required": "reason", "reason_too_long": "reason",
                   "news_too_long": "news_sv", "closing_before_deadline": "closes_on",
                   "closing_before_opening": "closes_on", "closing_in_the_past": "closes_on"}


def _problem(error: OperationError) -> tuple[str, str]:
    """The error summary's line for a refusal: the field it is about, named, and what is wrong with it."""
    target = PROBLEM_TARGETS.get(error.code, "state")
    message = error.message.render(gettext)
    for form in (DatesForm(None, gettext=gettext), ReopenForm(None, gettext=gettext), NewsForm(None, gettext=gettext)):
        if target in form:
            return target, f"{form[target].label.text}: {message}"
    return target, message


def _round_page(reporting_round: ReportingRound, *, dates: DatesForm | None = None,
                figures: FiguresForm | None = None, news: NewsForm | None = None,
                reopen: ReopenForm | None = None, problem: tuple[str, str] | None = None,
                confirm_early: bool = False) -> str:
    """The round's page; the form passed in (posted, with its errors) is shown as it was filled in."""
    failed = next((form for form in (dates, figures, news, reopen) if form is not None), None)
    session = db_session()
    locale = current_locale()
    year = reporting_round.year
    indicators = county_indicators(reporting_round.agreement, year)
    current = {v.indicator_id: value for v in reporting_round.values
               if (value := from_columns(v.value_number, v.value_text, v.value_bool)) is not None}
    if dates is None:
        dates = DatesForm(None, gettext=gettext, data={"opens_on": _date_text(reporting_round.opens_on),
                                                        "deadline_on": _date_text(reporting_round.deadline_on),
                                                        "closes_on": _date_text(reporting_round.closes_on)})
    if figures is None:
        figures = figures_form(indicators, current, None, gettext=gettext, locale=locale)
    if news is None:
        news = NewsForm(None, gettext=gettext, data={"news_sv": reporting_round.news_sv or "",
                                                      "news_en": reporting_round.news_en or ""})
    if reopen is None:
        reopen = ReopenForm(None, gettext=gettext)
    events = readable(round_events(session, reporting_round.id), indicators, locale)
    summary = next((s for s in round_summaries(session, reporting_round.agreement_id) if s.year == year), None)
    figure_texts = [(i, format_value(ValueRules.of(i), current.get(i.id), locale)) for i in indicators]
    return render_template(
        "leaders/round.html", round=reporting_round, summary=summary, is_example=reporting_round.is_example,
        is_closed=reporting_round.state == RoundState.CLOSED, dates=dates, figures=figures, news=news,
        reopen=reopen, failed=failed, problems=[problem] if problem else [], events=events,
        reopenings=reopenings(events), figure_texts=figure_texts,
        questions=questions_of_year(reporting_round.agreement, year), news_lines=news_lines, locale=locale,
        long_date=long_date, date_time=date_time, confirm_early=confirm_early, today=today_in_sweden(),
        events_labels=figure_labels(indicators, locale), joining=members_without_report(session, reporting_round),
    )


@bp.get("/omgangar/<int:year>", endpoint="round")
def round_page(year: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    return _round_page(round_of_the_agreement(year))


def _refused(reporting_round: ReportingRound, error: OperationError, **forms: Any) -> Refused:
    """The round page again, with the operation's refusal in the error summary; nothing saved (the boundary rolls
    back before the page reads the round again)."""
    problem = _problem(error)
    year = reporting_round.year
    return Refused(lambda: (_round_page(round_of_the_agreement(year), problem=problem, **forms), 400))


def _done(year: int, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("leaders.round", year=year), code=303)


@bp.post("/omgangar/<int:year>/datum")
def round_dates(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    form = DatesForm(request.form, gettext=gettext)
    if not form.validate():
        return _round_page(reporting_round, dates=form), 400
    try:
        set_round_dates(db_session(), Actor(user=user), reporting_round, *form.dates(), today=today_in_sweden())
    except OperationError as error:
        raise _refused(reporting_round, error, dates=DatesForm(request.form, gettext=gettext)) from error
    return _done(year, gettext("The dates are saved."))


@bp.post("/omgangar/<int:year>/oppna", endpoint="open_round")
def open_round_view(year: int) -> Page:
    """Open the round. Before its opening day the page asks first, saying when it was to open; the answer posts
    again with tidigt=1."""
    user = require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    today = today_in_sweden()
    early = request.form.get("tidigt") == "1"
    if (reporting_round.state == RoundState.PLANNED and reporting_round.deadline_on is not None
            and reporting_round.opens_on is not None and reporting_round.opens_on > today and not early):
        return _round_page(reporting_round, confirm_early=True)
    try:
        open_round(db_session(), Actor(user=user), reporting_round, today=today, early=early)
    except OperationError as error:
        raise _refused(reporting_round, error) from error
    return _done(year, gettext("The round for %(year)s is open: the parties can report.", year=year))


@bp.post("/omgangar/<int:year>/stang", endpoint="close_round")
def close_round_view(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    try:
        close_round(db_session(), Actor(user=user), reporting_round)
    except OperationError as error:
        raise _refused(reporting_round, error) from error
    return _done(year, gettext("The round for %(year)s is closed: its reports can no longer be changed.", year=year))


@bp.post("/omgangar/<int:year>/oppna-igen", endpoint="reopen_round")
def reopen_round_view(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    form = ReopenForm(request.form, gettext=gettext)
    if not form.validate():
        return _round_page(reporting_round, reopen=form), 400
    try:
        reopen_round(db_session(), Actor(user=user), reporting_round, form.reason.data, today=today_in_sweden())
    except OperationError as error:
        raise _refused(reporting_round, error, reopen=ReopenForm(request.form, gettext=gettext)) from error
    return _done(year, gettext("The round for %(year)s is open again.", year=year))


@bp.post("/omgangar/<int:year>/lansiffror")
def round_figures(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    reporting_round = round_of_the_agreement(year)
    indicators = county_indicators(reporting_round.agreement, year)
    locale = current_locale()
    form = figures_form(indicators, {}, request.form, gettext=gettext, locale=locale)
    if not form.validate():
        return _round_page(reporting_round, figures=form), 400
    actor = Actor(user=user)
    try:
        for indicator in indicators:
            set_round_value(session, actor, reporting_round, indicator, form[field_name(indicator.key)].data)
    except OperationError as error:
        raise _refused(reporting_round, error,
                       figures=figures_form(indicators, {}, request.form, gettext=gettext, locale=locale)) from error
    return _done(year, gettext("The county figures are saved."))


@bp.post("/omgangar/<int:year>/nyheter")
def round_news(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    form = NewsForm(request.form, gettext=gettext)
    if not form.validate():
        return _round_page(reporting_round, news=form), 400
    try:
        set_round_news(db_session(), Actor(user=user), reporting_round, form.news_sv.data, form.news_en.data)
    except OperationError as error:
        raise _refused(reporting_round, error, news=NewsForm(request.form, gettext=gettext)) from error
    return _done(year, gettext("The news is saved."))
