"""Numbers as Swedish public servants write them, and as the database keeps them.

"12,5" and "12.5" are both twelve and a half; "1 234,5" is grouped by a space, a no-break space or a narrow
no-break space. Numbers are `Decimal`, never float, and fit Numeric(18, 4): at most 4 decimals, below 10**14.
`tracker.domain.values` builds the rules of each indicator kind on top of this module.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.numbers import format_decimal

from tracker.domain.messages import N_, Message

DECIMAL_PLACES = 4
NUMBER_LIMIT = Decimal(10) ** 14  # exclusive: Numeric(18, 4) keeps 14 digits before the decimal point
QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)

_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign (CLDR's Swedish), en dash (Word's autocorrect)
_NUMBER_AND_SUFFIX = re.compile(r"(?P<number>.*?[0-9])\s*(?P<suffix>[^0-9]*)", re.DOTALL)
_DIGITS = re.compile(r"(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+|[0-9]*)(?:[.,](?P<fraction>[0-9]+))?")


class InvalidValue(Exception):  # noqa: N818 - the name the rest of the product uses
    """A value an indicator does not accept: `code` is for programs, `message` for the person who typed it.

    Codes: not_a_number, ambiguous_separator, too_many_decimals, too_large, wrong_unit, below_minimum,
    above_maximum, not_an_integer, year_out_of_range, not_yes_no, unknown_choice, not_text, too_long,
    invalid_characters, derived.
    """

    def __init__(self, code: str, msgid: str, **params: Any) -> None:
        self.code = code
        self.message = Message(msgid, params)
        super().__init__(f"{code}: {msgid % params if params else msgid}")


def parse_number(raw: object, unit: str | None = None, *, percent: bool = False) -> Decimal:
    """Any number that fits the database, negative ones too: "12,5", "−1 234,5", 12.5 (an Excel cell).

    The text may end with `unit` ("36 GWh", any case) or, if `percent`, with "%". Raises `InvalidValue`.
    """
    if isinstance(raw, str):
        number = _read(raw, unit, percent)
    elif isinstance(raw, float):
        number = _from_float(raw) if math.isfinite(raw) else Decimal("NaN")
    elif isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        number = Decimal(raw)
    else:
        raise not_a_number()
    if not number.is_finite():
        raise not_a_number()
    if abs(number) >= NUMBER_LIMIT:
        raise InvalidValue("too_large", N_("The number is too large."))
    if number != number.quantize(QUANTUM):
        raise InvalidValue("too_many_decimals", N_("Enter at most %(places)s decimals."), places=DECIMAL_PLACES)
    return tidy(number)


def not_a_number() -> InvalidValue:
    return InvalidValue("not_a_number", N_("Enter a number, for example 12,5."))


def _read(text: str, unit: str | None, percent: bool) -> Decimal:
    match = _NUMBER_AND_SUFFIX.fullmatch(text.strip())
    if match is None:
        raise not_a_number()
    digits, suffix = match["number"], match["suffix"]
    if "," in digits and "." in digits:
        raise InvalidValue(
            "ambiguous_separator", N_("Use either a decimal comma or a decimal point, not both, for example 1234,5.")
        )
    sign = "-" if digits[0] in _MINUS_SIGNS else ""
    parts = _DIGITS.fullmatch(digits[1:] if sign else digits)
    if parts is None:
        raise not_a_number()
    if suffix:
        accepted = [name for name in (unit, "%" if percent else None) if name]
        if suffix.casefold() not in {name.casefold() for name in accepted}:
            if accepted and any(c.isalpha() or c == "%" for c in suffix):
                raise InvalidValue("wrong_unit", N_("Enter the value in %(unit)s."), unit=accepted[0])
            raise not_a_number()
    whole = "".join(c for c in parts["whole"] if c.isdigit()) or "0"
    return Decimal(f"{sign}{whole}.{parts['fraction'] or '0'}")


def _from_float(cell: float) -> Decimal:
    """An Excel cell's float as the decimal the person typed, forgiving binary noise such as 0.1 + 0.2."""
    number = Decimal(repr(cell))
    if abs(number) < NUMBER_LIMIT:
        rounded = number.quantize(QUANTUM)
        if abs(float(rounded) - cell) <= 4 * math.ulp(cell):
            return rounded
    return number


def tidy(number: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent: 12.5000 -> 12.5, 1E+2 -> 100, -0 -> 0."""
    if not number:
        return Decimal(0)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def format_number(number: Decimal, locale: str = "sv", decimals: int | None = None) -> str:
    """ "1 234,5" in Swedish, "1 234.5" in English: grouped by no-break spaces, which `parse_number` reads back.

    English is not grouped by commas, because "1,234" is 1,234 (1.234) to a Swedish reader and to the parser.
    `decimals` rounds (half up) to fewer than the 4 decimals otherwise shown when present.
    """
    places = DECIMAL_PLACES if decimals is None else min(decimals, DECIMAL_PLACES)
    if places < DECIMAL_PLACES:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "#" * places if places else "")
    if locale.startswith("en"):
        return format_decimal(number, pattern, locale="en").replace(",", "\u00a0")
    return format_decimal(number, pattern, locale="sv")
