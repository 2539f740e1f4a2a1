"""Hand-built follow-up inputs for the pure aggregation tests: a small agreement in memory, no database.

One commitment "A" for municipalities and the region with a question of every kind, and a way to add rounds
and reports (`Inputs.report(year, code, state, answers, status=...)`) in the agreement's own words (keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import count
from typing import Any

from tracker.domain import (
    Agreement,
    Commitment,
    Indicator,
    IndicatorKind,
    IndicatorOption,
    IndicatorScope,
    PartyKind,
    RoundState,
    StatusLevel,
    SubmissionState,
    TargetComparison,
)
from tracker.domain.agreement import TargetScope
from tracker.domain.values import Value, ValueRules, parse
from tracker.queries.followup import FollowUpInputs, PartyRow, RoundRow, StatusRow, SubmissionRow

PARTIES = (
    PartyRow(1, "01", "Regionen", PartyKind.REGION),
    PartyRow(2, "0101", "Aby kommun", PartyKind.MUNICIPALITY),
    PartyRow(3, "0102", "Bby kommun", PartyKind.MUNICIPALITY),
    PartyRow(4, "0103", "Cby kommun", PartyKind.MUNICIPALITY),
)
CODES = {party.code: party for party in PARTIES}


def _indicator(ids: count[int], key: str, kind: IndicatorKind, **fields: Any) -> Indicator:
    options = fields.pop("options", ())
    values = {
        "scope": IndicatorScope.PARTY, "is_required": True, "unit": None, "party_kinds": None,
        "operand_keys": None, "target_comparison": None, "target_value": None, "target_options": None,
        "target_scope": TargetScope.PARTY, "target_due_indicator_id": None, "target_due_offset_years": None,
        "condition_indicator_id": None, "condition_values": None, "valid_from_year": None, "valid_to_year": None,
        "min_value": None, "max_value": None, "max_length": None, "summary_sv": None, "summary_en": None,
        "summary_not_met_sv": None, "summary_not_met_en": None, **fields,
    }
    indicator = Indicator(id=next(ids), agreement_id=1, key=key, kind=kind, position=next(ids),
                          label_sv=f"Fråga {key}", label_en=f"Question {key}", **values)
    indicator.options = [IndicatorOption(key=k, position=i, label_sv=sv, label_en=en)
                         for i, (k, sv, en) in enumerate(options)]
    return indicator


def small_agreement() -> Agreement:
    ids = count(1)
    made = [
        _indicator(ids, "A.stations", IndicatorKind.COUNT, unit="st", party_kinds=["municipality"],
                   target_comparison=TargetComparison.AT_LEAST, target_value=Decimal(1),
                   summary_sv="%(met_of)s %(parties)s har en station",
                   summary_en="%(met_of)s %(parties)s have a station"),
        _indicator(ids, "A.first_year", IndicatorKind.YEAR, party_kinds=["municipality"], is_required=False),
        _indicator(ids, "A.bus_1", IndicatorKind.QUANTITY, unit="GWh", party_kinds=["region"]),
        _indicator(ids, "A.bus_2", IndicatorKind.QUANTITY, unit="GWh", party_kinds=["region"]),
        _indicator(ids, "A.bus_total", IndicatorKind.SUM, unit="GWh", party_kinds=["region"],
                   operand_keys=["A.bus_1", "A.bus_2"], target_comparison=TargetComparison.AT_LEAST,
                   target_value=Decimal(36), target_scope=TargetScope.COUNTY,
                   summary_sv="Bussarna når målet: %(value)s – målet är %(target_text)s",
                   summary_not_met_sv="Bussarna når inte målet: %(value)s – målet är %(target_text)s"),
        _indicator(ids, "A.cars", IndicatorKind.COUNT, unit="st"),
        _indicator(ids, "A.gas_cars", IndicatorKind.COUNT, unit="st"),
        _indicator(ids, "A.gas_share", IndicatorKind.RATIO, unit="%", operand_keys=["A.gas_cars", "A.cars"],
                   target_comparison=TargetComparison.AT_LEAST, target_value=Decimal(50),
                   target_due_offset_years=5),
        _indicator(ids, "A.biogas_pct", IndicatorKind.PERCENT, unit="%"),
        _indicator(ids, "A.plan", IndicatorKind.CHOICE, target_comparison=TargetComparison.ONE_OF,
                   target_options=["yes"],
                   options=[("yes", "Ja", "Yes"), ("partly", "Delvis", "Partly"), ("no", "Nej", "No")]),
        _indicator(ids, "A.plan_note", IndicatorKind.TEXT, is_required=False, condition_values=["yes"]),
    ]
    by_key = {indicator.key: indicator for indicator in made}
    by_key["A.gas_share"].target_due_indicator_id = by_key["A.first_year"].id
    by_key["A.plan_note"].condition_indicator_id = by_key["A.plan"].id
    commitment = Commitment(id=1, agreement_id=1, number="A", position=1, title_sv="Åtagande A",
                            title_en="Commitment A", text_sv="Text", text_en="Text",
                            party_kinds=["municipality", "region"], indicators=made)
    for indicator in made:
        indicator.commitment_id = 1
    production = _indicator(ids, "county.production", IndicatorKind.QUANTITY, unit="GWh",
                            scope=IndicatorScope.ROUND,
                            summary_sv="Produktionen var %(value)s")
    levels = [
        StatusLevel(id=1, key="started", position=1, label_sv="Påbörjat", label_en="Started", is_applicable=True,
                    is_done=False),
        StatusLevel(id=2, key="done", position=2, label_sv="Genomfört", label_en="Done", is_applicable=True,
                    is_done=True),
        StatusLevel(id=3, key="na", position=3, label_sv="Ej aktuellt", label_en="Not applicable",
                    is_applicable=False, is_done=False),
    ]
    return Agreement(id=1, slug="small", name_sv="Liten överenskommelse", name_en="Small agreement",
                     county="Testlän", version="1", in_force_from_year=2018, commitments=[commitment],
                     indicators=[*made, production], status_levels=levels)


@dataclass
class Inputs:
    """Rounds and reports added one by one; `.build()` gives the FollowUpInputs."""

    agreement: Agreement = field(default_factory=small_agreement)
    rounds: list[RoundRow] = field(default_factory=list)
    submissions: list[SubmissionRow] = field(default_factory=list)
    loaded_at: datetime = datetime(2024, 6, 1, 12, tzinfo=UTC)
    parties: tuple[PartyRow, ...] = PARTIES
    ids: count[int] = field(default_factory=lambda: count(1))

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.agreement.indicators if i.key == key)

    def value(self, key: str, raw: str) -> tuple[int, Value]:
        """The indicator id of `key` and `raw` parsed, as a stored value (never blank: blank is not stored)."""
        indicator = self.indicator(key)
        value = parse(ValueRules.of(indicator), raw)
        assert value is not None, f"{key}: {raw!r} is blank, and a blank answer is not stored"
        return indicator.id, value

    def round(self, year: int, *, deadline: date | None = None, production: str | None = None,
              is_example: bool = False) -> RoundRow:
        values: dict[int, Value] = {}
        if production is not None:
            indicator_id, value = self.value("county.production", production)
            values[indicator_id] = value
        row = RoundRow(id=year, year=year, state=RoundState.CLOSED, opens_on=None,
                       deadline_on=deadline or date(year + 1, 3, 31), is_example=is_example, values=values)
        self.rounds.append(row)
        return row

    def report(self, year: int, code: str, state: SubmissionState = SubmissionState.APPROVED,
               answers: dict[str, str] | None = None, *, status: str | None = None, comment: str | None = None,
               submitted: datetime | None = None, is_example: bool = False) -> SubmissionRow:
        values: dict[int, Value] = {}
        for key, raw in (answers or {}).items():
            indicator_id, value = self.value(key, raw)
            values[indicator_id] = value
        statuses = {}
        if status is not None or comment is not None:
            level = next((s.id for s in self.agreement.status_levels if s.key == status), None)
            statuses[1] = StatusRow(1, level, comment)
        reported = state in (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
        handed_in = submitted or (datetime(year + 1, 2, 1, tzinfo=UTC) if reported else None)
        row = SubmissionRow(
            id=next(self.ids), round_id=year, party_id=CODES[code].id, state=state, submitted_dt=handed_in,
            approved_dt=None, is_example=is_example, values=values, statuses=statuses, first_submitted_dt=handed_in,
        )
        self.submissions.append(row)
        return row

    def build(self) -> FollowUpInputs:
        return FollowUpInputs(self.agreement, self.parties, tuple(sorted(self.rounds, key=lambda r: r.year)),
                              tuple(self.submissions), self.loaded_at)
