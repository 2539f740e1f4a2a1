"""The final report over the agreement's whole life (reports.final) on the demo data, the agreement ended with
2026: every year, every version, every commitment, each target reached or not per year, as a deck and a workbook;
checked against the yearly follow-ups and plain counts."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import select
from sqlalchemy.orm import Session

from reports.data import build_followup
from reports.final import FinalReport, Verdict, build_final_report
from reports.final.excel import build_final_workbook
from reports.final.slides import build_final_deck
from seed.loader import DATA_DIR, load_agreement_file
from tracker.cli import cli
from tracker.domain import Agreement, ReportingRound, RoundState
from tracker.operations.audit import Actor
from tracker.operations.rounds import close_round, open_round, start_round
from tracker.queries.followup import load_followup_inputs

ACTOR = Actor.system("test")
REVISION = Path(__file__).resolve().parents[1] / "seed" / "data" / "biogas_revision_2027.toml"


def ended_in_2026(session: Session, tmp_path: Path) -> None:
    """The demo's open 2025 round closed, a 2026 round held, and the agreement's data ending with 2026."""
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    this_year = session.scalar(select(ReportingRound).where(ReportingRound.agreement_id == agreement.id,
                                                            ReportingRound.year == 2025))
    assert this_year is not None and this_year.state is RoundState.OPEN
    close_round(session, ACTOR, this_year)
    last = start_round(session, ACTOR, agreement, 2026, date(2027, 1, 15), date(2027, 3, 31))
    open_round(session, ACTOR, last, today=date(2027, 1, 15))
    close_round(session, ACTOR, last)
    ended = tmp_path / "ended.toml"
    text = (DATA_DIR / "biogas_jonkoping.toml").read_text(encoding="utf-8")
    ended.write_text(text.replace("in_force_from_year = 2018\n", "in_force_from_year = 2018\nin_force_to_year = 2026\n",
                                  1), encoding="utf-8")
    load_agreement_file(session, ended)
    session.flush()


def final_report(session: Session, year: int = 2026) -> FinalReport:
    return build_final_report(load_followup_inputs(session, year))


def test_the_final_report_covers_the_agreement_s_whole_life(session: Session, tmp_path: Path) -> None:
    ended_in_2026(session, tmp_path)
    report = final_report(session)
    assert report.is_ended and (report.first_year, report.last_year) == (2019, 2026)
    assert report.agreement.in_force == (2018, 2026)
    assert [info.year for info in report.years] == list(range(2019, 2027))
    assert [life.result.number for life in report.commitments] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    # 2025 and 2026 closed without reports: each commitment is followed up to 2024, its last year with reports
    assert {life.last_year for life in report.commitments} == {2026}
    assert {life.followup.year for life in report.commitments} == {2024}


def test_each_target_is_judged_per_year_as_the_year_s_follow_up_counts_it(session: Session, tmp_path: Path) -> None:
    ended_in_2026(session, tmp_path)
    report = final_report(session)
    inputs = load_followup_inputs(session, 2026)
    three = next(life for life in report.commitments if life.result.number == "III")
    share = next(t for t in three.targets if t.result.info.key == "III.cars_gas_share")
    for year, verdict in share.verdicts:
        target = build_followup(inputs, year).indicator("III.cars_gas_share").target
        assert target is not None
        met, answered = len(target.met), len(target.answered)
        expected = (Verdict.UNKNOWN if not answered else Verdict.REACHED if met == answered
                    else Verdict.NOT_REACHED if met == 0 else Verdict.PARTLY)
        assert verdict is expected, year
    one = next(life for life in report.commitments if life.result.number == "I")
    county = next(t for t in one.targets if t.result.info.key == "I.gwh_total")
    by_year = dict(county.verdicts)
    for point in county.result.trend:  # the county's total against "at least 36 GWh"
        assert point.value is not None and point.value.number is not None
        assert (by_year[point.year] is Verdict.REACHED) == (point.value.number >= 36), point.year


@pytest.mark.slow(reason="draws the final report's deck and workbook (python-pptx, openpyxl)")
def test_the_deck_and_the_workbook_say_it(session: Session, tmp_path: Path) -> None:
    ended_in_2026(session, tmp_path)
    report = final_report(session)
    deck = Presentation(BytesIO(build_final_deck(report)))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert titles[0] == "Överenskommelse kring biogas i Jönköpings län – slutrapport 2018–2026"
    assert "Mål och utfall" in titles and "Rapporter per år" in titles
    for life in report.commitments:
        assert f"Åtagande {life.result.number}: {life.result.title.get('sv')}" in titles
    book = load_workbook(BytesIO(build_final_workbook(report)))
    assert book.sheetnames == ["Slutrapport", "Mål per år", "Status per år", "Nyckeltal per år",
                               "Svarsfrekvens per år", "Versioner", "Om"]
    targets = [[cell.value for cell in row] for row in book["Mål per år"].iter_rows()]
    header = next(row for row in targets if row[0] == "Åtagande")
    assert header[3:] == [str(year) for year in range(2019, 2027)]
    share = next(row for row in targets if row[1] == "Andel gasfordon bland personbilarna (%)")
    three = next(life for life in report.commitments if life.result.number == "III")
    trend = next(t for t in three.targets if t.result.info.key == "III.cars_gas_share").result.trend
    assert share[3] == f"{trend[0].met} av {trend[0].answered}"
    about = {row[0].value: row[1].value for row in book["Om"].iter_rows() if row[0].value}
    assert about["Avslutad"] == "Ja" and about["Gäller"] == "2018–2026"


def test_with_the_revision_the_retired_and_the_new_commitment_both_are_in_it(session: Session,
                                                                             tmp_path: Path) -> None:
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    load_agreement_file(session, REVISION)
    for year in (2025, 2026, 2027):
        found = session.scalar(select(ReportingRound).where(ReportingRound.agreement_id == agreement.id,
                                                            ReportingRound.year == year))
        if found is None:
            found = start_round(session, ACTOR, agreement, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
            open_round(session, ACTOR, found, today=date(year + 1, 1, 15))
        close_round(session, ACTOR, found)
    session.flush()
    report = final_report(session, 2027)
    lives = {life.result.number: life for life in report.commitments}
    assert (lives["VIII"].first_year, lives["VIII"].last_year, lives["VIII"].continued_by) == (2019, 2026, ())
    assert (lives["IX"].first_year, lives["IX"].last_year) == (2027, 2027)
    assert [v.label for v in report.agreement.versions] == ["2018", "2027"]
    book = load_workbook(BytesIO(build_final_workbook(report)))
    versions = [[cell.value for cell in row] for row in book["Versioner"].iter_rows()]
    assert ["2018", 2018, 2026] in [row[:3] for row in versions]


def test_the_command_writes_the_deck_or_the_workbook(app: Flask, session: Session, tmp_path: Path) -> None:
    runner = app.test_cli_runner()
    out = tmp_path / "slut.xlsx"
    result = runner.invoke(cli, ["final-report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Skrev {out}: slutrapporten 2019–2025, 8 åtaganden.")
    assert load_workbook(out).sheetnames[0] == "Slutrapport"
    wrong = runner.invoke(cli, ["final-report", "--out", str(tmp_path / "slut.docx")])
    assert wrong.exit_code == 1 and "ska sluta på .pptx" in wrong.stderr
    early = runner.invoke(cli, ["final-report", "--out", str(out), "--year", "2010"])
    assert early.exit_code == 1 and "ingen rapporteringsomgång för 2010" in early.stderr
