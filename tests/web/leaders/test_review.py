"""Review on the demo data: a project leader reads a submitted report beside last year's, approves it or sends it
back with a comment (mailed to the contacts through a real local SMTP server), edits on the party's behalf, and
sees the changes made after the approval. The contact's side: the comment at the top of the report."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.demo import DEMO_PASSWORD
from tests.copy_helpers import copy_and_confirm
from tracker.domain import AuditEvent, MailTemplate, Party, ReportingRound, Submission, SubmissionState, User
from tracker.domain.applicability import answer_values
from tracker.domain.mail import MailKind, SentMail
from tracker.i18n import long_date
from tracker.operations.answers import set_answer
from tracker.operations.audit import Actor
from tracker.operations.submitting import set_submission_state
from tracker.queries.reporting import previous_report

if TYPE_CHECKING:
    from tests.conftest import AuthActions, SmtpServer

LEADER = "projektledare@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"  # Jönköpings kommun (0680)
COMMENT = "Antalet tankstationer verkar vara fel – kontrollera åtagande II och skicka in igen."
LINK = re.compile(r"http://localhost/logga-in/lank/\S+")
STATIONS = "Hur många publika tankstationer"


def report(session: Session, code: str = "0680", year: int = 2025) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == code, ReportingRound.year == year)).one()


def user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


@pytest.fixture
def submitted(session: Session) -> Submission:
    """Jönköping's report for 2025, filled in from 2024's and submitted by its contact."""
    submission = report(session)
    contact = Actor(user=user(session, CONTACT))
    previous = previous_report(session, submission)
    assert previous is not None
    copy_and_confirm(session, contact, submission, previous)
    set_submission_state(session, contact, submission, SubmissionState.SUBMITTED)
    session.flush()
    return submission


def review_url(submission: Submission) -> str:
    return f"/projektledare/granska/{submission.id}"


def text_of(html: str) -> str:
    """The page's text as a reader gets it: tags removed, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def row_of(html: str, label: str) -> list[str]:
    """The cells of the table row whose header starts with `label`."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = [text_of(cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        if cells and cells[0].startswith(label):
            return cells
    raise AssertionError(f"no row {label!r}")


def version_on(html: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="[^"]*/{action}"[^>]*>(.*?)</form>', html, flags=re.S)
    assert form is not None, f"no form for {action}"
    return version_in(form.group(1))


def version_in(html: str) -> str:
    """The version the report's form carries (the first form with one)."""
    found = re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', html)
    assert found is not None, "no version on the page"
    return found.group(1) or found.group(2)


def form_fields(html: str) -> dict[str, str]:
    """What a browser would send of the report's form as it is shown: inputs, checked radios, text areas."""
    form = re.search(r'<form class="report-form".*?</form>', html, flags=re.S)
    assert form is not None, "no report form on the page"
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form.group(0)):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name is None or ('type="radio"' in tag and "checked" not in tag):
            continue
        fields[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form.group(0), flags=re.S):
        fields[name] = unescape(text).strip()
    fields.pop("csrf_token", None)
    return fields


def decide(auth: AuthActions, submission: Submission, action: str, data: dict[str, str] | None = None,
           page: str | None = None) -> tuple[int, str]:
    """POST the review page's form `action` ("godkann", "skicka-tillbaka") with the version the page shows."""
    html = page if page is not None else auth.client.get(review_url(submission)).get_data(as_text=True)
    response = auth.post_form(f"{review_url(submission)}/{action}",
                              {"version": version_on(html, action), **(data or {})}, form_path=review_url(submission))
    return response.status_code, response.get_data(as_text=True)


def state_of(session: Session, submission: Submission) -> SubmissionState:
    session.expire_all()
    return session.get_one(Submission, submission.id).state


