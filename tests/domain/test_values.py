"""tracker.domain.values (and tracker.domain.numbers): parsing, validating, formatting and computing values.

No database: ValueRules stands in for an Indicator row.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain import Indicator, IndicatorKind, IndicatorOption, TargetComparison
from tracker.domain.numbers import NUMBER_LIMIT, format_number
from tracker.domain.values import (
    InvalidValue,
    Option,
    Value,
    ValueRules,
    columns,
    compute_derived,
    format_value,
    from_columns,
    meets_target,
    parse,
    parse_number,
    target_due_year,
)
from tracker.i18n import TRANSLATIONS_DIR, gettext_for

pytestmark = pytest.mark.usefixtures("hypothesis_unicode_tables")  # st.text(): the tables built once per run

ROOT = Path(__file__).resolve().parents[2]
K = IndicatorKind
D = Decimal

PERCENT = ValueRules(K.PERCENT, unit="%")
GWH = ValueRules(K.QUANTITY, unit="GWh")
COUNT = ValueRules(K.COUNT)
STATIONS = ValueRules(K.COUNT, min_value=D(0), max_value=D(500))
YEAR = ValueRules(K.YEAR)
YES_NO = ValueRules(K.YES_NO)
OPTIONS = (
    Option("yes", "Ja", "Yes"),
    Option("partly", "Delvis", "Partly"),
    Option("no", "Nej", "No"),
    Option("not_applicable", "Ej aktuellt", "Not applicable"),
)
CHOICE = ValueRules(K.CHOICE, options=OPTIONS)
TEXT = ValueRules(K.TEXT)
TOTAL = ValueRules(K.SUM, unit="GWh", operand_keys=("regional", "fast_city", "slow_city"))
SHARE = ValueRules(K.RATIO, unit="%", operand_keys=("gas_cars", "cars"))
EXCEL_DATETIME = dt.datetime(2024, 1, 1)  # noqa: DTZ001 - openpyxl reads dates as naive datetimes
ALL_RULES = [PERCENT, GWH, COUNT, STATIONS, YEAR, YES_NO, CHOICE, TEXT, TOTAL, SHARE, ValueRules(K.QUANTITY)]


def refusal(rules: ValueRules, raw: object) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        parse(rules, raw)
    return caught.value


def number(raw: object, rules: ValueRules = GWH) -> Decimal:
    value = parse(rules, raw)
    assert value is not None and value.number is not None
    return value.number


# --- numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("12,5", "12.5"), ("12.5", "12.5"), ("  12,5\t", "12.5"), ("0,5", "0.5"), (",5", "0.5"),
    ("1 234,5", "1234.5"), ("1\u00a0234,5", "1234.5"), ("1\u202f234,5", "1234.5"), ("12 345 678", "12345678"),
    ("12,50000", "12.5"), ("0012", "12"), ("99999999999999,9999", "99999999999999.9999"), ("0,0001", "0.0001"),
    ("36 GWh", "36"), ("36GWh", "36"), ("36 gwh", "36"), ("1 234,5\u00a0GWh", "1234.5"),
])
def test_numbers_are_read_as_swedes_write_them(raw: str, expected: str) -> None:
    assert number(raw) == D(expected)
    assert str(number(raw)) == expected  # tidy: no trailing zeros, no exponent


@pytest.mark.parametrize(("raw", "expected"), [
    ("-3", "-3"), ("\u22123,5", "-3.5"), ("\u2013 3", None), ("-1 234,5", "-1234.5"), ("-0", "0"),
])
def test_a_leading_minus_is_read(raw: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(InvalidValue):
            parse_number(raw)
    else:
        assert parse_number(raw) == D(expected)
        assert str(parse_number(raw)) == expected


@pytest.mark.parametrize(("raw", "code"), [
    ("abc", "not_a_number"), ("12,5,5", "not_a_number"), ("1e3", "not_a_number"), ("1E-2", "not_a_number"),
    ("NaN", "not_a_number"), ("Infinity", "not_a_number"), ("inf", "not_a_number"), ("-", "not_a_number"),
    ("12 34", "not_a_number"), ("1 2345", "not_a_number"), ("12,", "not_a_number"), ("+5", "not_a_number"),
    ("ca 36", "not_a_number"), ("0x1F", "not_a_number"), ("١٢", "not_a_number"), ("12\n5", "not_a_number"),
    ("1,234.5", "ambiguous_separator"), ("1.234,5", "ambiguous_separator"),
    ("12,34567", "too_many_decimals"), ("0,00001", "too_many_decimals"),
    ("100000000000000", "too_large"), ("-100 000 000 000 000", "too_large"),
    ("36 MWh", "wrong_unit"), ("36 %", "wrong_unit"),
])
def test_bad_numbers_are_refused_with_a_code(raw: str, code: str) -> None:
    error = refusal(GWH, raw)
    assert error.code == code
    assert error.message.msgid
    assert str(error).startswith(code)


def test_the_refusal_messages_say_what_to_do() -> None:
    assert refusal(GWH, "abc").message.msgid == "Enter a number, for example 12,5."
    assert refusal(GWH, "1,234.5").message.msgid.startswith("Use either a decimal comma or a decimal point")
    too_many = refusal(GWH, "1,23456").message
    assert (too_many.msgid, dict(too_many.params)) == ("Enter at most %(places)s decimals.", {"places": 4})
    wrong_unit = refusal(GWH, "36 kWh").message
    assert (wrong_unit.msgid, dict(wrong_unit.params)) == ("Enter the value in %(unit)s.", {"unit": "GWh"})
    assert refusal(ValueRules(K.QUANTITY), "36 GWh").code == "not_a_number"  # no unit to compare with
    assert refusal(GWH, "36 ..").code == "not_a_number"


@pytest.mark.parametrize(("cell", "expected"), [
    (12.5, "12.5"), (0.1 + 0.2, "0.3"), (36, "36"), (D("12.50"), "12.5"), (D("1E+2"), "100"), (1e-4, "0.0001"),
    (2016.0, "2016"),
])
def test_excel_cells_are_read_exactly(cell: object, expected: str) -> None:
    assert str(number(cell)) == expected


@pytest.mark.parametrize(("cell", "code"), [
    (True, "not_a_number"), (float("nan"), "not_a_number"), (float("inf"), "not_a_number"),
    (D("NaN"), "not_a_number"), (D("sNaN"), "not_a_number"), (D("-Infinity"), "not_a_number"),
    (EXCEL_DATETIME, "not_a_number"), (dt.date(2024, 1, 1), "not_a_number"),
    (1.23456, "too_many_decimals"), (D("0.00001"), "too_many_decimals"), (1e16, "too_large"), (10**20, "too_large"),
    (-12.5, "below_minimum"),
])
def test_bad_excel_cells_are_refused(cell: object, code: str) -> None:
    assert refusal(GWH, cell).code == code


# --- kinds ---------------------------------------------------------------------------------------------------


def test_percent_is_a_share_between_0_and_100() -> None:
    assert number("12,5 %", PERCENT) == D("12.5")
    assert number("12,5%", ValueRules(K.PERCENT)) == D("12.5")  # "%" is accepted even without a unit
    assert number("100", PERCENT) == 100
    assert number("0", PERCENT) == 0
    for raw, code in [("100,0001", "above_maximum"), ("150 %", "above_maximum"), ("-1", "below_minimum")]:
        error = refusal(PERCENT, raw)
        assert (error.code, error.message.msgid) == (code, "The share must be between 0 and 100 %.")
    assert refusal(PERCENT, "12 GWh").code == "wrong_unit"


def test_a_quantity_cannot_be_negative() -> None:
    error = refusal(GWH, "-0,5")
    assert (error.code, error.message.msgid) == ("below_minimum", "The value cannot be negative.")
    assert number("0", GWH) == 0


def test_a_count_is_a_whole_number() -> None:
    assert number("12", COUNT) == 12
    assert number("1 234", COUNT) == 1234
    assert number("12,0", COUNT) == 12
    assert number("3 st", ValueRules(K.COUNT, unit="st")) == 3
    assert (refusal(COUNT, "12,5").code, refusal(COUNT, "12,5").message.msgid) == (
        "not_an_integer", "Enter a whole number.")
    assert (refusal(COUNT, "tolv").code, refusal(COUNT, "tolv").message.msgid) == (
        "not_a_number", "Enter a whole number.")
    assert refusal(COUNT, "-1").code == "below_minimum"
    assert refusal(COUNT, 2.5).code == "not_an_integer"


def test_the_indicators_own_bounds_restrict_numbers() -> None:
    assert number("500", STATIONS) == 500
    error = refusal(STATIONS, "501")
    assert error.code == "above_maximum"
    assert (error.message.msgid, dict(error.message.params)) == (
        "Enter a value between %(minimum)s and %(maximum)s.", {"minimum": "0", "maximum": "500"})
    at_least = refusal(ValueRules(K.QUANTITY, min_value=D("1.5")), "1")
    assert at_least.code == "below_minimum"
    assert (at_least.message.msgid, dict(at_least.message.params)) == (
        "The value must be at least %(minimum)s.", {"minimum": "1,5"})
    at_most = refusal(ValueRules(K.PERCENT, max_value=D(50)), "50,5")
    assert at_most.code == "above_maximum"
    assert (at_most.message.msgid, dict(at_most.message.params)) == (
        "The value must be at most %(maximum)s.", {"maximum": "50"})
    assert refusal(ValueRules(K.QUANTITY, max_value=D(2000)), "2 000,5").message.params == {"maximum": "2\u00a0000"}


def test_a_year_is_a_whole_number_in_a_sane_range() -> None:
    assert number("2016", YEAR) == 2016
    assert number(2016.0, YEAR) == 2016
    for raw in ("1899", "2101", "0", "20160"):
        error = refusal(YEAR, raw)
        assert error.code == "year_out_of_range", raw
        assert (error.message.msgid, dict(error.message.params)) == (
            "Enter a year between %(low)s and %(high)s.", {"low": 1900, "high": 2100})
    assert refusal(YEAR, "2016,5").code == "not_an_integer"
    not_a_year = refusal(YEAR, "i fjol")
    assert (not_a_year.code, not_a_year.message.msgid) == ("not_a_number", "Enter a year between %(low)s and %(high)s.")
    since_2000 = refusal(ValueRules(K.YEAR, min_value=D(2000)), "1999")
    assert dict(since_2000.message.params) == {"low": 2000, "high": 2100}


@pytest.mark.parametrize(("raw", "expected"), [
    ("ja", True), ("Ja", True), (" JA ", True), ("yes", True), ("true", True), ("SANT", True), ("1", True),
    ("nej", False), ("Nej", False), ("no", False), ("FALSE", False), ("falskt", False), ("0", False),
    (True, True), (False, False), (1, True), (0, False), (1.0, True), (D(0), False),
])
def test_yes_no(raw: object, expected: bool) -> None:
    assert parse(YES_NO, raw) == Value(flag=expected)


@pytest.mark.parametrize("raw", ["kanske", "j", "2", 2, 0.5, D("NaN"), D("sNaN"), float("nan"), dt.date(2024, 1, 1)])
def test_yes_no_refuses_anything_else(raw: object) -> None:
    error = refusal(YES_NO, raw)
    assert (error.code, error.message.msgid) == ("not_yes_no", "Answer yes or no.")


@pytest.mark.parametrize(("raw", "key"), [
    ("partly", "partly"), ("Delvis", "partly"), ("DELVIS", "partly"), ("partly ", "partly"), ("Partly", "partly"),
    ("ej aktuellt", "not_applicable"), ("Ej  Aktuellt", "not_applicable"), ("Not applicable", "not_applicable"),
    ("not_applicable", "not_applicable"), ("Ja", "yes"), ("No", "no"),
])
def test_a_choice_is_stored_by_its_key_and_read_by_key_or_label(raw: str, key: str) -> None:
    assert parse(CHOICE, raw) == Value(text=key)


def test_a_choice_key_wins_over_another_options_label() -> None:
    tricky = ValueRules(K.CHOICE, options=(Option("a", "b", "b"), Option("b", "x", "x")))
    assert parse(tricky, "b") == Value(text="b")
    assert parse(tricky, "B") == Value(text="a")  # not a key: the label of a


@pytest.mark.parametrize("raw", ["kanske", "yes no", True, 1, dt.date(2024, 1, 1)])
def test_an_unknown_choice_lists_the_options(raw: object) -> None:
    error = refusal(CHOICE, raw)
    assert error.code == "unknown_choice"
    assert (error.message.msgid, dict(error.message.params)) == (
        "Choose one of: %(options)s.", {"options": "Ja, Delvis, Nej, Ej aktuellt"})


def test_text_is_stripped_and_normalised() -> None:
    assert parse(TEXT, "  Ny station i Gislaved.  ") == Value(text="Ny station i Gislaved.")
    assert parse(TEXT, "rad ett\r\nrad två\rrad tre") == Value(text="rad ett\nrad två\nrad tre")
    assert parse(TEXT, "kol\tkol") == Value(text="kol\tkol")
    assert parse(TEXT, "Va\u0308xjo\u0308") == Value(text="Växjö")  # NFC, as macOS may send decomposed letters
    assert parse(TEXT, 2019) == Value(text="2019")


@pytest.mark.parametrize("raw", ["a\x00b", "bell\x07", "esc\x1b[0m", "a\x7fb", "a\ud800b"])
def test_text_refuses_control_characters(raw: str) -> None:
    error = refusal(TEXT, raw)
    assert error.code == "invalid_characters"
    assert error.message.msgid == "The text contains characters that cannot be saved."


def test_text_has_a_maximum_length() -> None:
    assert parse(TEXT, "x" * 2000) == Value(text="x" * 2000)
    error = refusal(TEXT, "x" * 2001)
    assert error.code == "too_long"
    assert dict(error.message.params) == {"max_length": 2000, "length": 2001}
    short = ValueRules(K.TEXT, max_length=10)
    assert parse(short, "  0123456789  ") == Value(text="0123456789")
    assert refusal(short, "0123456789!").code == "too_long"
    assert refusal(TEXT, EXCEL_DATETIME).code == "not_text"
    assert refusal(TEXT, True).code == "not_text"


@pytest.mark.parametrize("rules", [TOTAL, SHARE])
def test_derived_values_cannot_be_entered(rules: ValueRules) -> None:
    for raw in ("12", 12, D(12)):
        error = refusal(rules, raw)
        assert (error.code, error.message.msgid) == ("derived", "This value is computed and cannot be entered.")


@pytest.mark.parametrize("rules", ALL_RULES, ids=lambda r: r.kind)
@pytest.mark.parametrize("blank", [None, "", "   ", "\u00a0\n"])
def test_blank_is_no_answer(rules: ValueRules, blank: object) -> None:
    assert parse(rules, blank) is None


# --- formatting ----------------------------------------------------------------------------------------------


def test_format_value_in_swedish_and_english() -> None:
    nbsp = "\u00a0"
    assert format_value(PERCENT, Value(number=D("12.5"))) == f"12,5{nbsp}%"
    assert format_value(PERCENT, Value(number=D("12.5")), "en") == f"12.5{nbsp}%"
    assert format_value(GWH, Value(number=D(36))) == f"36{nbsp}GWh"
    assert format_value(GWH, Value(number=D("1234.5")), "sv_SE") == f"1{nbsp}234,5{nbsp}GWh"
    assert format_value(GWH, Value(number=D("1234.5")), "en") == f"1{nbsp}234.5{nbsp}GWh"
    assert format_value(COUNT, Value(number=D(1234))) == f"1{nbsp}234"
    assert format_value(YEAR, Value(number=D(2019))) == "2019"
    assert format_value(SHARE, Value(number=D("33.3333")), decimals=1) == f"33,3{nbsp}%"
    assert format_value(PERCENT, Value(number=D("12.5")), decimals=0) == f"13{nbsp}%"  # half up
    assert format_value(CHOICE, Value(text="not_applicable")) == "Ej aktuellt"
    assert format_value(CHOICE, Value(text="not_applicable"), "en") == "Not applicable"
    assert format_value(CHOICE, Value(text="retired_key")) == "retired_key"
    assert format_value(TEXT, Value(text="rad\nrad")) == "rad\nrad"
    assert format_value(GWH, None) == ""


def test_yes_no_is_shown_through_the_catalogue() -> None:
    assert format_value(YES_NO, Value(flag=True)) == gettext_for("sv")("Yes")
    assert format_value(YES_NO, Value(flag=False)) == gettext_for("sv")("No")
    assert format_value(YES_NO, Value(flag=True), "en") == "Yes"
    assert format_value(YES_NO, Value(flag=False), "en_GB") == "No"


def test_format_number_is_read_back() -> None:
    for text in (format_number(D("-1234.5")), format_number(D("-1234.5"), "en")):
        assert parse_number(text) == D("-1234.5")


def test_a_message_renders_in_swedish_when_the_catalogue_has_it() -> None:
    message = refusal(YEAR, "1899").message
    assert message.render(lambda msgid: msgid) == "Enter a year between 1900 and 2100."
    swedish = gettext_for("sv")
    if swedish(message.msgid) == message.msgid:
        pytest.skip("no compiled Swedish catalogue with this msgid yet")
    assert message.render(swedish) == "Ange ett årtal mellan 1900 och 2100."


def test_every_msgid_has_a_swedish_translation_with_the_same_placeholders() -> None:
    msgids: set[str] = set()
    for module in ("values", "numbers"):
        tree = ast.parse((ROOT / "tracker" / "domain" / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_":
                argument = node.args[0]
                assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), ast.dump(node)
                msgids.add(argument.value)
    assert {"Enter a whole number.", "Yes", "Enter the value in %(unit)s."} <= msgids
    with (TRANSLATIONS_DIR / "sv" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalogue = read_po(file, locale="sv")
    for msgid in sorted(msgids):
        entry = catalogue.get(msgid)
        assert entry is not None and entry.string and not entry.fuzzy, f"no Swedish for {msgid!r}"
        assert isinstance(entry.string, str), f"{msgid!r} is not a singular message"
        assert entry.string != msgid
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", entry.string)), msgid


# --- stored rows, derived values, targets --------------------------------------------------------------------


def test_values_go_to_and_come_from_the_columns() -> None:
    value = Value(number=D("12.5"))
    assert value.columns() == {"value_number": D("12.5"), "value_text": None, "value_bool": None}
    assert columns(None) == {"value_number": None, "value_text": None, "value_bool": None}
    assert columns(Value(flag=False))["value_bool"] is False
    stored = from_columns(D("12.5000"), None, None)
    assert stored == value and str(stored.number) == "12.5"
    whole = from_columns(D("2016.0000"), None, None)
    assert whole is not None and str(whole.number) == "2016"
    assert from_columns(None, "partly", None) == Value(text="partly")
    assert from_columns(None, None, False) == Value(flag=False)
    assert from_columns(None, None, None) is None
    with pytest.raises(ValueError, match="exactly one"):
        from_columns(D(1), "x", None)
    with pytest.raises(ValueError, match="exactly one"):
        Value()


def test_a_sum_adds_the_answers_that_are_there() -> None:
    operands = {"regional": Value(number=D("20.5")), "fast_city": Value(number=D(10)), "slow_city": None}
    assert compute_derived(TOTAL, operands) == Value(number=D("30.5"))
    assert compute_derived(TOTAL, {"regional": Value(number=D("5.25"))}) == Value(number=D("5.25"))
    assert compute_derived(TOTAL, {}) is None
    assert compute_derived(TOTAL, {"slow_city": None, "other": Value(number=D(3))}) is None


def test_a_ratio_is_a_share_in_percent() -> None:
    def share(gas_cars: Value | None, cars: Value | None) -> Value | None:
        return compute_derived(SHARE, {"gas_cars": gas_cars, "cars": cars})

    assert share(Value(number=D(1)), Value(number=D(3))) == Value(number=D("33.3333"))
    assert share(Value(number=D(2)), Value(number=D(3))) == Value(number=D("66.6667"))
    assert share(Value(number=D(12)), Value(number=D(24))) == Value(number=D(50))
    half = share(Value(number=D(12)), Value(number=D(24)))
    assert half is not None and str(half.number) == "50"
    assert share(Value(number=D(0)), Value(number=D(7))) == Value(number=D(0))
    assert share(Value(number=D(3)), Value(number=D(0))) is None
    assert share(None, Value(number=D(3))) is None
    assert share(Value(number=D(3)), None) is None


def test_compute_derived_refuses_what_is_not_derived() -> None:
    with pytest.raises(ValueError, match="not a derived kind"):
        compute_derived(GWH, {})
    with pytest.raises(ValueError, match="2 operands"):
        compute_derived(ValueRules(K.RATIO, operand_keys=("a", "b", "c")), {})


def test_meets_target() -> None:
    at_least_36 = ValueRules(K.SUM, target_comparison=TargetComparison.AT_LEAST, target_value=D(36))
    assert meets_target(at_least_36, Value(number=D(36))) is True
    assert meets_target(at_least_36, Value(number=D("35.9999"))) is False
    assert meets_target(at_least_36, None) is None
    assert meets_target(at_least_36, Value(text="36")) is None
    at_most = ValueRules(K.QUANTITY, target_comparison="le",  # type: ignore[arg-type]  # plain data, as in a file
                         target_value=D(10))
    assert (meets_target(at_most, Value(number=D(10))), meets_target(at_most, Value(number=D(11)))) == (True, False)
    all_biogas = ValueRules(K.PERCENT, target_comparison=TargetComparison.EQUAL, target_value=D(100))
    assert (meets_target(all_biogas, Value(number=D(100))), meets_target(all_biogas, Value(number=D(99)))) == (
        True, False)
    at_least = ValueRules(K.PERCENT, target_comparison="ge")  # type: ignore[arg-type]  # plain data, as in a file
    assert meets_target(at_least, Value(number=D(1))) is None  # no value
    assert meets_target(GWH, Value(number=D(100))) is None  # no target
    prioritised = ValueRules(K.YES_NO, target_comparison=TargetComparison.ONE_OF,
                             target_options=["yes"])  # type: ignore[arg-type]  # plain data, as in a file
    assert (meets_target(prioritised, Value(flag=True)), meets_target(prioritised, Value(flag=False))) == (True, False)
    demands = ValueRules(K.CHOICE, options=OPTIONS,
                         target_comparison="in",  # type: ignore[arg-type]  # plain data, as in a file
                         target_options=("yes", "partly"))
    assert meets_target(demands, Value(text="partly")) is True
    assert meets_target(demands, Value(text="no")) is False
    assert meets_target(demands, Value(number=D(1))) is None


def test_target_due_year() -> None:
    assert target_due_year(Value(number=D(2016)), 5) == 2021
    assert target_due_year(None, 5) is None
    assert target_due_year(Value(number=D(2016)), None) is None
    assert target_due_year(Value(number=D("2016.5")), 5) is None
    assert target_due_year(Value(text="2016"), 5) is None


def test_rules_of_an_indicator() -> None:
    indicator = Indicator(
        key="demands", kind=IndicatorKind.CHOICE, unit="", max_length=None,
        options=[IndicatorOption(key="yes", position=1, label_sv="Ja", label_en="Yes"),
                 IndicatorOption(key="no", position=2, label_sv="Nej", label_en="No")],
        target_comparison=TargetComparison.ONE_OF, target_options=["yes"],
    )
    rules = ValueRules.of(indicator)
    assert rules == ValueRules(K.CHOICE, options=(Option("yes", "Ja", "Yes"), Option("no", "Nej", "No")),
                               target_comparison=TargetComparison.ONE_OF, target_options=("yes",))
    assert parse(rules, "nej") == Value(text="no")
    ratio = ValueRules.of(Indicator(key="share", kind=IndicatorKind.RATIO, unit="%", operand_keys=["a", "b"],
                                    min_value=D(0), max_value=D(100)))
    assert (ratio.kind, ratio.operand_keys, ratio.min_value, ratio.max_value) == (K.RATIO, ("a", "b"), D(0), D(100))


def test_rules_accept_plain_data() -> None:
    rules = ValueRules("percent", target_comparison="ge", operand_keys=["a"])  # type: ignore[arg-type]  # on purpose
    assert rules.kind is K.PERCENT and rules.target_comparison is TargetComparison.AT_LEAST
    assert rules.operand_keys == ("a",)
    hash(rules)
    with pytest.raises(ValueError):
        ValueRules("money")  # type: ignore[arg-type]  # not a kind, on purpose


# --- properties ----------------------------------------------------------------------------------------------

STORABLE = st.decimals(min_value=0, max_value=NUMBER_LIMIT - D("0.0001"), places=4)
EXCEL_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.text(),
    st.datetimes(), st.dates(), st.times(), st.timedeltas(),
)
NUMBERISH = st.text(alphabet="0123456789 ,.-\u2212\u00a0\u202f%eGWhnaj", max_size=20)


@given(STORABLE, st.sampled_from([".", ","]))
def test_any_storable_decimal_written_with_comma_or_point_parses_back(value: Decimal, separator: str) -> None:
    text = format(value, "f").replace(".", separator)
    assert number(text) == value
    assert number(f"{text} GWh") == value


@given(STORABLE.map(lambda d: -d), st.sampled_from(["sv", "en"]))
def test_format_number_and_parse_number_round_trip(value: Decimal, locale: str) -> None:
    assert parse_number(format_number(value, locale)) == value


@given(st.sampled_from(ALL_RULES), st.one_of(st.text(), NUMBERISH))
def test_parse_raises_nothing_but_invalid_value_for_any_text(rules: ValueRules, raw: str) -> None:
    try:
        parse(rules, raw)
    except InvalidValue as error:
        assert error.code and error.message.msgid


@given(st.sampled_from(ALL_RULES), EXCEL_CELLS)
def test_parse_raises_nothing_but_invalid_value_for_any_excel_cell(rules: ValueRules, raw: object) -> None:
    try:
        parse(rules, raw)
    except InvalidValue as error:
        assert error.code and error.message.msgid


def accepted(rules: ValueRules, raw: object) -> Value | None:
    try:
        return parse(rules, raw)
    except InvalidValue:
        return None


def assert_storable(value: Value) -> Decimal:
    """The number of `value`, which the database can store."""
    assert value.number is not None
    assert abs(value.number) < NUMBER_LIMIT
    exponent = value.number.as_tuple().exponent
    assert isinstance(exponent, int) and exponent >= -4  # not NaN nor infinite, at most 4 decimals
    return value.number


@given(st.one_of(NUMBERISH, st.floats(), st.decimals(), st.integers()))
def test_what_parse_accepts_keeps_to_the_kind(raw: object) -> None:
    if (value := accepted(PERCENT, raw)) is not None:
        stored = assert_storable(value)
        assert 0 <= stored <= 100
    if (value := accepted(GWH, raw)) is not None:
        stored = assert_storable(value)
        assert stored >= 0
    if (value := accepted(STATIONS, raw)) is not None:
        stored = assert_storable(value)
        assert stored == int(stored) and 0 <= stored <= 500
    if (value := accepted(YEAR, raw)) is not None:
        assert value.number is not None
        assert value.number == int(value.number) and 1900 <= value.number <= 2100
    if (value := accepted(YES_NO, raw)) is not None:
        assert isinstance(value.flag, bool)


@given(st.text())
def test_what_text_and_choice_accept_keeps_to_the_kind(raw: str) -> None:
    if (value := accepted(TEXT, raw)) is not None:
        assert value.text and value.text == value.text.strip() and len(value.text) <= 2000
        assert "\r" not in value.text
    if (value := accepted(CHOICE, raw)) is not None:
        assert value.text in {option.key for option in OPTIONS}


ROUND_TRIPS = st.one_of(
    st.tuples(st.just(PERCENT), st.decimals(min_value=0, max_value=100, places=4)),
    st.tuples(st.just(GWH), STORABLE),
    st.tuples(st.just(COUNT), st.integers(min_value=0, max_value=10**14 - 1)),
    st.tuples(st.just(YEAR), st.integers(min_value=1900, max_value=2100)),
    st.tuples(st.just(YES_NO), st.booleans()),
    st.tuples(st.just(CHOICE), st.sampled_from([option.key for option in OPTIONS])),
    st.tuples(st.just(TEXT), st.text(min_size=1)),
)


@given(ROUND_TRIPS, st.sampled_from(["sv", "en"]))
def test_format_value_and_parse_round_trip(case: tuple[ValueRules, object], locale: str) -> None:
    rules, raw = case
    value = accepted(rules, raw)
    if value is None:  # only text may be refused (control characters, blank)
        assert rules.kind is K.TEXT
        return
    assert parse(rules, format_value(rules, value, locale)) == value


def test_a_part_larger_than_its_whole_is_inconsistent_in_the_agreements_words() -> None:
    from tracker.domain.values import inconsistencies

    rules = {
        "cars": ValueRules(IndicatorKind.COUNT),
        "gas_cars": ValueRules(IndicatorKind.COUNT, at_most_key="cars",
                               at_most_message=("Fler gasbilar än bilar.", "More gas cars than cars.")),
        "first": ValueRules(IndicatorKind.YEAR, not_after_round_year=True),
    }
    numbers = {"cars": Value(number=Decimal(100)), "gas_cars": Value(number=Decimal(150)),
               "first": Value(number=Decimal(2026))}
    found = inconsistencies(rules, numbers, 2025)
    assert sorted(found) == ["first", "gas_cars"]
    assert found["gas_cars"].message.render(gettext_for("sv")) == "Fler gasbilar än bilar."
    assert found["gas_cars"].message.render(gettext_for("en")) == "More gas cars than cars."
    assert found["first"].message.render(gettext_for("sv")) == ("Året kan inte vara senare än 2025, året som "
                                                                 "rapporten gäller.")
    equal = {**numbers, "gas_cars": Value(number=Decimal(100)), "first": Value(number=Decimal(2025))}
    assert inconsistencies(rules, equal, 2025) == {}
    assert inconsistencies(rules, {"gas_cars": Value(number=Decimal(5))}, 2025) == {}  # no whole: nothing to say


def test_a_share_above_100_percent_never_reaches_a_target() -> None:
    rules = ValueRules(IndicatorKind.RATIO, operand_keys=("a", "b"), target_comparison=TargetComparison.AT_LEAST,
                       target_value=Decimal(50))
    assert meets_target(rules, Value(number=Decimal(150))) is None
    assert meets_target(rules, Value(number=Decimal(60))) is True


@pytest.mark.parametrize("raw", ["Station\u202e i drift", "noll\u200bbredd", "\ufeffkommentar", "isolat\u2067"])
def test_text_refuses_invisible_formatting(raw: str) -> None:
    """Right-to-left overrides and isolates make a comment read otherwise than it is; zero-width characters hide."""
    error = refusal(TEXT, raw)
    assert error.code == "invisible_characters"
