"""The read side of the follow-up: everything a round's summary needs, in a constant number of queries.

`load_followup_inputs(session, year)` returns the agreement (commitments, indicators with their options,
status levels), the parties, every round of the agreement up to `year` (for the trend) with its county
figures, and every submission of those rounds with its state, answers and commitment statuses. The answers
come as `values.Value`s by indicator id, the form `tracker.domain.applicability` works with.
`reports.data.build_followup` turns the result into report data without touching the database again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain import (
    Agreement,
    Answer,
    Commitment,
    CommitmentStatus,
    Indicator,
    Party,
    PartyKind,
    ReportingRound,
    RoundState,
    RoundValue,
    Submission,
    SubmissionState,
    agreement_parties,
)
from tracker.domain.base import utcnow
from tracker.domain.changes import EVERY_YEAR, DataChange, uncommitted
from tracker.domain.messages import N_, Message
from tracker.domain.presentation import Presentation, presentation_of
from tracker.domain.values import Value, from_columns
from tracker.queries.resolver import AgreementNotFoundError, agreement_round, find_agreement
from tracker.queries.stations import StationRow, station_rows

__all__ = [
    "FollowUpInputs", "FollowUpNotFound", "PartyRow", "RoundRow", "StatusRow", "SubmissionRow",
    "agreement_with_catalogue", "data_version", "load_followup_inputs", "year_states",
]


class FollowUpNotFound(LookupError):  # noqa: N818 - reads as what happened
    """No round to follow up for that year (or the year is ambiguous between agreements)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid % dict(message.params) if message.params else message.msgid)
        self.message = message


@dataclass(frozen=True, slots=True)
class PartyRow:
    id: int
    code: str
    name: str
    kind: PartyKind
    is_member: bool = True  # has signed the agreement and is active: expected in the round being followed up


@dataclass(frozen=True, slots=True)
class RoundRow:
    id: int
    year: int
    state: RoundState
    opens_on: date | None
    deadline_on: date | None
    is_example: bool
    news_sv: str | None = None
    news_en: str | None = None
    values: Mapping[int, Value] = field(default_factory=dict)  # county figures by (round-scope) indicator id


@dataclass(frozen=True, slots=True)
class StatusRow:
    commitment_id: int
    status_level_id: int | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    id: int
    round_id: int
    party_id: int
    state: SubmissionState
    submitted_dt: datetime | None
    approved_dt: datetime | None
    is_example: bool
    values: Mapping[int, Value] = field(default_factory=dict)  # stored answers by indicator id
    statuses: Mapping[int, StatusRow] = field(default_factory=dict)  # by commitment id
    first_submitted_dt: datetime | None = None  # decides whether the report was late (tracker.domain.calendar)


@dataclass(frozen=True)
class FollowUpInputs:
    """What `reports.data.build_followup` needs; `agreement` is the ORM row with its catalogue loaded."""

    agreement: Agreement
    parties: tuple[PartyRow, ...]
    rounds: tuple[RoundRow, ...]  # by year, up to the year followed up
    submissions: tuple[SubmissionRow, ...]
    loaded_at: datetime
    presentation: Presentation = field(default_factory=Presentation)  # the leaders' texts for the forum: the year's
    stations: tuple[StationRow, ...] = ()  # the station register, every station (tracker.queries.stations)


def agreement_with_catalogue(session: Session, agreement_id: int) -> Agreement:
    """The agreement with everything the report reads of it loaded up front (a fixed number of queries)."""
    return session.scalars(
        select(Agreement)
        .where(Agreement.id == agreement_id)
        .options(
            selectinload(Agreement.commitments).selectinload(Commitment.indicators),
            selectinload(Agreement.indicators).options(
                selectinload(Indicator.options), selectinload(Indicator.commitment)
            ),
            selectinload(Agreement.status_levels),
            selectinload(Agreement.versions),
        )
    ).one()


def load_followup_inputs(session: Session, year: int, agreement_slug: str | None = None,
                         default_slug: str | None = None) -> FollowUpInputs:
    """Everything the follow-up of `year` needs, of the agreement named by `agreement_slug`, else the default
    (tracker.queries.resolver; `default_slug`: the DEFAULT_AGREEMENT setting). Raises FollowUpNotFound when it has
    no round that year."""
    agreement_id = _agreement_id(session, year, agreement_slug, default_slug)
    agreement = agreement_with_catalogue(session, agreement_id)
    rounds_query = select(ReportingRound.id).where(
        ReportingRound.agreement_id == agreement_id, ReportingRound.year <= year
    )
    values: dict[int, dict[int, Value]] = defaultdict(dict)
    for row in session.execute(
        select(RoundValue.round_id, RoundValue.indicator_id, RoundValue.value_number, RoundValue.value_text,
               RoundValue.value_bool).where(RoundValue.round_id.in_(rounds_query))
    ):
        if (value := from_columns(row.value_number, row.value_text, row.value_bool)) is not None:
            values[row.round_id][row.indicator_id] = value
    round_rows = session.scalars(select(ReportingRound).where(ReportingRound.id.in_(rounds_query))
                                 .order_by(ReportingRound.year)).all()
    rounds = tuple(
        RoundRow(r.id, r.year, r.state, r.opens_on, r.deadline_on, r.is_example, r.news_sv, r.news_en,
                 values.get(r.id, {}))
        for r in round_rows
    )
    followed = next((r for r in round_rows if r.year == year), None)
    submissions = _submissions(session, rounds_query)
    return FollowUpInputs(
        agreement=agreement,
        parties=_parties(session, agreement_id, year, {s.party_id for s in submissions}),
        rounds=rounds,
        submissions=submissions,
        loaded_at=utcnow(),
        presentation=presentation_of(followed) if followed is not None else Presentation(),
        stations=station_rows(session, agreement_id),
    )


