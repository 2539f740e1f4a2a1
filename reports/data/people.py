"""The parties of a round: their reports, their status per commitment, and who has reported (and in time)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reports.data.types import (
    Completeness,
    PartyCompleteness,
    PartyInfo,
    PartyStatus,
    StatusCount,
    StatusLevelInfo,
)
from tracker.domain import SubmissionState
from tracker.domain.values import Value
from tracker.queries.followup import PartyRow, RoundRow, SubmissionRow

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class PartyReport:
    """One party in one round: its report (if any), whether it counts, its values by id and by key."""

    party: PartyInfo
    row: PartyRow
    submission: SubmissionRow | None
    is_included: bool
    by_id: Mapping[int, Value]  # stored answers, for applicability
    by_key: Mapping[str, Value]  # stored and derived; empty when not included

    @property
    def state(self) -> SubmissionState:
        return self.submission.state if self.submission is not None else SubmissionState.NOT_STARTED


def party_statuses(
    commitment_id: int, reports: Sequence[PartyReport], levels: Mapping[int, StatusLevelInfo]
) -> tuple[PartyStatus, ...]:
    """Each party's status and comment on the commitment; nothing for a report that is not included."""
    found = []
    for report in reports:
        status = report.submission.statuses.get(commitment_id) if report.submission and report.is_included else None
        level = levels.get(status.status_level_id) if status and status.status_level_id is not None else None
        comment = status.comment.strip() if status and status.comment and status.comment.strip() else None
        found.append(PartyStatus(report.party, report.state, level, comment))
    return tuple(found)


def status_counts(statuses: Sequence[PartyStatus], scale: Sequence[StatusLevelInfo]) -> tuple[StatusCount, ...]:
    """How many parties gave each status, in the scale's order, then those without a status."""
    counts = []
    for level in [*scale, None]:
        codes = tuple(s.party.code for s in statuses if s.status == level)
        if level is not None or codes:
            counts.append(StatusCount(level, len(codes), codes))
    return tuple(counts)


def deadline_passed_at(deadline_on: date | None) -> datetime | None:
    """The end of the deadline day in Swedish time, as an aware datetime."""
    if deadline_on is None:
        return None
    day = deadline_on + timedelta(days=1)
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; they are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def completeness(reports: Sequence[PartyReport], round_row: RoundRow, as_of: datetime) -> Completeness:
    """Who has reported: counts per state, and who was late (not reported by the end of the deadline day)."""
    deadline = deadline_passed_at(round_row.deadline_on)
    now = _aware(as_of)
    rows = []
    for report in reports:
        submission = report.submission
        state = report.state
        submitted = _aware(submission.submitted_dt) if submission else None
        if deadline is None:
            late = False
        elif state.is_reported:
            late = submitted is not None and submitted >= deadline
        else:
            late = now is not None and now >= deadline
        rows.append(PartyCompleteness(report.party, state, submitted, _aware(submission.approved_dt)
                                      if submission else None, report.is_included, late))
    count = {state: sum(1 for row in rows if row.state is state) for state in SubmissionState}
    return Completeness(
        expected=len(rows),
        submitted=count[SubmissionState.SUBMITTED],
        approved=count[SubmissionState.APPROVED],
        returned=count[SubmissionState.RETURNED],
        draft=count[SubmissionState.DRAFT],
        not_started=count[SubmissionState.NOT_STARTED],
        late=sum(row.is_late for row in rows),
        deadline_on=round_row.deadline_on,
        parties=tuple(rows),
    )
