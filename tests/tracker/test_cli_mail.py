"""`tracker remind` accounts for every party, `tracker send-digest` mails the leaders' digest (real SMTP), and
`tracker user add --language` sets the language of a user's mail; on the demo data of each backend."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.domain import Language, Party, ReportingRound, Role, Submission, SubmissionNotice, SubmissionState, User
from tracker.domain.base import utcnow

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.conftest import SmtpServer

    Run = Callable[..., Result]


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def run(app: Flask, session: Session) -> Run:
    app.config["PUBLIC_BASE_URL"] = None

    def invoke(*args: str) -> Result:
        result = app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)
        session.expire_all()
        return result

    return invoke


def test_remind_names_the_parties_it_cannot_reach_and_mails_a_registry_the_invitation(
    run: Run, app: Flask, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    session.scalars(select(Party).where(Party.code == "0604")).one().registry_email = "registrator@aneby.se"
    session.flush()
    dry = run("remind", "--round", "2025", "--dry-run")
    assert dry.exit_code == 0
    assert "Ingen att skicka till för Habo kommun: parten har ingen aktiv kontaktperson" in dry.output
    assert "Ingen att skicka till för Aneby kommun" in dry.output  # a reminder: its registry gets only the invitation
    dry = run("remind", "--round", "2025", "--kind", "invitation", "--dry-run")
    assert "Skulle skicka till registrator@aneby.se (Aneby kommun, registraturens adress)." in dry.output
    result = run("remind", "--round", "2025", "--kind", "invitation", "--base-url", "https://biogas.example.se")
    assert result.exit_code == 0, result.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["kontakt.jonkoping@exempel.se",
                                                             "kontakt.region@exempel.se", "registrator@aneby.se"]
    registry = next(m for m in smtp_server.messages if m["To"] == "registrator@aneby.se")
    assert "https://biogas.example.se/" in registry.get_content()


def test_send_digest_mails_the_leaders_who_chose_it(
    run: Run, app: Flask, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    assert leader is not None
    leader.submission_notice = SubmissionNotice.DIGEST
    habo = session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == "0643", ReportingRound.year == 2025)).one()
    habo.state, habo.submitted_dt = SubmissionState.SUBMITTED, utcnow() - timedelta(hours=2)
    session.flush()
    result = run("send-digest", "--base-url", "https://biogas.example.se")
    assert result.exit_code == 0, result.output
    [mail] = smtp_server.messages
    assert mail["To"] == leader.email and "Habo kommun, 2025" in mail.get_content()
    assert f"https://biogas.example.se/projektledare/granska/{habo.id}" in mail.get_content()
    again = run("send-digest", "--base-url", "https://biogas.example.se")
    assert again.exit_code == 0 and len(smtp_server.messages) == 1  # nothing new since


def test_user_add_sets_the_language_of_the_users_mail(run: Run, session: Session) -> None:
    result = run("user", "add", "ny@kommun.se", "--name", "Nils Ny", "--party", "0643", "--language", "en")
    assert result.exit_code == 0, result.output
    assert session.scalars(select(User).where(User.email == "ny@kommun.se")).one().language is Language.EN
    assert run("user", "add", "nn@kommun.se", "--name", "N", "--language", "fi").exit_code == 2  # refused by click
