"""The project leaders' overview of a round: parties × commitments, each report's state and progress.

The progress of a cell is what "My reporting" shows the contact (`tracker.queries.reporting.commitment_progress`,
on `tracker.domain.applicability`): the required, applicable questions answered and whether a status is chosen.
Everything is loaded in a CONSTANT number of queries, whatever the number of parties (a test counts them).

"To check": the values the review page marks (far from the party's earlier reports, contradicting another answer).

"Late" (sen): `tracker.domain.calendar.is_late`, as in the Excel summary and the deck: handed in (the first time)
after the deadline day, or not handed in when the deadline day is over.

A round of many parties (a national agreement: 311) is shown a page at a time (`Selection`: the filters and the
page, PER_PAGE rows): every party's state is read for the counts and the filters, but the answers, statuses and
earlier reports only of the page's parties.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from math import ceil

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.domain import (
    Agreement,
    Commitment,
    Indicator,
    Membership,
    Party,
    PartyKind,
    ReportingRound,
    RoundState,
    Submission,
    SubmissionState,
    localized,
)
from tracker.domain.applicability import History, answer_values, inconsistent_answers, unusual_answers
from tracker.domain.calendar import is_late
from tracker.domain.party import party_order
from tracker.queries.reporting import NO_PROGRESS, Progress, commitment_progress, earlier_values_of_round


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


PER_PAGE = 50
"""Rows on a page of the overview: the county's 14 parties on one page, a national agreement's 311 on seven."""


@dataclass(frozen=True)
class Selection:
    """Which rows: the parties in `state`, of `kind`, late (each left out, None or False, keeps all), and which
    page of them (from 1; a page past the last shows the last)."""

    state: SubmissionState | None = None
    kind: PartyKind | None = None
    only_late: bool = False
    page: int = 1

    @property
    def is_filtered(self) -> bool:
        return bool(self.state or self.kind or self.only_late)

    def keeps(self, state: SubmissionState | None, kind: PartyKind, late: bool) -> bool:
        return ((self.state is None or state == self.state) and (self.kind is None or kind == self.kind)
                and (not self.only_late or late))


@dataclass(frozen=True)
class Overview:
    year: int
    state: RoundState
    opens_on: date | None
    deadline_on: date | None
    is_example: bool
    deadline_passed: bool
    commitments: tuple[OverviewCommitment, ...]
    rows: tuple[OverviewRow, ...]  # the selected page's
    counts: OverviewCounts  # of the whole round, whatever the selection
    matching: int  # the parties the selection's filters keep, on every page
    page: int
    page_count: int


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


def _late(submission_state: SubmissionState | None, first_submitted_dt: datetime | None, deadline_on: date | None,
          today: date) -> bool:
    return is_late(reported=submission_state is not None and submission_state.is_reported,
                   first_submitted_dt=first_submitted_dt, deadline_on=deadline_on, today=today)


def load_overview(session: Session, agreement_id: int, year: int, locale: str, today: date,
                  selection: Selection | None = None) -> Overview | None:
    """The overview of the agreement's round for `year` (the rows `selection` keeps, a page of them), None when
    there is no such round. Constant queries: the round with the catalogue and the parties; every report's party
    and state; the page's reports with their answers and statuses, and their earlier reports."""
    selection = selection or Selection()
    reporting_round = session.scalars(
        select(ReportingRound)
        .where(ReportingRound.agreement_id == agreement_id, ReportingRound.year == year)
        .options(joinedload(ReportingRound.agreement).options(
            selectinload(Agreement.commitments).selectinload(Commitment.indicators).selectinload(Indicator.options),
            selectinload(Agreement.memberships).joinedload(Membership.party),
        ))
    ).unique().one_or_none()
    if reporting_round is None:
        return None
    agreement, deadline = reporting_round.agreement, reporting_round.deadline_on
    reports, first_handed_in = {}, {}
    for sid, state, first, party in session.execute(
            select(Submission.id, Submission.state, Submission.first_submitted_dt, Party).join(Submission.party)
            .where(Submission.round_id == reporting_round.id)):
        reports[party.id], first_handed_in[party.id] = (party, sid, state), first
    parties: dict[int, Party] = {m.party.id: m.party for m in agreement.memberships  # members that year
                                 if m.covers(reporting_round.year) and m.party.is_active}
    parties.update({party_id: party for party_id, (party, _sid, _state) in reports.items()})
    everyone = sorted(parties.values(), key=lambda p: party_order(p.kind, p.name))
    state_of = {party_id: state for party_id, (_party, _sid, state) in reports.items()}
    late = {p.id: _late(state_of.get(p.id), first_handed_in.get(p.id), deadline, today) for p in everyone}
    counts = OverviewCounts(
        parties=len(everyone),
        reported=sum(1 for state in state_of.values() if state.is_reported),
        approved=sum(1 for state in state_of.values() if state == SubmissionState.APPROVED),
        late=sum(late.values()),
    )
    kept = [p for p in everyone if selection.keeps(state_of.get(p.id), p.kind, late[p.id])]
    page_count = max(1, ceil(len(kept) / PER_PAGE))
    page = min(max(1, selection.page), page_count)
    shown = kept[(page - 1) * PER_PAGE:page * PER_PAGE]
    shown_ids = [reports[p.id][1] for p in shown if p.id in reports]
    submissions = {s.party_id: s for s in session.scalars(
        select(Submission).where(Submission.id.in_(shown_ids))
        .options(selectinload(Submission.answers), selectinload(Submission.statuses)))}
    earlier = earlier_values_of_round(session, reporting_round, [p.id for p in shown])
    rows = [_row(party, submissions.get(party.id), agreement, reporting_round.year, deadline, today,
                 earlier.get(party.id, []))
            for party in shown]
    return Overview(
        year=reporting_round.year, state=reporting_round.state, opens_on=reporting_round.opens_on,
        deadline_on=deadline, is_example=reporting_round.is_example,
        deadline_passed=deadline is not None and today > deadline,
        commitments=tuple(OverviewCommitment(c.id, c.number, localized(c, "title", locale))
                          for c in agreement.commitments_in(reporting_round.year)),
        rows=tuple(rows), counts=counts, matching=len(kept), page=page, page_count=page_count,
    )


def _row(party: Party, submission: Submission | None, agreement: Agreement, year: int, deadline_on: date | None,
         today: date, earlier: History) -> OverviewRow:
    if submission is None:
        cells = tuple(OverviewCell(c.number, None) for c in agreement.commitments_in(year))
        return OverviewRow(party.id, party.code, party.name, party.kind, None, None, None,
                           _late(None, None, deadline_on, today), cells)
    values = answer_values(submission)
    with_status = {s.commitment_id for s in submission.statuses if s.status_level_id is not None}
    cells = tuple(
        OverviewCell(c.number, commitment_progress(submission, c, values), c.id in with_status)
        if c.applies_to(party.kind) else OverviewCell(c.number, None)
        for c in agreement.commitments_in(year)
    )
    to_check = set(unusual_answers(submission, earlier, values)) | set(inconsistent_answers(submission, values))
    return OverviewRow(party.id, party.code, party.name, party.kind, submission.id, submission.state,
                       submission.submitted_dt,
                       _late(submission.state, submission.first_submitted_dt, deadline_on, today), cells, len(to_check))
