"""The reminders page accounts for every party not submitted (demo data: round 2025 open, contacts for Jönköping
and the region only): who gets the mail, the parties no one can be mailed for with a way to add a contact (for
whoever may), the registry address that gets the invitation, each mail's state; and mail in the reader's
language through a real SMTP server."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import Language, Party, SentMail, User
from tracker.domain.mail import MailKind, MailState

if TYPE_CHECKING:
    from tests.conftest import AuthActions, SmtpServer

LEADER, ADMIN = "projektledare@exempel.se", "admin@exempel.se"
PAGE = "/projektledare/paminnelser/2025"
SENT_BEFORE = re.compile(r'name="sent_before" value="(\d+)"')


def party(session: Session, code: str) -> Party:
    return session.scalars(select(Party).where(Party.code == code)).one()


def user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def send(auth: AuthActions, kind: str) -> str:
    page = auth.client.get(f"{PAGE}?typ={kind}").get_data(as_text=True)
    shown = SENT_BEFORE.search(page)
    assert shown is not None
    response = auth.post_form(PAGE, {"typ": kind, "sent_before": shown.group(1)}, form_path=f"{PAGE}?typ={kind}")
    assert response.status_code == 303
    return auth.client.get(response.headers["Location"]).get_data(as_text=True)


def row_of(html: str, name: str) -> str:
    match = re.search(rf'<tr><th scope="row">{re.escape(name)}</th>(.*?)</tr>', html, re.S)
    assert match, f"no row for {name}"
    return match.group(1)


def test_the_page_names_every_party_without_a_contact_with_a_link_to_add_one_for_an_admin(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.login(ADMIN, "demo")
    html = client.get(PAGE).get_data(as_text=True)
    assert "14 parter har inte lämnat in sin rapport." in html and "Brevet går till 2 adresser." in html
    assert "12 parter har ingen som brevet kan skickas till." in html
    assert "Sista dag att lämna in: 31 januari 2027." in html  # the demo round's deadline, as pages write it
    aneby = row_of(html, "Aneby kommun")
    assert "Ingen aktiv kontaktperson" in aneby
    assert 'href="/admin/anvandare?part=0604#invite"' in aneby
    assert "Lägg till en kontaktperson för Aneby kommun" in aneby
    assert "Jonas Kontaktsson &lt;kontakt.jonkoping@exempel.se&gt;" in row_of(html, "Jönköpings kommun")
    invite = client.get("/admin/anvandare?part=0604").get_data(as_text=True)
    assert re.search(r'id="party-0604"[^>]*checked', invite)  # the invite form has the party ticked


def test_a_project_leader_is_told_who_can_add_a_contact_without_a_link_that_would_be_refused(
    client: FlaskClient, auth: AuthActions
) -> None:
    auth.login(LEADER, "demo")
    html = client.get(PAGE).get_data(as_text=True)
    aneby = row_of(html, "Aneby kommun")
    assert "En administratör kan lägga till en kontaktperson" in aneby and "/admin/" not in aneby
    assert client.get("/admin/anvandare?part=0604").status_code == 403


def test_the_invitation_goes_to_a_registry_address_and_english_contacts_get_the_english_mail(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    party(session, "0604").registry_email = "registrator@aneby.se"
    user(session, "kontakt.region@exempel.se").language = Language.EN
    session.flush()
    auth.login(LEADER, "demo")
    page = client.get(f"{PAGE}?typ=invitation").get_data(as_text=True)
    assert "Registraturens adress: registrator@aneby.se" in row_of(page, "Aneby kommun")
    assert "(på engelska)" in row_of(page, "Region Jönköpings län")
    reminder_page = client.get(f"{PAGE}?typ=reminder").get_data(as_text=True)
    assert "bara inbjudan går till registraturens adress registrator@aneby.se" in row_of(reminder_page, "Aneby kommun")
    html = send(auth, "invitation")
    mails = {m["To"]: m for m in smtp_server.messages}
    assert set(mails) == {"kontakt.jonkoping@exempel.se", "kontakt.region@exempel.se", "registrator@aneby.se"}
    registry = mails["registrator@aneby.se"]
    assert registry["Subject"] == ("Överenskommelse kring biogas i Jönköpings län 2025: vem rapporterar för Aneby "
                                   "kommun?")  # the agreement's name from its data
    assert "/logga-in/lank/" not in registry.get_content() and "http://localhost/" in registry.get_content()
    english = mails["kontakt.region@exempel.se"]
    assert english["Subject"] == ("Agreement on biogas in Jönköping County 2025: time to report for Region "
                                  "Jönköpings län")
    body = english.get_content()
    assert "It can be used once and is valid for 7 days." in body and "/logga-in/lank/" in body
    swedish = mails["kontakt.jonkoping@exempel.se"].get_content()
    assert "Den kan användas en gång och gäller i 7 dagar." in swedish
    assert re.search(r"senast den \d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november"
                     r"|december) \d{4}\.", swedish), swedish  # the deadline as the pages write it
    kinds = {m.to_email: m.kind for m in session.scalars(select(SentMail))}
    assert kinds["registrator@aneby.se"] is MailKind.REGISTRY_INVITATION
    assert "Inbjudan till registratur" in row_of(html, "Aneby kommun") and "Skickat" in row_of(html, "Aneby kommun")


def test_each_partys_latest_mail_shows_its_state(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    html = send(auth, "reminder")  # no MAIL_SERVER: printed, which counts as sent
    assert "Påminnelse" in row_of(html, "Jönköpings kommun") and "Skickat" in row_of(html, "Jönköpings kommun")
    mail = session.scalars(select(SentMail).where(SentMail.to_email == "kontakt.jonkoping@exempel.se")).one()
    mail.is_sent, mail.attempts, mail.error = False, 5, "550 mailbox unavailable"
    session.flush()
    html = client.get(PAGE).get_data(as_text=True)
    assert mail.state is MailState.FAILED
    assert "Misslyckades" in row_of(html, "Jönköpings kommun") and "550 mailbox unavailable" in html
    assert "Inget brev än" in row_of(html, "Aneby kommun")
