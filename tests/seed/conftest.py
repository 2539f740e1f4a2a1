"""Fixtures of the seed tests: the data files, edited copies of them, and a snapshot of every table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from seed.loader import DATA_DIR
from tracker.domain import Base

BIOGAS_FILE = DATA_DIR / "biogas_jonkoping.toml"
OTHER_FILE = Path(__file__).resolve().parent / "data" / "other_agreement.toml"

Snapshot = dict[str, list[tuple[Any, ...]]]


@pytest.fixture
def biogas_file() -> Path:
    return BIOGAS_FILE


@pytest.fixture
def other_file() -> Path:
    return OTHER_FILE


@pytest.fixture
def edited_copy(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the biogas file (or `source`) with `old` replaced by `new`; `old` must occur `count` times."""

    def edit(old: str, new: str, *, count: int = 1, source: Path = BIOGAS_FILE, name: str | None = None) -> Path:
        text = source.read_text(encoding="utf-8")
        assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {source.name}"
        path = tmp_path / (name or source.name)
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return edit


@pytest.fixture
def snapshot(session: Session) -> Callable[[], Snapshot]:
    """Every row of every table, ordered by primary key: equal snapshots mean nothing was written."""

    def take() -> Snapshot:
        session.flush()
        return {
            table.name: [tuple(row) for row in session.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }

    return take


@pytest.fixture
def row_counts(session: Session) -> Callable[[], dict[str, int]]:
    def count() -> dict[str, int]:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }

    return count
