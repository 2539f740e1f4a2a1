"""Imports from workbooks kept for a preview (`PendingImport`), and the import of a party's filled offline form.

An upload is parsed and validated first (forms.excel_form) and kept as a `PendingImport` with the values only;
the project leader sees a preview and confirms. A pending import lives a day (`PENDING_LIFETIME`), and only a
user's latest of a kind (and report) can be confirmed. Confirming an offline form writes it through
`operations.answers` (set_answer, set_commitment_status), as if the leader had typed the answers in the web form
on the party's behalf: the same validation, the submission's version and the audit trail. A preview made before
the report changed again is stale and refused. The party filled in the whole form, so confirming it also confirms
the answers copied from last year that were still to check (tracker.domain.copies); the preview says so.

The import of earlier years, kept the same way, is `operations.history_import`.

Every function flushes; none commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from tracker.domain import Indicator, Submission, User
from tracker.domain.applicability import applicable_commitments, status_scale, stored_value, value_key
from tracker.domain.base import utcnow
from tracker.domain.imports import ImportKind, PendingImport
from tracker.domain.messages import N_
from tracker.domain.permissions import takes_changes
from tracker.domain.values import Value
from tracker.operations.answers import OperationError, confirm_copies, set_answers, set_commitment_status
from tracker.operations.audit import Actor

PENDING_LIFETIME = timedelta(days=1)


def check_importable(submission: Submission) -> None:
    """Raise `OperationError` unless a filled form can be imported into `submission` now: its round is open.

    The import is a project leader's change on the party's behalf, so (as in the web form) it may also correct
    a submitted or approved report; `operations.answers` decides that, and the confirmation says so if not.
    """
    if not takes_changes(submission):
        raise OperationError("round_not_open", N_("The reporting round is not open."))


def new_pending(
    session: Session, user: User, kind: ImportKind, submission: Submission | None, filename: str,
    payload: dict[str, Any],
) -> PendingImport:
    """Keep `payload` for the preview; the user's earlier previews of the same kind (and report) and every
    preview older than a day are dropped: only the latest can be confirmed."""
    stale = delete(PendingImport).where(PendingImport.created_dt < utcnow() - PENDING_LIFETIME)
    session.execute(stale)
    mine = delete(PendingImport).where(PendingImport.user_id == user.id, PendingImport.kind == kind)
    if submission is not None:
        mine = mine.where(PendingImport.submission_id == submission.id)
    session.execute(mine)
    pending = PendingImport(
        token=secrets.token_urlsafe(32), kind=kind, user_id=user.id,
        submission_id=submission.id if submission is not None else None,
        submission_version=submission.version if submission is not None else None,
        filename=filename[:255] or "-", payload=payload,
    )
    session.add(pending)
    session.flush()
    return pending


# --- the offline form ------------------------------------------------------------------------------------


def create_offline_import(
    session: Session, user: User, submission: Submission, filename: str, *, answers: Mapping[str, Value | None],
    statuses: Mapping[str, str | None], comments: Mapping[str, str | None], file_version: int | None,
) -> PendingImport:
    """Keep what a valid filled form says (answers by indicator key, statuses and comments by commitment
    number) for the preview. Only what differs from the report as it stands is kept."""
    check_importable(submission)
    current = {a.indicator.key: stored_value(a) for a in submission.answers}
    status_rows = {s.commitment.number: s for s in submission.statuses}
    payload: dict[str, Any] = {
        "answers": {key: value_key(new) for key, new in answers.items() if current.get(key) != new},
        "statuses": {
            number: key for number, key in statuses.items()
            if _status_key(status_rows.get(number)) != key
        },
        "comments": {
            number: text for number, text in comments.items()
            if (status_rows[number].comment if number in status_rows else None) != text
        },
        "file_version": file_version,
    }
    return new_pending(session, user, ImportKind.OFFLINE_FORM, submission, filename, payload)


def _status_key(row: Any) -> str | None:
    return row.status_level.key if row is not None and row.status_level is not None else None


def confirm_offline_import(session: Session, actor: Actor, pending: PendingImport, submission: Submission) -> int:
    """Write a previewed form into `submission` on the leader's behalf; returns the number of changes (answers,
    statuses and comments), as the preview counts them.

    Refused (`OperationError`, nothing written) when the report changed after the preview was made.
    """
    if pending.kind is not ImportKind.OFFLINE_FORM or pending.submission_id != submission.id:
        raise OperationError("wrong_import", N_("This preview belongs to another report."))
    if pending.submission_version != submission.version:
        raise OperationError(
            "stale_import",
            N_("The report has changed since the file was read, so the preview is out of date. Nothing was "
               "saved. Upload the file again to see what it would change now."),
        )
    check_importable(submission)
    payload = pending.payload
    indicators = {i.key: i for c in submission.round.agreement.commitments for i in c.indicators}
    answers: dict[str, str | None] = dict(payload.get("answers") or {})
    if any(key not in indicators for key in answers):
        raise OperationError("not_applicable", N_("This question is not part of this report."))
    ordered = sorted(answers, key=lambda k: _depth(indicators[k]))  # what a question depends on first
    if refused := set_answers(session, actor, submission, [(indicators[key], answers[key]) for key in ordered]):
        raise next(iter(refused.values()))
    commitments = {c.number: c for c in submission.round.agreement.commitments}
    levels = {level.key: level for level in status_scale(submission)}
    statuses, comments = dict(payload.get("statuses") or {}), dict(payload.get("comments") or {})
    for number in sorted(set(statuses) | set(comments), key=lambda n: commitments[n].position if n in commitments
                         else 0):
        commitment = commitments.get(number)
        if commitment is None:
            raise OperationError("not_applicable", N_("This commitment does not apply to this report."))
        row = next((s for s in submission.statuses if s.commitment_id == commitment.id), None)
        level_key = statuses[number] if number in statuses else _status_key(row)
        if level_key is not None and level_key not in levels:
            raise OperationError("unknown_status", N_("Choose one of the agreement's statuses."))
        comment = comments.get(number, row.comment if row is not None else None)
        set_commitment_status(session, actor, submission, commitment,
                              levels[level_key] if level_key is not None else None, comment)
    for commitment in applicable_commitments(submission):  # the party filled in the form: it checked every page
        confirm_copies(session, actor, submission, commitment)
    session.delete(pending)
    session.flush()
    return len(answers) + len(statuses) + len(comments)


def _depth(indicator: Indicator) -> int:
    """How many conditions stand above a question: the answers it depends on are written first."""
    depth, seen = 0, set()
    while indicator.condition_indicator is not None and indicator.id not in seen:
        seen.add(indicator.id)
        indicator = indicator.condition_indicator
        depth += 1
    return depth
