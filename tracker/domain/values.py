"""Indicator values: the one place that parses, validates, formats and computes them.

Whatever a value comes from (the web form, the offline Excel form, the API, the seed data), `parse` decides
whether it is valid, so it is valid or not for the same reasons everywhere. How numbers are written and kept
("12,5", Decimal, at most 4 decimals) is in `tracker.domain.numbers`; this module adds what each indicator kind
accepts. A refusal is an `InvalidValue` carrying a translatable `Message`; nothing here imports Flask.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

from tracker.domain.agreement import IndicatorKind, TargetComparison
from tracker.domain.free_text import INVISIBLE_FORMATTING, INVISIBLE_MESSAGE
from tracker.domain.messages import N_, Message
from tracker.domain.numbers import QUANTUM, InvalidValue, format_number, parse_number, tidy
from tracker.i18n import gettext_for

if TYPE_CHECKING:
    from tracker.domain.agreement import Indicator

__all__ = [
    "DEFAULT_MAX_LENGTH", "YEAR_RANGE", "InvalidValue", "Option", "Value", "ValueRules", "columns",
    "compute_derived", "format_number", "format_value", "from_columns", "inconsistencies", "meets_target", "parse",
    "parse_number", "target_due_year",
]

YEAR_RANGE = (1900, 2100)
DEFAULT_MAX_LENGTH = 2000
_YES = frozenset({"ja", "yes", "true", "sant", "1"})
_NO = frozenset({"nej", "no", "false", "falskt", "0"})


@dataclass(frozen=True)
class Option:
    """One allowed answer of a choice indicator."""

    key: str
    label_sv: str
    label_en: str


@dataclass(frozen=True)
class ValueRules:
    """Everything this module needs to know of an indicator, so that it works (and is tested) without a database."""

    kind: IndicatorKind
    unit: str | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    operand_keys: tuple[str, ...] = ()
    target_comparison: TargetComparison | None = None
    target_value: Decimal | None = None
    target_options: tuple[str, ...] = ()
    at_most_key: str | None = None  # a part of this answer (gas cars of cars): not larger than it
    at_most_message: tuple[str, str] | None = None  # the agreement's message, Swedish and English
    not_after_round_year: bool = False  # a year, not after the year reported on
    # The agreement's own limits of the check against the party's earlier years (tracker.domain.plausibility);
    # None takes the kind's default, is_history_checked False turns the check off.
    history_max_points: Decimal | None = None
    history_max_factor: Decimal | None = None
    history_min_base: Decimal | None = None
    is_history_checked: bool = True

    def __post_init__(self) -> None:  # accept plain strings and lists, as read from a data file
        object.__setattr__(self, "kind", IndicatorKind(self.kind))
        if self.target_comparison is not None:
            object.__setattr__(self, "target_comparison", TargetComparison(self.target_comparison))
        for name in ("options", "operand_keys", "target_options"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @classmethod
    def of(cls, indicator: Indicator) -> ValueRules:
        """The rules of an Indicator row (its options in their order)."""
        return cls(
            kind=indicator.kind,
            unit=indicator.unit or None,
            min_value=indicator.min_value,
            max_value=indicator.max_value,
            max_length=indicator.max_length,
            options=tuple(Option(o.key, o.label_sv, o.label_en) for o in indicator.options),
            operand_keys=tuple(indicator.operand_keys or ()),
            target_comparison=indicator.target_comparison,
            target_value=indicator.target_value,
            target_options=tuple(indicator.target_options or ()),
            at_most_key=indicator.at_most_key,
            at_most_message=(indicator.at_most_message_sv, indicator.at_most_message_en or indicator.at_most_message_sv)
            if indicator.at_most_message_sv else None,
            not_after_round_year=bool(indicator.not_after_round_year),
            history_max_points=indicator.history_max_points,
            history_max_factor=indicator.history_max_factor,
            history_min_base=indicator.history_min_base,
            is_history_checked=indicator.is_history_checked is not False,
        )


@dataclass(frozen=True)
class Value:
    """A valid, typed value: exactly one of a number, a text (a choice's key or free text) and a yes/no."""

    number: Decimal | None = None
    text: str | None = None
    flag: bool | None = None

    def __post_init__(self) -> None:
        if [self.number, self.text, self.flag].count(None) != 2:
            raise ValueError("a Value holds exactly one of number, text and flag")

    def columns(self) -> dict[str, object]:
        """The TypedValueMixin columns that store this value: `Answer(**value.columns())`."""
        return {"value_number": self.number, "value_text": self.text, "value_bool": self.flag}


def columns(value: Value | None) -> dict[str, object]:
    """The TypedValueMixin columns of `value`; all None (the answer cleared) for None."""
    return value.columns() if value is not None else {"value_number": None, "value_text": None, "value_bool": None}


def from_columns(number: Decimal | None, text: str | None, flag: bool | None) -> Value | None:
    """The value a stored row (Answer, RoundValue) holds, or None for an empty row."""
    if number is None and text is None and flag is None:
        return None
    return Value(number=None if number is None else tidy(Decimal(str(number))), text=text, flag=flag)


def parse(rules: ValueRules, raw: object) -> Value | None:
    """Read what a person entered: a form's string, or an Excel cell (int, float, Decimal, bool, date...).

    Blank is None (no answer). Anything the indicator does not accept raises `InvalidValue`, and nothing else.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    kind = rules.kind
    if kind.is_derived:
        raise InvalidValue("derived", N_("This value is computed and cannot be entered."))
    if kind is IndicatorKind.YES_NO:
        return _parse_yes_no(raw)
    if kind is IndicatorKind.CHOICE:
        return _parse_choice(rules, raw)
    if kind is IndicatorKind.TEXT:
        return _parse_text(rules, raw)
    return _parse_number(rules, raw)


def _parse_number(rules: ValueRules, raw: object) -> Value:
    number = _read_number(rules, raw)
    kind = rules.kind
    if kind in (IndicatorKind.COUNT, IndicatorKind.YEAR) and number != number.to_integral_value():
        raise InvalidValue("not_an_integer", N_("Enter a whole number."))
    if kind is IndicatorKind.YEAR:
        first, last = _year_range(rules)
        if not first <= number <= last:
            msgid = N_("Enter a year between %(low)s and %(high)s.")
            raise InvalidValue("year_out_of_range", msgid, low=first, high=last)
        return Value(number=number)
    if kind is IndicatorKind.PERCENT and not 0 <= number <= 100:
        code = "below_minimum" if number < 0 else "above_maximum"
        raise InvalidValue(code, N_("The share must be between 0 and 100 %."))
    if number < 0:
        raise InvalidValue("below_minimum", N_("The value cannot be negative."))
    low, high = rules.min_value, rules.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        code = "below_minimum" if low is not None and number < low else "above_maximum"
        if low is not None and high is not None:
            msgid = N_("Enter a value between %(minimum)s and %(maximum)s.")
            raise InvalidValue(code, msgid, minimum=format_number(low), maximum=format_number(high))
        if low is not None:
            raise InvalidValue(code, N_("The value must be at least %(minimum)s."), minimum=format_number(low))
        assert high is not None  # the condition above: below a minimum, or above a maximum
        raise InvalidValue(code, N_("The value must be at most %(maximum)s."), maximum=format_number(high))
    return Value(number=number)


def _year_range(rules: ValueRules) -> tuple[int, int]:
    low, high = YEAR_RANGE
    if rules.min_value is not None:
        low = max(low, math.ceil(rules.min_value))
    if rules.max_value is not None:
        high = min(high, math.floor(rules.max_value))
    return low, high


def _read_number(rules: ValueRules, raw: object) -> Decimal:
    """`parse_number` with the unit of the indicator, and a refusal worded for its kind."""
    try:
        return parse_number(raw, rules.unit, percent=rules.kind is IndicatorKind.PERCENT)
    except InvalidValue as error:
        if error.code != "not_a_number" or rules.kind not in (IndicatorKind.YEAR, IndicatorKind.COUNT):
            raise
    if rules.kind is IndicatorKind.COUNT:
        raise InvalidValue("not_a_number", N_("Enter a whole number.")) from None
    low, high = _year_range(rules)
    raise InvalidValue("not_a_number", N_("Enter a year between %(low)s and %(high)s."), low=low, high=high) from None


def _parse_yes_no(raw: object) -> Value:
    if isinstance(raw, bool):
        return Value(flag=raw)
    if isinstance(raw, int | float | Decimal) and not (isinstance(raw, Decimal) and raw.is_nan()):
        if raw in (0, 1):
            return Value(flag=raw == 1)
    elif isinstance(raw, str):
        word = raw.strip().casefold()
        if word in _YES or word in _NO:
            return Value(flag=word in _YES)
    raise InvalidValue("not_yes_no", N_("Answer yes or no."))


def _parse_choice(rules: ValueRules, raw: object) -> Value:
    """An option's key, or (for the offline Excel form) its Swedish or English label in any case."""
    if isinstance(raw, str | int) and not isinstance(raw, bool):
        said = _words(str(raw))
        for option in rules.options:
            if option.key == said:
                return Value(text=option.key)
        for option in rules.options:
            if said.casefold() in {_words(name).casefold() for name in (option.key, option.label_sv, option.label_en)}:
                return Value(text=option.key)
    options = ", ".join(option.label_sv for option in rules.options)
    raise InvalidValue("unknown_choice", N_("Choose one of: %(options)s."), options=options)


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _parse_text(rules: ValueRules, raw: object) -> Value | None:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise InvalidValue("not_text", N_("Enter a text."))
    text = unicodedata.normalize("NFC", str(raw)).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in text):
        raise InvalidValue("invalid_characters", N_("The text contains characters that cannot be saved."))
    if INVISIBLE_FORMATTING.search(text):
        raise InvalidValue("invisible_characters", INVISIBLE_MESSAGE)
    limit = rules.max_length or DEFAULT_MAX_LENGTH
    if len(text) > limit:
        raise InvalidValue(
            "too_long", N_("The text can be at most %(max_length)s characters long (now %(length)s)."),
            max_length=limit, length=len(text),
        )
    return Value(text=text)


