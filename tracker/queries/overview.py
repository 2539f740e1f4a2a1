"""The project leaders' overview of a round: parties × commitments, each report's state and progress.

The progress of a cell is what "My reporting" shows the contact (`tracker.queries.reporting.commitment_progress`,
on `tracker.domain.applicability`): the required, applicable questions answered and whether a status is chosen.
Everything is loaded in a CONSTANT number of queries, whatever the number of parties (a test counts them).

"To check": the values the review page marks (far from the party's earlier reports, contradicting another answer).

"Late" (sen): the round's deadline has passed (today is after it) and the report is not handed in (neither
submitted nor approved).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.domain import (
    Agreement,
    Commitment,
    Indicator,
    Party,
    PartyKind,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
    localized,
)
from tracker.domain.applicability import answer_values, inconsistent_answers, unusual_answers
from tracker.domain.party import party_order
from tracker.queries.reporting import NO_PROGRESS, Progress, commitment_progress, earlier_reports_of_round


@dataclass(frozen=True)
class OverviewCommitment:
    id: int
    number: str
    title: str


@dataclass(frozen=True)
class OverviewCell:
    """One party's progress on one commitment; `progress` None when the commitment does not apply to the party."""

    commitment_number: str
    progress: Progress | None
    has_status: bool = False


@dataclass(frozen=True)
class OverviewRow:
    party_id: int
    party_code: str
    party_name: str
    party_kind: PartyKind
    submission_id: int | None  # None: the party has no report in the round (joined after it was created)
    state: SubmissionState | None
    submitted_dt: datetime | None
    is_late: bool
    cells: tuple[OverviewCell, ...]
    to_check: int = 0  # values far from the party's earlier years or contradicting another answer (the review's)

    @property
    def progress(self) -> Progress:
        return sum((c.progress for c in self.cells if c.progress is not None), NO_PROGRESS)


@dataclass(frozen=True)
class OverviewCounts:
    parties: int
    reported: int  # submitted or approved
    approved: int
    late: int


@dataclass(frozen=True)
class Overview:
    year: int
    state: RoundState
    opens_on: date | None
    deadline_on: date | None
    is_example: bool
    deadline_passed: bool
    commitments: tuple[OverviewCommitment, ...]
    rows: tuple[OverviewRow, ...]

    @property
    def counts(self) -> OverviewCounts:
        """The counts of the whole round (not of a filtered selection)."""
        states = [row.state for row in self.rows]
        return OverviewCounts(
            parties=len(self.rows),
            reported=sum(1 for s in states if s is not None and s.is_reported),
            approved=sum(1 for s in states if s == SubmissionState.APPROVED),
            late=sum(1 for row in self.rows if row.is_late),
        )

    def filtered(self, state: SubmissionState | None = None, kind: PartyKind | None = None,
                 only_late: bool = False) -> tuple[OverviewRow, ...]:
        """The rows of the parties in `state`, of `kind`, late: each filter left out (None, False) keeps all."""
        return tuple(
            row for row in self.rows
            if (state is None or row.state == state) and (kind is None or row.party_kind == kind)
            and (not only_late or row.is_late)
        )


def overview_years(session: Session, agreement_id: int) -> list[tuple[int, RoundState]]:
    """The agreement's round years (latest first) and states: the year selector."""
    return [(row.year, RoundState(row.state)) for row in session.execute(
        select(ReportingRound.year, ReportingRound.state)
        .where(ReportingRound.agreement_id == agreement_id).order_by(ReportingRound.year.desc())
    )]


def default_year(years: list[tuple[int, RoundState]]) -> int | None:
    """The open round's year (the latest open one), else the latest round's, None without rounds."""
    open_years = [year for year, state in years if state == RoundState.OPEN]
    if open_years:
        return max(open_years)
    return max((year for year, _state in years), default=None)


def is_late(state: SubmissionState | None, deadline_on: date | None, today: date) -> bool:
    """Whether a report is late: the deadline has passed and it is not handed in."""
    return deadline_on is not None and today > deadline_on and not (state is not None and state.is_reported)


def load_overview(session: Session, agreement_id: int, year: int, locale: str, today: date) -> Overview | None:
    """The overview of the agreement's round for `year`, None when there is no such round. Constant queries:
    the round with the catalogue and the parties, then the submissions with their parties, answers, statuses."""
    reporting_round = session.scalars(
        select(ReportingRound)
        .where(ReportingRound.agreement_id == agreement_id, ReportingRound.year == year)
        .options(joinedload(ReportingRound.agreement).options(
            selectinload(Agreement.commitments).selectinload(Commitment.indicators).selectinload(Indicator.options),
            selectinload(Agreement.parties),
        ))
    ).unique().one_or_none()
    if reporting_round is None:
        return None
    agreement = reporting_round.agreement
    submissions = session.scalars(
        select(Submission).where(Submission.round_id == reporting_round.id)
        .options(joinedload(Submission.party), selectinload(Submission.answers), selectinload(Submission.statuses))
    ).unique().all()
    by_party = {s.party_id: s for s in submissions}
    earlier = earlier_reports_of_round(session, reporting_round)
    parties: dict[int, Party] = {p.id: p for p in agreement.parties if p.is_active}
    parties.update({s.party_id: s.party for s in submissions})
    rows = [
        _row(party, by_party.get(party.id), agreement, reporting_round.deadline_on, today, earlier.get(party.id, []))
        for party in sorted(parties.values(), key=lambda p: party_order(p.kind, p.name))
    ]
    return Overview(
        year=reporting_round.year, state=reporting_round.state, opens_on=reporting_round.opens_on,
        deadline_on=reporting_round.deadline_on, is_example=reporting_round.is_example,
        deadline_passed=reporting_round.deadline_on is not None and today > reporting_round.deadline_on,
        commitments=tuple(OverviewCommitment(c.id, c.number, localized(c, "title", locale))
                          for c in agreement.commitments),
        rows=tuple(rows),
    )


def _row(party: Party, submission: Submission | None, agreement: Agreement, deadline_on: date | None,
         today: date, earlier: list[Submission]) -> OverviewRow:
    if submission is None:
        cells = tuple(OverviewCell(c.number, None) for c in agreement.commitments)
        return OverviewRow(party.id, party.code, party.name, party.kind, None, None, None,
                           is_late(None, deadline_on, today), cells)
    values = answer_values(submission)
    with_status = {s.commitment_id for s in submission.statuses if s.status_level_id is not None}
    cells = tuple(
        OverviewCell(c.number, commitment_progress(submission, c, values), c.id in with_status)
        if c.applies_to(party.kind) else OverviewCell(c.number, None)
        for c in agreement.commitments
    )
    to_check = set(unusual_answers(submission, earlier, values)) | set(inconsistent_answers(submission, values))
    return OverviewRow(party.id, party.code, party.name, party.kind, submission.id, submission.state,
                       submission.submitted_dt, is_late(submission.state, deadline_on, today), cells, len(to_check))
