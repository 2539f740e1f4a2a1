"""Writing a validated agreement file into the database: an idempotent upsert by natural keys.

Rows are found by agreement slug, status key, party code, commitment number, indicator key and option key.
A new row is created ("seed.create" in the audit trail), a changed field is updated ("seed.update", with
old and new value), and a row that is no longer in the file is kept and reported, never deleted: answers
refer to it. Only flushes; the caller commits.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from seed.schema import AgreementFile, IndicatorFields, IndicatorSpec
from seed.values import commitment_values, indicator_values, same
from tracker.domain import (
    Agreement,
    AgreementVersion,
    Base,
    Commitment,
    Indicator,
    IndicatorOption,
    IndicatorScope,
    Party,
    StatusLevel,
    agreement_parties,
)
from tracker.operations.audit import Actor, record

ACTOR = Actor.system("seed")
Row = TypeVar("Row", bound=Base)


@dataclass
class LoadReport:
    """What loading one file did, counted in rows (including the agreement's links to its parties)."""

    file_name: str
    agreement_name: str
    version: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # rows in the database that the file no longer has

    def summary(self) -> str:
        line = (
            f"{self.file_name}: {self.agreement_name} v{self.version} — {self.created} skapade, "
            f"{self.updated} uppdaterade, {self.unchanged} oförändrade"
        )
        if self.kept:
            line += f"; behållna fast de saknas i filen: {', '.join(self.kept)}"
        return line


class AgreementWriter:
    def __init__(self, session: Session, data: AgreementFile, correction: str | None = None) -> None:
        self.session = session
        self.data = data
        self.correction = correction  # the reason for changing what closed years showed (seed.frozen)
        self.created: set[tuple[Any, ...]] = set()
        self.updated: set[tuple[Any, ...]] = set()
        self.seen: set[tuple[Any, ...]] = set()
        self.kept: list[str] = []
        self.touched: list[Base] = []

    def write(self, file_name: str) -> LoadReport:
        agreement = self._agreement()
        self._versions(agreement)
        self._status_levels(agreement)
        self._parties(agreement)
        commitments = self._commitments(agreement)
        indicators = self._indicators(agreement, commitments)
        self.session.flush()  # every indicator has its id before the references between them are set
        self._references(indicators)
        if self.correction is not None and self.updated - self.created:
            record(self.session, ACTOR, "seed.correction", "agreements", agreement.id, field="reason",
                   new=self.correction)
        self.session.flush()
        for row in self.touched:  # relationships loaded before the upsert are reloaded on next access
            self.session.expire(row)
        return LoadReport(
            file_name=file_name,
            agreement_name=self.data.agreement.name_sv,
            version=self.data.agreement.version,
            created=len(self.created),
            updated=len(self.updated - self.created),
            unchanged=len(self.seen - self.updated - self.created),
            kept=self.kept,
        )

    # --- the parts of an agreement, in dependency order

    def _agreement(self) -> Agreement:
        spec = self.data.agreement
        existing = self.session.scalar(select(Agreement).where(Agreement.slug == spec.slug))
        values = spec.model_dump(exclude={"version_from_year", "version_note_sv", "version_note_en"})
        return self._upsert(Agreement, existing, values, label=spec.slug)

    def _versions(self, agreement: Agreement) -> None:
        """The file's version: the newest, to the agreement's end; a new label ends the one before it the year
        before it starts (seed.frozen has refused what would break the order)."""
        spec = self.data.agreement
        versions = list(self.session.scalars(select(AgreementVersion).where(
            AgreementVersion.agreement_id == agreement.id).order_by(AgreementVersion.from_year)))
        start = spec.version_from_year if spec.version_from_year is not None else spec.in_force_from_year
        this = next((v for v in versions if v.label == spec.version), None)
        before = [v for v in versions if v is not this and v.from_year < start]
        if before:  # the version before this one ends the year before it starts (a new one, or one moved)
            self._update(before[-1], {"to_year": start - 1})
        values = {"agreement_id": agreement.id, "label": spec.version, "from_year": start,
                  "to_year": spec.in_force_to_year, "note_sv": spec.version_note_sv, "note_en": spec.version_note_en}
        self._upsert(AgreementVersion, this, values, label=spec.version)

    def _status_levels(self, agreement: Agreement) -> None:
        existing = {
            s.key: s for s in self.session.scalars(select(StatusLevel).where(StatusLevel.agreement_id == agreement.id))
        }
        for position, spec in enumerate(self.data.status_levels, start=1):
            values = {"agreement_id": agreement.id, "position": position, **spec.model_dump()}
            self._upsert(StatusLevel, existing.pop(spec.key, None), values, label=spec.key)
        self.kept += [f"statusnivå {key}" for key in existing]

    def _parties(self, agreement: Agreement) -> None:
        codes = [p.code for p in self.data.parties]
        existing = {p.code: p for p in self.session.scalars(select(Party).where(Party.code.in_(codes)))}
        link = agreement_parties.c
        linked = set(self.session.scalars(select(link.party_id).where(link.agreement_id == agreement.id)))
        for spec in self.data.parties:
            party = self._upsert(Party, existing.get(spec.code), spec.model_dump(), label=spec.code)
            identity = ("agreement_parties", agreement.id, party.id)
            if party.id in linked:
                linked.discard(party.id)
            else:
                # A member from the agreement's start; a membership edited since (joined later, left) is kept.
                self.session.execute(insert(agreement_parties).values(
                    agreement_id=agreement.id, party_id=party.id, first_year=agreement.in_force_from_year))
                record(self.session, ACTOR, "seed.create", "agreement_parties", party.id,
                       field="agreement_id", new=agreement.id)
                self.created.add(identity)
            self.seen.add(identity)
        if linked:
            others = self.session.scalars(select(Party.code).where(Party.id.in_(linked)).order_by(Party.code))
            self.kept += [f"part {code}" for code in others]

    def _commitments(self, agreement: Agreement) -> dict[str, Commitment]:
        existing = {
            c.number: c for c in self.session.scalars(select(Commitment).where(Commitment.agreement_id == agreement.id))
        }
        rows = {}
        for position, spec in enumerate(self.data.commitments, start=1):
            values = commitment_values(spec)
            values.update(agreement_id=agreement.id, position=position)
            rows[spec.number] = self._upsert(Commitment, existing.pop(spec.number, None), values, label=spec.number)
        self.kept += [f"åtagande {number}" for number in existing]
        return rows

    def _indicators(self, agreement: Agreement, commitments: dict[str, Commitment]) -> dict[str, Indicator]:
        existing = {
            i.key: i for i in self.session.scalars(select(Indicator).where(Indicator.agreement_id == agreement.id))
        }
        rows = {}
        for position, (_, spec, commitment) in enumerate(self.data.all_indicators(), start=1):
            values = indicator_values(spec, commitment)
            values.update(
                agreement_id=agreement.id,
                commitment_id=commitments[commitment.number].id if commitment is not None else None,
                scope=IndicatorScope.PARTY if commitment is not None else IndicatorScope.ROUND,
                position=position,
            )
            row = self._upsert(Indicator, existing.pop(spec.key, None), values, label=spec.key)
            self._options(row, spec)
            rows[spec.key] = row
        self.kept += [f"fråga {key}" for key in existing]
        return rows

    def _options(self, indicator: Indicator, spec: IndicatorFields) -> None:
        existing = {
            o.key: o
            for o in self.session.scalars(select(IndicatorOption).where(IndicatorOption.indicator_id == indicator.id))
        }
        for position, option in enumerate(spec.options or [], start=1):
            values = {"indicator_id": indicator.id, "position": position, **option.model_dump()}
            self._upsert(IndicatorOption, existing.pop(option.key, None), values, label=f"{spec.key}/{option.key}")
        self.kept += [f"svarsalternativ {spec.key}/{key}" for key in existing]

    def _references(self, indicators: dict[str, Indicator]) -> None:
        """The second pass: conditions and target dates refer to other indicators, now all with ids."""
        for _, spec, _ in self.data.all_indicators():
            condition = spec.applies_if if isinstance(spec, IndicatorSpec) else None
            due = spec.target_due
            self._update(indicators[spec.key], {
                "condition_indicator_id": indicators[condition.indicator].id if condition else None,
                "condition_values": list(condition.values) if condition else None,
                "target_due_indicator_id": indicators[due.indicator].id if due else None,
                "target_due_offset_years": due.offset_years if due else None,
            })

    # --- create or update one row, with its audit trail

    def _upsert(self, model: type[Row], existing: Row | None, values: dict[str, Any], *, label: str) -> Row:
        if existing is None:
            row = model(**values)
            self.session.add(row)
            self.session.flush()
            record(self.session, ACTOR, "seed.create", model.__tablename__, row.id,  # type: ignore[attr-defined]  # id: every table
                   new=label)
            self.created.add(_identity(row))
        else:
            row = existing
            self._update(row, values)
        self.seen.add(_identity(row))
        self.touched.append(row)
        return row

    def _update(self, row: Base, values: dict[str, Any]) -> None:
        identity = _identity(row)
        for name, new in values.items():
            old = getattr(row, name)
            if same(old, new):
                continue
            setattr(row, name, new)
            if identity not in self.created:
                action = "seed.update" if self.correction is None else "seed.correct"
                record(self.session, ACTOR, action, row.__tablename__, row.id,  # type: ignore[attr-defined]  # id: every table
                       field=name, old=_audit_text(old), new=_audit_text(new))
                self.updated.add(identity)


def _identity(row: Base) -> tuple[Any, ...]:
    return (row.__tablename__, row.id)  # type: ignore[attr-defined]  # every table of ours has an id; Base does not say


def _audit_text(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, enum.Enum):
        return value.value
    return value
