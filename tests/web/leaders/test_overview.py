"""The overview as a project leader reads it, on the demo data: the open round by default, the counts as a
sentence, one row per party with its state and each commitment's progress, the filters, a link from every cell
to the report, an accessible table, and the same number of SQL statements for 14 parties as for 54."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from tests.web.leaders.overview_helpers import add_parties, statements
from tracker.domain import Party, ReportingRound, Submission, SubmissionState
from tracker.web.leaders import overview as overview_view

if TYPE_CHECKING:
    from tests.conftest import AuthActions

LEADER = "projektledare@exempel.se"
OVERVIEW = "/projektledare/oversikt"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def group_in(pattern: str, text: str) -> str:
    """The first group of `pattern`'s first match in `text`, which has one."""
    match = re.search(pattern, text, flags=re.S)
    assert match is not None, f"{pattern!r} is not in the page"
    return match.group(1)


def rows_of(html: str) -> dict[str, str]:
    """The table's rows as text, by the party's name (the row header)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        name = text_of(group_in(r'<th scope="row">(.*?)</th>', row)).strip()
        rows[name] = text_of(row).strip()
    return rows


def submission_of(session: Session, code: str, year: int) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == code, ReportingRound.year == year)).one()


@pytest.fixture
def leader(auth: AuthActions) -> AuthActions:
    assert auth.login(LEADER, "demo").status_code == 303
    return auth


def test_the_open_round_is_shown_by_default_with_the_counts_as_a_sentence(
    client: FlaskClient, leader: AuthActions, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview_view, "today", lambda: date(2027, 1, 15))  # before the demo round's last day
    submission_of(session, "0680", 2025).state = SubmissionState.SUBMITTED
    submission_of(session, "06", 2025).state = SubmissionState.APPROVED
    session.flush()
    html = client.get(OVERVIEW).get_data(as_text=True)
    text = text_of(html)
    assert "Översikt: vem har rapporterat?" in text
    assert "2 av 14 parter har lämnat in, 1 godkänd, 0 sena." in text
    assert '<option value="2025" selected>2025 (öppen)</option>' in html
    rows = rows_of(html)
    assert len(rows) == 14
    assert rows["Jönköpings kommun"].startswith("Jönköpings kommun Inskickad")
    assert rows["Region Jönköpings län"].startswith("Region Jönköpings län Godkänd")
    assert rows["Aneby kommun"].startswith("Aneby kommun Ej påbörjad")


def test_a_closed_year_counts_the_late_reports(client: FlaskClient, leader: AuthActions) -> None:
    html = client.get(OVERVIEW + "?ar=2024").get_data(as_text=True)
    text = text_of(html)
    # Habo's report was sent back and is still out after the last day, 31 mars 2025.
    assert "13 av 14 parter har lämnat in, 11 godkända, 1 sen." in text
    assert ("En rapport är sen när den lämnas in efter sista dagen att lämna in, eller inte är inlämnad när den "
            "dagen är slut.") in text
    rows = rows_of(html)
    late = [name for name, row in rows.items() if " Försenad " in row]  # as text, not colour only
    assert late == ["Habo kommun"]
    assert re.match(r"Habo kommun \S+ för komplettering Försenad ", rows["Habo kommun"])  # sent back, late


def test_each_cell_shows_answered_of_required_and_links_to_the_report(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    html = client.get(OVERVIEW + "?ar=2024").get_data(as_text=True)
    jonkoping = submission_of(session, "0680", 2024)
    row = group_in(r'<th scope="row">Jönköpings kommun</th>(.*?)</tr>', html)
    links = re.findall(r'<a href="([^"]+)"', row)
    assert len(links) == 1 + 7  # the state and the seven commitments a municipality is asked
    assert all(link.startswith(f"/projektledare/granska/{jonkoping.id}") for link in links)
    assert re.search(r">\d+/\d+ <span aria-hidden=\"true\">✓</span>", row)  # a complete commitment, ✓ as text
    assert "frågor besvarade, status vald" in row  # what a screen reader hears
    region = group_in(r'<th scope="row">Region Jönköpings län</th>(.*?)</tr>', html)
    assert region.count("Gäller inte") == 2  # commitments VI and VIII are the municipalities'


def test_the_filters(client: FlaskClient, leader: AuthActions) -> None:
    by_state = rows_of(client.get(OVERVIEW + "?ar=2024&status=submitted").get_data(as_text=True))
    assert sorted(by_state) == ["Gnosjö kommun", "Sävsjö kommun"]
    by_kind = client.get(OVERVIEW + "?ar=2024&typ=region").get_data(as_text=True)
    assert list(rows_of(by_kind)) == ["Region Jönköpings län"]
    assert "1 part matchar urvalet." in text_of(by_kind)
    assert "13 av 14 parter har lämnat in" in text_of(by_kind)  # the counts are the whole round's
    only_late = client.get(OVERVIEW + "?ar=2024&sena=1").get_data(as_text=True)
    assert list(rows_of(only_late)) == ["Habo kommun"]
    assert 'id="sena" name="sena" value="1" checked' in only_late
    nobody = client.get(OVERVIEW + "?ar=2024&typ=region&sena=1").get_data(as_text=True)
    assert "Ingen part matchar urvalet." in text_of(nobody) and "<tbody>" not in nobody
    unknown = client.get(OVERVIEW + "?ar=2024&status=pa-semester&typ=planet").get_data(as_text=True)
    assert len(rows_of(unknown)) == 14  # an unknown filter value filters nothing


def test_the_filter_form_and_the_table_are_accessible_without_javascript(
    client: FlaskClient, leader: AuthActions
) -> None:
    html = client.get(OVERVIEW).get_data(as_text=True)
    assert '<form method="get"' in html and '<button type="submit"' in html and "<script" not in html
    for control in ("ar", "status", "typ", "sena"):
        assert f'<label class="field__label" for="{control}">' in html or f'<label for="{control}">' in html
    caption = "Rapporterna för 2025: läge och besvarade frågor per åtagande"
    assert f'<caption id="overview-caption">{caption}</caption>' in html
    assert html.count('<th scope="col"') == 2 + 8 + 1 and html.count('<th scope="row">') == 14


def test_an_unknown_year_is_404(client: FlaskClient, leader: AuthActions) -> None:
    assert client.get(OVERVIEW + "?ar=1999").status_code == 404
    assert client.get(OVERVIEW + "?ar=abc").status_code == 404
    assert client.get(OVERVIEW + "?ar=99999999999999999999").status_code == 404


def test_the_page_runs_the_same_number_of_queries_for_54_parties_as_for_14_and_pages_them(
    client: FlaskClient, leader: AuthActions, session: Session, connection: Connection
) -> None:
    client.get(OVERVIEW + "?ar=2025")  # anything cached on first use
    with statements(connection) as demo:
        assert len(rows_of(client.get(OVERVIEW + "?ar=2025").get_data(as_text=True))) == 14
    add_parties(session, 2025, 40)
    with statements(connection) as many:
        html = client.get(OVERVIEW + "?ar=2025").get_data(as_text=True)
    rows = rows_of(html)
    assert len(rows) == 50  # a page: the other 4 on the second
    assert rows["Testkommun 07"].startswith("Testkommun 07 Utkast")
    assert "0 av 54 parter har lämnat in" in text_of(html)
    assert "Sida 1 av 2: parterna 1–50 av 54." in text_of(html)
    assert 'href="/projektledare/oversikt?ar=2025&amp;sida=2" rel="next">Nästa sida</a>' in html
    second = client.get(OVERVIEW + "?ar=2025&sida=2").get_data(as_text=True)
    assert len(rows_of(second)) == 4 and "Sida 2 av 2: parterna 51–54 av 54." in text_of(second)
    assert set(rows_of(second)).isdisjoint(rows)
    filtered = client.get(OVERVIEW + "?ar=2025&typ=municipality&sida=2").get_data(as_text=True)
    assert 'href="/projektledare/oversikt?ar=2025&amp;typ=municipality&amp;sida=1" rel="prev"' in filtered
    assert len(many) == len(demo), "\n".join(["-- 14 parties:", *demo, "-- 54 parties:", *many])
    selects = [statement for statement in many if statement.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 15, "\n".join(selects)  # 3: values to check; 1: the states
