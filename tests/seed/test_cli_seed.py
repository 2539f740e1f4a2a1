"""`tracker seed`: loads the files, commits, prints one summary line per file, and fails cleanly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.domain import Agreement, Indicator


def test_seed_command_loads_and_is_safe_to_repeat(app: Flask, session: Session, biogas_file: Path) -> None:
    runner = app.test_cli_runner()

    first = runner.invoke(cli, ["seed", str(biogas_file)])
    second = runner.invoke(cli, ["seed", str(biogas_file)])

    assert first.exit_code == 0, first.output
    assert first.output.startswith("biogas_jonkoping.toml: Överenskommelse kring biogas i Jönköpings län v2018 — ")
    assert "— 0 skapade, 0 uppdaterade," in second.output
    assert session.scalar(select(func.count()).select_from(Agreement)) == 1
    assert session.scalar(select(func.count()).select_from(Indicator)) == 29


def test_seed_command_reports_a_broken_file(
    app: Flask, session: Session, edited_copy: Callable[..., Path]
) -> None:
    broken = edited_copy('kind = "sum"', 'kind = "summa"')

    result = app.test_cli_runner().invoke(cli, ["seed", str(broken)])

    assert result.exit_code == 1
    assert f"{broken}: ett fel, ingenting har sparats:" in result.stderr
    assert "commitments[0].indicators[3].kind" in result.stderr
    assert session.scalar(select(func.count()).select_from(Agreement)) == 0
