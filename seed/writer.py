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
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from seed.schema import AgreementFile, IndicatorFields, IndicatorSpec
from tracker.domain import (
    Agreement,
    Base,
    Commitment,
    Indicator,
    IndicatorOption,
    IndicatorScope,
    Party,
    StatusLevel,
    TargetScope,
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
    def __init__(self, session: Session, data: AgreementFile) -> None:
        self.session = session
        self.data = data
        self.created: set[tuple[Any, ...]] = set()
        self.updated: set[tuple[Any, ...]] = set()
        self.seen: set[tuple[Any, ...]] = set()
        self.kept: list[str] = []
        self.touched: list[Base] = []

    def write(self, file_name: str) -> LoadReport:
        agreement = self._agreement()
        self._status_levels(agreement)
        self._parties(agreement)
        commitments = self._commitments(agreement)
        indicators = self._indicators(agreement, commitments)
        self.session.flush()  # every indicator has its id before the references between them are set
        self._references(indicators)
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
        return self._upsert(Agreement, existing, spec.model_dump(), label=spec.slug)

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
            values = spec.model_dump(exclude={"indicators"})
            values.update(agreement_id=agreement.id, position=position, party_kinds=_kinds(spec.party_kinds))
            rows[spec.number] = self._upsert(Commitment, existing.pop(spec.number, None), values, label=spec.number)
        self.kept += [f"åtagande {number}" for number in existing]
        return rows

    def _indicators(self, agreement: Agreement, commitments: dict[str, Commitment]) -> dict[str, Indicator]:
        existing = {
            i.key: i for i in self.session.scalars(select(Indicator).where(Indicator.agreement_id == agreement.id))
        }
        rows = {}
        for position, (_, spec, commitment) in enumerate(self.data.all_indicators(), start=1):
            values = _indicator_values(spec)
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
            if _same(old, new):
                continue
            setattr(row, name, new)
            if identity not in self.created:
                record(self.session, ACTOR, "seed.update", row.__tablename__, row.id,  # type: ignore[attr-defined]  # id: every table
                       field=name, old=_audit_text(old), new=_audit_text(new))
                self.updated.add(identity)


def _indicator_values(spec: IndicatorFields) -> dict[str, Any]:
    """The indicator's own columns (not its references to other indicators: those come in the second pass)."""
    target = spec.target
    summary = spec.summary
    history = spec.history_check
    party_kinds = spec.party_kinds if isinstance(spec, IndicatorSpec) else None
    overview = spec.overview if isinstance(spec, IndicatorSpec) else None
    return {
        "key": spec.key,
        "kind": spec.kind,
        "label_sv": spec.label_sv,
        "label_en": spec.label_en,
        "help_sv": spec.help_sv,
        "help_en": spec.help_en,
        "unit": spec.unit,
        "min_value": spec.min,
        "max_value": spec.max,
        "max_length": spec.max_length,
        "is_required": spec.required,
        "operand_keys": list(spec.operands) if spec.operands is not None else None,
        "party_kinds": _kinds(party_kinds) if party_kinds is not None else None,
        "target_comparison": target.comparison if target else None,
        "target_value": target.value if target else None,
        "target_options": list(target.options) if target and target.options is not None else None,
        "target_scope": target.scope if target else TargetScope.PARTY,
        "not_after_round_year": spec.not_after_round_year,
        "at_most_key": spec.at_most.indicator if spec.at_most else None,
        "at_most_message_sv": spec.at_most.message_sv if spec.at_most else None,
        "at_most_message_en": spec.at_most.message_en if spec.at_most else None,
        "overview_title_sv": overview.title_sv if overview else None,
        "overview_title_en": overview.title_en if overview else None,
        "history_max_points": history.max_points if history else None,
        "history_max_factor": history.max_factor if history else None,
        "history_min_base": history.min_base if history else None,
        "is_history_checked": history.enabled if history else True,
        "summary_sv": summary.sv if summary else None,
        "summary_en": summary.en if summary else None,
        "summary_not_met_sv": summary.not_met_sv if summary else None,
        "summary_not_met_en": summary.not_met_en if summary else None,
        "valid_from_year": spec.valid_from_year,
        "valid_to_year": spec.valid_to_year,
    }


def _kinds(kinds: list[Any]) -> list[str]:
    return [str(kind) for kind in kinds]


def _identity(row: Base) -> tuple[Any, ...]:
    return (row.__tablename__, row.id)  # type: ignore[attr-defined]  # every table of ours has an id; Base does not say


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(old) == Decimal(new)
    return bool(old == new)


def _audit_text(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, enum.Enum):
        return value.value
    return value