def test_the_review_page_shows_the_report_beside_last_years(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    stations = next(i for i in submitted.round.agreement.indicators if i.key == "II.public_stations")
    previous = previous_report(session, submitted)
    assert previous is not None
    last_year = answer_values(previous)[stations.id].number
    assert last_year is not None
    set_answer(session, Actor(user=user(session, LEADER), on_behalf=True), submitted, stations, str(last_year + 4))
    session.flush()
    auth.login(LEADER, DEMO_PASSWORD)
    html = client.get(review_url(submitted)).get_data(as_text=True)
    page = text_of(html)
    assert "Granska rapporten för 2025" in page and "Jönköpings kommun" in page
    assert "Inskickad" in page and "Version" not in page and f">{submitted.version}<" not in html  # no internals
    assert row_of(html, "Fråga")[1:] == ["2025", "2024"]
    assert row_of(html, STATIONS)[1:] == [f"{last_year + 4} st ändrat", f"{last_year} st"]  # changed, not a copy
    status_now, status_last = row_of(html, "Status")[1:]
    assert status_now == f"{status_last} kopierat från förra året, oförändrat"  # copied: not "changed"
    assert row_of(html, "Status")[1] != "Ingen status vald"
    assert "Senaste ändringarna" in page and "för Jönköpings kommuns räkning" in page  # the edit above
    assert f'action="/projektledare/granska/{submitted.id}/godkann"' in html


def test_a_leader_approves_a_submitted_report_and_the_contact_sees_it(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    auth.login(LEADER, DEMO_PASSWORD)
    status, _ = decide(auth, submitted, "godkann")
    assert status == 303
    session.expire_all()
    approved = session.get_one(Submission, submitted.id)
    assert approved.state is SubmissionState.APPROVED and approved.approved_dt is not None
    event = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submitted.id)
                            .order_by(AuditEvent.id.desc())).first()
    assert event is not None and (event.field, event.old_value, event.new_value) == ("state", "submitted", "approved")
    assert event.user_id == user(session, LEADER).id and not event.is_on_behalf
    page = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "är godkänd" in page and "Godkänn rapporten" not in page
    auth.logout()
    auth.login(CONTACT, DEMO_PASSWORD)
    assert "Godkänd " in text_of(client.get(f"/rapportera/{submitted.id}").get_data(as_text=True))


def test_a_stale_page_approves_nothing_and_says_why(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    auth.login(LEADER, DEMO_PASSWORD)
    old_page = client.get(review_url(submitted)).get_data(as_text=True)
    submitted.review_comment = "changed meanwhile"  # someone else changes the report: its version goes up
    session.flush()
    status, html = decide(auth, submitted, "godkann", page=old_page)
    assert status == 409
    assert "Rapporten har ändrats sedan du öppnade sidan, så ingenting gjordes." in text_of(html)
    assert state_of(session, submitted) is SubmissionState.SUBMITTED
    assert decide(auth, submitted, "godkann", page=html)[0] == 303  # the fresh page carries the new version
    assert state_of(session, submitted) is SubmissionState.APPROVED


def test_sending_back_needs_a_comment(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission,
    smtp_server: SmtpServer,
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, DEMO_PASSWORD)
    status, html = decide(auth, submitted, "skicka-tillbaka", {"comment": "   "})
    assert status == 400
    assert 'class="error-summary"' in html and 'href="#comment"' in html
    assert re.search(r'id="comment-error".*Skriv vad parten behöver rätta\.', html, flags=re.S)
    assert 'aria-invalid="true"' in html and html.count("<title>Fel:") == 1
    assert state_of(session, submitted) is SubmissionState.SUBMITTED
    assert smtp_server.messages == [] and session.scalars(select(SentMail)).all() == []
    status, html = decide(auth, submitted, "skicka-tillbaka", {"comment": "x" * 2001})
    assert status == 400 and "högst 2000 tecken" in text_of(html) and "x" * 2001 in html  # what was typed is kept


def test_sending_back_mails_the_comment_with_a_sign_in_link_and_the_contact_sees_it_until_resubmitting(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission,
    smtp_server: SmtpServer,
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, DEMO_PASSWORD)
    status, _ = decide(auth, submitted, "skicka-tillbaka", {"comment": COMMENT})
    assert status == 303
    session.expire_all()
    returned = session.get_one(Submission, submitted.id)
    assert (returned.state, returned.review_comment) == (SubmissionState.RETURNED, COMMENT)
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submitted.id)
                             .order_by(AuditEvent.id.desc()).limit(2)).all()
    assert {(e.field, e.old_value, e.new_value) for e in events} == {
        ("state", "submitted", "returned"), ("comment", None, COMMENT)}

    [mail] = smtp_server.messages
    assert mail["To"] == CONTACT
    assert mail["Subject"] == "Rapporten för Jönköpings kommun 2025 har skickats tillbaka för komplettering"
    body = mail.get_content()
    assert COMMENT in body and "Hej Jonas Kontaktsson" in body
    link = LINK.search(body)
    assert link is not None
    [record] = session.scalars(select(SentMail)).all()
    assert (record.kind, record.to_email, record.is_sent, record.party_id) == (
        MailKind.RETURNED, CONTACT, True, submitted.party_id)
    page = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "Kommentaren skickades med e-post till 1 kontaktperson." in page and COMMENT in page

    auth.logout()
    path = link.group(0).removeprefix("http://localhost")
    signed_in = auth.post_form(path, {})  # the link's confirm page, then its button
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith(f"/rapportera/{submitted.id}")
    overview = client.get(f"/rapportera/{submitted.id}").get_data(as_text=True)
    assert "Projektledarna har skickat tillbaka rapporten" in text_of(overview) and COMMENT in overview
    assert overview.index(COMMENT) < overview.index("Åtaganden")  # at the top, above the commitments
    form = client.get(f"/rapportera/{submitted.id}/atagande/II").get_data(as_text=True)
    assert COMMENT in form and form.index(COMMENT) < form.index('class="report-form"')

    submit = auth.post_form(f"/rapportera/{submitted.id}/skicka-in", {"version": version_in(overview)},
                            form_path=f"/rapportera/{submitted.id}")
    assert submit.status_code == 303 and state_of(session, submitted) is SubmissionState.SUBMITTED
    assert COMMENT not in client.get(f"/rapportera/{submitted.id}").get_data(as_text=True)


