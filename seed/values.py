"""An agreement file's parts as the database's columns: what the writer stores (seed.writer) and what the check
of closed years compares (seed.frozen), decided once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seed.schema import CommitmentSpec, IndicatorFields, IndicatorSpec
from tracker.domain import TargetScope


def commitment_values(spec: CommitmentSpec) -> dict[str, Any]:
    """The commitment's own columns (not its position or agreement)."""
    values = spec.model_dump(exclude={"indicators"})
    values["party_kinds"] = kinds_text(spec.party_kinds)
    return values


def indicator_values(spec: IndicatorFields, commitment: CommitmentSpec | None) -> dict[str, Any]:
    """The indicator's own columns (not its references to other indicators: those come in the second pass). Its
    years are its commitment's where the file gives none: a question of a retired commitment is retired with it."""
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
        "party_kinds": kinds_text(party_kinds) if party_kinds is not None else None,
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
        "valid_from_year": spec.valid_from_year if spec.valid_from_year is not None else (
            commitment.valid_from_year if commitment is not None else None),
        "valid_to_year": spec.valid_to_year if spec.valid_to_year is not None else (
            commitment.valid_to_year if commitment is not None else None),
        "continues": spec.continues,
    }


def kinds_text(kinds: list[Any]) -> list[str]:
    return [str(kind) for kind in kinds]


def same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(old) == Decimal(new)
    return bool(old == new)
