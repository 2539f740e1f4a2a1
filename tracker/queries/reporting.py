"""A contact's reporting: the reports they write, a report's progress per commitment, one commitment's questions.

Applicability (which commitments and questions a party is asked) is `tracker.domain.applicability`; progress
counts the required, applicable, typed questions and whether a status is chosen.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.domain import (
    Agreement,
    Answer,
    Commitment,
    Indicator,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
    User,
    localized,
)
from tracker.domain.applicability import (
    History,
    answer_values,
    applicable_commitments,
    applicable_questions,
    unusual_answers,
)
from tracker.domain.copies import unconfirmed_copies
from tracker.domain.values import Value, from_columns

REPORTED_STATES = tuple(state for state in SubmissionState if state.is_reported)


@dataclass(frozen=True)
class Progress:
    """How far a commitment (or a whole report) has come: required questions answered, statuses chosen."""

    answered: int
    required: int
    statuses: int
    statuses_needed: int

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.required and self.statuses >= self.statuses_needed

    @property
    def is_started(self) -> bool:
        return self.answered > 0 or self.statuses > 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.answered + other.answered, self.required + other.required,
                        self.statuses + other.statuses, self.statuses_needed + other.statuses_needed)


NO_PROGRESS = Progress(0, 0, 0, 0)


@dataclass(frozen=True)
class CommitmentProgress:
    number: str
    title: str
    progress: Progress
    status_label: str | None
    unconfirmed: int = 0  # values far from the earlier years without the comment that confirms them
    copies_to_check: int = 0  # answers and status copied from last year, not confirmed yet


@dataclass(frozen=True)
class OpenReport:
    """A report the contact can write now: its round, deadline and progress."""

    submission_id: int
    agreement_name: str
    year: int
    deadline_on: date | None
    days_left: int | None  # negative after the deadline
    state: SubmissionState
    submitted_dt: datetime | None
    is_example: bool
    commitments: tuple[CommitmentProgress, ...]

    @property
    def progress(self) -> Progress:
        return sum((c.progress for c in self.commitments), NO_PROGRESS)


@dataclass(frozen=True)
class EarlierReport:
    submission_id: int
    year: int
    state: SubmissionState


@dataclass(frozen=True)
class UpcomingReport:
    """A report of a planned round: nothing to write yet, only when it opens (None: when the leaders open it)."""

    year: int
    opens_on: date | None


@dataclass(frozen=True)
class PartyReporting:
    """One party a contact reports for: the reports of its open rounds, those of planned rounds (when they open)
    and those of earlier (closed) years."""

    party_name: str
    open_reports: tuple[OpenReport, ...]
    earlier: tuple[EarlierReport, ...]
    upcoming: tuple[UpcomingReport, ...] = ()


def _report_options() -> tuple[Any, ...]:
    """Everything a report's pages need, in a fixed number of queries."""
    return (
        joinedload(Submission.party),
        joinedload(Submission.round).joinedload(ReportingRound.agreement).options(
            selectinload(Agreement.commitments).selectinload(Commitment.indicators).selectinload(Indicator.options),
            selectinload(Agreement.status_levels),
        ),
        selectinload(Submission.answers),
        selectinload(Submission.statuses),
        selectinload(Submission.answer_comments),
    )


def submission_for_report(submission_id: int) -> Select[Submission]:
    """One submission with everything its form needs: party, round, agreement, indicators, answers, statuses."""
    return select(Submission).where(Submission.id == submission_id).options(*_report_options())


def open_submissions_of(party_ids: Sequence[int]) -> Select[Submission]:
    """The parties' submissions in open rounds, and those sent back to them in a closed round (reopened), loaded
    as `submission_for_report` loads one."""
    return (
        select(Submission).join(Submission.round)
        .where(Submission.party_id.in_(party_ids),
               or_(ReportingRound.state == RoundState.OPEN, Submission.is_reopened.is_(True)))
        .options(*_report_options())
    )


def previous_report(session: Session, submission: Submission) -> Submission | None:
    """The same party's report for the year before, if it was handed in (submitted or approved)."""
    return session.scalar(
        select(Submission)
        .join(Submission.round)
        .where(
            Submission.party_id == submission.party_id,
            ReportingRound.agreement_id == submission.round.agreement_id,
            ReportingRound.year == submission.round.year - 1,
            Submission.state.in_(REPORTED_STATES),
        )
        .options(joinedload(Submission.round), selectinload(Submission.answers), selectinload(Submission.statuses))
    )


def earlier_values(session: Session, submission: Submission) -> History:
    """The same party's handed-in reports (submitted or approved) of the years before, latest first, as their
    values: what `applicability.unusual_answers` compares this year's values with."""
    return earlier_values_of_round(session, submission.round, [submission.party_id]).get(submission.party_id, [])


