"""Reporting rounds: creating a year's round, its dates, opening, closing and reopening it, every party's
submission in it, its county-level figures and its "Vad har hänt sen sist?" news.

A closed round is locked: its dates, figures and news (and its reports, `permissions.decide`) change only after
it is reopened, and reopening needs a reason, kept in the audit trail ("round.reopen", field "reason").
Every change is audited; nothing here commits.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.domain import (
    Agreement,
    Indicator,
    IndicatorScope,
    Party,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
)
from tracker.domain.applicability import value_key
from tracker.domain.base import utcnow
from tracker.domain.calendar import today_in_sweden
from tracker.domain.free_text import bullet_lines, checked_text
from tracker.domain.membership import is_member, members_in
from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue
from tracker.domain.values import ValueRules, from_columns, parse
from tracker.operations.answers import OperationError, refused_text
from tracker.operations.audit import Actor, record

YEAR_MIN, YEAR_MAX = 1900, 2200  # the reporting_rounds.year_range check
NEWS_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 2000



def create_round(
    session: Session,
    actor: Actor,
    agreement: Agreement,
    year: int,
    opens_on: date | None,
    deadline_on: date | None,
    state: RoundState = RoundState.PLANNED,
    is_example: bool = False,
    *,
    news_sv: str | None = None,
    closes_on: date | None = None,
) -> ReportingRound:
    """The round in which the parties report on `year`. One per agreement and year."""
    _check_dates(opens_on, deadline_on, closes_on)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise OperationError("year_out_of_range", N_("Enter a year between %(min)s and %(max)s."),
                             min=YEAR_MIN, max=YEAR_MAX)
    first, last = agreement.in_force_from_year, agreement.in_force_to_year
    if year < first or (last is not None and year > last):
        if last is None:
            raise OperationError("outside_agreement", N_("The agreement is in force from %(first)s: there is no "
                                                         "reporting round for %(year)s."), first=first, year=year)
        raise OperationError("outside_agreement", N_("The agreement is in force %(first)s–%(last)s: there is no "
                                                     "reporting round for %(year)s."),
                             first=first, last=last, year=year)
    if existing_round_id(session, agreement, year) is not None:
        raise OperationError("round_exists", N_("There already is a reporting round for %(year)s."), year=year)
    reporting_round = ReportingRound(
        agreement=agreement, year=year, opens_on=opens_on, deadline_on=deadline_on, closes_on=closes_on,
        state=RoundState(state), is_example=is_example, news_sv=news_sv,
    )
    try:
        with session.begin_nested():  # two requests at once: the database's unique key decides, no 500
            session.add(reporting_round)
            session.flush()
    except IntegrityError:
        raise OperationError(
            "round_exists", N_("There already is a reporting round for %(year)s."), year=year
        ) from None
    record(session, actor, "round.create", "reporting_round", reporting_round.id, field="year", new=year)
    record(session, actor, "round.create", "reporting_round", reporting_round.id, field="state",
           new=str(reporting_round.state))
    for name in DATE_FIELDS:
        if getattr(reporting_round, name) is not None:
            record(session, actor, "round.create", "reporting_round", reporting_round.id, field=name,
                   new=getattr(reporting_round, name))
    session.flush()
    return reporting_round


def existing_round_id(session: Session, agreement: Agreement, year: int) -> int | None:
    """The id of the agreement's round for `year`, if there is one."""
    return session.scalar(
        select(ReportingRound.id).where(ReportingRound.agreement_id == agreement.id, ReportingRound.year == year)
    )


DATE_FIELDS = ("opens_on", "deadline_on", "closes_on")


def _check_dates(opens_on: date | None, deadline_on: date | None, closes_on: date | None = None) -> None:
    if opens_on is not None and deadline_on is not None and deadline_on < opens_on:
        raise OperationError("deadline_before_opening", N_("It cannot be before the day the round opens."))
    if closes_on is not None and deadline_on is not None and closes_on < deadline_on:
        raise OperationError("closing_before_deadline",
                             N_("The round cannot close before the last day to submit."))
    if closes_on is not None and opens_on is not None and closes_on < opens_on:
        raise OperationError("closing_before_opening", N_("The round cannot close before it opens."))


def _check_not_closed(reporting_round: ReportingRound) -> None:
    if reporting_round.state == RoundState.CLOSED:
        raise OperationError("round_closed", N_("The round for %(year)s is closed. Reopen it to make changes."),
                             year=reporting_round.year)


