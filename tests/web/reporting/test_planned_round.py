"""A round the project leaders have planned but not opened: the contact sees when their report opens, not an
earlier year's closed report."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.reporting.reporting_helpers import Reporter, submission_id
from tracker.domain import Agreement
from tracker.operations.audit import Actor
from tracker.operations.rounds import start_round


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def plan_2026(session: Session, opens_on: date | None) -> int:
    agreement = session.scalars(select(Agreement)).one()
    start_round(session, Actor.system("test"), agreement, 2026, opens_on, date(2027, 3, 31) if opens_on else None)
    session.flush()
    return submission_id(session, "0680", 2026)


def test_the_contact_sees_when_a_planned_rounds_report_opens(reporter: Reporter, session: Session) -> None:
    sid = plan_2026(session, date(2027, 1, 15))
    mine = reporter.open("/rapportera/")
    page = text_of(mine)
    assert "Rapporten för 2026 öppnar den 15 januari 2027." in page
    assert f'href="/rapportera/{sid}"' not in mine  # nothing to open yet, and not among the earlier years
    assert "Fortsätt på rapporten för 2025" in page or "Börja på rapporten för 2025" in page  # the open one stays

    report = text_of(reporter.open(f"/rapportera/{sid}"))  # an old link, or typed
    assert "Rapporten kan inte fyllas i än" in report
    assert "Rapporteringsomgången för 2026 har inte öppnat än. Den öppnar den 15 januari 2027." in report
    assert "stängd" not in report


def test_a_planned_round_without_an_opening_day(reporter: Reporter, session: Session) -> None:
    plan_2026(session, None)
    page = text_of(reporter.open("/rapportera/"))
    assert "Rapporten för 2026 öppnar när projektledarna öppnar omgången." in page
    assert "Tidigare år" in page and "Rapport för 2026 –" not in page
