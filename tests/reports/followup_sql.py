"""Independent answers from the database, by plain SQL (never through the code under test)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

REPORTED = "('submitted', 'approved')"
ANSWERS = f"""
    FROM answers a
    JOIN submissions s ON s.id = a.submission_id
    JOIN reporting_rounds r ON r.id = s.round_id
    JOIN indicators i ON i.id = a.indicator_id
    JOIN parties p ON p.id = s.party_id
    WHERE r.year = :year AND s.state IN {REPORTED}
"""


def numbers(session: Session, year: int, key: str) -> dict[str, Decimal]:
    """Each reporting party's number for `key` in `year`, by party code."""
    rows = session.execute(text(f"SELECT p.code, a.value_number {ANSWERS} AND i.key = :key"),
                           {"year": year, "key": key})
    return {code: Decimal(str(value)) for code, value in rows if value is not None}


def total(session: Session, year: int, *keys: str) -> Decimal:
    query = text(f"SELECT SUM(a.value_number) {ANSWERS} AND i.key IN :keys").bindparams(
        bindparam("keys", expanding=True))
    value = session.execute(query, {"year": year, "keys": list(keys)}).scalar()
    return Decimal(str(value))


def weighted_share(session: Session, year: int, numerator: str, denominator: str) -> Decimal:
    """Σ numerator / Σ denominator × 100 over the reports that have both."""
    both = """s.id IN (SELECT submission_id FROM answers JOIN indicators ON indicators.id = answers.indicator_id
                         WHERE indicators.key = :n AND answers.value_number IS NOT NULL)
           AND s.id IN (SELECT submission_id FROM answers JOIN indicators ON indicators.id = answers.indicator_id
                         WHERE indicators.key = :d AND answers.value_number IS NOT NULL)"""
    top, bottom = session.execute(text(
        f"SELECT SUM(CASE WHEN i.key = :n THEN a.value_number END), SUM(CASE WHEN i.key = :d THEN a.value_number END)"
        f" {ANSWERS} AND {both}"), {"year": year, "n": numerator, "d": denominator}).one()
    return Decimal(str(top)) * 100 / Decimal(str(bottom))


def round_value(session: Session, year: int, key: str) -> Decimal:
    value = session.execute(text(
        "SELECT v.value_number FROM round_values v JOIN reporting_rounds r ON r.id = v.round_id"
        " JOIN indicators i ON i.id = v.indicator_id WHERE r.year = :year AND i.key = :key"),
        {"year": year, "key": key}).scalar_one()
    return Decimal(str(value))


def states(session: Session, year: int) -> dict[str, int]:
    rows = session.execute(text(
        "SELECT s.state, COUNT(*) FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id"
        " WHERE r.year = :year GROUP BY s.state"), {"year": year})
    return {state: count for state, count in rows}