def start_round(
    session: Session, actor: Actor, agreement: Agreement, year: int, opens_on: date | None, deadline_on: date | None,
    closes_on: date | None = None,
) -> ReportingRound:
    """A new, planned round for `year` with a submission (not started) for every active party that is a member of
    the agreement in `year`.

    The round asks the indicators valid in `year` (`Indicator.is_valid_in`); nothing is copied: which questions a
    report has is decided from the year whenever it is read.
    """
    reporting_round = create_round(session, actor, agreement, year, opens_on, deadline_on, closes_on=closes_on)
    ensure_submissions(session, reporting_round)
    return reporting_round


def set_round_dates(
    session: Session, actor: Actor, reporting_round: ReportingRound, opens_on: date | None, deadline_on: date | None,
    closes_on: date | None = None, *, today: date | None = None,
) -> None:
    """The day the round opens for reporting, the last day to submit and the day it closes by itself (each may be
    left out). A new closing day cannot be in the past: the round would close at once."""
    _check_not_closed(reporting_round)
    _check_dates(opens_on, deadline_on, closes_on)
    if closes_on is not None and closes_on != reporting_round.closes_on and closes_on < (today or today_in_sweden()):
        raise OperationError("closing_in_the_past", N_("The day the round closes cannot be in the past."))
    for name, new in zip(DATE_FIELDS, (opens_on, deadline_on, closes_on), strict=True):
        _set_date(session, actor, reporting_round, name, new)
    session.flush()


def _set_date(session: Session, actor: Actor, reporting_round: ReportingRound, name: str, new: date | None) -> None:
    old = getattr(reporting_round, name)
    if old != new:
        setattr(reporting_round, name, new)
        record(session, actor, "round.dates", "reporting_round", reporting_round.id, field=name, old=old, new=new)


def open_round(session: Session, actor: Actor, reporting_round: ReportingRound, *, today: date | None = None,
               early: bool = False) -> None:
    """Open a planned round for reporting. It needs a deadline (the invitation and the reminders name it).

    Before its opening day only with `early` (the leader has confirmed it); the opening day becomes today, and the
    planned one stays in the audit trail. A round without an opening day gets today's."""
    if reporting_round.state == RoundState.OPEN:
        raise OperationError("already_open", N_("The round for %(year)s is already open."), year=reporting_round.year)
    _check_not_closed(reporting_round)
    if reporting_round.deadline_on is None:
        raise OperationError("no_deadline", N_("Set a deadline before you open the round."))
    today = today or today_in_sweden()
    if reporting_round.deadline_on < today:
        raise OperationError("deadline_passed", N_("The last day to submit, %(date)s, has already passed: give the "
                                                   "round a later one before you open it."),
                             date=reporting_round.deadline_on)
    if reporting_round.opens_on is not None and reporting_round.opens_on > today and not early:
        raise OperationError("opens_later", N_("The round is planned to open on %(date)s. Confirm that it opens "
                                               "already today."), date=reporting_round.opens_on)
    if reporting_round.opens_on is None or reporting_round.opens_on > today:
        _set_date(session, actor, reporting_round, "opens_on", today)
    set_round_state(session, actor, reporting_round, RoundState.OPEN)


def close_round(session: Session, actor: Actor, reporting_round: ReportingRound) -> None:
    """Close an open round: its reports, figures and news are locked until it is reopened."""
    if reporting_round.state != RoundState.OPEN:
        raise OperationError("not_open", N_("Only an open round can be closed."))
    set_round_state(session, actor, reporting_round, RoundState.CLOSED)


def reopen_round(session: Session, actor: Actor, reporting_round: ReportingRound, reason: str | None, *,
                 today: date | None = None) -> None:
    """Open a closed round again. The reason is required and kept in the audit trail with who and when. A closing
    day that has come is removed (the round would close again at once); the leader may set a new one."""
    if reporting_round.state != RoundState.CLOSED:
        raise OperationError("not_closed", N_("Only a closed round can be reopened."))
    text = (reason or "").strip()
    if not text:
        raise OperationError("reason_required", N_("Write why the round is reopened."))
    if len(text) > REASON_MAX_LENGTH:
        raise OperationError("reason_too_long", N_("The reason can be at most %(max)s characters long."),
                             max=REASON_MAX_LENGTH)
    try:
        text = checked_text(text, REASON_MAX_LENGTH)
    except InvalidValue as error:
        raise refused_text(error) from error
    set_round_state(session, actor, reporting_round, RoundState.OPEN)
    if reporting_round.closes_on is not None and reporting_round.closes_on <= (today or today_in_sweden()):
        _set_date(session, actor, reporting_round, "closes_on", None)
    record(session, actor, "round.reopen", "reporting_round", reporting_round.id, field="reason", new=text)
    session.flush()


