"""Filling a report from last year's as a contact does it: copy, then confirm every commitment's copied answers."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain import Submission
from tracker.domain.applicability import applicable_commitments
from tracker.operations.answers import confirm_copies
from tracker.operations.audit import Actor
from tracker.operations.copying import CopyResult, copy_previous_answers


def copy_and_confirm(session: Session, actor: Actor, submission: Submission, previous: Submission) -> CopyResult:
    """Copy `previous` into `submission` and confirm every commitment, so that the report can be submitted."""
    result = copy_previous_answers(session, actor, submission, previous)
    for commitment in applicable_commitments(submission):
        confirm_copies(session, actor, submission, commitment)
    return result