def earlier_values_of_round(session: Session, reporting_round: ReportingRound,
                            party_ids: Collection[int]) -> dict[int, History]:
    """What `earlier_reports` holds for each of `party_ids` in a round, as the values only (one query, no objects):
    by party id, each handed-in report of the years before as (year, answers by indicator id), the latest first."""
    rows = session.execute(
        select(Submission.party_id, ReportingRound.year, Answer.indicator_id, Answer.value_number,
               Answer.value_text, Answer.value_bool)
        .join(Submission.round).join(Answer, Answer.submission_id == Submission.id)
        .where(ReportingRound.agreement_id == reporting_round.agreement_id,
               ReportingRound.year < reporting_round.year,
               Submission.state.in_(REPORTED_STATES),
               Submission.party_id.in_(list(party_ids)))
        .order_by(Submission.party_id, ReportingRound.year.desc())
    )
    found: dict[int, dict[int, dict[int, Value]]] = {}
    for party_id, year, indicator_id, number, text, flag in rows:
        if (value := from_columns(number, text, flag)) is not None:
            found.setdefault(party_id, {}).setdefault(year, {})[indicator_id] = value
    return {party_id: sorted(years.items(), reverse=True) for party_id, years in found.items()}


def commitment_progress(submission: Submission, commitment: Commitment, values: dict[int, Value]) -> Progress:
    questions = [
        i for i in applicable_questions(submission, commitment, values) if i.is_required and not i.kind.is_derived
    ]
    has_status = any(
        s.commitment_id == commitment.id and s.status_level_id is not None for s in submission.statuses
    )
    return Progress(answered=sum(1 for i in questions if i.id in values), required=len(questions),
                    statuses=int(has_status), statuses_needed=1)


def report_progress(
    submission: Submission, locale: str, earlier: History = ()
) -> tuple[CommitmentProgress, ...]:
    """Every applicable commitment of the report with its progress and chosen status; with the party's `earlier`
    reports, also how many of its values far from them still need a comment."""
    values = answer_values(submission)
    statuses = {s.commitment_id: s for s in submission.statuses}
    commented = {c.indicator_id for c in submission.answer_comments}
    unconfirmed = {i for i in unusual_answers(submission, earlier, values) if i not in commented}
    result = []
    for commitment in applicable_commitments(submission):
        row = statuses.get(commitment.id)
        level = row.status_level if row is not None else None
        result.append(CommitmentProgress(
            number=commitment.number,
            title=localized(commitment, "title", locale),
            progress=commitment_progress(submission, commitment, values),
            status_label=localized(level, "label", locale) if level is not None else None,
            unconfirmed=sum(1 for i in commitment.indicators if i.id in unconfirmed),
            copies_to_check=unconfirmed_copies(submission, commitment),
        ))
    return tuple(result)


def my_reporting(session: Session, user: User, locale: str, today: date) -> list[PartyReporting]:
    """For every party `user` reports for: the reports of the open rounds, the planned rounds' opening days, and
    the earlier (closed) years' reports."""
    party_ids = [party.id for party in user.parties]
    if not party_ids:
        return []
    open_submissions = session.scalars(open_submissions_of(party_ids)).unique().all()
    earlier = session.execute(
        select(Submission.id, Submission.party_id, ReportingRound.year, Submission.state)
        .join(Submission.round)
        .where(Submission.party_id.in_(party_ids), ReportingRound.state == RoundState.CLOSED,
               Submission.is_reopened.is_(False))
        .order_by(ReportingRound.year.desc())
    ).all()
    planned = session.execute(
        select(Submission.party_id, ReportingRound.year, ReportingRound.opens_on)
        .join(Submission.round)
        .where(Submission.party_id.in_(party_ids), ReportingRound.state == RoundState.PLANNED)
        .order_by(ReportingRound.year)
    ).all()
    result = []
    for party in user.parties:
        reports = sorted((s for s in open_submissions if s.party_id == party.id), key=lambda s: s.round.year)
        result.append(PartyReporting(
            party_name=party.name,
            open_reports=tuple(_open_report(s, locale, today) for s in reports),
            earlier=tuple(EarlierReport(row.id, row.year, row.state) for row in earlier if row.party_id == party.id),
            upcoming=tuple(UpcomingReport(row.year, row.opens_on) for row in planned if row.party_id == party.id),
        ))
    return result


def _open_report(submission: Submission, locale: str, today: date) -> OpenReport:
    deadline = submission.round.deadline_on
    return OpenReport(
        submission_id=submission.id,
        agreement_name=localized(submission.round.agreement, "name", locale),
        year=submission.round.year,
        deadline_on=deadline,
        days_left=(deadline - today).days if deadline is not None else None,
        state=submission.state,
        submitted_dt=submission.submitted_dt,
        is_example=submission.is_example,
        commitments=report_progress(submission, locale),
    )


def find_commitment(submission: Submission, number: str) -> Commitment | None:
    """The applicable commitment numbered `number` ("III") of the report, or None."""
    return next((c for c in applicable_commitments(submission) if c.number == number), None)


def has_something_to_copy(submission: Submission, previous: Submission | None) -> bool:
    """Whether copying last year's report would fill anything: an applicable question that is empty now but
    was answered last year, or a commitment without a status that had one (tracker.operations.copying)."""
    if previous is None:
        return False
    values, last = answer_values(submission), answer_values(previous)
    with_status = {s.commitment_id for s in submission.statuses if s.status_level_id is not None}
    last_status = {s.commitment_id for s in previous.statuses if s.status_level_id is not None}
    for commitment in applicable_commitments(submission):
        if commitment.id in last_status and commitment.id not in with_status:
            return True
        questions = applicable_questions(submission, commitment, values)
        if any(i.id in last and i.id not in values and not i.kind.is_derived for i in questions):
            return True
    return False
