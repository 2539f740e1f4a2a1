"""The Excel summary as a user's spreadsheet program reads it (openpyxl), checked against plain SQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import text
from sqlalchemy.orm import Session

from reports.data import FollowUp, build_followup
from reports.excel import build_summary_workbook
from tests.reports.followup_builders import PARTIES, Inputs
from tests.reports.followup_sql import numbers, round_value, total
from tracker.domain import SubmissionState
from tracker.queries.followup import PartyRow

SHEETS = ["Sammanfattning", "Utveckling", *(f"Åtagande {n}" for n in ("I", "II", "III", "IV", "V", "VI", "VII",
                                                                      "VIII")), "Rådata", "Svarsfrekvens",
          "Tankstationer", "Om"]


@pytest.fixture(scope="module")
def workbook(workbook_2023: bytes) -> Workbook:
    return load_workbook(BytesIO(workbook_2023))


def header_row(ws: Worksheet, first: str) -> int:
    row: int = next(cell.row for cell in ws["A"] if cell.value == first)
    return row


def table(ws: Worksheet, first: str) -> list[dict[str, Cell]]:
    """The sheet's table as dicts by heading, the cells themselves as values."""
    row = header_row(ws, first)
    headings = [cell.value for cell in ws[row]]
    return [dict(zip(headings, cells, strict=False)) for cells in ws.iter_rows(min_row=row + 1)]


def test_the_sheets(workbook: Workbook) -> None:
    assert workbook.sheetnames == SHEETS


def test_a_commitment_sheet_has_each_partys_numbers_as_numbers(workbook: Workbook, session: Session,
                                                               followup_2023: FollowUp) -> None:
    label = followup_2023.indicator("II.public_stations").info.label.get("sv")
    rows = {row["Kod"].value: row for row in table(workbook["Åtagande II"], "Part") if row["Kod"].value}
    stations = numbers(session, 2023, "II.public_stations")
    assert {code: rows[code][label].value for code in stations} == {c: int(n) for c, n in stations.items()}
    cell = rows["0680"][label]
    assert cell.data_type == "n" and cell.number_format == '#,##0" st"'
    assert rows["0680"]["Status"].value == "Genomfört" and rows["0680"]["Kommentar"].value


def test_shares_are_numbers_0_to_100_with_a_percent_format(workbook: Workbook, session: Session) -> None:
    rows = {row["Kod"].value: row for row in table(workbook["Åtagande III"], "Part") if row["Kod"].value}
    cars, gas = numbers(session, 2023, "III.cars_total"), numbers(session, 2023, "III.cars_gas")
    cell = rows["0680"]["Andel gasfordon bland personbilarna (%)"]
    assert cell.number_format == '0.0" %"'
    assert Decimal(str(cell.value)) == (gas["0680"] * 100 / cars["0680"]).quantize(Decimal("0.0001"))


def test_raw_data_has_every_year_and_agrees_with_the_database(workbook: Workbook, session: Session) -> None:
    rows = [[cell.value for cell in row] for row in workbook["Rådata"].iter_rows(min_row=2)]
    assert {row[0] for row in rows} == {2019, 2020, 2021, 2022, 2023}
    for key in ("II.public_stations", "VIII.food_waste_tonnes", "I.gwh_regional_bus"):
        in_sheet = sum(Decimal(str(row[6])) for row in rows if row[0] == 2023 and row[4] == key)
        assert in_sheet == total(session, 2023, key), key
    bus = [row for row in rows if row[0] == 2023 and row[4] == "I.gwh_total"]
    assert [(row[1], row[6], row[7], row[9]) for row in bus] == [("06", 41, "GWh", "Godkänd")]


def test_the_trend_sheet_has_the_county_figures_per_year(workbook: Workbook, session: Session) -> None:
    ws = workbook["Utveckling"]
    row = header_row(ws, "Nyckeltal")
    years = [cell.value for cell in ws[row]][2:]
    assert years == ["2019", "2020", "2021", "2022", "2023"]
    production = next(r for r in ws.iter_rows(min_row=row + 1) if r[0].value.startswith("Biogasproduktion"))
    assert [Decimal(str(c.value)) for c in production[2:]] == [
        round_value(session, int(year), "county.biogas_production_gwh") for year in years]
    assert len(ws._charts) >= 10


