"""`tracker user list` and `tracker user set` as an operator runs them, on the demo data: the users with their role,
the parties by name and whether they may sign in; a role and the parties changed and audited; every mistake a
message and exit 1, nothing changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.cli import cli
from tracker.domain import AuditEvent, Role, User

if TYPE_CHECKING:
    from collections.abc import Callable

    Run = Callable[..., Result]


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def run(app: Flask, session: Session) -> Run:
    def invoke(*args: str) -> Result:
        result = app.test_cli_runner().invoke(cli, list(args), catch_exceptions=False)
        session.expire_all()
        return result

    return invoke


def user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def test_the_list_shows_role_parties_by_name_and_whether_active(run: Run, session: Session) -> None:
    user(session, "forum@exempel.se").is_active = False
    session.flush()
    result = run("user", "list")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert lines[0] == "E-post Namn Roll Språk Parter Aktiv"
    assert "kontakt.jonkoping@exempel.se Jonas Kontaktsson Kontaktperson sv Jönköpings kommun Ja" in lines
    assert "kontakt.region@exempel.se Regina Regionsson Kontaktperson sv Region Jönköpings län Ja" in lines
    assert lines[-2] == "forum@exempel.se Folke Forumsson Ledamot i Kommunalt forum sv – Nej (inaktiverad)"
    assert lines[-1] == "Användare: 5."
    english = run("user", "list", "--lang", "en", "--role", "contact", "--active-only")
    assert [" ".join(line.split()) for line in english.output.splitlines()] == [
        "Email Name Role Language Parties Active",
        "kontakt.jonkoping@exempel.se Jonas Kontaktsson Contact person sv Jönköpings kommun Yes",
        "kontakt.region@exempel.se Regina Regionsson Contact person sv Region Jönköpings län Yes",
        "Users: 2."]


def test_set_changes_the_parties_and_the_role_audited(run: Run, session: Session) -> None:
    result = run("user", "set", "Kontakt.Jonkoping@exempel.se", "--party", "0680", "--party", "0604")
    assert result.exit_code == 0, result.output
    assert "kontakt.jonkoping@exempel.se: Kontaktperson, sv, Aneby kommun, Jönköpings kommun." in result.output
    assert [p.code for p in user(session, "kontakt.jonkoping@exempel.se").parties] == ["0604", "0680"]
    promoted = run("user", "set", "kontakt.jonkoping@exempel.se", "--role", "project_leader")
    assert promoted.exit_code == 0 and "kontakt.jonkoping@exempel.se: Projektledare, sv, –." in promoted.output
    changed = user(session, "kontakt.jonkoping@exempel.se")
    assert changed.role is Role.PROJECT_LEADER and changed.parties == []
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == changed.id,
                                                      AuditEvent.action.in_(["user.role", "user.parties"]))
                             .order_by(AuditEvent.id)).all()
    assert [(e.action, e.old_value, e.new_value, e.actor) for e in events] == [
        ("user.parties", "0680", "0604, 0680", "cli"), ("user.role", "contact", "project_leader", "cli"),
        ("user.parties", "0604, 0680", "", "cli")]


def test_set_changes_the_language_of_the_users_mail_audited(run: Run, session: Session) -> None:
    result = run("user", "set", "kontakt.region@exempel.se", "--language", "en")
    assert result.exit_code == 0 and "kontakt.region@exempel.se: Kontaktperson, en, Region Jönköpings län." in (
        result.output)
    region = user(session, "kontakt.region@exempel.se")
    assert str(region.language) == "en"
    event = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == region.id,
                                                     AuditEvent.action == "user.language")).one()
    assert (event.old_value, event.new_value, event.actor) == ("sv", "en", "cli")
    refused = run("user", "set", "kontakt.region@exempel.se", "--language", "fi")
    assert refused.exit_code != 0 and "Traceback" not in refused.output


@pytest.mark.parametrize(("args", "message"), [
    (("ingen@exempel.se", "--role", "admin"), "Det finns ingen användare med e-postadressen ingen@exempel.se."),
    (("forum@exempel.se", "--role", "chef"), "Okänd roll: chef."),
    (("kontakt.region@exempel.se", "--party", "0000"), "Det finns ingen part med koden 0000."),
    (("forum@exempel.se", "--party", "0680"), "Bara kontaktpersoner rapporterar för parter"),
    (("kontakt.region@exempel.se", "--party", "06", "--no-parties"), "antingen --party eller --no-parties"),
    (("kontakt.region@exempel.se",), "Inget att ändra"),
])
def test_set_refuses_a_mistake_with_a_message_and_changes_nothing(
    run: Run, session: Session, args: tuple[str, ...], message: str
) -> None:
    result = run("user", "set", *args)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.action.in_(["user.role", "user.parties"]))) is None
    assert [p.code for p in user(session, "kontakt.region@exempel.se").parties] == ["06"]


def test_a_leader_is_given_one_agreement_and_every_one_again(run: Run, session: Session) -> None:
    result = run("user", "set", "projektledare@exempel.se", "--agreement", "biogas-jonkoping")
    assert result.exit_code == 0, result.output
    leader = user(session, "projektledare@exempel.se")
    assert leader.agreement_id is not None
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.agreement")).all()
    assert [(e.old_value, e.new_value) for e in events] == [(None, "biogas-jonkoping")]
    assert run("user", "set", "projektledare@exempel.se", "--agreement", "").exit_code == 0
    assert user(session, "projektledare@exempel.se").agreement_id is None
    unknown = run("user", "set", "projektledare@exempel.se", "--agreement", "no-such")
    assert unknown.exit_code == 1 and "no-such" in unknown.output
    contact = run("user", "set", "kontakt.jonkoping@exempel.se", "--agreement", "biogas-jonkoping")
    assert contact.exit_code == 1 and "kontaktpersoner går efter sina parter" in contact.output
    assert user(session, "kontakt.jonkoping@exempel.se").agreement_id is None
