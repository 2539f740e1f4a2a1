"""`tracker export-excel` as a project leader runs it on the demo data."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook
from sqlalchemy import Engine

from tracker.cli import cli


def run(engine: Engine, *args: str) -> Result:
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url}, catch_exceptions=False)


def test_export_writes_the_summary(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "sammanstallning.xlsx"
    result = run(demo_engine, "export-excel", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "14 av 14 rapporter" in result.output
    assert load_workbook(BytesIO(out.read_bytes())).sheetnames[0] == "Sammanfattning"


def test_export_in_english_with_drafts(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "summary.xlsx"
    result = run(demo_engine, "export-excel", "--year", "2024", "--out", str(out), "--include-drafts",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(BytesIO(out.read_bytes()))
    assert workbook.sheetnames[0] == "Summary"
    texts = {cell.value for row in workbook["Summary"].iter_rows(max_row=3) for cell in row}
    assert any(isinstance(t, str) and t.startswith("PRELIMINARY") for t in texts)


def test_a_year_without_a_round_gets_a_friendly_message(demo_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "none.xlsx"
    result = run(demo_engine, "export-excel", "--year", "1999", "--out", str(out))
    assert result.exit_code == 1
    assert "Det finns ingen rapporteringsomgång för 1999." in result.output
    assert "Traceback" not in result.output and not out.exists()
