"""Reminders on the demo data (round 2025 open, every report not started): who gets them, the mails as the
real local SMTP server receives them, the record of sent mail, an SMTP failure, the template editor."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, MailTemplate, Party, ReportingRound, Submission, SubmissionState, User
from tracker.domain.mail import LINK_PLACEHOLDER, MailKind, MailState, SentMail
from tracker.operations.mail_templates import default_texts
from tracker.web import sign_in_links
from tracker.web.sign_in_links import mint_link, reminder_link

if TYPE_CHECKING:
    from tests.conftest import AuthActions, SmtpServer

LEADER = "projektledare@exempel.se"
PAGE = "/projektledare/paminnelser/2025"
LINK = re.compile(r"http://localhost/logga-in/lank/\S+")


def submission(session: Session, code: str) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == code, ReportingRound.year == 2025)).one()


SENT_BEFORE = re.compile(r'name="sent_before" value="(\d+)"')


def send_form(auth: AuthActions, kind: str = "reminder") -> dict[str, str]:
    """The send form's fields as the page shows them now (the CSRF token is added when posting)."""
    page = auth.client.get(f"{PAGE}?typ={kind}").get_data(as_text=True)
    shown = SENT_BEFORE.search(page)
    assert shown is not None, "the send form has no sent_before field"
    return {"typ": kind, "sent_before": shown.group(1)}