def test_the_summary_says_the_key_sentences(workbook: Workbook) -> None:
    texts = {cell.value for row in workbook["Sammanfattning"].iter_rows() for cell in row if cell.value}
    assert "9 av 13 kommuner har utbyggd tankinfrastruktur" in texts
    assert "Busstrafiken når volymmålet: 41\u00a0GWh – målet är minst 36\u00a0GWh" in texts
    assert "EXEMPELDATA – inte verkliga uppgifter" in texts


@pytest.mark.parametrize("name", SHEETS)
def test_headers_are_frozen(workbook: Workbook, name: str) -> None:
    ws = workbook[name]
    assert ws.freeze_panes is not None and int(ws.freeze_panes[1:]) <= 8


def test_tables_have_filters_and_charts(workbook: Workbook) -> None:
    assert workbook["Rådata"].auto_filter.ref.startswith("A1:J")
    assert workbook["Åtagande II"].auto_filter.ref
    assert len(workbook["Åtagande III"]._charts) == 2  # the gas share of cars and of trucks per party


def test_the_about_sheet_flags_example_data_in_bold_red(workbook: Workbook) -> None:
    cells = {row[0].value: row[1] for row in workbook["Om"].iter_rows() if row[0].value}
    flag = cells["Exempeldata"]
    assert flag.value.startswith("Ja") and flag.font.b and flag.font.color.rgb.endswith("C00000")
    assert cells["Överenskommelse"].value == "Överenskommelse kring biogas i Jönköpings län"
    assert cells["Rapporter som ingår"].value == "inskickad, godkänd"


HOSTILE = ["=HYPERLINK(\"http://evil\",\"klicka\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1",
           "#N/A", "=1+1\n=2"]


def test_text_from_users_never_becomes_a_formula() -> None:
    inputs = Inputs(parties=(PartyRow(1, "01", "=cmd|' /C calc'!A0", PARTIES[0].kind), *PARTIES[1:]))
    inputs.round(2022)
    for index, code in enumerate(("01", "0101", "0102", "0103")):  # in answers, comments and a party's name
        inputs.report(2022, code, answers={"A.plan": "yes", "A.plan_note": HOSTILE[index]}, status="done",
                      comment=HOSTILE[index + 4])
    inputs.round(2021)
    inputs.report(2021, "01", SubmissionState.APPROVED, comment=HOSTILE[0])
    data = build_summary_workbook(build_followup(inputs.build(), 2022))
    cells = [cell for ws in load_workbook(BytesIO(data)) for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str)]
    assert cells and all(cell.data_type == "s" for cell in cells)
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell.value for cell in cells if cell.value.startswith(starts)]
    values = {cell.value for cell in cells}
    assert "'=cmd|' /C calc'!A0" in values and "'=HYPERLINK(\"http://evil\",\"klicka\")" in values
    assert "#N/A" in values  # text, not an error value


def test_the_response_sheet_counts_each_state_against_the_database(workbook: Workbook, session: Session) -> None:
    counts: dict[str, int] = dict(session.execute(text(
        "SELECT s.state, COUNT(*) FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id "
        "WHERE r.year = 2023 GROUP BY s.state")).all())
    reported = counts.get("submitted", 0) + counts.get("approved", 0)
    line = next(str(cell.value) for row in workbook["Svarsfrekvens"].iter_rows(max_col=1) for cell in row
                if str(cell.value or "").startswith(f"{reported} av "))
    assert line.startswith(f"{reported} av {sum(counts.values())} har rapporterat (godkända: "
                           f"{counts.get('approved', 0)}, inskickade: {counts.get('submitted', 0)}, ")
    deadline: date = session.execute(text("SELECT deadline_on FROM reporting_rounds WHERE year = 2023")).scalar_one()
    if isinstance(deadline, str):  # SQLite through text(): the ISO text
        deadline = date.fromisoformat(deadline)
    column = [str(cell.value or "") for row in workbook["Svarsfrekvens"].iter_rows(max_col=1) for cell in row]
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december"]
    assert f"Sista dag: {deadline.day} {months[deadline.month - 1]} {deadline.year}" in column  # as the pages say
