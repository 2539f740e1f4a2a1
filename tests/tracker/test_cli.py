"""The `tracker` command as an operator runs it: on a new empty database of each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, inspect, select

from tracker.cli import cli
from tracker.database import make_engine
from tracker.domain import Agreement, AuditEvent, Base, Commitment, Party, Submission, User


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url}, catch_exceptions=False)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order: two equal dumps mean nothing changed."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def count(url: str, model: type[Base]) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model)).scalar_one()
    finally:
        engine.dispose()


def test_db_upgrade_builds_an_empty_database(fresh_database_url: str) -> None:
    result = run(fresh_database_url, "db", "upgrade")
    assert result.exit_code == 0, result.output
    engine = make_engine(fresh_database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables
    assert run(fresh_database_url, "db", "upgrade").exit_code == 0  # again: nothing to do


def test_seed_twice_leaves_the_database_unchanged(fresh_database_url: str) -> None:
    assert run(fresh_database_url, "db", "upgrade").exit_code == 0
    first = run(fresh_database_url, "seed")
    assert first.exit_code == 0, first.output
    after_first = dump(fresh_database_url)
    assert len(after_first["commitments"]) == 8
    assert len(after_first["parties"]) == 14

    second = run(fresh_database_url, "seed")
    assert second.exit_code == 0, second.output
    assert dump(fresh_database_url) == after_first


def test_seed_with_a_broken_file_says_where_and_writes_nothing(fresh_database_url: str, tmp_path: Path) -> None:
    assert run(fresh_database_url, "db", "upgrade").exit_code == 0
    broken = tmp_path / "broken.toml"
    broken.write_text('[agreement]\nslug = "x"\nname_sv = "Trasig"\n', encoding="utf-8")
    before = dump(fresh_database_url)

    result = CliRunner().invoke(cli, ["seed", str(broken)], env={"DATABASE_URL": fresh_database_url})

    assert result.exit_code == 1
    assert "broken.toml" in result.output
    assert "Traceback" not in result.output
    assert dump(fresh_database_url) == before


@pytest.mark.slow(reason="loads the whole demo through the command, twice")
def test_demo_adds_example_data_once_and_prints_the_logins(fresh_database_url: str) -> None:
    assert run(fresh_database_url, "db", "upgrade").exit_code == 0
    assert run(fresh_database_url, "seed").exit_code == 0

    first = run(fresh_database_url, "demo", "--if-empty")
    assert first.exit_code == 0, first.output
    assert "projektledare@exempel.se" in first.output
    submissions = count(fresh_database_url, Submission)
    assert submissions >= 14 * 6
    assert count(fresh_database_url, User) >= 4

    after_first = dump(fresh_database_url)
    second = run(fresh_database_url, "demo", "--if-empty")
    assert second.exit_code == 0
    assert "projektledare@exempel.se" in second.output  # the logins are printed every time
    assert dump(fresh_database_url) == after_first


@pytest.mark.parametrize("model", [Agreement, Commitment, Party, AuditEvent])
def test_upgrade_alone_loads_no_data(fresh_database_url: str, model: type[Base]) -> None:
    assert run(fresh_database_url, "db", "upgrade").exit_code == 0
    assert count(fresh_database_url, model) == 0


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("db", "seed", "demo", "run"):
        assert command in result.output
