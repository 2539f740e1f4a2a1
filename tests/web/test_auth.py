"""Signing in with a password, signing out, sessions and CSRF.

The one-time links are in test_sign_in_links.py. Every test runs on SQLite and PostgreSQL (the `app`
fixture) with CSRF switched on, posting the token as a browser does (the `auth` fixture).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import TimestampSigner
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, User
from tracker.operations.audit import Actor
from tracker.operations.users import set_active, set_password

if TYPE_CHECKING:  # the fixtures' types (conftest modules are not importable at run time)
    from tests.conftest import AuthActions, MakeUser

NEUTRAL = "Fel e-postadress eller lösenord."
RIGHT_PASSWORD = "korrekt häst batteri"  # tests/conftest.py's TEST_PASSWORD, the password of make_user's users
CSRF_PAGE = "Sidan har varit öppen för länge"


def sign_in_events(session: Session, user_id: int) -> list[AuditEvent]:
    return list(session.scalars(
        select(AuditEvent).where(AuditEvent.action == "user.sign_in", AuditEvent.user_id == user_id)
    ))


def test_the_right_password_signs_in_and_leads_to_the_start_page(
    auth: AuthActions, client: FlaskClient, make_user: MakeUser, session: Session
) -> None:
    user = make_user("anna.andersson@aneby.se", name="Anna Andersson")
    response = auth.login("anna.andersson@aneby.se")
    assert response.status_code == 303
    assert response.headers["Location"] == "/rapportera/"  # a contact starts on My reporting
    assert auth.signed_in_user_id() == str(user.id)

    page = client.get("/").get_data(as_text=True)
    assert "Anna Andersson" in page
    assert 'action="/logga-ut"' in page and "Logga ut" in page
    session.expire_all()
    assert user.last_sign_in_dt is not None
    [event] = sign_in_events(session, user.id)
    assert (event.entity, event.entity_id, event.field, event.new_value) == ("user", user.id, "method", "password")


def test_the_email_is_found_whatever_its_case_and_spaces(auth: AuthActions, make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    assert auth.login("  Kim@Kommun.SE ").status_code == 303
    assert auth.signed_in_user_id() == str(user.id)


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("kim@kommun.se", "fel lösenord"),  # wrong password
        ("okand@kommun.se", RIGHT_PASSWORD),  # unknown email
        ("inaktiv@kommun.se", RIGHT_PASSWORD),  # inactive user, right password
        ("utan.losenord@kommun.se", ""),  # a user without a password: the form asks for one
        ("utan.losenord@kommun.se", "vad som helst"),  # ... and any password is wrong
    ],
)
def test_wrong_credentials_get_one_neutral_message_and_no_session(
    auth: AuthActions, make_user: MakeUser, session: Session, email: str, password: str
) -> None:
    make_user("kim@kommun.se")
    make_user("inaktiv@kommun.se", is_active=False)
    make_user("utan.losenord@kommun.se", password=None)
    response = auth.login(email, password)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert auth.signed_in_user_id() is None
    if password:
        assert body.count(NEUTRAL) == 1
        assert '<a href="#email">Fel e-postadress eller lösenord.</a>' in body
        assert body.count('aria-invalid="true"') == 2  # both fields, neither singled out
    assert "Det finns problem" in body
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "user.sign_in")).all() == []


def test_an_unknown_email_costs_a_password_check_like_a_known_one(
    auth: AuthActions, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.operations import sign_in
    from tracker.operations.users import verify_password as real  # what sign_in calls

    checks: list[str] = []

    def counted(user: User, password: str) -> bool:
        checks.append(password)
        return real(user, password)

    monkeypatch.setattr(sign_in, "verify_password", counted)
    make_user("kim@kommun.se")
    make_user("utan.losenord@kommun.se", password=None)
    for email in ("kim@kommun.se", "okand@kommun.se", "utan.losenord@kommun.se"):
        auth.login(email, "fel lösenord")
    assert checks == ["fel lösenord"] * 3


def test_an_empty_form_gets_the_error_summary_and_errors_at_the_fields(client: FlaskClient, auth: AuthActions) -> None:
    body = auth.post_form("/logga-in", {"email": "", "password": ""}).get_data(as_text=True)
    assert "<title>Fel: Logga in" in body
    start = body.index('class="error-summary"')
    summary = body[start:body.index("</ul>", start)]
    assert '<a href="#email">E-postadress: Ange din e-postadress.</a>' in summary
    assert '<a href="#password">Lösenord: Ange ditt lösenord.</a>' in summary
    assert 'id="email-error"' in body and 'aria-describedby="email-error"' in body
    assert 'id="password-error"' in body and 'aria-describedby="password-error"' in body
    assert '<label class="field__label" for="email">E-postadress</label>' in body
    assert 'autocomplete="email"' in body and 'autocomplete="current-password"' in body


def test_a_malformed_email_is_explained(auth: AuthActions) -> None:
    body = auth.post_form("/logga-in", {"email": "kim.kommun.se", "password": "x"}).get_data(as_text=True)
    assert "Ange en e-postadress, till exempel namn@kommun.se." in body


def test_the_form_is_in_english_after_the_switch(client: FlaskClient, auth: AuthActions) -> None:
    client.get("/sprak/en")
    body = auth.post_form("/logga-in", {"email": "", "password": ""}).get_data(as_text=True)
    assert "There is a problem" in body and "Enter your email address." in body


def test_sign_in_returns_to_a_local_next_page(auth: AuthActions, make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    response = auth.login("kim@kommun.se", next="/rapporter/2024?del=III")
    assert response.headers["Location"] == "/rapporter/2024?del=III"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x"])
def test_sign_in_never_sends_the_user_to_another_site(auth: AuthActions, make_user: MakeUser, next_url: str) -> None:
    make_user("kim@kommun.se")
    assert auth.login("kim@kommun.se", next=next_url).headers["Location"] == "/rapportera/"


def test_a_signed_in_user_who_opens_the_sign_in_page_goes_on(auth: AuthActions, client: FlaskClient,
                                                               make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    auth.login("kim@kommun.se")
    assert client.get("/logga-in?next=/rapporter").headers["Location"] == "/rapporter"


def test_the_header_offers_sign_in_to_anonymous_visitors(client: FlaskClient) -> None:
    body = client.get("/").get_data(as_text=True)
    assert '<a class="account__sign-in" href="/logga-in">Logga in</a>' in body
    assert "Logga ut" not in body


def test_sign_out_is_a_post_with_csrf(auth: AuthActions, client: FlaskClient, make_user: MakeUser) -> None:
    user = make_user("kim@kommun.se")
    auth.login("kim@kommun.se")

    page = client.get("/logga-ut")  # a GET only asks
    assert page.status_code == 200 and "Du är inloggad som Kim Kontaktsson." in page.get_data(as_text=True)
    assert auth.signed_in_user_id() == str(user.id)

    refused = client.post("/logga-ut")  # no token
    assert refused.status_code == 400 and CSRF_PAGE in refused.get_data(as_text=True)
    assert auth.signed_in_user_id() == str(user.id)

    response = auth.logout()
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert auth.signed_in_user_id() is None
    assert "Du är utloggad." in client.get("/").get_data(as_text=True)


def test_a_session_cookie_copied_before_signing_out_no_longer_works(
        app: Flask, auth: AuthActions, client: FlaskClient, make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    auth.login("kim@kommun.se")
    assert client.get("/rapportera/").status_code == 200
    copied = client.get_cookie("session")
    assert copied is not None
    other = app.test_client()  # someone who copied the cookie (another browser, the same User-Agent)
    other.set_cookie("session", copied.value)
    assert other.get("/rapportera/").status_code == 200
    auth.logout()
    replayed = other.get("/rapportera/")
    assert replayed.status_code == 302 and "/logga-in" in replayed.headers["Location"]
    auth.login("kim@kommun.se")  # signing in again gives a session that works
    assert client.get("/rapportera/").status_code == 200


@pytest.mark.parametrize("change", ["deactivated", "deactivated and reactivated", "new password"])
def test_a_session_ends_when_the_user_is_deactivated_or_gets_a_new_password(
        app: Flask, auth: AuthActions, client: FlaskClient, make_user: MakeUser, session: Session,
        change: str) -> None:
    user = make_user("kim@kommun.se")
    auth.login("kim@kommun.se")
    assert client.get("/rapportera/").status_code == 200
    admin = Actor.system("test")
    if change.startswith("deactivated"):
        set_active(session, admin, user, False)
        if change.endswith("reactivated"):
            set_active(session, admin, user, True)
    else:
        set_password(session, admin, user, "ett nytt långt lösenord")
    ended = client.get("/rapportera/")
    assert ended.status_code == 302 and "/logga-in" in ended.headers["Location"]


def test_sign_out_keeps_the_language(auth: AuthActions, client: FlaskClient, make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    client.get("/sprak/en")
    auth.login("kim@kommun.se")
    auth.logout()
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/logga-in", "/logga-in/lank", "/logga-ut"])
def test_a_post_without_csrf_token_gets_the_friendly_400_page(client: FlaskClient, path: str) -> None:
    response = client.post(path, data={"email": "kim@kommun.se", "password": "x"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert CSRF_PAGE in body and "Inget från den sidan har sparats." in body
    assert "CSRF" not in body and "Traceback" not in body


def test_a_stale_csrf_token_gets_the_friendly_page_with_a_way_back(app: Flask, auth: AuthActions) -> None:
    response = app.test_client().post(
        "/logga-in", data={"email": "a@b.se", "password": "x", "csrf_token": auth.csrf_token()},
        headers={"Referer": "http://localhost/logga-in?next=/rapporter"},
    )  # another browser: the token is not its session's
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and CSRF_PAGE in body
    assert 'href="/logga-in?next=/rapporter"' in body


def test_a_user_made_inactive_is_signed_out(auth: AuthActions, client: FlaskClient, make_user: MakeUser,
                                            session: Session) -> None:
    user = make_user("kim@kommun.se", name="Kim Kontaktsson")
    auth.login("kim@kommun.se")
    user.is_active = False
    session.flush()
    assert "Kim Kontaktsson" not in client.get("/").get_data(as_text=True)
    assert auth.signed_in_user_id() is None
    user.is_active = True
    session.flush()
    assert "Kim Kontaktsson" not in client.get("/").get_data(as_text=True)  # stays signed out


def test_the_session_cookie_is_http_only_lax_and_ends_with_the_browser(auth: AuthActions,
                                                                        make_user: MakeUser) -> None:
    make_user("kim@kommun.se")
    cookie = auth.login("kim@kommun.se").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires" not in cookie and "Max-Age" not in cookie


def test_a_session_cookie_older_than_a_working_day_is_refused(
    auth: AuthActions, client: FlaskClient, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("kim@kommun.se", name="Kim Kontaktsson")
    nine_hours_ago = int(time.time()) - 9 * 3600
    with monkeypatch.context() as patch:  # the cookie (and its CSRF token) signed nine hours ago
        patch.setattr(TimestampSigner, "get_timestamp", lambda _self: nine_hours_ago)
        assert auth.login("kim@kommun.se").status_code == 303
        assert "Kim Kontaktsson" in client.get("/").get_data(as_text=True)
    assert "Kim Kontaktsson" not in client.get("/").get_data(as_text=True)


def test_a_session_from_another_browser_is_not_accepted(app: Flask, auth: AuthActions, client: FlaskClient,
                                                        make_user: MakeUser) -> None:
    make_user("kim@kommun.se", name="Kim Kontaktsson")
    auth.login("kim@kommun.se")
    page = client.get("/", headers={"User-Agent": "Another browser/1.0"}).get_data(as_text=True)
    assert "Kim Kontaktsson" not in page  # session protection "strong"
    assert auth.signed_in_user_id() is None


def test_a_session_survives_a_new_network_address(auth: AuthActions, client: FlaskClient,
                                                  make_user: MakeUser) -> None:
    make_user("kim@kommun.se", name="Kim Kontaktsson")
    auth.login("kim@kommun.se")
    page = client.get("/", environ_overrides={"REMOTE_ADDR": "10.20.30.40"}).get_data(as_text=True)
    assert "Kim Kontaktsson" in page
