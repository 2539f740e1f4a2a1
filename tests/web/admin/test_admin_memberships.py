"""The parties over time on the admin pages (demo data): every party's membership shown and changed, wrong years
refused with a Swedish message at the field that names it and nothing saved, a new party a member from the year
given, and the users table naming the parties."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import AuditEvent, Membership, Party

if TYPE_CHECKING:
    from tests.conftest import AuthActions

ADMIN = "admin@exempel.se"
PARTIES = "/admin/parter"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def party(session: Session, code: str) -> Party:
    session.expire_all()
    return session.scalars(select(Party).where(Party.code == code)).one()


def years_of(session: Session, code: str) -> tuple[int, int | None] | None:
    session.expire_all()
    found = session.scalars(select(Membership).join(Party, Party.id == Membership.party_id)
                            .where(Party.code == code)).one_or_none()
    return (found.first_year, found.last_year) if found is not None else None


@pytest.fixture
def admin(auth: AuthActions) -> AuthActions:
    assert auth.login(ADMIN, "demo").status_code == 303
    return auth


def test_the_parties_page_shows_every_partys_years_in_the_agreement(client: FlaskClient, admin: AuthActions,
                                                                    session: Session) -> None:
    html = client.get(PARTIES).get_data(as_text=True)
    text = text_of(html)
    assert '<th scope="col">Medlem i överenskommelsen</th>' in html
    assert text.count("från 2018 Ändra – åren för") == 14
    gnosjo = party(session, "0617")
    assert (f'href="/admin/parter/{gnosjo.id}/medlemskap">Ändra<span class="visually-hidden"> – åren för Gnosjö '
            'kommun</span></a>') in html


@pytest.mark.parametrize("email", ["projektledare@exempel.se", "kontakt.jonkoping@exempel.se", "forum@exempel.se"])
def test_only_admins_change_a_membership(auth: AuthActions, client: FlaskClient, session: Session, email: str) -> None:
    path = f"/admin/parter/{party(session, '0617').id}/medlemskap"
    assert client.get(path).status_code == 302
    auth.login(email, "demo")
    assert client.get(path).status_code == 403
    assert client.post(path, data={"first_year": "2020", "csrf_token": auth.csrf_token("/")}).status_code == 403
    assert years_of(session, "0617") == (2018, None)


def test_a_party_that_leaves_is_saved_audited_and_shown(client: FlaskClient, admin: AuthActions,
                                                        session: Session) -> None:
    path = f"/admin/parter/{party(session, '0617').id}/medlemskap"
    page = text_of(client.get(path).get_data(as_text=True))
    assert "Medlemskap för Gnosjö kommun" in page and "nu från 2018." in page and "gäller från 2018" in page
    response = admin.post_form(path, {"first_year": "2018", "last_year": "2024"})
    assert response.status_code == 303 and response.headers["Location"].endswith(PARTIES)
    assert years_of(session, "0617") == (2018, 2024)
    [event] = session.scalars(select(AuditEvent).where(AuditEvent.action == "party.membership"))
    assert (event.field, event.old_value, event.new_value) == ("last_year", None, "2024")
    text = text_of(client.get(PARTIES).get_data(as_text=True))
    assert "Medlemskapet för Gnosjö kommun är sparat." in text and "2018–2024 Ändra – åren för Gnosjö kommun" in text


def test_wrong_years_get_a_message_at_each_field_that_names_it_and_nothing_is_saved(
    client: FlaskClient, admin: AuthActions, session: Session
) -> None:
    path = f"/admin/parter/{party(session, '0617').id}/medlemskap"
    response = admin.post_form(path, {"first_year": "1999", "last_year": "snart"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    first = "Medlem från: skriv ett år mellan 2018 och 2200, de år överenskommelsen gäller."
    last = ("Medlem till och med: skriv det sista år parten rapporterar, med fyra siffror, eller lämna fältet tomt "
            "så länge parten är med.")
    assert f'<a href="#first_year">{first}</a>' in html and f'<a href="#last_year">{last}</a>' in html
    assert 'id="first_year-error"' in html and 'id="last_year-error"' in html
    assert re.search(r'id="first_year" name="first_year" value="1999"[^>]*aria-invalid="true"', html)
    assert "<title>Fel: Medlemskap för Gnosjö kommun – " in html
    assert years_of(session, "0617") == (2018, None)
    before_joining = admin.post_form(path, {"first_year": "2022", "last_year": "2021"})
    assert before_joining.status_code == 400
    assert "Medlem till och med: det sista året kan inte vara före det år parten gick med (2022)." in text_of(
        before_joining.get_data(as_text=True))
    assert session.scalar(select(AuditEvent.id).where(AuditEvent.action == "party.membership")) is None


def test_a_new_party_is_a_member_from_the_year_given(client: FlaskClient, admin: AuthActions,
                                                     session: Session) -> None:
    form = client.get(PARTIES).get_data(as_text=True)
    assert '<label class="field__label" for="first_year">Medlem från (år)</label>' in form
    response = admin.post_form(PARTIES, {"code": "0999", "name": "Provkommun", "kind": "municipality",
                                         "first_year": "2025"})
    assert response.status_code == 303
    assert years_of(session, "0999") == (2025, None)


def test_a_new_party_with_a_wrong_year_is_not_added_and_every_problem_is_named(
    admin: AuthActions, session: Session
) -> None:
    response = admin.post_form(PARTIES, {"code": "0680", "name": "Provkommun", "kind": "municipality",
                                         "first_year": "tjugo"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<a href="#code">Det finns redan en part med den här koden.</a>' in html
    assert ('<a href="#first_year">Medlem från: skriv det år parten gick med, med fyra siffror, till exempel '
            '2018.</a>') in html
    assert 'value="tjugo"' in html
    alone = admin.post_form(PARTIES, {"code": "0999", "name": "Provkommun", "kind": "municipality",
                                      "first_year": "2017"})
    assert alone.status_code == 400 and "Medlem från: skriv ett år mellan 2018 och 2200" in alone.get_data(
        as_text=True)
    session.expire_all()
    assert session.scalar(select(Party.id).where(Party.code == "0999")) is None


def test_the_users_table_names_the_parties(client: FlaskClient, admin: AuthActions) -> None:
    text = text_of(client.get("/admin/anvandare").get_data(as_text=True))
    assert "kontakt.jonkoping@exempel.se Kontaktperson Jönköpings kommun Ja" in text
    assert "kontakt.region@exempel.se Kontaktperson Region Jönköpings län Ja" in text
    assert " 0680 " not in text and " 06 " not in text
