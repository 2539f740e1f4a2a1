"""Loading agreement files: what lands in the database, idempotence, updates, kept rows, broken files."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.loader import LoadReport, SeedError, default_agreement_files, load_agreement_file
from tracker.domain import (
    Agreement,
    Answer,
    AuditEvent,
    Indicator,
    IndicatorScope,
    Party,
    PartyKind,
    ReportingRound,
    Submission,
)

MUN, REG, BOTH = ["municipality"], ["region"], ["municipality", "region"]
YES_PARTLY_NO = ["yes", "partly", "no"]
YES_PROGRESS_NO = ["yes", "in_progress", "no"]
YES = ("in", ["yes"])

# The fixed indicator catalogue: key → (commitment, kind, unit, who, option keys, target).
CATALOGUE: dict[str, tuple[str, str, str | None, list[str], list[str] | None, tuple[str, Any] | None]] = {
    "I.gwh_regional_bus": ("I", "quantity", "GWh", REG, None, None),
    "I.gwh_fast_city": ("I", "quantity", "GWh", REG, None, None),
    "I.gwh_slow_city": ("I", "quantity", "GWh", REG, None, None),
    "I.gwh_total": ("I", "sum", "GWh", REG, None, ("ge", 36)),
    "I.hybrid_priority": ("I", "yes_no", None, REG, None, YES),
    "II.public_stations": ("II", "count", "st", MUN, None, ("ge", 1)),
    "II.first_station_year": ("II", "year", None, MUN, None, None),
    "II.site_preparation": ("II", "choice", None, MUN, ["yes", "no", "not_applicable"], None),
    "II.depots_public": ("II", "choice", None, REG, YES_PARTLY_NO, None),
    "III.cars_total": ("III", "count", "st", BOTH, None, None),
    "III.cars_gas": ("III", "count", "st", BOTH, None, None),
    "III.cars_gas_share": ("III", "ratio", "%", BOTH, None, ("ge", 50)),
    "III.trucks_total": ("III", "count", "st", BOTH, None, None),
    "III.trucks_gas": ("III", "count", "st", BOTH, None, None),
    "III.trucks_gas_share": ("III", "ratio", "%", BOTH, None, ("ge", 50)),
    "III.guidelines": ("III", "choice", None, BOTH, ["yes", "no", "in_progress"], YES),
    "IV.biogas_share": ("IV", "percent", "%", BOTH, None, ("ge", 100)),
    "V.procurement_requirements": ("V", "choice", None, BOTH, YES_PARTLY_NO, YES),
    "V.guidelines_updated": ("V", "choice", None, BOTH, YES_PROGRESS_NO, None),
    "VI.own_production": ("VI", "yes_no", None, MUN, None, None),
    "VI.use": ("VI", "choice", None, MUN, ["upgraded", "electricity_heat", "flared", "other"], None),
    "VI.upgrading_investigated": ("VI", "choice", None, MUN, ["yes", "in_progress", "no", "not_applicable"], None),
    "VII.guidelines_updated": ("VII", "choice", None, BOTH, YES_PROGRESS_NO, YES),
    "VIII.food_waste_share": ("VIII", "percent", "%", MUN, None, None),
    "VIII.food_waste_tonnes": ("VIII", "quantity", "ton", MUN, None, None),
    "VIII.digested_in_county": ("VIII", "choice", None, MUN, YES_PARTLY_NO, None),
    "VIII.distance_in_procurement": ("VIII", "choice", None, MUN, ["yes", "no", "no_procurement"], None),
}
PARTY_CODES = {
    "06", "0604", "0617", "0642", "0643", "0662", "0665", "0680", "0682", "0683", "0684", "0685", "0686", "0687"}


def _agreement(session: Session, slug: str = "biogas-jonkoping") -> Agreement:
    agreement = session.scalar(select(Agreement).where(Agreement.slug == slug))
    assert agreement is not None
    return agreement


def _indicators(session: Session, agreement: Agreement) -> dict[str, Indicator]:
    return {i.key: i for i in session.scalars(select(Indicator).where(Indicator.agreement_id == agreement.id))}


def test_default_files_include_the_biogas_agreement(biogas_file: Path) -> None:
    assert biogas_file in default_agreement_files()


def test_biogas_agreement_commitments_parties_and_statuses(session: Session, biogas_file: Path) -> None:
    report = load_agreement_file(session, biogas_file)

    agreement = _agreement(session)
    assert (agreement.name_sv, agreement.county, agreement.version) == (
        "Överenskommelse kring biogas i Jönköpings län", "Jönköpings län", "2018")
    assert agreement.in_force_from_year == 2018
    assert [c.number for c in agreement.commitments] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert [c.position for c in agreement.commitments] == list(range(1, 9))
    assert agreement.commitments[0].party_kinds == ["region"]
    assert {p.code for p in agreement.parties} == PARTY_CODES
    kinds = {p.code: p.kind for p in agreement.parties}
    assert kinds.pop("06") is PartyKind.REGION
    assert set(kinds.values()) == {PartyKind.MUNICIPALITY}
    assert [(s.key, s.is_applicable, s.is_done) for s in agreement.status_levels] == [
        ("not_started", True, False), ("started", True, False), ("well_advanced", True, False),
        ("done", True, True), ("not_applicable", False, False)]
    # 1 agreement, its version, 5 status levels, 14 parties and their 14 links, 8 commitments, 29 indicators,
    # 32 options
    assert (report.created, report.updated, report.unchanged, report.kept) == (104, 0, 0, [])
    assert report.summary().startswith(
        "biogas_jonkoping.toml: Överenskommelse kring biogas i Jönköpings län v2018 — ")


def test_biogas_indicators_follow_the_catalogue(session: Session, biogas_file: Path) -> None:
    load_agreement_file(session, biogas_file)
    indicators = _indicators(session, _agreement(session))

    party_level = {k: i for k, i in indicators.items() if i.scope is IndicatorScope.PARTY}
    assert set(party_level) == set(CATALOGUE)
    for key, (number, kind, unit, who, options, target) in CATALOGUE.items():
        indicator = party_level[key]
        assert indicator.commitment is not None and indicator.commitment.number == number, key
        assert (indicator.kind, indicator.unit) == (kind, unit), key
        assert [k for k in ("municipality", "region") if indicator.applies_to_kind(k)] == who, key
        assert ([o.key for o in indicator.options] or None) == options, key
        if target is None:
            assert indicator.target_comparison is None, key
        elif target[0] == "in":
            assert (indicator.target_comparison, indicator.target_options) == target, key
        else:
            assert (indicator.target_comparison, indicator.target_value) == (target[0], Decimal(target[1])), key
        assert indicator.is_required is (key != "II.first_station_year"), key

    positions = [i.position for i in sorted(indicators.values(), key=lambda i: i.position)]
    assert positions == list(range(1, len(indicators) + 1))
    assert indicators["I.gwh_total"].operand_keys == ["I.gwh_regional_bus", "I.gwh_fast_city", "I.gwh_slow_city"]
    assert indicators["III.cars_gas_share"].operand_keys == ["III.cars_gas", "III.cars_total"]
    assert indicators["III.trucks_gas_share"].operand_keys == ["III.trucks_gas", "III.trucks_total"]
    first_year = indicators["II.first_station_year"]
    for key, indicator in indicators.items():
        if key in ("III.cars_gas_share", "III.trucks_gas_share"):
            assert indicator.target_due_indicator_id == first_year.id
            assert indicator.target_due_offset_years == 5
        else:
            assert indicator.target_due_indicator_id is None, key
        if key in ("VI.use", "VI.upgrading_investigated"):
            assert indicator.condition_indicator is indicators["VI.own_production"]
            assert indicator.condition_values == ["yes"]
        else:
            assert indicator.condition_indicator_id is None, key
    assert [o.label_sv for o in indicators["III.guidelines"].options] == ["Ja", "Nej", "Under framtagande"]


def test_round_indicators_belong_to_no_commitment(session: Session, biogas_file: Path) -> None:
    load_agreement_file(session, biogas_file)
    indicators = _indicators(session, _agreement(session))

    county = {k: i for k, i in indicators.items() if i.scope is IndicatorScope.ROUND}
    assert {k: (i.kind, i.unit) for k, i in county.items()} == {
        "county.biogas_production_gwh": ("quantity", "GWh"), "county.public_stations": ("count", "st")}
    assert all(i.commitment_id is None and i.party_kinds is None for i in county.values())


def test_loading_twice_changes_nothing(
    session: Session, biogas_file: Path, snapshot: Callable[[], dict[str, Any]]
) -> None:
    first = load_agreement_file(session, biogas_file)
    before = snapshot()

    second = load_agreement_file(session, biogas_file)

    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert "— 0 skapade, 0 uppdaterade," in second.summary()
    assert snapshot() == before


def _audit(session: Session, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_edited_label_is_updated_and_audited(
    session: Session, biogas_file: Path, edited_copy: Callable[..., Path]
) -> None:
    load_agreement_file(session, biogas_file)
    old = "Hur många av personbilarna är gasfordon?"
    new = "Hur många av personbilarna kan tankas med fordonsgas?"

    report = load_agreement_file(session, edited_copy(f'label_sv = "{old}"', f'label_sv = "{new}"'))

    assert (report.created, report.updated) == (0, 1)
    indicator = _indicators(session, _agreement(session))["III.cars_gas"]
    assert indicator.label_sv == new
    [event] = _audit(session, "seed.update")
    assert (event.actor, event.entity, event.entity_id, event.field) == ("seed", "indicators", indicator.id, "label_sv")
    assert (event.old_value, event.new_value) == (old, new)


def test_edited_target_and_new_bound_are_audited(
    session: Session, biogas_file: Path, edited_copy: Callable[..., Path], tmp_path: Path
) -> None:
    load_agreement_file(session, biogas_file)
    target_changed = edited_copy('comparison = "ge", value = 36 }', 'comparison = "ge", value = 36.5 }')
    edited = edited_copy('key = "I.gwh_regional_bus"\n', 'key = "I.gwh_regional_bus"\nmin = 0\n',
                         source=target_changed, name="twice_edited.toml")

    report = load_agreement_file(session, edited)

    assert (report.created, report.updated) == (0, 2)
    assert {(e.field, e.old_value, e.new_value) for e in _audit(session, "seed.update")} == {
        ("target_value", "36", "36.5"), ("min_value", None, "0")}
    indicators = _indicators(session, _agreement(session))
    assert indicators["I.gwh_total"].target_value == Decimal("36.5")
    assert indicators["I.gwh_regional_bus"].min_value == 0


def test_the_check_against_earlier_years_is_set_per_indicator_and_audited(
    session: Session, biogas_file: Path, edited_copy: Callable[..., Path]
) -> None:
    load_agreement_file(session, biogas_file)
    indicators = _indicators(session, _agreement(session))
    stations, share = indicators["II.public_stations"], indicators["IV.biogas_share"]
    assert (stations.history_max_factor, stations.history_min_base, stations.is_history_checked) == (None, None, True)
    stations_key = 'key = "II.public_stations"\nkind = "count"\n'
    factor = edited_copy(stations_key, stations_key + "history_check = { max_factor = 3, min_base = 2 }\n")
    edited = edited_copy('key = "IV.biogas_share"\n', 'key = "IV.biogas_share"\nhistory_check = { enabled = false }\n',
                         source=factor, name="checks.toml")

    report = load_agreement_file(session, edited)

    assert report.updated == 2
    assert {(e.field, e.old_value, e.new_value) for e in _audit(session, "seed.update")} == {
        ("history_max_factor", None, "3"), ("history_min_base", None, "2"), ("is_history_checked", "true", "false")}
    assert (stations.history_max_factor, stations.history_min_base) == (Decimal(3), Decimal(2))
    assert share.is_history_checked is False


def test_creation_is_audited(session: Session, biogas_file: Path) -> None:
    report = load_agreement_file(session, biogas_file)

    created = _audit(session, "seed.create")
    assert len(created) == report.created
    assert ("indicators", "III.cars_gas_share") in {(e.entity, e.new_value) for e in created}
    assert {e.entity for e in created} == {
        "agreements", "agreement_versions", "status_levels", "parties", "agreement_parties", "commitments",
        "indicators", "indicator_options"}


def _answer(session: Session, agreement: Agreement, indicator: Indicator, value: Any) -> Answer:
    party = session.scalars(select(Party).where(Party.code == "0680")).one()
    round_ = ReportingRound(agreement_id=agreement.id, year=2023)
    submission = Submission(round=round_, party=party)
    answer = Answer(submission=submission, indicator=indicator, **value)
    session.add(answer)
    session.flush()
    return answer


def test_removed_indicator_and_option_are_kept_with_their_answers(
    session: Session, biogas_file: Path, tmp_path: Path
) -> None:
    load_agreement_file(session, biogas_file)
    agreement = _agreement(session)
    tonnes = _indicators(session, agreement)["VIII.food_waste_tonnes"]
    answer = _answer(session, agreement, tonnes, {"value_number": Decimal("1234.5")})
    text = biogas_file.read_text(encoding="utf-8")
    block = re.compile(r'\[\[commitments\.indicators\]\]\nkey = "VIII\.food_waste_tonnes"\n.*?(?=\n\[\[)', re.S)
    text, removed = block.subn("", text)
    assert removed == 1
    option = '    { key = "partly", label_sv = "Delvis", label_en = "Partly" },\n'
    start = text.index('key = "VIII.digested_in_county"')
    text = text[:start] + text[start:].replace(option, "", 1)
    edited = tmp_path / "biogas_jonkoping.toml"
    edited.write_text(text, encoding="utf-8")

    report = load_agreement_file(session, edited)

    assert report.created == 0
    assert {"fråga VIII.food_waste_tonnes", "svarsalternativ VIII.digested_in_county/partly"} <= set(report.kept)
    assert "behållna fast de saknas i filen" in report.summary()
    session.expire_all()
    assert session.get(Indicator, tonnes.id) is not None
    kept = session.get(Answer, answer.id)
    assert kept is not None and kept.value_number == Decimal("1234.5")
    assert [o.key for o in _indicators(session, agreement)["VIII.digested_in_county"].options] == YES_PARTLY_NO


def test_another_agreement_loads_next_to_the_biogas_one(
    session: Session, biogas_file: Path, other_file: Path
) -> None:
    load_agreement_file(session, biogas_file)
    report = load_agreement_file(session, other_file)

    assert report.updated == 0
    other = _agreement(session, "fossilfria-transporter-kronoberg")
    assert (other.county, other.in_force_to_year) == ("Kronobergs län", 2030)
    assert [c.number for c in other.commitments] == ["1", "2"]
    assert [p.code for p in other.parties] == ["07", "0780"]
    assert len(_agreement(session).parties) == 14
    indicators = _indicators(session, other)
    assert {k: i.kind for k, i in indicators.items()} == {
        "1.chargers_fast": "count", "1.chargers_slow": "count", "1.chargers_total": "sum", "1.plan_year": "year",
        "2.policy": "yes_no", "2.policy_scope": "choice", "2.fossil_free_share": "percent", "2.comment": "text",
        "county.chargers": "count"}
    assert indicators["2.policy_scope"].condition_indicator is indicators["2.policy"]
    assert indicators["2.fossil_free_share"].target_value == Decimal("80.5")
    assert (indicators["1.plan_year"].min_value, indicators["1.plan_year"].max_value) == (Decimal(2000), Decimal(2100))
    assert indicators["2.comment"].max_length == 2000 and indicators["2.comment"].party_kinds == ["region"]
    again = [load_agreement_file(session, path) for path in (biogas_file, other_file)]
    assert [(r.created, r.updated) for r in again] == [(0, 0), (0, 0)]


def _line_of(text: str, path: Path) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


BROKEN = [
    pytest.param('slug = "biogas-jonkoping"', 'slug = "biogas-jonkoping', ["TOML-syntaxfel", "rad {slug_line}"],
                 id="toml-syntax"),
    pytest.param('key = "I.gwh_total"\nkind = "sum"\n', 'key = "I.gwh_total"\n',
                 ["commitments[0].indicators[3].kind (åtagande I, fråga I.gwh_total)", "saknas"], id="missing-kind"),
    pytest.param('kind = "yes_no"\ntarget', 'kind = "yes_or_no"\ntarget',
                 ["commitments[0].indicators[4].kind", '"yes_or_no"'], id="unknown-kind"),
    pytest.param('"III.cars_gas", "III.cars_total"', '"III.cars_gas", "III.car_total"',
                 ["commitments[2].indicators[2].operands[1]", '"III.car_total" finns inte'], id="unknown-operand"),
    pytest.param('key = "III.trucks_total"', 'key = "III.cars_total"',
                 ["commitments[2].indicators[3].key", "finns redan i commitments[2].indicators[0]"],
                 id="duplicate-key"),
    pytest.param("in_force_from_year = 2018", 'in_force_from_year = "2018"',
                 ["agreement.in_force_from_year", "heltal", '"2018"'], id="year-as-text"),
    pytest.param('target = { comparison = "in", options = ["yes"] }\nlabel_sv = "Prioriterades',
                 'target = { comparison = "in", options = ["ja"] }\nlabel_sv = "Prioriterades',
                 ["commitments[0].indicators[4].target.options[0]", '"ja"'], id="unknown-target-answer"),
    pytest.param('party_kinds = ["region"]\noptions', 'party_kinds = ["regionen"]\noptions',
                 ["commitments[1].indicators[3].party_kinds[0]", '"regionen"'], id="unknown-party-kind"),
    pytest.param('kind = "quantity"\nunit = "ton"\n', 'kind = "quantity"\n',
                 ["commitments[7].indicators[1].unit", "enhet"], id="quantity-without-unit"),
    pytest.param('unit = "%"\ntarget = { comparison = "ge", value = 100 }', 'unti = "%"',
                 ["commitments[3].indicators[0].unti", "ingen känd nyckel"], id="misspelt-key"),
    pytest.param('key = "VI.own_production"\nkind = "yes_no"', 'key = "VI.own_production"\nkind = "count"',
                 ["commitments[5].indicators[1].applies_if.indicator", "yes_no eller choice"], id="bad-condition"),
    pytest.param('key = "II.public_stations"\nkind = "count"\n',
                 'key = "II.public_stations"\nkind = "count"\nhistory_check = { max_points = 30 }\n',
                 ["commitments[1].indicators[0].history_check.max_points", "passar bara andelar"],
                 id="points-for-a-count"),
    pytest.param('key = "II.first_station_year"\nkind = "year"\n',
                 'key = "II.first_station_year"\nkind = "year"\nhistory_check = { max_factor = 2 }\n',
                 ["history_check", "passar bara andelar och mängder", "inte year"], id="check-of-a-year"),
    pytest.param('key = "II.public_stations"\nkind = "count"\n',
                 'key = "II.public_stations"\nkind = "count"\nhistory_check = { max_factor = 1 }\n',
                 ["commitments[1].indicators[0].history_check.max_factor"], id="factor-not-above-one"),
]


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN)
def test_broken_file_names_the_place_and_writes_nothing(
    session: Session, biogas_file: Path, edited_copy: Callable[..., Path],
    snapshot: Callable[[], dict[str, Any]], row_counts: Callable[[], dict[str, int]],
    old: str, new: str, expected: list[str],
) -> None:
    load_agreement_file(session, biogas_file)
    before, counts = snapshot(), row_counts()
    broken = edited_copy(old, new, name="broken.toml")

    with pytest.raises(SeedError) as caught:
        load_agreement_file(session, broken)

    message = str(caught.value)
    assert message.startswith(f"{broken}: ")
    for fragment in expected:
        assert fragment.format(slug_line=_line_of('slug = "biogas-jonkoping"', biogas_file)) in message
    assert not (session.new or session.dirty or session.deleted)
    assert row_counts() == counts
    assert snapshot() == before


def test_broken_file_on_an_empty_database_writes_nothing(
    session: Session, edited_copy: Callable[..., Path], row_counts: Callable[[], dict[str, int]]
) -> None:
    broken = edited_copy('"III.cars_gas", "III.cars_total"', '"III.cars_gas"')

    with pytest.raises(SeedError, match=r"commitments\[2\]\.indicators\[2\]\.operands"):
        load_agreement_file(session, broken)

    assert set(row_counts().values()) == {0}


def test_kind_of_an_answered_indicator_cannot_change(
    session: Session, biogas_file: Path, edited_copy: Callable[..., Path], snapshot: Callable[[], dict[str, Any]]
) -> None:
    load_agreement_file(session, biogas_file)
    agreement = _agreement(session)
    _answer(session, agreement, _indicators(session, agreement)["VIII.food_waste_tonnes"], {"value_number": 5})
    before = snapshot()
    changed = edited_copy('kind = "quantity"\nunit = "ton"', 'kind = "text"\nunit = "ton"')

    with pytest.raises(SeedError, match=r"commitments\[7\]\.indicators\[1\]\.kind .*från quantity till text"):
        load_agreement_file(session, changed)

    assert snapshot() == before


def test_missing_file_is_a_seed_error(session: Session, tmp_path: Path) -> None:
    with pytest.raises(SeedError, match=r"saknas\.toml: ett fel"):
        load_agreement_file(session, tmp_path / "saknas.toml")


def test_summary_lists_counts_in_swedish() -> None:
    report = LoadReport("x.toml", "Avtal", "1", created=1, updated=2, unchanged=3, kept=["fråga A"])
    assert report.summary() == (
        "x.toml: Avtal v1 — 1 skapade, 2 uppdaterade, 3 oförändrade; behållna fast de saknas i filen: fråga A")
