"""One-time sign-in links by email, end to end through a real SMTP server (aiosmtpd, the `smtp_server` fixture).

Following a link shows a button; the POST behind it signs in (mail scanners that open links must not spend
them). A link works once, expires, and an unknown address gets the same answer as a known one.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
import socket
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, SignInToken
from tracker.web import sign_in_links

if TYPE_CHECKING:
    from tests.conftest import AuthActions, MakeUser, SmtpServer

CONFIRMATION = "finns hos oss har vi skickat en inloggningslänk till den."
LINK = re.compile(r"http://localhost(/logga-in/lank/[A-Za-z0-9_.\-]+)")


@pytest.fixture
def mailbox(app: Flask, smtp_server: SmtpServer) -> SmtpServer:
    """The app sends its mail to the test's SMTP server."""
    app.config.update(smtp_server.config)
    return smtp_server


def request_link(auth: AuthActions, email: str, next_path: str | None = None) -> str:
    path = "/logga-in/lank" + (f"?next={next_path}" if next_path else "")
    response = auth.post_form(path, {"email": email})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def link_path(message: EmailMessage) -> str:
    body = message.get_content()
    match = LINK.search(body)
    assert match, body
    return match.group(1)


def use_link(auth: AuthActions, path: str) -> tuple[int, str]:
    """Follow the link and press its button, as a person does. (status, Location or page text)"""
    page = auth.client.get(path)
    if page.status_code != 200:
        return page.status_code, page.get_data(as_text=True)
    response = auth.post_form(path, {})
    return response.status_code, response.headers.get("Location", response.get_data(as_text=True))


def test_a_link_by_email_signs_in_once(
    auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser, session: Session
) -> None:
    user = make_user("anna.andersson@aneby.se", name="Anna Andersson", password=None)
    page = request_link(auth, "Anna.Andersson@aneby.se ")
    assert "Om adressen Anna.Andersson@aneby.se " + CONFIRMATION in page  # as typed, trimmed

    [message] = mailbox.messages
    assert message["To"] == "anna.andersson@aneby.se"
    assert message["Subject"] == "Din inloggningslänk till Biogasuppföljning"
    body = message.get_content()
    assert "Hej Anna Andersson!" in body
    assert "Länken gäller i 30 minuter och kan användas en gång." in body
    assert "Om du inte har bett om länken kan du bortse från det här mejlet." in body
    path = link_path(message)

    confirm = auth.client.get(path)  # a mail scanner's GET spends nothing
    assert confirm.status_code == 200
    assert "Du loggar in som Anna Andersson (anna.andersson@aneby.se)." in confirm.get_data(as_text=True)
    assert auth.signed_in_user_id() is None
    assert auth.client.get(path).status_code == 200

    assert use_link(auth, path) == (303, "/rapportera/")
    assert auth.signed_in_user_id() == str(user.id)
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.sign_in"))
    assert (event.user_id, event.entity, event.new_value) == (user.id, "user", "link")

    assert auth.client.get(path).headers["Location"] == "/"  # clicked again while signed in: go on
    auth.logout()
    status, text = use_link(auth, path)
    assert status == 400
    assert "Länken har redan använts" in text and 'href="/logga-in/lank"' in text
    assert auth.signed_in_user_id() is None


def test_the_link_brings_the_user_back_to_the_page_they_wanted(
    auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser
) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se", next_path="/rapporter/2024")
    assert use_link(auth, link_path(mailbox.messages[0])) == (303, "/rapporter/2024")


