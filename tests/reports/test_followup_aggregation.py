"""The aggregation on hand-built inputs: pure functions, no database (tests/reports/followup_builders.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from reports.data import Aggregate, build_followup
from tests.reports.followup_builders import Inputs
from tracker.domain import SubmissionState
from tracker.domain.values import Value
from tracker.queries.followup import FollowUpNotFound

S = SubmissionState


def number(value: Value | None) -> Decimal | None:
    """The number of a county figure; None without one."""
    return value.number if value is not None else None


def two_years() -> Inputs:
    inputs = Inputs()
    inputs.round(2021, production="80")
    inputs.round(2022, production="84,8")
    for year, (first, second) in {2021: ("20", "10"), 2022: ("28,6", "12,4")}.items():
        inputs.report(year, "01", answers={"A.bus_1": first, "A.bus_2": second, "A.cars": "100", "A.gas_cars": "30",
                                           "A.biogas_pct": "100", "A.plan": "yes"}, status="done")
    inputs.report(2021, "0101", answers={"A.stations": "0", "A.cars": "10", "A.gas_cars": "1"}, status="started")
    inputs.report(2022, "0101", answers={"A.stations": "1", "A.first_year": "2015", "A.cars": "10",
                                         "A.gas_cars": "6", "A.biogas_pct": "90", "A.plan": "partly"},
                  status="started", comment="Ny station i år.")
    inputs.report(2022, "0102", answers={"A.stations": "2", "A.first_year": "2020", "A.cars": "40",
                                         "A.gas_cars": "4", "A.biogas_pct": "97", "A.plan": "yes",
                                         "A.plan_note": "Beslutad i KF."}, status="na")
    inputs.report(2022, "0103", S.DRAFT, answers={"A.stations": "5", "A.cars": "1000", "A.gas_cars": "900",
                                                  "A.biogas_pct": "10"})
    return inputs


def test_county_figures_fit_the_kind() -> None:
    followup = build_followup(two_years().build(), 2022)
    stations = followup.indicator("A.stations")
    assert stations.county.value is not None
    assert stations.county.method is Aggregate.SUM and stations.county.value.number == 3  # the draft is left out
    share = followup.indicator("A.gas_share").county
    assert share.method is Aggregate.SHARE and share.value is not None
    assert (share.numerator, share.denominator) == (Decimal(40), Decimal(150))  # region + two municipalities
    assert share.value.number == Decimal("26.6667")  # Σgas / Σcars, not the mean of 30, 60 and 10 %
    percent = followup.indicator("A.biogas_pct").county
    assert percent.method is Aggregate.MEAN and percent.answers == 3 and percent.value is not None
    assert percent.value.number == Decimal("95.6667") and percent.median == 97
    plan = followup.indicator("A.plan").county
    assert [(c.key, c.count, c.parties) for c in plan.distribution] == [
        ("yes", 2, ("01", "0102")), ("partly", 1, ("0101",)), ("no", 0, ())]
    assert followup.indicator("A.first_year").county.method is Aggregate.ANSWERS


def test_each_partys_value_is_typed_and_formatted() -> None:
    followup = build_followup(two_years().build(), 2022)
    by_party = {v.party.code: v for v in followup.indicator("A.bus_total").values}
    assert list(by_party) == ["01"]  # the question is only the region's
    assert by_party["01"].value is not None
    assert by_party["01"].value.number == Decimal(41)
    assert by_party["01"].text.get("sv") == "41\u00a0GWh"
    shares = {v.party.code: v.text.get("sv") for v in followup.indicator("A.gas_share").values}
    assert shares == {"01": "30\u00a0%", "0101": "60\u00a0%", "0102": "10\u00a0%", "0103": ""}


def test_expected_and_reported_follow_applicability_and_state() -> None:
    followup = build_followup(two_years().build(), 2022)
    stations = followup.indicator("A.stations")
    assert [p.code for p in stations.expected] == ["0101", "0102", "0103"]
    assert [p.code for p in stations.reported] == ["0101", "0102"]
    note = followup.indicator("A.plan_note")  # asked only where A.plan = yes
    assert [p.code for p in note.expected] == ["01", "0102"]


def test_drafts_count_only_when_asked_and_then_the_report_is_preliminary() -> None:
    inputs = two_years().build()
    final = build_followup(inputs, 2022)
    assert not final.is_preliminary and final.included_states == (S.SUBMITTED, S.APPROVED)
    preliminary = build_followup(inputs, 2022, include_drafts=True)
    assert preliminary.is_preliminary and S.DRAFT in preliminary.included_states
    stations = preliminary.indicator("A.stations").county.value
    share = preliminary.indicator("A.gas_share").county.value
    assert stations is not None and share is not None
    assert stations.number == 8
    assert share.number == Decimal("81.7391")  # 940 / 1150


def test_party_targets_count_who_meets_them() -> None:
    followup = build_followup(two_years().build(), 2022)
    target = followup.indicator("A.stations").target
    assert target is not None
    assert [p.code for p in target.met] == ["0101", "0102"]
    assert target.not_met == ()  # missing is not missed: Cby has no included report
    assert [p.code for p in target.not_reported] == ["0103"]
    sentence = followup.indicator("A.stations").sentence
    assert sentence is not None
    assert sentence.get("sv") == "2 av 2 kommuner som har rapporterat har en station (Cby kommun har inte rapporterat)"
    assert sentence.get("en") == "2 of 2 municipalities that have reported have a station (Cby kommun has not reported)"


def test_a_county_target_is_met_on_the_county_figure_with_the_agreements_sentence() -> None:
    followup = build_followup(two_years().build(), 2022)
    result = followup.indicator("A.bus_total")
    assert result.target is not None and result.sentence is not None
    assert result.target.county_met is True
    assert result.sentence.get("sv") == "Bussarna når målet: 41\u00a0GWh – målet är minst 36\u00a0GWh"
    earlier = build_followup(two_years().build(), 2021).indicator("A.bus_total")
    assert earlier.target is not None and earlier.sentence is not None
    assert earlier.target.county_met is False
    assert earlier.sentence.get("sv") == "Bussarna når inte målet: 30\u00a0GWh – målet är minst 36\u00a0GWh"


def test_a_target_due_after_another_answer() -> None:
    """50 % five years after the first station: due 2020 for Aby (2015), 2025 for Bby (2020), never for Cby."""
    followup = build_followup(two_years().build(), 2022)
    result = followup.indicator("A.gas_share")
    assert result.target is not None
    due = {d.party.code: d for d in result.target.due}
    assert (due["0101"].due_year, due["0101"].is_due, due["0101"].meets_target) == (2020, True, True)
    assert due["0101"].gap == 0 and not due["0101"].is_overdue
    assert (due["0102"].anchor_year, due["0102"].due_year, due["0102"].is_due) == (2020, 2025, False)
    assert due["0102"].gap == Decimal(40) and not due["0102"].is_overdue
    assert due["01"].due_year is None and not due["01"].is_due  # the region answers no first year
    # 0103 has no report in the follow-up (a draft): whether the target is due for it is not known, so it is
    # named as not reported, never counted as missing the target
    assert [p.code for p in result.target.expected] == ["0101", "0103"]
    assert [p.code for p in result.target.met] == ["0101"]
    assert [p.code for p in result.target.not_reported] == ["0103"] and result.target.not_met == ()
    assert {v.party.code: v.meets_target for v in result.values}["0102"] is None  # not yet due


def test_an_overdue_target_is_flagged_with_its_gap() -> None:
    inputs = Inputs()
    inputs.round(2022)
    inputs.report(2022, "0101", answers={"A.first_year": "2010", "A.cars": "20", "A.gas_cars": "3"})
    result = build_followup(inputs.build(), 2022).indicator("A.gas_share")
    assert result.target is not None
    due = next(d for d in result.target.due if d.party.code == "0101")
    assert (due.due_year, due.is_due, due.is_overdue, due.gap) == (2015, True, True, Decimal(35))


def test_the_trend_covers_every_round_up_to_the_year() -> None:
    inputs = two_years()
    inputs.round(2023)
    followup = build_followup(inputs.build(), 2022)
    assert [y.year for y in followup.years] == [2021, 2022]
    trend = followup.indicator("A.bus_total").trend
    assert [(p.year, number(p.value), p.county_met) for p in trend] == [(2021, Decimal(30), False),
                                                                         (2022, Decimal(41), True)]
    assert [(p.year, p.met, p.expected) for p in followup.indicator("A.stations").trend] == [(2021, 0, 1),
                                                                                           (2022, 2, 3)]
    production = followup.round_figure("county.production")
    assert production.value is not None and production.sentence is not None
    assert (production.value.number, production.previous_year, production.change_percent) == (
        Decimal("84.8"), 2021, Decimal(6))
    assert production.sentence.get("sv") == "Produktionen var 84,8\u00a0GWh (+6\u00a0% jämfört med 2021)"


def test_statuses_and_comments_per_commitment() -> None:
    commitment = build_followup(two_years().build(), 2022).commitments[0]
    counts = {(c.level.key if c.level else None): c.count for c in commitment.statuses}
    assert counts == {"started": 1, "done": 1, "na": 1, None: 1}
    assert [(c.party.code, c.comment) for c in commitment.comments] == [("0101", "Ny station i år.")]
    assert commitment.sentences[-1].get("sv") == ("Åtagande A: 1 av 2 parter som har rapporterat anger att det är "
                                                  "genomfört (Cby kommun har inte rapporterat)")


def test_completeness_and_lateness() -> None:
    inputs = Inputs(loaded_at=datetime(2023, 5, 1, tzinfo=UTC))
    inputs.round(2022, deadline=date(2023, 3, 31))
    inputs.report(2022, "01", S.APPROVED, submitted=datetime(2023, 3, 31, 21, 59, tzinfo=UTC))  # 23:59 in Sweden
    inputs.report(2022, "0101", S.SUBMITTED, submitted=datetime(2023, 3, 31, 22, 0, tzinfo=UTC))  # 1 April
    inputs.report(2022, "0102", S.RETURNED)
    inputs.report(2022, "0103", S.DRAFT)
    done = build_followup(inputs.build(), 2022).completeness
    assert (done.expected, done.submitted, done.approved, done.returned, done.draft, done.not_started) == (
        4, 1, 1, 1, 1, 0)
    assert [p.party.code for p in done.parties if p.is_late] == ["0101", "0102", "0103"]
    before = Inputs(loaded_at=datetime(2023, 3, 1, tzinfo=UTC))
    before.round(2022, deadline=date(2023, 3, 31))
    before.report(2022, "0102", S.DRAFT)
    assert build_followup(before.build(), 2022).completeness.late == 0


def test_the_first_hand_in_decides_whether_a_report_was_late() -> None:
    """Handed in on time, sent back, handed in again after the deadline: on time. The same rule as the overview's
    (tracker.domain.calendar.is_late)."""
    inputs = Inputs(loaded_at=datetime(2023, 5, 1, tzinfo=UTC))
    inputs.round(2022, deadline=date(2023, 3, 31))
    again = inputs.report(2022, "01", S.SUBMITTED, submitted=datetime(2023, 4, 20, tzinfo=UTC))
    inputs.submissions[-1] = replace(again, first_submitted_dt=datetime(2023, 3, 20, tzinfo=UTC))
    inputs.report(2022, "0101", S.APPROVED, submitted=datetime(2023, 4, 2, tzinfo=UTC))
    done = build_followup(inputs.build(), 2022).completeness
    assert [(p.party.code, p.is_late) for p in done.parties if p.state.is_reported] == [("01", False), ("0101", True)]
    assert done.late == 3  # 0101, and the two parties that have not reported when the deadline is over


def test_a_party_without_a_report_in_the_current_round_is_expected_and_not_started() -> None:
    inputs = Inputs()
    inputs.round(2022)
    inputs.report(2022, "01")
    done = build_followup(inputs.build(), 2022).completeness
    assert (done.expected, done.approved, done.not_started) == (4, 1, 3)


def test_example_data_is_carried_to_the_report() -> None:
    assert not build_followup(two_years().build(), 2022).is_example
    inputs = Inputs()
    inputs.round(2022)
    inputs.report(2022, "0103", is_example=True)
    assert build_followup(inputs.build(), 2022).is_example


def test_a_year_without_a_round_is_refused() -> None:
    with pytest.raises(FollowUpNotFound):
        build_followup(two_years().build(), 2030)
