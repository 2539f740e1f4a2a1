"""`tracker schedule` as a scheduler runs it: the rounds whose day has come are opened and closed, and it says so;
run again, it says nothing is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.domain import Agreement, ReportingRound, RoundState
from tracker.domain.calendar import today_in_sweden
from tracker.operations.audit import Actor
from tracker.operations.rounds import start_round


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def test_schedule_opens_the_round_whose_day_has_come(app: Flask, session: Session) -> None:
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    today = today_in_sweden()
    start_round(session, Actor.system("test"), agreement, 2026, today, today + timedelta(days=30))
    session.commit()
    first = app.test_cli_runner().invoke(cli, ["schedule"], catch_exceptions=False)
    assert first.exit_code == 0
    assert "Omgången för 2026 är öppen: parterna kan rapportera." in first.output
    session.expire_all()
    assert session.scalars(select(ReportingRound.state).where(ReportingRound.year == 2026)).one() is RoundState.OPEN
    again = app.test_cli_runner().invoke(cli, ["schedule", "--lang", "en"], catch_exceptions=False)
    assert again.output.strip() == "No round opens or closes today."
