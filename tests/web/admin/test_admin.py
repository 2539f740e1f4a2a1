"""Administration on the demo data: users (invite, role, parties, deactivate) and parties, every change
audited; a deactivated user cannot sign in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Party, Role, User

if TYPE_CHECKING:
    from tests.conftest import AuthActions, SmtpServer

ADMIN = "admin@exempel.se"


def events(session: Session, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def user_by_email(session: Session, email: str) -> User:
    session.expire_all()
    return session.scalars(select(User).where(User.email == email)).one()


@pytest.mark.parametrize("email", ["projektledare@exempel.se", "kontakt.jonkoping@exempel.se", "forum@exempel.se"])
def test_only_admins_reach_administration(client: FlaskClient, auth: AuthActions, email: str) -> None:
    assert client.get("/admin/anvandare").status_code == 302  # anonymous: to the sign-in page
    auth.login(email, "demo")
    assert client.get("/admin/anvandare").status_code == 403
    assert client.get("/admin/parter").status_code == 403


def test_invite_creates_a_user_without_password_mails_a_link_and_is_audited(
    app: Flask, auth: AuthActions, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    auth.login(ADMIN, "demo")
    response = auth.post_form("/admin/anvandare", {"email": "Ny@Kommun.se", "name": "Nora Ny", "role": "contact",
                                                   "party": "0604"})
    assert response.status_code == 303
    user = user_by_email(session, "ny@kommun.se")
    assert user.password_hash is None and [p.code for p in user.parties] == ["0604"]
    assert {e.field for e in events(session, "user.create") if e.entity_id == user.id} == {"email", "role", "parties"}
    [mail] = smtp_server.messages
    assert mail["To"] == "ny@kommun.se" and "/logga-in/lank/" in mail.get_content()


def test_a_taken_email_is_refused_with_a_swedish_message(auth: AuthActions, session: Session) -> None:
    auth.login(ADMIN, "demo")
    response = auth.post_form("/admin/anvandare", {"email": "forum@exempel.se", "name": "X", "role": "contact"})
    assert response.status_code == 400
    assert "Det finns redan en användare med den här e-postadressen" in response.get_data(as_text=True)


def test_role_and_parties_are_changed_and_audited(auth: AuthActions, session: Session) -> None:
    auth.login(ADMIN, "demo")
    contact = user_by_email(session, "kontakt.jonkoping@exempel.se")
    path = f"/admin/anvandare/{contact.id}"
    form = {"role": "contact", "party": ["0680", "0604"]}  # the checkboxes: one field posted twice
    assert auth.post_form(path, form).status_code == 303  # type: ignore[arg-type]  # post_form takes dict[str, str]
    assert [p.code for p in user_by_email(session, contact.email).parties] == ["0604", "0680"]
    [change] = events(session, "user.parties")
    assert (change.old_value, change.new_value) == ("0680", "0604, 0680")
    assert auth.post_form(path, {"role": "forum_member"}).status_code == 303
    assert user_by_email(session, contact.email).role == Role.FORUM_MEMBER
    assert [(e.old_value, e.new_value) for e in events(session, "user.role")] == [("contact", "forum_member")]


def test_a_deactivated_user_cannot_sign_in_and_can_be_reactivated(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(ADMIN, "demo")
    contact = user_by_email(session, "kontakt.jonkoping@exempel.se")
    path = f"/admin/anvandare/{contact.id}/aktiv"
    assert auth.post_form(path, {"active": "0"}, form_path=f"/admin/anvandare/{contact.id}").status_code == 303
    assert not user_by_email(session, contact.email).is_active
    assert len(events(session, "user.deactivate")) == 1
    auth.logout()
    assert auth.login(contact.email, "demo").status_code == 200  # the sign-in form again, with an error
    assert auth.signed_in_user_id() is None
    auth.login(ADMIN, "demo")
    auth.post_form(path, {"active": "1"}, form_path=f"/admin/anvandare/{contact.id}")
    assert user_by_email(session, contact.email).is_active


def test_an_admin_cannot_deactivate_themself(auth: AuthActions, session: Session) -> None:
    auth.login(ADMIN, "demo")
    admin = user_by_email(session, ADMIN)
    auth.post_form(f"/admin/anvandare/{admin.id}/aktiv", {"active": "0"}, form_path="/admin/anvandare")
    assert user_by_email(session, ADMIN).is_active


def test_parties_are_added_renamed_and_deactivated_with_audit(auth: AuthActions, session: Session) -> None:
    auth.login(ADMIN, "demo")
    assert auth.post_form("/admin/parter", {"code": "0999", "name": "Provkommun", "kind": "municipality",
                                            "first_year": "2026"}).status_code == 303
    party = session.scalars(select(Party).where(Party.code == "0999")).one()
    assert auth.post_form(f"/admin/parter/{party.id}", {"name": "Nya Provkommun"}, form_path="/admin/parter"
                          ).status_code == 303
    assert auth.post_form(f"/admin/parter/{party.id}", {"active": "0"}, form_path="/admin/parter").status_code == 303
    session.expire_all()
    assert (party.name, party.is_active) == ("Nya Provkommun", False)
    assert [e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "party")
                                              .order_by(AuditEvent.id))] == [
        "party.create", "party.create", "party.membership", "party.rename", "party.deactivate"]
    duplicate = auth.post_form("/admin/parter", {"code": "0680", "name": "X", "kind": "municipality"})
    assert duplicate.status_code == 400 and "Det finns redan en part med den här koden" in duplicate.get_data(
        as_text=True)


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("name", "", "Namn på 0604: Ange partens namn."),
    ("registry_email", "registrator@aneby\u202e.se",
     "Registraturens adress för Aneby kommun: Ange en e-postadress, till exempel namn@kommun.se."),
])
def test_a_refused_rename_or_address_is_shown_at_its_field(auth: AuthActions, session: Session, field: str,
                                                            typed: str, message: str) -> None:
    auth.login(ADMIN, "demo")
    aneby = session.scalars(select(Party).where(Party.code == "0604")).one()
    before = (aneby.name, aneby.registry_email)
    refused = auth.post_form(f"/admin/parter/{aneby.id}", {field: typed}, form_path="/admin/parter")
    page = refused.get_data(as_text=True)
    target = f"{'name' if field == 'name' else 'registry'}-{aneby.id}"
    assert refused.status_code == 400 and f'href="#{target}"' in page  # the error summary links to the field
    assert f'id="{target}" name="{field}" ' in page and 'aria-invalid="true"' in page
    assert f'id="{target}-error"><span class="visually-hidden">Fel:</span> {message}</p>' in page
    assert f'value="{typed}"' in page  # what was typed, to correct it
    session.expire_all()
    assert (aneby.name, aneby.registry_email) == before