def _agreement_id(session: Session, year: int, agreement_slug: str | None, default_slug: str | None) -> int:
    """The agreement followed up (tracker.queries.resolver: the one named, else the default), which must have a
    round for `year`."""
    try:
        agreement = find_agreement(session, agreement_slug, default_slug)
    except AgreementNotFoundError as error:
        raise FollowUpNotFound(error.message) from None
    if agreement_round(session, agreement.id, year) is None:
        if agreement_slug is None:
            raise FollowUpNotFound(Message(N_("There is no reporting round for %(year)s."), {"year": year}))
        raise FollowUpNotFound(Message(N_("The agreement %(agreement)s has no reporting round for %(year)s."),
                                       {"agreement": agreement.slug, "year": year}))
    return agreement.id


def _submissions(session: Session, rounds_query: Select[int]) -> tuple[SubmissionRow, ...]:
    in_rounds = Submission.round_id.in_(rounds_query)
    answers: dict[int, dict[int, Value]] = defaultdict(dict)
    for row in session.execute(
        select(Answer.submission_id, Answer.indicator_id, Answer.value_number, Answer.value_text, Answer.value_bool)
        .join(Submission, Submission.id == Answer.submission_id).where(in_rounds)
    ):
        if (value := from_columns(row.value_number, row.value_text, row.value_bool)) is not None:
            answers[row.submission_id][row.indicator_id] = value
    statuses: dict[int, dict[int, StatusRow]] = defaultdict(dict)
    for status in session.execute(
        select(CommitmentStatus.submission_id, CommitmentStatus.commitment_id, CommitmentStatus.status_level_id,
               CommitmentStatus.comment)
        .join(Submission, Submission.id == CommitmentStatus.submission_id).where(in_rounds)
    ):
        statuses[status.submission_id][status.commitment_id] = StatusRow(status.commitment_id,
                                                                         status.status_level_id, status.comment)
    return tuple(
        SubmissionRow(s.id, s.round_id, s.party_id, s.state, s.submitted_dt, s.approved_dt, s.is_example,
                      answers.get(s.id, {}), statuses.get(s.id, {}), s.first_submitted_dt)
        for s in session.execute(
            select(Submission.id, Submission.round_id, Submission.party_id, Submission.state, Submission.submitted_dt,
                   Submission.approved_dt, Submission.is_example, Submission.first_submitted_dt)
            .where(in_rounds).order_by(Submission.id)
        )
    )


def _parties(session: Session, agreement_id: int, year: int, reporting: set[int]) -> tuple[PartyRow, ...]:
    """The agreement's parties and any other party that has reported under it (reports.data puts them in party
    order). `is_member`: a member in `year` (joined by then, not left), so expected in that year's round; a party
    that has left is shown only in the rounds it has a report in."""
    link = agreement_parties.c
    members = select(link.party_id).where(link.agreement_id == agreement_id, link.first_year <= year,
                                          or_(link.last_year.is_(None), link.last_year >= year))
    member_ids = set(session.scalars(members))
    rows = session.scalars(select(Party).where(Party.id.in_(member_ids | reporting)).order_by(Party.code))
    return tuple(PartyRow(p.id, p.code, p.name, p.kind, p.id in member_ids and p.is_active) for p in rows)


DataVersion = tuple[object, ...]


def data_version(session: Session, up_to_year: int | None = None) -> DataVersion:
    """A fingerprint of everything a follow-up reads, in ONE read of a small table: it changes whenever the data
    does (tracker.domain.changes counts every change, per year, in the transaction that makes it).

    With `up_to_year` only the changes of rounds up to that year count, and those of every year (the catalogue,
    the parties, any round's state or dates: a round closing adds a year to every dashboard): what the follow-up
    of that year reads, so that a contact saving an answer in this year's open round leaves the cached follow-ups
    of closed years alone. Without it, every change counts. A cache keyed by it is invalidated by a new key, never
    by a signal. The newest change's time is part of it, so that a database restored from a backup and changed
    again never repeats a fingerprint that was cached before the restore.
    """
    query = select(func.count(), func.sum(DataChange.counter), func.max(DataChange.changed_dt))
    if up_to_year is not None:
        query = query.where(or_(DataChange.year == EVERY_YEAR, DataChange.year <= up_to_year))
    count, total, newest = session.execute(query).one()
    newest_text = newest.isoformat() if newest is not None else None
    changed = uncommitted(session)
    if changed is not None and any(up_to_year is None or year <= up_to_year for year in changed.years):
        # This transaction changed the data and has not committed: a fingerprint of its own, never cached for
        # anyone else (its counters are raised only at the commit).
        return (up_to_year, count, total or 0, newest_text, changed.fingerprint)
    return (up_to_year, count, total or 0, newest_text)


def year_states(session: Session, agreement_id: int) -> dict[int, RoundState]:
    """Every year the agreement has a round for, and its state, oldest first."""
    query = (select(ReportingRound.year, ReportingRound.state).where(ReportingRound.agreement_id == agreement_id)
             .order_by(ReportingRound.year))
    return {year: state for year, state in session.execute(query)}
