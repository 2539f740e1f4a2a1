"""The parties of a round: their reports, their status per commitment, and who has reported (and in time)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from reports.data.types import (
    Completeness,
    PartyCompleteness,
    PartyInfo,
    PartyStatus,
    StatusCount,
    StatusLevelInfo,
)
from tracker.domain import SubmissionState
from tracker.domain.calendar import aware, is_late, today_in_sweden
from tracker.domain.values import Value
from tracker.queries.followup import PartyRow, RoundRow, SubmissionRow


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


def completeness(reports: Sequence[PartyReport], round_row: RoundRow, as_of: datetime) -> Completeness:
    """Who has reported: counts per state, and who was late (tracker.domain.calendar.is_late: handed in after the
    deadline day, or not handed in when it has ended)."""
    today = today_in_sweden(as_of)
    rows = []
    for report in reports:
        submission = report.submission
        state = report.state
        late = is_late(reported=state.is_reported,
                       first_submitted_dt=submission.first_submitted_dt if submission else None,
                       deadline_on=round_row.deadline_on, today=today)
        rows.append(PartyCompleteness(report.party, state, aware(submission.submitted_dt) if submission else None,
                                      aware(submission.approved_dt) if submission else None, report.is_included,
                                      late))
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
