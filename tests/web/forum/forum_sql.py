"""Independent figures from the database, by plain SQL: what the dashboard's tables must show."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

REPORTED = "s.state IN ('submitted', 'approved')"
IN_YEAR = f"""
    JOIN submissions s ON s.id = a.submission_id
    JOIN reporting_rounds r ON r.id = s.round_id
    JOIN parties p ON p.id = s.party_id
    WHERE r.year = :year AND {REPORTED}
"""


def one_decimal(number: Decimal) -> Decimal:
    return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def indicator(session: Session, key: str) -> tuple[str, str, list[str]]:
    """(kind, scope, operand keys) of an indicator."""
    kind, scope, operands = session.execute(
        text("SELECT kind, scope, operand_keys FROM indicators WHERE key = :key"), {"key": key}).one()
    if isinstance(operands, str):
        operands = json.loads(operands)
    return kind, scope, list(operands or [])


def stored_numbers(session: Session, year: int, key: str) -> dict[str, Decimal]:
    """Each reporting party's stored number for `key`, by party name."""
    rows = session.execute(text(
        f"SELECT p.name, a.value_number FROM answers a JOIN indicators i ON i.id = a.indicator_id {IN_YEAR}"
        " AND i.key = :key AND a.value_number IS NOT NULL"), {"year": year, "key": key})
    return {name: Decimal(str(value)) for name, value in rows}


def party_numbers(session: Session, year: int, key: str) -> dict[str, Decimal]:
    """Stored numbers, or for a derived figure its sum or its share (numerator / denominator × 100)."""
    kind, _scope, operands = indicator(session, key)
    if kind == "ratio":
        top, bottom = (stored_numbers(session, year, operand) for operand in operands)
        return {name: top[name] * 100 / bottom[name] for name in top if bottom.get(name)}
    if kind == "sum":
        found: dict[str, Decimal] = {}
        for operand in operands:
            for name, number in stored_numbers(session, year, operand).items():
                found[name] = found.get(name, Decimal(0)) + number
        return found
    return stored_numbers(session, year, key)


def county_figure(session: Session, year: int, key: str) -> Decimal | None:
    """A county figure entered by the project leaders, or the total of the parties' numbers."""
    _kind, scope, _operands = indicator(session, key)
    if scope == "round":
        value = session.execute(text(
            "SELECT v.value_number FROM round_values v JOIN reporting_rounds r ON r.id = v.round_id"
            " JOIN indicators i ON i.id = v.indicator_id WHERE r.year = :year AND i.key = :key"),
            {"year": year, "key": key}).scalar()
        return Decimal(str(value)) if value is not None else None
    numbers = party_numbers(session, year, key)
    return sum(numbers.values(), Decimal(0)) if numbers else None


def answer_counts(session: Session, year: int, key: str) -> dict[str, int]:
    """How many reporting parties gave each answer, by the answer's Swedish label."""
    labels = dict(session.execute(text(
        "SELECT o.key, o.label_sv FROM indicator_options o JOIN indicators i ON i.id = o.indicator_id"
        " WHERE i.key = :key"), {"key": key}).all()) or {"yes": "Ja", "no": "Nej"}
    rows = session.execute(text(
        "SELECT CASE WHEN a.value_bool IS NULL THEN a.value_text WHEN a.value_bool THEN 'yes' ELSE 'no' END,"
        f" COUNT(*) FROM answers a JOIN indicators i ON i.id = a.indicator_id {IN_YEAR} AND i.key = :key"
        " GROUP BY 1"), {"year": year, "key": key})
    return {labels[answer]: count for answer, count in rows}


def status_counts(session: Session, year: int, number: str) -> dict[str, int]:
    """How many reporting parties gave each status on commitment `number`, by the status's Swedish label."""
    rows = session.execute(text(
        "SELECT l.label_sv, COUNT(*) FROM commitment_statuses a JOIN status_levels l ON l.id = a.status_level_id"
        f" JOIN commitments c ON c.id = a.commitment_id {IN_YEAR} AND c.number = :number GROUP BY l.label_sv"),
        {"year": year, "number": number})
    return dict(rows.all())
