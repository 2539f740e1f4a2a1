"""The follow-up of the demo data agrees with the 2023 deck and with plain SQL on the database."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from reports.data import FollowUp, build_followup
from tests.reports.followup_sql import numbers, round_value, states, total, weighted_share
from tracker.domain.numbers import QUANTUM
from tracker.queries.followup import load_followup_inputs


def test_nine_of_thirteen_municipalities_have_stations(followup_2023: FollowUp, session: Session) -> None:
    result = followup_2023.indicator("II.public_stations")
    assert result.target is not None and result.sentence is not None and result.county.value is not None
    assert (len(result.target.met), len(result.target.expected)) == (9, 13)
    assert sum(1 for n in numbers(session, 2023, "II.public_stations").values() if n >= 1) == 9
    assert result.sentence.get("sv") == "9 av 13 kommuner har utbyggd tankinfrastruktur"
    assert result.county.value.number == total(session, 2023, "II.public_stations")


def test_county_production_is_88_gwh(followup_2023: FollowUp, session: Session) -> None:
    figure = followup_2023.round_figure("county.biogas_production_gwh")
    assert figure.value is not None and figure.sentence is not None
    assert figure.value.number == 88 == round_value(session, 2023, "county.biogas_production_gwh")
    assert figure.sentence.get("sv") == "Biogasproduktionen i länet var 88\u00a0GWh (+6\u00a0% jämfört med 2022)"


def test_the_buses_reach_the_volume_target(followup_2023: FollowUp, session: Session) -> None:
    result = followup_2023.indicator("I.gwh_total")
    assert result.target is not None and result.sentence is not None and result.county.value is not None
    assert result.county.value.number == Decimal("41.0") == total(
        session, 2023, "I.gwh_regional_bus", "I.gwh_fast_city", "I.gwh_slow_city")
    assert result.target.county_met is True
    assert result.sentence.get("sv") == "Busstrafiken når volymmålet: 41\u00a0GWh – målet är minst 36\u00a0GWh"
    assert result.sentence.get("en") == ("Bus services reach the volume target: 41\u00a0GWh – the target is at least "
                                         "36\u00a0GWh")
    assert result.sentence in followup_2023.summary


def test_the_county_gas_car_share_is_weighted(followup_2023: FollowUp, session: Session) -> None:
    share = followup_2023.indicator("III.cars_gas_share").county
    expected = weighted_share(session, 2023, "III.cars_gas", "III.cars_total")
    assert share.value is not None
    assert share.value.number == expected.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    assert share.answers == 14


def test_drafts_are_left_out_unless_asked(session: Session) -> None:
    session.execute(text(
        "UPDATE submissions SET state = 'draft' WHERE party_id = (SELECT id FROM parties WHERE code = '0680')"
        " AND round_id = (SELECT id FROM reporting_rounds WHERE year = 2023)"))
    inputs = load_followup_inputs(session, 2023)
    final = build_followup(inputs, 2023)
    assert (final.completeness.reported, final.completeness.draft, final.is_preliminary) == (13, 1, False)
    final_target = final.indicator("II.public_stations").target
    assert final_target is not None
    assert [p.code for p in final_target.met].count("0680") == 0
    with_drafts = build_followup(inputs, 2023, include_drafts=True)
    assert with_drafts.is_preliminary
    target_with_drafts = with_drafts.indicator("II.public_stations").target
    assert target_with_drafts is not None
    assert len(target_with_drafts.met) == 9


def test_the_trend_has_every_year_up_to_the_round(followup_2023: FollowUp) -> None:
    assert [info.year for info in followup_2023.years] == [2019, 2020, 2021, 2022, 2023]
    trend = followup_2023.indicator("I.gwh_total").trend
    assert [point.year for point in trend] == [2019, 2020, 2021, 2022, 2023]
    assert trend[0].county_met is False and trend[-1].county_met is True


def test_completeness_counts_the_states(followup_of: Callable[..., FollowUp], session: Session) -> None:
    done = followup_of(2024).completeness
    in_database = states(session, 2024)
    assert (done.submitted, done.approved, done.returned) == (
        in_database["submitted"], in_database["approved"], in_database["returned"]) == (2, 11, 1)
    assert [p.party.code for p in done.parties if p.is_late] == ["0643"]  # sent back, past the deadline


def test_due_years_of_the_gas_vehicle_target(followup_2023: FollowUp) -> None:
    target = followup_2023.indicator("III.cars_gas_share").target
    assert target is not None
    due = {d.party.code: d for d in target.due}
    assert (due["0680"].due_year, due["0680"].is_overdue) == (2016, True)  # Jönköping: first station 2011
    assert (due["0685"].due_year, due["0685"].meets_target) == (2020, True)  # Vetlanda: 50 %
    assert (due["0643"].due_year, due["0643"].is_due) == (2027, False)  # Habo: first station 2022
    assert due["0604"].due_year is None  # Aneby: no station


def test_the_demo_is_marked_as_example_data(followup_2023: FollowUp) -> None:
    assert followup_2023.is_example
