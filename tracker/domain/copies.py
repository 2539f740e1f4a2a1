"""Answers and statuses copied from last year's report (tracker.operations.copying), as the report holds them.

A copy is marked on its row (`Answer.copy_mark`, `CommitmentStatus.status_copy_mark`): UNCHECKED right after the
copy, CHECKED once the party confirmed its commitment or changed something in it; a copied value the party
changes is its own answer again (no mark). A commitment with an UNCHECKED copy is not confirmed, and a report
with such a commitment cannot be submitted (applicability.missing_items).
"""

from __future__ import annotations

from tracker.domain.agreement import Commitment
from tracker.domain.reporting import CopyMark, Submission


def unconfirmed_copies(submission: Submission, commitment: Commitment) -> int:
    """How many of the commitment's copied answers and statuses the party has not confirmed yet."""
    ids = {i.id for i in commitment.indicators}
    answers = sum(1 for a in submission.answers if a.indicator_id in ids and a.copy_mark is CopyMark.UNCHECKED)
    statuses = sum(1 for s in submission.statuses
                   if s.commitment_id == commitment.id and s.status_copy_mark is CopyMark.UNCHECKED)
    return answers + statuses


def unconfirmed_commitment_ids(submission: Submission) -> set[int]:
    """The commitments of the report with copied answers or statuses still to confirm."""
    by_indicator = {i.id: c.id for c in submission.round.agreement.commitments for i in c.indicators}
    found = {by_indicator[a.indicator_id] for a in submission.answers
             if a.copy_mark is CopyMark.UNCHECKED and a.indicator_id in by_indicator}
    return found | {s.commitment_id for s in submission.statuses if s.status_copy_mark is CopyMark.UNCHECKED}


def copied_unchanged(submission: Submission) -> set[int]:
    """The indicators whose answer is last year's, copied and not changed since (confirmed or not)."""
    return {a.indicator_id for a in submission.answers if a.copy_mark is not None}


def status_copied_unchanged(submission: Submission) -> set[int]:
    """The commitments whose status is last year's, copied and not changed since."""
    return {s.commitment_id for s in submission.statuses if s.status_copy_mark is not None and s.status_level_id}