def test_a_link_never_sends_the_user_to_another_site(auth: AuthActions, mailbox: SmtpServer,
                                                     make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se", next_path="//evil.example/")
    assert use_link(auth, link_path(mailbox.messages[0])) == (303, "/rapportera/")


@pytest.mark.parametrize("email", ["okand@kommun.se", "inaktiv@kommun.se"])
def test_an_unknown_or_inactive_address_gets_the_same_answer_and_no_mail(
    auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser, email: str
) -> None:
    make_user("kim@kommun.se")
    make_user("inaktiv@kommun.se", is_active=False)
    known = request_link(auth, "kim@kommun.se")
    unknown = request_link(auth, email)
    assert CONFIRMATION in unknown
    assert strip_tokens(unknown.replace(email, "kim@kommun.se")) == strip_tokens(known)
    assert [message["To"] for message in mailbox.messages] == ["kim@kommun.se"]


def strip_tokens(html: str) -> str:
    return re.sub(r'value="[^"]+"', 'value=""', html)


def test_an_expired_link_is_refused_with_an_offer_of_a_new_one(
    auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("kim@kommun.se")
    thirty_one_minutes_ago = datetime.now(UTC) - timedelta(minutes=31)
    with monkeypatch.context() as patch:  # the link is made 31 minutes ago
        patch.setattr(sign_in_links, "utcnow", lambda: thirty_one_minutes_ago)
        request_link(auth, "kim@kommun.se")
    status, text = use_link(auth, link_path(mailbox.messages[0]))
    assert status == 400
    assert "Länken har slutat gälla." in text and "Skicka en ny länk till mig" in text
    assert auth.signed_in_user_id() is None


def test_the_validity_is_configurable(app: Flask, auth: AuthActions, mailbox: SmtpServer,
                                      make_user: MakeUser, monkeypatch: pytest.MonkeyPatch) -> None:
    app.config["SIGN_IN_LINK_MAX_AGE"] = 5 * 60
    make_user("kim@kommun.se")
    six_minutes_ago = datetime.now(UTC) - timedelta(minutes=6)
    with monkeypatch.context() as patch:
        patch.setattr(sign_in_links, "utcnow", lambda: six_minutes_ago)
        request_link(auth, "kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    old, new = (link_path(message) for message in mailbox.messages)
    assert "Länken gäller i 5 minuter" in mailbox.messages[1].get_content()
    assert use_link(auth, old)[0] == 400
    assert use_link(auth, new) == (303, "/rapportera/")


def test_signing_in_with_the_password_voids_an_unused_link(auth: AuthActions, mailbox: SmtpServer,
                                                           make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    auth.login("kim@kommun.se")
    auth.logout()
    status, text = use_link(auth, link_path(mailbox.messages[0]))
    assert status == 400 and "Länken har redan använts" in text


def test_of_two_links_only_the_first_used_works(auth: AuthActions, mailbox: SmtpServer,
                                                make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    first, second = (link_path(message) for message in mailbox.messages)
    assert use_link(auth, second) == (303, "/rapportera/")
    auth.logout()
    assert use_link(auth, first)[0] == 400


@pytest.mark.parametrize("mangle", ["cut", "changed", "garbage", "unknown", "too_long"])
def test_a_tampered_link_is_refused(app: Flask, auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser,
                                    mangle: str) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    path = link_path(mailbox.messages[0])
    token = path.rsplit("/", 1)[1]
    bad = {
        "cut": token[:-12],
        "changed": token[:10] + ("A" if token[10] != "A" else "B") + token[11:],
        "garbage": "inte-en-riktig-lank",
        "unknown": secrets.token_urlsafe(32),  # well-formed, but no server made it
        "too_long": token * 3,
    }[mangle]
    status, text = use_link(auth, f"/logga-in/lank/{bad}")
    assert status == 400
    assert "Länken är inte giltig." in text and "Skicka en ny länk till mig" in text
    assert auth.signed_in_user_id() is None


def test_using_a_link_needs_the_csrf_token_and_keeps_the_link(auth: AuthActions, mailbox: SmtpServer,
                                                              make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    path = link_path(mailbox.messages[0])
    refused = auth.client.post(path)
    assert refused.status_code == 400 and "Sidan har varit öppen för länge" in refused.get_data(as_text=True)
    assert use_link(auth, path) == (303, "/rapportera/")


def test_links_in_mail_use_the_public_address_whatever_the_host_header(
    app: Flask, auth: AuthActions, mailbox: SmtpServer, make_user: MakeUser
) -> None:
    app.config["PUBLIC_BASE_URL"] = "https://biogas.example.se/"
    app.config["TRUSTED_HOSTS"] = None  # as an app started with PUBLIC_BASE_URL has it: any Host is answered
    app.config["WTF_CSRF_ENABLED"] = False  # the session cookie is not sent to the other host
    make_user("kim@kommun.se")
    response = auth.client.post("/logga-in/lank", data={"email": "kim@kommun.se"}, headers={"Host": "evil.example"})
    assert response.status_code == 200
    body = mailbox.messages[0].get_content()
    assert "https://biogas.example.se/logga-in/lank/" in body
    assert "evil.example" not in body


def test_the_mail_is_in_english_after_the_switch(auth: AuthActions, mailbox: SmtpServer,
                                                 make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    auth.client.get("/sprak/en")
    request_link(auth, "kim@kommun.se")
    message = mailbox.messages[0]
    assert message["Subject"] == "Your sign-in link to Biogas follow-up"
    assert "If you did not ask for the link, you can ignore this email." in message.get_content()


def test_a_mail_server_failure_gets_the_same_answer_and_is_logged(
    app: Flask, auth: AuthActions, make_user: MakeUser, caplog: pytest.LogCaptureFixture, session: Session
) -> None:
    with socket.socket() as sock:  # a port nobody listens on once the socket is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
    make_user("kim@kommun.se")
    with caplog.at_level(logging.ERROR, logger="tracker.web.auth"):
        page = request_link(auth, "kim@kommun.se")
    assert CONFIRMATION in page
    assert "could not be mailed" in caplog.text
    assert session.scalars(select(SignInToken)).all() == []  # no one got the link: no live token is kept


def test_without_a_mail_server_the_link_is_printed(auth: AuthActions, make_user: MakeUser,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    printed = capsys.readouterr().out
    assert "To:      kim@kommun.se" in printed
    match = LINK.search(printed)
    assert match
    assert use_link(auth, urlsplit(match.group(0)).path) == (303, "/rapportera/")


def test_without_a_public_address_a_foreign_host_gets_no_link(app: Flask, client: FlaskClient,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Without PUBLIC_BASE_URL links are built from the Host header: a request naming another site is refused,
    so the genuine mail can never carry a link to it."""
    assert not app.config.get("PUBLIC_BASE_URL")
    response = client.post("/logga-in/lank", data={"email": "someone@kommun.se"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "evil.example" not in capsys.readouterr().out


def test_the_link_page_keeps_its_token_to_itself(auth: AuthActions, mailbox: SmtpServer,
                                                 make_user: MakeUser) -> None:
    """The confirm page sends no Referer (not even for its own style sheet), and its language switch is the page
    itself with ?sprak=en: the token is never put into another address's next=."""
    make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se")
    path = link_path(mailbox.messages[0])
    token = path.rsplit("/", 1)[1]
    page = auth.client.get(path)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    html = page.get_data(as_text=True)
    switches = re.findall(r'<a href="([^"]+)" lang="en"', html)
    assert switches == [f"{path}?sprak=en"]
    holding_it = [href for href in re.findall(r'href="([^"]*)"', html) if token in href]
    assert holding_it and all(re.fullmatch(rf"{re.escape(path)}\?sprak=(sv|en)", href) for href in holding_it)
    english = auth.client.get(switches[0].replace("&amp;", "&"))
    assert english.status_code == 200 and 'lang="en"' in english.get_data(as_text=True)
    assert use_link(auth, path) == (303, "/rapportera/")  # the link still works, once
    assert auth.client.get("/").headers["Referrer-Policy"] == "same-origin"


def test_production_prints_no_mail(make_user: MakeUser, app: Flask, auth: AuthActions,
                                   capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    """Without MAIL_SERVER and with the console off (tracker.wsgi), a link is not printed anywhere: the page
    answers as always and the log says the mail could not be sent, without the link."""
    app.config.update(MAIL_SERVER=None, MAIL_CONSOLE=False)
    make_user("kim@kommun.se")
    with caplog.at_level(logging.ERROR, logger="tracker.web.auth"):
        page = request_link(auth, "kim@kommun.se")
    assert CONFIRMATION in page
    assert "/logga-in/lank/" not in capsys.readouterr().out
    assert "could not be mailed" in caplog.text and "/logga-in/lank/" not in caplog.text


def test_the_token_says_nothing_and_the_database_keeps_only_its_hash(auth: AuthActions, mailbox: SmtpServer,
                                                                     make_user: MakeUser, session: Session) -> None:
    """A link's token is random: no user id, no address, no path to decode from it; the database holds its
    SHA-256, so a copy of the database (a backup) signs no one in."""
    user = make_user("kim@kommun.se")
    request_link(auth, "kim@kommun.se", next_path="/rapportera/")
    token = link_path(mailbox.messages[0]).rsplit("/", 1)[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    decoded = base64.urlsafe_b64decode(token + "=")
    assert b"kim" not in decoded and b"rapportera" not in decoded and b'"u"' not in decoded
    stored = session.scalars(select(SignInToken).where(SignInToken.user_id == user.id)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr([stored.token_hash, stored.stamp, stored.next_path])
