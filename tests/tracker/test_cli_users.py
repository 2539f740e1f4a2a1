"""`tracker remind` and `tracker user add/deactivate` as an operator runs them, on the demo data of each
backend; reminders go to a real local SMTP server.

The commands run through Flask's CLI runner on the test's own app, whose sessions are savepoints of the test's
transaction (tests/conftest.py's `app`): what a command commits is seen by `session` and rolled back after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.domain import AuditEvent, SentMail, User

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.conftest import SmtpServer

    Run = Callable[..., Result]


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def run(app: Flask, session: Session) -> Run:
    """`run(*args)`: the `tracker` command on the test's database, without PUBLIC_BASE_URL."""
    app.config["PUBLIC_BASE_URL"] = None

    def invoke(*args: str) -> Result:
        result = app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)
        session.expire_all()  # read what the command committed
        return result

    return invoke


def test_remind_mails_the_contacts_and_records_it(run: Run, app: Flask, session: Session,
                                                   smtp_server: SmtpServer) -> None:
    app.config.update(smtp_server.config)
    dry = run("remind", "--round", "2025", "--dry-run")
    assert dry.exit_code == 0 and "kontakt.jonkoping@exempel.se" in dry.output and smtp_server.messages == []
    result = run("remind", "--round", "2025", "--base-url", "https://biogas.example.se")
    assert result.exit_code == 0, result.output
    assert "kontakt.jonkoping@exempel.se" in result.output and "kontakt.region@exempel.se" in result.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["kontakt.jonkoping@exempel.se",
                                                             "kontakt.region@exempel.se"]
    assert all("https://biogas.example.se/logga-in/lank/" in m.get_content() for m in smtp_server.messages)
    assert [(r.to_email, r.is_sent) for r in session.scalars(select(SentMail).order_by(SentMail.to_email))] == [
        ("kontakt.jonkoping@exempel.se", True), ("kontakt.region@exempel.se", True)]


@pytest.mark.parametrize(("args", "message"), [
    (("--round", "2030"), "Det finns ingen rapporteringsomgång för 2030."),
    (("--round", "2024"), "Rapporteringsomgången för 2024 är inte öppen."),
    (("--round", "2025"), "PUBLIC_BASE_URL"),
])
def test_remind_refuses_with_a_message(run: Run, session: Session, args: tuple[str, ...], message: str) -> None:
    result = run("remind", *args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert session.scalars(select(SentMail)).all() == []


def test_user_add_and_deactivate(run: Run, session: Session) -> None:
    added = run("user", "add", "Ny@Kommun.se", "--name", "Nora Ny", "--party", "0680", "--party", "06")
    assert added.exit_code == 0, added.output
    user = session.scalars(select(User).where(User.email == "ny@kommun.se")).one()
    assert user.role == "contact" and user.password_hash is None and user.is_active
    assert sorted(p.code for p in user.parties) == ["06", "0680"]
    assert run("user", "deactivate", "ny@kommun.se").exit_code == 0
    assert not session.scalars(select(User).where(User.email == "ny@kommun.se")).one().is_active
    actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "user",
                                                                  AuditEvent.entity_id == user.id)))
    assert actions == {"user.create", "user.deactivate"}


@pytest.mark.parametrize(("args", "message"), [
    (("user", "add", "x@kommun.se", "--name", "X", "--party", "9999"), "Det finns ingen part med koden 9999."),
    (("user", "add", "forum@exempel.se", "--name", "X"), "Det finns redan en användare med den här e-postadressen."),
    (("user", "add", "x@kommun.se", "--name", "X", "--role", "boss"), "Okänd roll: boss."),
    (("user", "deactivate", "ingen@kommun.se"), "Det finns ingen användare med e-postadressen ingen@kommun.se."),
])
def test_user_commands_refuse_with_a_message(run: Run, session: Session, args: tuple[str, ...],
                                             message: str) -> None:
    before = session.scalars(select(User.email).order_by(User.id)).all()
    result = run(*args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert session.scalars(select(User.email).order_by(User.id)).all() == before
