"""`tracker backup FILE` as an operator runs it on a copy of the demo database: the backup holds the same data,
and restored (SQLite: the file put in place; PostgreSQL: pg_restore into an empty database) the app reads it."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, make_url, text

from tests.conftest import POSTGRES_URL, DemoDatabases
from tracker.cli import cli

TABLES = ("submissions", "answers", "audit_events", "round_reflections")


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() for table in TABLES}
    finally:
        engine.dispose()


@pytest.mark.slow(reason="copies the demo database, backs it up and restores it (pg_dump, pg_restore)")
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_backup_restores_to_the_same_data(backend: str, demo_databases: DemoDatabases, tmp_path: Path) -> None:
    with demo_databases.copy(backend, tmp_path) as url:
        if backend == "postgresql" and (shutil.which("pg_dump") is None or shutil.which("pg_restore") is None):
            pytest.fail("PostgreSQL is tested but its client tools (pg_dump, pg_restore) are not installed")
        file = tmp_path / "backup" / "tracker.backup"
        result = CliRunner().invoke(cli, ["backup", str(file)], env={"DATABASE_URL": url}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert f"Säkerhetskopia skriven: {file}" in result.output
        again = CliRunner().invoke(cli, ["backup", str(file)], env={"DATABASE_URL": url})
        assert again.exit_code == 1 and "finns redan" in again.output  # never overwritten
        if backend == "sqlite":
            restored = f"sqlite:///{file}"
            assert counts(restored) == counts(url)
            return
        assert POSTGRES_URL is not None
        name = f"tracker_restore_{uuid.uuid4().hex[:8]}"
        admin = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            target = make_url(url).set(database=name)
            plain = target.set(drivername="postgresql").render_as_string(hide_password=False)
            subprocess.run(["pg_restore", "--no-owner", "-d", plain, str(file)], check=True, capture_output=True)
            assert counts(target.render_as_string(hide_password=False)) == counts(url)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
