"""The round's history as the round page shows it: the county figures by their names, their values and the dates
as the page writes them (88,5; 31 januari 2027), not as the audit trail keeps them (88.5; 2027-01-31)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tracker.domain import Indicator, localized
from tracker.domain.values import InvalidValue, ValueRules, format_value, parse
from tracker.operations.rounds import DATE_FIELDS
from tracker.queries.rounds import RoundEvent
from tracker.web.reporting.labels import long_date


def figure_labels(indicators: list[Indicator], locale: str) -> dict[str, str]:
    return {i.key: localized(i, "label", locale) for i in indicators}


def readable(events: list[RoundEvent], indicators: list[Indicator], locale: str) -> list[RoundEvent]:
    """The county figures and the dates as the page writes them (88,5; 31 januari 2027), not as the trail keeps
    them."""
    by_key = {i.key: i for i in indicators}

    def shown(indicator: Indicator, text: str | None) -> str | None:
        if text is None:
            return None
        rules = ValueRules.of(indicator)
        try:
            return format_value(rules, parse(rules, text), locale)
        except InvalidValue:
            return text

    def day(text: str | None) -> str | None:
        try:
            return long_date(date.fromisoformat(text)) if text else text
        except ValueError:
            return text

    return [replace(e, old=shown(by_key[e.field], e.old), new=shown(by_key[e.field], e.new))
            if e.action == "round_value.update" and e.field in by_key
            else replace(e, old=day(e.old), new=day(e.new)) if e.field in DATE_FIELDS else e for e in events]
