"""Plausible numbers: an answer far outside the party's own earlier years (DHIS2's min–max idea).

Such an answer is accepted, but the party confirms it with a comment before the report can be submitted, and the
project leaders see it marked on the review page and the overview. What "far" is, is data: a default per
indicator kind here, which the agreement file may override per indicator (`history_check`, Indicator.history_*):

- a share (percent, ratio) that moves more than 40 percentage points from the previous report (10 % → 90 %);
- an amount (count, quantity, sum) that is ten times the previous one or more, or a tenth or less (12 → 140);
  unless both are below a small base, where a factor means nothing (0 → 3 cars).

The previous value is the party's latest earlier report that has the answer (derived figures computed from that
report's answers). The first year of a party, or of a question, has nothing to compare with and never warns.
The hard consistency rules between the answers of one report are `tracker.domain.values.inconsistencies`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.agreement import IndicatorKind
from tracker.domain.messages import N_, Message
from tracker.domain.values import Value, ValueRules, format_value
from tracker.i18n import LOCALES, gettext_for

__all__ = ["DEFAULT_HISTORY_CHECKS", "HistoryCheck", "UnusualChange", "history_check", "unusual_change"]


@dataclass(frozen=True)
class HistoryCheck:
    """How far a value may move from the previous report: `max_points` percentage points (shares), or a factor
    below `max_factor` either way (amounts), the factor only when either value is at least `min_base`."""

    max_points: Decimal | None = None
    max_factor: Decimal | None = None
    min_base: Decimal = Decimal(0)


_SHARE = HistoryCheck(max_points=Decimal(40))
DEFAULT_HISTORY_CHECKS: dict[IndicatorKind, HistoryCheck] = {
    IndicatorKind.PERCENT: _SHARE,
    IndicatorKind.RATIO: _SHARE,
    IndicatorKind.COUNT: HistoryCheck(max_factor=Decimal(10), min_base=Decimal(10)),  # 0 → 3 stations: no matter
    IndicatorKind.QUANTITY: HistoryCheck(max_factor=Decimal(10), min_base=Decimal(1)),  # 0,2 → 0,9 GWh: neither
    IndicatorKind.SUM: HistoryCheck(max_factor=Decimal(10), min_base=Decimal(1)),
}
"""The check of each kind that has one; years, yes/no, choices and texts are not compared with earlier years."""


def history_check(rules: ValueRules) -> HistoryCheck | None:
    """The check of an indicator: its kind's default with the agreement's own limits; None when it has none."""
    default = DEFAULT_HISTORY_CHECKS.get(rules.kind)
    if default is None or not rules.is_history_checked:
        return None
    return HistoryCheck(
        max_points=rules.history_max_points if rules.history_max_points is not None else default.max_points,
        max_factor=rules.history_max_factor if rules.history_max_factor is not None else default.max_factor,
        min_base=rules.history_min_base if rules.history_min_base is not None else default.min_base,
    )


@dataclass(frozen=True)
class UnusualChange:
    """A value far from the party's previous report: what it was (in `previous_year`), what it is now, and the
    words for it ("Mycket högre än förra året (12 → 140)"), and for asking to confirm it."""

    previous_year: int
    previous: Decimal
    value: Decimal
    message: Message
    to_confirm: Message

    @property
    def is_higher(self) -> bool:
        return self.value > self.previous


def unusual_change(
    rules: ValueRules, value: Value | None, previous: tuple[int, Value] | None, year: int
) -> UnusualChange | None:
    """Whether `value` (reported for `year`) is far from `previous` (year, value), by the indicator's check."""
    check = history_check(rules)
    if check is None or previous is None or value is None:
        return None
    previous_year, previous_value = previous
    now, before = value.number, previous_value.number
    if now is None or before is None or previous_year >= year:
        return None
    if rules.kind is IndicatorKind.RATIO and max(now, before) > 100:
        return None  # more than the whole: the consistency rules say what is wrong with it
    if not _is_far(check, before, now):
        return None
    return UnusualChange(previous_year, before, now, *_messages(rules, before, now, previous_year, year))


def _is_far(check: HistoryCheck, before: Decimal, now: Decimal) -> bool:
    if check.max_points is not None and abs(now - before) > check.max_points:
        return True
    if check.max_factor is None or max(before, now) < check.min_base or before == now:
        return False
    if before == 0 or now == 0:
        return True  # from nothing to something at least the base, or the other way
    factor = now / before if now > before else before / now
    return factor >= check.max_factor


_CHANGE = {
    (True, True): N_("Much higher than last year (%(before)s → %(now)s)"),
    (False, True): N_("Much lower than last year (%(before)s → %(now)s)"),
    (True, False): N_("Much higher than in the report for %(year)s (%(before)s → %(now)s)"),
    (False, False): N_("Much lower than in the report for %(year)s (%(before)s → %(now)s)"),
}
_CONFIRM = N_("%(change)s: confirm it with a comment.")


def _messages(rules: ValueRules, before: Decimal, now: Decimal, previous_year: int, year: int
              ) -> tuple[Message, Message]:
    """The change, and the request to confirm it, in every language: the numbers are written as each writes them
    ("12,5" or "12.5"), so the texts are made here and the Message only picks the reader's."""
    msgid = _CHANGE[(now > before, previous_year == year - 1)]
    decimals = 1 if rules.kind is IndicatorKind.RATIO else None

    def change(language: str, gettext: Callable[[str], str]) -> str:
        return gettext(msgid) % {"year": previous_year,
                                 "before": format_value(rules, Value(number=before), language, decimals),
                                 "now": format_value(rules, Value(number=now), language, decimals)}

    said = {language: change(language, gettext_for(language)) for language in LOCALES}
    asked = {language: gettext_for(language)(_CONFIRM) % {"change": said[language]} for language in LOCALES}
    return Message(msgid, {}, said), Message(_CONFIRM, {}, asked)