def format_value(rules: ValueRules, value: Value | None, locale: str = "sv", decimals: int | None = None) -> str:
    """A value as people read it: "12,5 %", "36 GWh", "1 234", "2019", "Ja", a choice's label; "" for None.

    `decimals` limits the decimals shown (reports); by default all (at most 4) are, so that `parse` reads the
    text back as the same value. Number and unit are joined by a no-break space.
    """
    if value is None:
        return ""
    language = "en" if locale.startswith("en") else "sv"
    if value.flag is not None:
        return gettext_for(language)(N_("Yes") if value.flag else N_("No"))
    if value.text is not None:
        for option in rules.options if rules.kind is IndicatorKind.CHOICE else ():
            if option.key == value.text:
                return option.label_en if language == "en" and option.label_en else option.label_sv
        return value.text
    assert value.number is not None
    if rules.kind is IndicatorKind.YEAR and value.number == value.number.to_integral_value():
        return str(int(value.number))
    text = format_number(value.number, language, decimals)
    unit = "%" if rules.kind in (IndicatorKind.PERCENT, IndicatorKind.RATIO) else rules.unit
    return f"{text}\u00a0{unit}" if unit else text


def compute_derived(rules: ValueRules, operands: Mapping[str, Value | None]) -> Value | None:
    """The value of a derived indicator from its operands' values, by indicator key.

    sum: the sum of the operands that have a number (None if none has); ratio: the first operand as a share
    of the second, in percent, rounded to 4 decimals (None if either is missing or the second is 0).
    """
    numbers = [_number_of(operands.get(key)) for key in rules.operand_keys]
    if rules.kind is IndicatorKind.SUM:
        present = [number for number in numbers if number is not None]
        return Value(number=tidy(sum(present, Decimal(0)))) if present else None
    if rules.kind is IndicatorKind.RATIO:
        if len(numbers) != 2:
            raise ValueError(f"a ratio needs 2 operands, not {rules.operand_keys!r}")
        numerator, denominator = numbers
        if numerator is None or denominator is None or denominator == 0:
            return None
        with localcontext() as context:
            context.prec = 40
            share = (numerator * 100 / denominator).quantize(QUANTUM, rounding=ROUND_HALF_UP)
        return Value(number=tidy(share))
    raise ValueError(f"{rules.kind} is not a derived kind")


