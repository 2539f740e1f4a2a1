"""Free text outside the answers (tracker.domain.free_text), posted as an attacker or a careless paste would: a
NUL byte in the news, a line break in a mail subject (a header of its own) or a party's name, a name longer
than its column. Each is refused with a message and a 400, nothing is stored, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tracker.domain import MailTemplate, Party, ReportingRound, User

if TYPE_CHECKING:
    from tests.conftest import AuthActions


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def post(auth: AuthActions, email: str, path: str, data: dict[str, str], form_path: str) -> str:
    assert auth.login(email, "demo").status_code == 303
    response = auth.post_form(path, data, form_path=form_path)
    assert response.status_code == 400, response.status_code
    return response.get_data(as_text=True)


def test_a_nul_byte_in_the_news_is_refused(auth: AuthActions, session: Session) -> None:
    page = post(auth, "projektledare@exempel.se", "/projektledare/omgangar/2025/nyheter",
                {"news_sv": "Ny station\x00 i Eksjö", "news_en": ""}, "/projektledare/omgangar/2025")
    assert "tecken som inte kan sparas" in page
    session.expire_all()
    assert session.scalars(select(ReportingRound.news_sv).where(ReportingRound.year == 2025)).one() is None


def test_a_line_break_in_a_mail_subject_is_refused(auth: AuthActions, session: Session) -> None:
    path = "/projektledare/paminnelser/mallar/reminder"
    page = post(auth, "projektledare@exempel.se", path, {
        "subject_sv": "Påminnelse\r\nBcc: alla@example.com", "body_sv": "Hej %(contact_name)s",
        "subject_en": "Reminder", "body_en": "Hi"}, path)
    assert "på en rad" in page
    assert session.scalars(select(func.count()).select_from(MailTemplate)).one() == 0


def test_a_name_longer_than_its_column_is_refused(auth: AuthActions, client: FlaskClient, session: Session) -> None:
    page = post(auth, "admin@exempel.se", "/admin/anvandare",
                {"email": "ny@kommun.se", "name": "N" * 300, "role": "contact"}, "/admin/anvandare")
    assert "högst 255 tecken" in page
    assert session.scalars(select(User).where(User.email == "ny@kommun.se")).first() is None


def test_a_line_break_in_a_partys_name_is_refused(auth: AuthActions, session: Session) -> None:
    page = post(auth, "admin@exempel.se", "/admin/parter",
                {"code": "9999", "name": "Nya kommunen\nX-Header: 1", "kind": "municipality"}, "/admin/parter")
    assert "på en rad" in page
    assert session.scalars(select(Party).where(Party.code == "9999")).first() is None


@pytest.mark.parametrize("name", ["Eksjö\u202ekommun", "Eks\u200bjö kommun", "\ufeffEksjö", "Eksjö\u2066 kommun"])
def test_invisible_formatting_in_a_name_is_refused(auth: AuthActions, session: Session, name: str) -> None:
    """A right-to-left override makes a name read otherwise than it is; a zero-width space makes two names that
    look alike differ."""
    page = post(auth, "admin@exempel.se", "/admin/parter", {"code": "9999", "name": name, "kind": "municipality"},
                "/admin/parter")
    assert "osynliga formateringstecken" in page
    assert session.scalars(select(Party).where(Party.code == "9999")).first() is None


def test_a_name_is_stored_in_one_normal_form(auth: AuthActions, session: Session) -> None:
    """"ö" typed as o + diaeresis (as macOS may send it) is stored as the one letter, so that it is found."""
    assert auth.login("admin@exempel.se", "demo").status_code == 303
    response = auth.post_form("/admin/parter", {"code": "9999", "name": "Nyko\u0308ping", "kind": "municipality"},
                              form_path="/admin/parter")
    assert response.status_code == 303
    assert session.scalars(select(Party.name).where(Party.code == "9999")).one() == "Nyköping"