def test_a_stale_send_back_changes_nothing_mails_no_one_and_keeps_the_comment(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission,
    smtp_server: SmtpServer,
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, DEMO_PASSWORD)
    old_page = client.get(review_url(submitted)).get_data(as_text=True)
    submitted.review_comment = "changed meanwhile"
    session.flush()
    status, html = decide(auth, submitted, "skicka-tillbaka", {"comment": COMMENT}, page=old_page)
    assert status == 409 and "ingenting gjordes" in html and COMMENT in html
    assert state_of(session, submitted) is SubmissionState.SUBMITTED and smtp_server.messages == []


def test_only_a_submitted_report_can_be_approved_or_sent_back(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    draft = report(session)  # not started
    auth.login(LEADER, DEMO_PASSWORD)
    page = client.get(review_url(draft)).get_data(as_text=True)
    assert "Godkänn rapporten" not in page and "när parten har skickat in den" in text_of(page)
    response = auth.post_form(f"{review_url(draft)}/godkann", {"version": str(draft.version)},
                              form_path=review_url(draft))
    assert response.status_code == 303
    after = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Bara en inskickad rapport kan godkännas eller skickas tillbaka. Den här rapporten är: Ej påbörjad." in after
    assert state_of(session, draft) is SubmissionState.NOT_STARTED


def test_a_contact_can_neither_open_the_review_nor_approve_their_own_report(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    auth.login(CONTACT, DEMO_PASSWORD)
    assert client.get(review_url(submitted)).status_code == 403
    response = auth.post_form(f"{review_url(submitted)}/godkann", {"version": str(submitted.version)},
                              form_path=f"/rapportera/{submitted.id}")
    assert response.status_code == 403 and state_of(session, submitted) is SubmissionState.SUBMITTED


def test_a_leaders_edit_is_on_behalf_of_the_party_and_the_history_says_so(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    draft = report(session)
    auth.login(LEADER, DEMO_PASSWORD)
    url = f"/rapportera/{draft.id}/atagande/II"
    page = client.get(url).get_data(as_text=True)
    assert "Du ändrar rapporten för Jönköpings kommuns räkning." in text_of(page)
    response = auth.post_form(url, {"version": str(draft.version), "q_II_public_stations": "5", "then": "stay"},
                              form_path=url)
    assert response.status_code == 303
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == draft.id,
                                                       AuditEvent.field == "II.public_stations")).all()
    assert event.is_on_behalf and event.user_id == user(session, LEADER).id
    history = client.get(f"/rapportera/{draft.id}/historik").get_data(as_text=True)
    assert "Petra Projektsson för Jönköpings kommuns räkning" in text_of(history)
    auth.logout()

    auth.login(CONTACT, DEMO_PASSWORD)  # the contact's own changes are not marked
    page = client.get(url).get_data(as_text=True)
    assert "för Jönköpings kommuns räkning" not in text_of(page)
    auth.post_form(url, {"version": version_in(page), "q_II_public_stations": "6", "then": "stay"}, form_path=url)
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == draft.id,
                                                      AuditEvent.field == "II.public_stations")
                             .order_by(AuditEvent.id)).all()
    assert [e.is_on_behalf for e in events] == [True, False]
    history = client.get(f"/rapportera/{draft.id}/historik").get_data(as_text=True)
    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", history, flags=re.S)]
    assert any("Jonas Kontaktsson" in row for row in rows)
    assert all("räkning" not in row for row in rows if "Jonas Kontaktsson" in row)


