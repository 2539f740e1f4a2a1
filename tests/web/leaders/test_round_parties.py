"""A party that joins after its round was created gets its report from the round's page (demo data: 2025 open):
the page lists the members of the year without a report, each with a button; the button gives the party its report,
written in the round's history; a party that already has one, or a closed round, is refused with a message."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, Party, PartyKind, ReportingRound, Role, Submission, SubmissionState, User
from tracker.operations.audit import Actor
from tracker.operations.memberships import set_membership
from tracker.operations.parties import create_party

if TYPE_CHECKING:
    from tests.conftest import AuthActions

ROUND = "/projektledare/omgangar/2025"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def leader(auth: AuthActions) -> AuthActions:
    assert auth.login("projektledare@exempel.se", "demo").status_code == 303
    return auth


def join(session: Session, first_year: int) -> Party:
    """Provkommun, added by the admin as a member from `first_year` (after the rounds were created)."""
    admin = session.scalars(select(User).where(User.role == Role.ADMIN)).first()
    agreement = session.scalars(select(Agreement)).one()
    party = create_party(session, Actor(user=admin), code="0999", name="Provkommun", kind=PartyKind.MUNICIPALITY)
    set_membership(session, Actor(user=admin), agreement, party, str(first_year), "")
    session.flush()
    return party


def report_of(session: Session, party: Party, year: int) -> Submission | None:
    session.expire_all()
    return session.scalar(select(Submission).join(ReportingRound).where(Submission.party_id == party.id,
                                                                        ReportingRound.year == year))


def test_the_open_round_lists_a_party_that_joined_and_gives_it_its_report(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    assert "Parter utan rapport" not in client.get(ROUND).get_data(as_text=True)
    party = join(session, 2025)
    html = client.get(ROUND).get_data(as_text=True)
    text = text_of(html)
    assert ("Parter utan rapport 1 part är medlem i överenskommelsen 2025 men har ingen rapport i omgången: den gick "
            "med efter att omgången skapades.") in text
    action = f"/projektledare/omgangar/2025/parter/{party.id}"
    assert f'action="{action}"' in html and "Ge Provkommun sin rapport för 2025" in text
    response = leader.post_form(action, {}, form_path=ROUND)
    assert response.status_code == 303 and response.headers["Location"].endswith(ROUND + "#joining")
    report = report_of(session, party, 2025)
    assert report is not None and report.state is SubmissionState.NOT_STARTED
    after = text_of(client.get(ROUND).get_data(as_text=True))
    assert "Provkommun har fått sin rapport i omgången för 2025." in after and "Parter utan rapport" not in after
    assert "Petra Projektsson Rapport tillagd för en part Part – Provkommun" in after  # the round's history
    assert "15 parter, 0 inlämnade, 0 godkända" in after


def test_a_party_with_a_report_or_a_closed_round_is_refused_with_a_message(
    client: FlaskClient, leader: AuthActions, session: Session
) -> None:
    jonkoping = session.scalars(select(Party).where(Party.code == "0680")).one()
    again = leader.post_form(f"/projektledare/omgangar/2025/parter/{jonkoping.id}", {}, form_path=ROUND)
    assert again.status_code == 303
    assert "Jönköpings kommun har redan en rapport i omgången för 2025." in text_of(
        client.get(ROUND).get_data(as_text=True))
    party = join(session, 2024)
    closed = text_of(client.get("/projektledare/omgangar/2024").get_data(as_text=True))
    assert "Omgången är stängd. Öppna den igen för att ge dem deras rapporter. Provkommun" in closed
    assert "Ge Provkommun sin rapport" not in closed
    refused = leader.post_form(f"/projektledare/omgangar/2024/parter/{party.id}", {},
                               form_path="/projektledare/omgangar/2024")
    assert refused.status_code == 303 and report_of(session, party, 2024) is None
    assert leader.post_form("/projektledare/omgangar/2025/parter/999999", {}, form_path=ROUND).status_code == 404


def test_the_joined_partys_contact_finds_the_report(client: FlaskClient, leader: AuthActions, session: Session,
                                                     auth: AuthActions) -> None:
    party = join(session, 2025)
    leader.post_form(f"/projektledare/omgangar/2025/parter/{party.id}", {}, form_path=ROUND)
    contact = session.scalars(select(User).where(User.email == "kontakt.jonkoping@exempel.se")).one()
    contact.parties.append(party)
    session.flush()
    auth.logout()
    auth.login("kontakt.jonkoping@exempel.se", "demo")
    assert "Provkommun" in text_of(client.get("/rapportera/").get_data(as_text=True))