def _number_of(value: Value | None) -> Decimal | None:
    return value.number if value is not None else None


def meets_target(rules: ValueRules, value: Value | None) -> bool | None:
    """Whether `value` reaches the indicator's target; None when there is no target or no value.

    ge/le/eq compare numbers with target_value; "in" looks the answer up in target_options: a choice by its
    key, a yes/no as "yes" or "no".
    """
    comparison = rules.target_comparison
    if comparison is None or value is None:
        return None
    if rules.kind is IndicatorKind.RATIO and value.number is not None and value.number > 100:
        return None  # more than the whole: the answers it is computed from are wrong, nothing is reached
    if comparison is TargetComparison.ONE_OF:
        if value.flag is not None:
            return ("yes" if value.flag else "no") in rules.target_options
        return value.text in rules.target_options if value.text is not None else None
    if value.number is None or rules.target_value is None:
        return None
    if comparison is TargetComparison.AT_LEAST:
        return value.number >= rules.target_value
    if comparison is TargetComparison.AT_MOST:
        return value.number <= rules.target_value
    return value.number == rules.target_value


def target_due_year(anchor: Value | None, offset_years: int | None) -> int | None:
    """The year a target is due: `offset_years` after the year `anchor` holds (first station 2016 + 5 = 2021)."""
    if anchor is None or anchor.number is None or offset_years is None:
        return None
    if anchor.number != anchor.number.to_integral_value():
        return None
    return int(anchor.number) + offset_years


def inconsistencies(rules: Mapping[str, ValueRules], values: Mapping[str, Value], year: int) -> dict[str, InvalidValue]:
    """The answers of one report (by indicator key) that contradict another of its answers or the year reported
    on: a part larger than its whole (gas cars > cars), the first station's year after `year`. The web form, the
    offline Excel form and the import of earlier years all ask this, so a report is consistent for the same
    reasons wherever it was filled in. Each refusal is at the answer that names the rule (the part).
    """
    found: dict[str, InvalidValue] = {}
    for key, rule in rules.items():
        value = values.get(key)
        if value is None or value.number is None:
            continue
        if rule.not_after_round_year and value.number > year:
            found[key] = InvalidValue("after_the_year", N_("The year cannot be after %(year)s, the year reported on."),
                                      year=year)
        whole = values.get(rule.at_most_key) if rule.at_most_key else None
        if whole is not None and whole.number is not None and value.number > whole.number:
            error = InvalidValue("larger_than_the_whole", N_("The part is larger than the whole: check the figures."))
            if rule.at_most_message is not None:
                error.message = Message(error.message.msgid, {}, {"sv": rule.at_most_message[0],
                                                                  "en": rule.at_most_message[1]})
            found[key] = error
    return found
