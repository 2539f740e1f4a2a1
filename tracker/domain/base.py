"""The declarative base every model shares, and the column helpers used across models."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, DateTime, Enum, MetaData, Numeric, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that Alembic migrations name the same things on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def within(year: int, first: int | None, last: int | None) -> bool:
    """Whether `year` is in the years `first` to `last` (None: open at that end): a question's, a commitment's,
    a version's or a membership's years."""
    return (first is None or first <= year) and (last is None or year <= last)


def utcnow() -> datetime:
    return datetime.now(UTC)


class ChangeTimeMixin:
    """`updated_dt`: when the row last changed (set by every ORM update). What the outputs show of the catalogue
    and the parties (labels, targets, names) is in the follow-up's fingerprint through it
    (tracker.queries.followup.data_version), so a rename or a new target shows at once in every worker."""

    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 server_default=func.now())


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A string column limited to the enum's values by a CHECK constraint (no native DB enum)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


# Numbers are stored exactly: 14 digits before the decimal point, 4 after.
NUMBER = Numeric(18, 4)


class TypedValueMixin:
    """One reported value: a number, a text (choice key or free text) or a yes/no, never two of them.

    Which column is used follows from the indicator's kind; `tracker.domain.values` decides that.
    """

    value_number: Mapped[Decimal | None] = mapped_column(NUMBER)
    value_text: Mapped[str | None] = mapped_column(Text)
    value_bool: Mapped[bool | None] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)


def one_value_check() -> CheckConstraint:
    """The CHECK that keeps a TypedValueMixin row to at most one of its value columns."""
    return CheckConstraint(
        "(CASE WHEN value_number IS NULL THEN 0 ELSE 1 END"
        " + CASE WHEN value_text IS NULL THEN 0 ELSE 1 END"
        " + CASE WHEN value_bool IS NULL THEN 0 ELSE 1 END) <= 1",
        name="one_value",
    )
