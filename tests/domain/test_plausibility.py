"""A value far outside the party's own earlier years: what is far, per kind and per indicator, in the users' words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain import IndicatorKind
from tracker.domain.plausibility import unusual_change
from tracker.domain.values import Value, ValueRules
from tracker.i18n import gettext_for

SV, EN = gettext_for("sv"), gettext_for("en")
SHARE = ValueRules(IndicatorKind.RATIO, operand_keys=("gas", "cars"))
PERCENT = ValueRules(IndicatorKind.PERCENT)
COUNT = ValueRules(IndicatorKind.COUNT, unit="st")
GWH = ValueRules(IndicatorKind.QUANTITY, unit="GWh")


def change(rules: ValueRules, before: str, now: str, previous_year: int = 2024, year: int = 2025) -> str | None:
    """What the form says of `now` after `before`, in Swedish; None when it says nothing."""
    found = unusual_change(rules, Value(number=Decimal(now)), (previous_year, Value(number=Decimal(before))), year)
    return found.to_confirm.render(SV) if found is not None else None


def test_a_share_that_moves_more_than_40_points_is_to_be_confirmed() -> None:
    assert change(SHARE, "10", "90") == "Mycket högre än förra året (10\u00a0% → 90\u00a0%): bekräfta med en kommentar."
    assert change(PERCENT, "100", "12.5") == ("Mycket lägre än förra året (100\u00a0% → 12,5\u00a0%): bekräfta med en "
                                              "kommentar.")
    assert change(SHARE, "30.4321", "97.6") == ("Mycket högre än förra året (30,4\u00a0% → 97,6\u00a0%): bekräfta "
                                                "med en kommentar.")  # shares with one decimal, as the form shows them
    assert change(SHARE, "10", "50") is None and change(PERCENT, "60", "20") is None  # 40 points exactly: plausible


def test_an_amount_ten_times_larger_or_smaller_is_to_be_confirmed_unless_both_are_tiny() -> None:
    assert change(COUNT, "12", "140") == ("Mycket högre än förra året (12\u00a0st → 140\u00a0st): bekräfta med en "
                                          "kommentar.")
    assert change(COUNT, "140", "12") is not None and change(COUNT, "5", "50") is not None  # tenfold
    assert change(COUNT, "12", "100") is None and change(COUNT, "100", "11") is None  # less than tenfold
    assert change(COUNT, "0", "3") is None and change(COUNT, "1", "9") is None  # a factor of tiny numbers says nothing
    assert change(COUNT, "0", "12") is not None  # from none to many
    assert change(GWH, "0.5", "6") is not None and change(GWH, "0.2", "0.9") is None
    assert change(COUNT, "12", "12") is None


def test_the_words_name_the_year_compared_with_and_follow_the_readers_language() -> None:
    found = unusual_change(GWH, Value(number=Decimal("41.5")), (2022, Value(number=Decimal("2.5"))), 2025)
    assert found is not None and found.is_higher and (found.previous_year, found.previous) == (2022, Decimal("2.5"))
    assert found.message.render(SV) == "Mycket högre än i rapporten för 2022 (2,5\u00a0GWh → 41,5\u00a0GWh)"
    assert found.message.render(EN) == "Much higher than in the report for 2022 (2.5\u00a0GWh → 41.5\u00a0GWh)"
    assert found.to_confirm.render(EN) == ("Much higher than in the report for 2022 (2.5\u00a0GWh → 41.5\u00a0GWh): "
                                           "confirm it with a comment.")


def test_nothing_to_compare_with_never_warns() -> None:
    assert unusual_change(COUNT, Value(number=Decimal(5000)), None, 2025) is None  # the party's first year
    assert unusual_change(COUNT, None, (2024, Value(number=Decimal(5))), 2025) is None  # not answered this year
    assert change(COUNT, "5", "5000", previous_year=2025) is None  # a later year is no history


@pytest.mark.parametrize("kind", [IndicatorKind.YEAR, IndicatorKind.YES_NO, IndicatorKind.CHOICE, IndicatorKind.TEXT])
def test_years_and_answers_that_are_no_amount_are_not_compared(kind: IndicatorKind) -> None:
    rules = ValueRules(kind)
    assert unusual_change(rules, Value(number=Decimal(2024)), (2020, Value(number=Decimal(1990))), 2025) is None


def test_the_agreement_sets_its_own_limits_per_indicator() -> None:
    strict = ValueRules(IndicatorKind.COUNT, history_max_factor=Decimal(3), history_min_base=Decimal(2))
    assert change(strict, "2", "6") is not None and change(COUNT, "2", "6") is None
    points = ValueRules(IndicatorKind.PERCENT, history_max_points=Decimal(10))
    assert change(points, "50", "65") is not None and change(PERCENT, "50", "65") is None
    off = ValueRules(IndicatorKind.COUNT, is_history_checked=False)
    assert change(off, "12", "1400") is None


def test_a_share_above_100_is_left_to_the_consistency_rules() -> None:
    assert change(SHARE, "30", "150") is None  # "Fler gasbilar än bilar" is said instead, and refuses the answer