news_lines = bullet_lines  # the news: one bullet per line (tracker.domain.free_text)


def set_round_news(
    session: Session, actor: Actor, reporting_round: ReportingRound, news_sv: str | None, news_en: str | None
) -> None:
    """ "Vad har hänt sen sist?" in Swedish and English: one bullet per line; blank removes it."""
    _check_not_closed(reporting_round)
    new_values = {}
    for name, text in (("news_sv", news_sv), ("news_en", news_en)):
        cleaned = "\n".join(news_lines(text)) or None
        if cleaned is not None and len(cleaned) > NEWS_MAX_LENGTH:
            raise OperationError("news_too_long", N_("The text can be at most %(max)s characters long."),
                                 max=NEWS_MAX_LENGTH)
        try:
            checked_text(cleaned, NEWS_MAX_LENGTH)
        except InvalidValue as error:
            raise refused_text(error) from error
        new_values[name] = cleaned
    for name, new in new_values.items():
        old = getattr(reporting_round, name)
        if old != new:
            setattr(reporting_round, name, new)
            record(session, actor, "round.news", "reporting_round", reporting_round.id, field=name, old=old, new=new)
    session.flush()


def set_round_state(session: Session, actor: Actor, reporting_round: ReportingRound, state: RoundState) -> None:
    """Open or close a round. A closed round is locked: its reports can no longer be changed."""
    old = reporting_round.state
    if old == state:
        return
    reporting_round.state = RoundState(state)
    record(session, actor, "round.state", "reporting_round", reporting_round.id, field="state",
           old=str(old), new=str(state))
    session.flush()


def ensure_submission(
    session: Session, reporting_round: ReportingRound, party: Party, is_example: bool = False
) -> Submission:
    """The party's submission in the round, created (not started, nothing answered) when there is none yet.

    Creating an empty submission changes no reported data, so it is not audited.
    """
    if not is_member(reporting_round.agreement, party, reporting_round.year):
        raise OperationError("not_a_party", N_("%(party)s is not a party to the agreement in %(year)s."),
                             party=party.name, year=reporting_round.year)
    submission = session.scalar(
        select(Submission).where(Submission.round_id == reporting_round.id, Submission.party_id == party.id)
    )
    if submission is None:
        submission = Submission(round=reporting_round, party=party, is_example=is_example)
        session.add(submission)
        session.flush()
    return submission


def ensure_submissions(session: Session, reporting_round: ReportingRound, is_example: bool = False) -> list[Submission]:
    """A submission for every active party that is a member of the agreement in the round's year (one that has
    left, or joins later, gets none)."""
    return [
        ensure_submission(session, reporting_round, party, is_example)
        for party in members_in(reporting_round.agreement, reporting_round.year)
        if party.is_active
    ]


def set_round_value(
    session: Session, actor: Actor, reporting_round: ReportingRound, indicator: Indicator, raw: object
) -> RoundValue | None:
    """Store a county-level figure of the round (the county's biogas production); blank removes it. Not in a
    closed round.

    Raises `InvalidValue` for input the indicator does not accept, `OperationError` for a party question.
    """
    if indicator.scope is not IndicatorScope.ROUND or indicator.agreement_id != reporting_round.agreement_id:
        raise OperationError("not_a_round_figure", N_("This is not a figure of the reporting round."))
    if indicator.kind.is_derived:
        raise OperationError("derived", N_("This value is computed and cannot be entered."))
    _check_not_closed(reporting_round)
    new = parse(ValueRules.of(indicator), raw)
    row = next((v for v in reporting_round.values if v.indicator_id == indicator.id), None)
    old = from_columns(row.value_number, row.value_text, row.value_bool) if row is not None else None
    if old == new:
        return row
    if new is None:
        assert row is not None
        reporting_round.values.remove(row)
        row = None
    else:
        if row is None:
            row = RoundValue(indicator=indicator)
            reporting_round.values.append(row)
        for column, column_value in new.columns().items():
            setattr(row, column, column_value)
        row.updated_dt = utcnow()
    session.flush()
    # Recorded on the round (its history lists it); before 2026-12 on the "round_value" row (round_events reads both).
    record(session, actor, "round_value.update", "reporting_round", reporting_round.id,
           field=indicator.key, old=value_key(old), new=value_key(new))
    session.flush()
    return row