def test_changes_after_the_approval_are_counted_on_the_review_page(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    auth.login(LEADER, DEMO_PASSWORD)
    assert decide(auth, submitted, "godkann")[0] == 303
    assert "efter godkännandet" not in text_of(client.get(review_url(submitted)).get_data(as_text=True))
    url = f"/rapportera/{submitted.id}/atagande/II"
    page = client.get(url).get_data(as_text=True)
    assert 'class="report-form"' in page  # a leader may still correct an approved report in an open round
    fields = form_fields(page)
    assert fields["status"] != "well_advanced"
    response = auth.post_form(url, {**fields, "q_II_public_stations": str(int(fields["q_II_public_stations"]) + 1),
                                    "status": "well_advanced", "comment": "Rättat av projektledaren.",
                                    "then": "stay"}, form_path=url)
    assert response.status_code == 303
    html = client.get(review_url(submitted)).get_data(as_text=True)
    assert "3 ändringar efter godkännandet" in text_of(html)  # the answer, the status and its comment
    assert f'href="/rapportera/{submitted.id}/historik"' in html
    assert state_of(session, submitted) is SubmissionState.APPROVED
    overview = text_of(client.get(f"/projektledare/oversikt?ar={submitted.round.year}").get_data(as_text=True))
    assert f"{submitted.party.name} Godkänd 3 ändringar efter godkännandet" in overview  # seen at a glance too


def test_the_sent_back_template_is_edited_like_the_reminders_and_used(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission,
    smtp_server: SmtpServer,
) -> None:
    app.config.update(smtp_server.config)
    auth.login(LEADER, DEMO_PASSWORD)
    assert "/projektledare/paminnelser/mallar/returned" in client.get("/projektledare/paminnelser").get_data(
        as_text=True)
    path = "/projektledare/paminnelser/mallar/returned"
    editor = client.get(path).get_data(as_text=True)
    assert "{kommentar}" in editor and "{comment}" in editor
    texts = {"subject_sv": "Komplettera {part}", "body_sv": "Kommentar: {kommentar}\n{länk}",
             "subject_en": "Complete {party}", "body_en": "Comment: {comment}\n{link}"}
    assert auth.post_form(path, texts).status_code == 303
    assert session.scalars(select(MailTemplate.subject_sv).where(MailTemplate.kind == MailKind.RETURNED)).one() \
        == "Komplettera {part}"
    refused = auth.post_form("/projektledare/paminnelser/mallar/reminder", {**texts, "body_sv": "{kommentar}"})
    assert refused.status_code == 400  # the comment belongs to the "sent back" mail only
    assert decide(auth, submitted, "skicka-tillbaka", {"comment": COMMENT})[0] == 303
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Komplettera Jönköpings kommun"
    assert mail.get_content().startswith(f"Kommentar: {COMMENT}\nhttp://localhost/logga-in/lank/")


def test_a_leader_finds_the_commitments_of_a_submitted_report_to_correct_and_the_contact_does_not(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    link = f'href="/rapportera/{submitted.id}/atagande/II"'
    auth.login(LEADER, DEMO_PASSWORD)
    receipt = client.get(f"/rapportera/{submitted.id}").get_data(as_text=True)
    assert "Ändra åtagande II för partens räkning" in text_of(receipt) and link in receipt
    auth.logout()
    auth.login(CONTACT, DEMO_PASSWORD)
    receipt = client.get(f"/rapportera/{submitted.id}").get_data(as_text=True)
    assert "för partens räkning" not in receipt and link not in receipt


def test_a_party_without_an_active_contact_is_sent_back_and_the_leader_is_told_no_one_was_mailed(
    app: Flask, client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission,
    smtp_server: SmtpServer,
) -> None:
    app.config.update(smtp_server.config)
    user(session, CONTACT).is_active = False
    session.flush()
    auth.login(LEADER, DEMO_PASSWORD)
    assert "Parten har ingen aktiv kontaktperson som kan få kommentaren" in text_of(
        client.get(review_url(submitted)).get_data(as_text=True))
    status, _ = decide(auth, submitted, "skicka-tillbaka", {"comment": COMMENT})
    assert status == 303 and state_of(session, submitted) is SubmissionState.RETURNED
    page = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "Parten har ingen aktiv kontaktperson: ingen fick besked via e-post." in page
    assert smtp_server.messages == []


def test_the_review_page_in_english(client: FlaskClient, auth: AuthActions, submitted: Submission) -> None:
    auth.login(LEADER, DEMO_PASSWORD)
    client.get("/sprak/en?next=/")
    page = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "Review the report for 2025" in page and "Your decision" in page and "Send the report back" in page


def test_the_review_page_says_when_a_report_was_handed_in_late(
    client: FlaskClient, auth: AuthActions, session: Session, submitted: Submission
) -> None:
    auth.login(LEADER, DEMO_PASSWORD)
    deadline = submitted.round.deadline_on
    assert deadline is not None and submitted.first_submitted_dt is not None
    on_time = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "Inlämnad för sent" not in on_time and "Försenad" not in on_time
    submitted.round.deadline_on = submitted.first_submitted_dt.date() - timedelta(days=1)
    session.flush()
    page = text_of(client.get(review_url(submitted)).get_data(as_text=True))
    assert "Inskickad Inlämnad för sent" in page
    assert f"Sista dag {long_date(submitted.round.deadline_on)}" in page
