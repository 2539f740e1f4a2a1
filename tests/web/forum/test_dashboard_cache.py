"""The dashboard is built once per data version: a second request runs only the version query (and loads the
signed-in user); a change to the data makes a new version, and the page shows it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Session

from tracker.domain import Answer, Indicator, Party, ReportingRound, RoundValue, Submission
from tracker.web.forum.cache import EXTENSION


@pytest.fixture
def statements(connection: Connection) -> Iterator[list[str]]:
    """The SQL statements run on the test's connection (the app's sessions use it)."""
    found: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        found.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    yield found
    event.remove(connection, "before_cursor_execute", record)


def tables_read(statement: str) -> set[str]:
    words = statement.replace("\n", " ").replace(",", " ").split()
    return {words[i + 1].strip('"') for i, word in enumerate(words[:-1]) if word.upper() in ("FROM", "JOIN")}


def test_the_second_request_is_served_from_the_cache(forum_client: FlaskClient, statements: list[str],
                                                      app: Flask) -> None:
    assert forum_client.get("/uppfoljning/2023").status_code == 200
    built = len(statements)
    statements.clear()
    second = forum_client.get("/uppfoljning/2023")
    assert second.status_code == 200
    version_queries = [s for s in statements if tables_read(s) == {"data_changes"}]
    others = [s for s in statements if s not in version_queries]
    assert len(version_queries) == 1
    # besides the version: the signed-in user, and which agreement the request is about (tracker.queries.resolver)
    assert all(tables_read(s) <= {"users", "user_parties", "parties", "agreements"} for s in others), others
    assert len(statements) < built / 3
    cache = app.extensions[EXTENSION]
    assert cache.followups.builds == 1 and cache.pages.hits >= 2


def test_a_chart_is_drawn_once(forum_client: FlaskClient, app: Flask) -> None:
    first = forum_client.get("/uppfoljning/2023/diagram/status-III.svg")
    second = forum_client.get("/uppfoljning/2023/diagram/status-III.svg")
    assert first.data == second.data
    assert app.extensions[EXTENSION].files.builds == 1
    etag = first.get_etag()[0]
    unchanged = forum_client.get("/uppfoljning/2023/diagram/status-III.svg", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304


def test_a_change_to_the_data_shows_at_once(forum_client: FlaskClient, session: Session, app: Flask) -> None:
    assert "88\u00a0GWh" in forum_client.get("/uppfoljning/2023").get_data(as_text=True)
    value = session.scalars(
        select(RoundValue).join(ReportingRound).join(Indicator, Indicator.id == RoundValue.indicator_id)
        .where(ReportingRound.year == 2023, Indicator.key == "county.biogas_production_gwh")).one()
    value.value_number = Decimal(93)
    session.commit()  # another user's change, committed (a savepoint of the test's transaction)
    html = forum_client.get("/uppfoljning/2023").get_data(as_text=True)
    assert "Biogasproduktionen i länet var 93\u00a0GWh" in html
    assert app.extensions[EXTENSION].followups.builds == 2


def test_reporting_in_the_open_round_leaves_closed_years_cached(forum_client: FlaskClient, session: Session,
                                                                app: Flask) -> None:
    assert forum_client.get("/uppfoljning/2023").status_code == 200
    submission = session.scalars(select(Submission).join(ReportingRound).join(Party)
                                 .where(ReportingRound.year == 2025, Party.code == "0680")).one()
    indicator = session.scalars(select(Indicator).where(Indicator.key == "II.public_stations")).one()
    session.add(Answer(submission_id=submission.id, indicator_id=indicator.id, value_number=Decimal(4)))
    session.commit()
    assert forum_client.get("/uppfoljning/2023").status_code == 200
    assert app.extensions[EXTENSION].followups.builds == 1


def test_a_renamed_party_a_new_label_and_a_new_target_show_at_once(sign_in_as: Any, session: Session) -> None:
    """What the outputs show of the parties and the catalogue is in the fingerprint: a rename by an admin, a
    label or target changed by `tracker seed` in another process, show on the next request, cached or not."""
    leader = sign_in_as("projektledare@exempel.se")
    assert "Aneby kommun" in leader.get("/uppfoljning/2023").get_data(as_text=True)
    aneby = session.scalars(select(Party).where(Party.code == "0604")).one()
    aneby.name = "Aneby kommun (nytt namn)"
    session.commit()
    assert "Aneby kommun (nytt namn)" in leader.get("/uppfoljning/2023").get_data(as_text=True)
    deck = leader.get("/uppfoljning/2023/uppfoljning.pptx")
    total = session.scalars(select(Indicator).where(Indicator.key == "I.gwh_total")).one()
    total.target_value = Decimal(45)
    total.label_sv = "Biogas i kollektivtrafiken, allt som allt (GWh)"
    session.commit()
    page = leader.get("/uppfoljning/2023").get_data(as_text=True)
    assert "målet är minst 45" in page.replace("\u00a0", " ")
    again = leader.get("/uppfoljning/2023/uppfoljning.pptx", headers={"If-None-Match": deck.headers["ETag"]})
    assert again.status_code == 200 and again.headers["ETag"] != deck.headers["ETag"]  # a new file, not 304


def test_a_download_answers_304_to_a_client_that_has_it(sign_in_as: Any) -> None:
    leader = sign_in_as("projektledare@exempel.se")
    first = leader.get("/uppfoljning/2023/sammanstallning.xlsx")
    assert first.status_code == 200 and first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-store"  # names and figures: never kept by a browser or proxy
    again = leader.get("/uppfoljning/2023/sammanstallning.xlsx", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