def send(auth: AuthActions, kind: str = "reminder") -> str:
    response = auth.post_form(PAGE, send_form(auth, kind), form_path=f"{PAGE}?typ={kind}")
    assert response.status_code == 303
    return auth.client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_page_lists_the_contacts_of_parties_that_have_not_submitted(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    submission(session, "06").state = SubmissionState.SUBMITTED  # the region has submitted
    session.flush()
    auth.login(LEADER, "demo")
    html = client.get(PAGE).get_data(as_text=True)
    assert "kontakt.jonkoping@exempel.se" in html
    assert "kontakt.region@exempel.se" not in html
    assert "Jönköpings kommun" in html and "/logga-in/lank/" not in html  # the preview holds no real link


def test_reminders_reach_the_smtp_server_with_a_sign_in_link_and_are_recorded(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    submission(session, "06").state = SubmissionState.APPROVED
    session.flush()
    auth.login(LEADER, "demo")
    html = send(auth)
    [mail] = smtp_server.messages
    assert mail["To"] == "kontakt.jonkoping@exempel.se"
    assert mail["Subject"] == "Påminnelse: rapporten för Jönköpings kommun 2025 är inte inlämnad"
    body = mail.get_content()
    assert "Hej Jonas Kontaktsson" in body and "2025" in body
    link = LINK.search(body)
    assert link is not None
    [record] = session.scalars(select(SentMail)).all()
    assert (record.to_email, record.kind, record.is_sent) == ("kontakt.jonkoping@exempel.se", MailKind.REMINDER, True)
    assert link.group(0) not in record.body and LINK_PLACEHOLDER in record.body  # a live link is never stored
    assert "kontakt.jonkoping@exempel.se" in html.split("<table", 1)[1]  # the list of sent mail
    auth.logout()
    used = client.get(link.group(0).removeprefix("http://localhost"))
    assert used.status_code == 200  # the recipient's one-time link works (the confirm page)


def test_the_invitation_uses_its_own_template(
    app: Flask, auth: AuthActions, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, "demo")
    send(auth, "invitation")
    assert sorted(m["To"] for m in smtp_server.messages) == ["kontakt.jonkoping@exempel.se",
                                                             "kontakt.region@exempel.se"]
    assert all("dags att rapportera" in m["Subject"] for m in smtp_server.messages)


def test_an_smtp_failure_is_recorded_as_failed_without_a_500(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    app.config.update({"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": 9, "MAIL_TIMEOUT": 2})  # nothing listens there
    auth.login(LEADER, "demo")
    html = send(auth)
    records = session.scalars(select(SentMail)).all()
    assert len(records) == 2 and all(r.state is MailState.RETRYING and r.error for r in records)
    assert all(r.next_attempt_dt is not None and r.attempts == 1 for r in records)
    assert "notice--error" in html and "2 brev kunde inte skickas än: de försöks igen om en stund." in html
    accounting, sent_list = html.split('id="sent-mail"')
    assert sent_list.count("Inte skickat än: försöks igen") == 2  # the list of sent mail
    assert accounting.count("Inte skickat än: försöks igen") == 2  # and each party's latest mail


def test_pressing_send_twice_mails_once(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, "demo")
    form = send_form(auth, "invitation")  # one page, its button pressed twice
    assert auth.post_form(PAGE, form, form_path=PAGE).status_code == 303
    second = auth.post_form(PAGE, form, form_path=PAGE)
    assert second.status_code == 303
    assert len(smtp_server.messages) == 2 and len(session.scalars(select(SentMail)).all()) == 2
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Inget skickades: brev har skickats i den här omgången sedan sidan öppnades" in page
    send(auth, "reminder")  # from the page as it is now: sent
    assert len(smtp_server.messages) == 4


def test_a_closed_round_sends_nothing(client: FlaskClient, auth: AuthActions, session: Session) -> None:
    auth.login(LEADER, "demo")
    response = auth.post_form("/projektledare/paminnelser/2024", {"typ": "reminder", "sent_before": "0"},
                              form_path=PAGE)
    assert response.status_code == 303
    assert session.scalars(select(SentMail)).all() == []


def test_a_template_with_an_unknown_token_is_refused_naming_its_field_and_nothing_is_saved(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    auth.login(LEADER, "demo")
    path = "/projektledare/paminnelser/mallar/reminder"
    page = client.get(path).get_data(as_text=True)
    before = default_texts()["reminder"]["body_sv"]
    assert session.scalars(select(MailTemplate).where(MailTemplate.kind == MailKind.REMINDER)).all() == []  # GET
    assert escape(before.splitlines()[0]) in page  # the form shows the default text (seed/mail_templates.toml)
    texts = {"subject_sv": "Hej {part}", "body_sv": "Hej {kommun}", "subject_en": "Hi", "body_en": "Hi"}
    response = auth.post_form(path, texts)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert ("Text (svenska): Okänt kopplingsfält {kommun}. Använd bara: {namn}, {part}, {överenskommelse}, {år}, "
            "{sista dag}") in html
    assert 'href="#body_sv"' in html and re.search(r'<textarea[^>]*id="body_sv"[^>]*aria-invalid="true"', html)
    session.expire_all()
    assert session.scalars(select(MailTemplate).where(MailTemplate.kind == MailKind.REMINDER)).all() == []


def test_a_template_edit_is_saved_audited_and_used(
    app: Flask, auth: AuthActions, session: Session, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, "demo")
    path = "/projektledare/paminnelser/mallar/reminder"
    texts = {"subject_sv": "Glöm inte {part}", "body_sv": "Länk: {länk}, {dagar kvar} dagar",
             "subject_en": "Remember {party}", "body_en": "Link: {link}"}
    assert auth.post_form(path, texts).status_code == 303
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail_template.update")).all()
    assert {e.field for e in events} == {"subject_sv", "body_sv", "subject_en", "body_en"}
    send(auth)
    assert {m["Subject"] for m in smtp_server.messages} == {"Glöm inte Jönköpings kommun",
                                                           "Glöm inte Region Jönköpings län"}
    assert all(LINK.search(m.get_content()) for m in smtp_server.messages)


@pytest.mark.parametrize(("age_days", "works"), [(1, True), (6, True), (8, False)])
def test_a_reminder_link_still_works_days_later_but_not_forever(
    app: Flask, client: FlaskClient, session: Session, monkeypatch: pytest.MonkeyPatch, age_days: int, works: bool,
) -> None:
    """A contact reads the reminder the next morning: its link must not have expired like a 30-minute link."""
    contact = session.scalars(select(User).where(User.email == "kontakt.jonkoping@exempel.se")).one()
    sent_at = datetime.now(UTC) - timedelta(days=age_days)
    with app.test_request_context(), monkeypatch.context() as patch:  # the reminder was sent `age_days` ago
        patch.setattr(sign_in_links, "utcnow", lambda: sent_at)
        link = mint_link(session, contact, None, reminder_link().valid_for)
    page = client.get(link.removeprefix("http://localhost"))
    assert (page.status_code == 200) is works
    if not works:
        assert "Länken har slutat gälla." in page.get_data(as_text=True)
