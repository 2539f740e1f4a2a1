"""Every page runs as many SQL statements for 300 parties as for the demo's 14 (issue 10: a page's cost must not
grow with the parties): the contact's pages, the project leaders' overview, round page and review, the forum's
dashboard built afresh (its cache emptied) and from the cache."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from tests.web.leaders.overview_helpers import add_parties, statements
from tracker.domain import Party, ReportingRound, Submission
from tracker.web.forum.cache import EXTENSION

if TYPE_CHECKING:
    from tests.conftest import AuthActions

DEMO_PARTIES, MORE = 14, 286
CONTACT, LEADER, FORUM = "kontakt.jonkoping@exempel.se", "projektledare@exempel.se", "forum@exempel.se"


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def jonkoping_2025(session: Session) -> int:
    return session.scalars(select(Submission.id).join(Party).join(ReportingRound)
                           .where(Party.code == "0680", ReportingRound.year == 2025)).one()


def pages(report: int) -> list[tuple[str, str, bool]]:
    """(who, path, with the forum's cache emptied first)."""
    return [
        (CONTACT, "/rapportera/", False),
        (CONTACT, f"/rapportera/{report}", False),
        (CONTACT, f"/rapportera/{report}/atagande/II", False),
        (LEADER, "/projektledare/oversikt?ar=2025", False),
        (LEADER, "/projektledare/omgangar/2025", False),
        (LEADER, f"/projektledare/granska/{report}", False),
        (LEADER, "/uppfoljning/2025", True),  # the open round's preliminary follow-up, built afresh
        (FORUM, "/uppfoljning/2024", True),
        (FORUM, "/uppfoljning/2024", False),  # from the cache
    ]


def count_each(app: Flask, client: FlaskClient, auth: AuthActions, connection: Connection,
               report: int) -> list[int]:
    counts, signed_in = [], None
    for who, path, afresh in pages(report):
        if who != signed_in:
            if signed_in is not None:
                auth.logout()
            assert auth.login(who, "demo").status_code == 303
            signed_in = who
            assert client.get(path).status_code == 200  # what a first use caches (templates, the catalogue)
        if afresh:
            app.extensions[EXTENSION].clear()
        with statements(connection) as seen:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(seen))
    auth.logout()
    return counts


@pytest.mark.slow(reason="adds 286 parties with their reports, then requests nine pages twice")
def test_every_page_runs_as_many_statements_for_300_parties_as_for_14(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, connection: Connection
) -> None:
    report = jonkoping_2025(session)
    few = count_each(app, client, auth, connection, report)
    add_parties(session, 2025, MORE)
    reports = session.scalars(select(Submission.id).join(ReportingRound).where(ReportingRound.year == 2025)).all()
    assert len(reports) == DEMO_PARTIES + MORE
    many = count_each(app, client, auth, connection, report)
    assert few[-1] < few[-2]  # the cached dashboard reads less than one built afresh: the cache was emptied
    assert many == few, [(path, a, b) for (_who, path, _afresh), a, b in zip(pages(report), few, many, strict=True)
                         if a != b]
