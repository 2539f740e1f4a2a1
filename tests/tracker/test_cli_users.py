"""`tracker remind` and `tracker user add/deactivate` as an operator runs them, on a new database of each
backend with the agreement and the demo data; reminders go to a real local SMTP server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from tracker.cli import cli
from tracker.database import make_engine
from tracker.domain import AuditEvent, SentMail, User

if TYPE_CHECKING:
    from tests.conftest import SmtpServer


def run(url: str, *args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url, "PUBLIC_BASE_URL": "", **env},
                              catch_exceptions=False)


@pytest.fixture
def demo_url(fresh_database_url: str) -> str:
    for command in (("db", "upgrade"), ("seed",), ("demo",)):
        assert run(fresh_database_url, *command).exit_code == 0
    return fresh_database_url


def rows(url: str, model: type) -> list:  # type: ignore[type-arg]
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(model.__table__)))
    finally:
        engine.dispose()


def test_remind_mails_the_contacts_and_records_it(demo_url: str, smtp_server: SmtpServer) -> None:
    smtp = {"MAIL_SERVER": smtp_server.host, "MAIL_PORT": str(smtp_server.port)}
    dry = run(demo_url, "remind", "--round", "2025", "--dry-run", **smtp)
    assert dry.exit_code == 0 and "kontakt.jonkoping@exempel.se" in dry.output and smtp_server.messages == []
    result = run(demo_url, "remind", "--round", "2025", "--base-url", "https://biogas.example.se", **smtp)
    assert result.exit_code == 0, result.output
    assert "kontakt.jonkoping@exempel.se" in result.output and "kontakt.region@exempel.se" in result.output
    assert sorted(m["To"] for m in smtp_server.messages) == ["kontakt.jonkoping@exempel.se",
                                                             "kontakt.region@exempel.se"]
    assert all("https://biogas.example.se/logga-in/lank/" in m.get_content() for m in smtp_server.messages)
    assert [(r.to_email, r.is_sent) for r in sorted(rows(demo_url, SentMail), key=lambda r: r.to_email)] == [
        ("kontakt.jonkoping@exempel.se", True), ("kontakt.region@exempel.se", True)]


@pytest.mark.parametrize(("args", "message"), [
    (("--round", "2030"), "Det finns ingen rapporteringsomgång för 2030."),
    (("--round", "2024"), "Rapporteringsomgången för 2024 är inte öppen."),
    (("--round", "2025"), "PUBLIC_BASE_URL"),
])
def test_remind_refuses_with_a_message(demo_url: str, args: tuple[str, ...], message: str) -> None:
    result = run(demo_url, "remind", *args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert rows(demo_url, SentMail) == []


def test_user_add_and_deactivate(demo_url: str) -> None:
    added = run(demo_url, "user", "add", "Ny@Kommun.se", "--name", "Nora Ny", "--party", "0680", "--party", "06")
    assert added.exit_code == 0, added.output
    [user] = [u for u in rows(demo_url, User) if u.email == "ny@kommun.se"]
    assert user.role == "contact" and user.password_hash is None and user.is_active
    assert run(demo_url, "user", "deactivate", "ny@kommun.se").exit_code == 0
    [user] = [u for u in rows(demo_url, User) if u.email == "ny@kommun.se"]
    assert not user.is_active
    actions = {e.action for e in rows(demo_url, AuditEvent) if e.entity == "user" and e.entity_id == user.id}
    assert actions == {"user.create", "user.deactivate"}


@pytest.mark.parametrize(("args", "message"), [
    (("user", "add", "x@kommun.se", "--name", "X", "--party", "9999"), "Det finns ingen part med koden 9999."),
    (("user", "add", "forum@exempel.se", "--name", "X"), "Det finns redan en användare med den här e-postadressen."),
    (("user", "add", "x@kommun.se", "--name", "X", "--role", "boss"), "Okänd roll: boss."),
    (("user", "deactivate", "ingen@kommun.se"), "Det finns ingen användare med e-postadressen ingen@kommun.se."),
])
def test_user_commands_refuse_with_a_message(demo_url: str, args: tuple[str, ...], message: str) -> None:
    before = len(rows(demo_url, User))
    result = run(demo_url, *args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert len(rows(demo_url, User)) == before
