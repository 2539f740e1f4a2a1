"""What a pending import would change: the previews of an offline form and of a bulk import of earlier years."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from tracker.domain import (
    Indicator,
    Party,
    ReportingRound,
    StatusLevel,
    Submission,
    localized,
)
from tracker.domain.applicability import (
    History,
    answer_values,
    applicable_commitments,
    status_scale,
    stored_value,
    unusual_answers,
)
from tracker.domain.imports import ImportKind, PendingImport
from tracker.domain.values import InvalidValue, Value, ValueRules, format_value, parse
from tracker.i18n import gettext_for

MAX_LISTED_CHANGES = 300


@dataclass(frozen=True)
class Change:
    label: str  # the question's label; "" for the commitment's status and comment (see `kind`)
    old: str  # as people read it, "" for none
    new: str
    kind: str = "answer"  # "answer", "status" or "comment"


@dataclass(frozen=True)
class CommitmentChanges:
    number: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ValueWarning:
    """A value of the report, after the import, far from the party's earlier years (domain.plausibility)."""

    number: str  # the commitment's
    label: str
    change: str  # "Mycket högre än förra året (12 → 140)"


@dataclass(frozen=True)
class OfflinePreview:
    commitments: tuple[CommitmentChanges, ...]
    count: int
    file_version: int | None  # the report's version the file was made from
    version: int  # the report's version now
    warnings: tuple[ValueWarning, ...] = ()


def pending_import(token: str, user_id: int, kind: ImportKind) -> Select[PendingImport]:
    """The user's own pending import with this token (another user's preview is nobody's business)."""
    return select(PendingImport).where(
        PendingImport.token == token, PendingImport.user_id == user_id, PendingImport.kind == kind
    )


def round_submissions(round_id: int) -> Select[Submission]:
    """Every submission of a round with its party, in party code order (the download list)."""
    return (
        select(Submission).join(Submission.party).where(Submission.round_id == round_id)
        .options(joinedload(Submission.party)).order_by(Party.code)
    )



def _text(indicator: Indicator, value: Value | None, locale: str) -> str:
    return format_value(ValueRules.of(indicator), value, locale)


def offline_preview(
    submission: Submission, payload: Mapping[str, Any], locale: str, earlier: History = ()
) -> OfflinePreview:
    """The changes a pending offline form makes to `submission` as it stands, old → new, per commitment; and the
    values that, after it, are far from the party's `earlier` reports (`queries.reporting.earlier_values`)."""
    answers: Mapping[str, str | None] = payload.get("answers") or {}
    statuses: Mapping[str, str | None] = payload.get("statuses") or {}
    comments: Mapping[str, str | None] = payload.get("comments") or {}
    levels: dict[str, StatusLevel] = {level.key: level for level in status_scale(submission)}
    current = {a.indicator_id: stored_value(a) for a in submission.answers}
    status_rows = {s.commitment_id: s for s in submission.statuses}
    groups = []
    count = 0
    for commitment in applicable_commitments(submission):
        changes = []
        for indicator in commitment.indicators:
            if indicator.key in answers:
                rules = ValueRules.of(indicator)
                raw = answers[indicator.key]
                new = parse(rules, raw) if raw is not None else None
                old = current.get(indicator.id)
                changes.append(Change(localized(indicator, "label", locale), _text(indicator, old, locale),
                                      _text(indicator, new, locale)))
        row = status_rows.get(commitment.id)
        if commitment.number in statuses:
            old_level = row.status_level if row is not None else None
            new_key = statuses[commitment.number]
            changes.append(Change(
                "", localized(old_level, "label", locale) if old_level else "",
                localized(levels[new_key], "label", locale) if new_key in levels else "", kind="status",
            ))
        if commitment.number in comments:
            changes.append(Change("", (row.comment if row is not None else None) or "",
                                  comments[commitment.number] or "", kind="comment"))
        if changes:
            count += len(changes)
            groups.append(CommitmentChanges(commitment.number, localized(commitment, "title", locale), tuple(changes)))
    warnings = _warnings(submission, answers, earlier, locale) if earlier else ()
    return OfflinePreview(tuple(groups), count, payload.get("file_version"), submission.version, warnings)


def _warnings(submission: Submission, answers: Mapping[str, str | None], earlier: History,
              locale: str) -> tuple[ValueWarning, ...]:
    """The report's values as the import leaves them, compared with the earlier years."""
    values = answer_values(submission)
    for commitment in applicable_commitments(submission):
        for indicator in commitment.indicators:
            if indicator.key in answers:
                raw = answers[indicator.key]
                try:
                    new = parse(ValueRules.of(indicator), raw) if raw is not None else None
                except InvalidValue:  # the agreement changed since the file was read: confirming says so
                    continue
                if new is None:
                    values.pop(indicator.id, None)
                else:
                    values[indicator.id] = new
    unusual = unusual_answers(submission, earlier, values)
    gettext = gettext_for(locale)
    return tuple(
        ValueWarning(commitment.number, localized(indicator, "label", locale),
                     unusual[indicator.id].message.render(gettext))
        for commitment in applicable_commitments(submission) for indicator in commitment.indicators
        if indicator.id in unusual
    )


@dataclass
class PartyYear:
    """The values of one party in one year: how many are new, change a stored value, or are already stored."""

    year: int
    party: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    creates_submission: bool = False


@dataclass
class HistoryPreview:
    groups: list[PartyYear] = field(default_factory=list)
    changes: list[tuple[int, str, Change]] = field(default_factory=list)  # year, party, change (old → new)
    new_rounds: list[int] = field(default_factory=list)
    total: int = 0
    more_changes: int = 0


def history_preview(
    session: Session, agreement_id: int, values: Iterable[tuple[Party, int, Indicator, Value]], locale: str
) -> HistoryPreview:
    """What importing `values` (party, year, indicator, value) would do, against what is stored now."""
    values = list(values)
    years = sorted({year for _p, year, _i, _v in values})
    submissions = session.scalars(
        select(Submission).join(Submission.round)
        .where(ReportingRound.agreement_id == agreement_id, ReportingRound.year.in_(years))
        .options(joinedload(Submission.round), selectinload(Submission.answers))
    ).all()
    stored = {(s.round.year, s.party_id): s for s in submissions}
    existing_rounds = set(session.scalars(select(ReportingRound.year).where(
        ReportingRound.agreement_id == agreement_id, ReportingRound.year.in_(years))).all())
    preview = HistoryPreview(new_rounds=[y for y in years if y not in existing_rounds], total=len(values))
    groups: dict[tuple[int, str], PartyYear] = {}
    for party, year, indicator, value in values:
        submission = stored.get((year, party.id))
        group = groups.setdefault((year, party.code),
                                  PartyYear(year, party.name, creates_submission=submission is None))
        answer = next((a for a in submission.answers if a.indicator_id == indicator.id), None) if submission else None
        old = stored_value(answer)
        if old is None:
            group.new += 1
        elif old == value:
            group.unchanged += 1
        else:
            group.changed += 1
            if len(preview.changes) < MAX_LISTED_CHANGES:
                preview.changes.append((year, party.name, Change(
                    f"{indicator.key} – {localized(indicator, 'label', locale)}", _text(indicator, old, locale),
                    _text(indicator, value, locale))))
            else:
                preview.more_changes += 1
    preview.groups = [groups[key] for key in sorted(groups)]
    return preview
