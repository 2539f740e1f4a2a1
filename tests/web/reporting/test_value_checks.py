"""Plausible numbers in the contact's form: a value far from the party's earlier years is saved, warned about at the
field, and blocks submitting until a comment on the value confirms it; the first year never warns.

Jönköpings kommun reported 451 cars, 137 of them gas cars (30,4 %), and 5 public stations for 2024 (the demo)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tests.conftest import TEST_PASSWORD, MakeUser
from tests.web.reporting.reporting_helpers import Reporter, copy_and_confirm
from tracker.domain import Agreement, AuditEvent, Party, PartyKind, ReportingRound, Submission, SubmissionState
from tracker.operations.rounds import ensure_submission

SHARE_WARNING = "Mycket högre än förra året (30,4 % → 97,6 %): bekräfta med en kommentar."  # as read (text_of)
SHARE_COMMENT = "comment_q_III_cars_gas_share"
FLEET = {"q_III_cars_total": "451", "q_III_cars_gas": "440", "q_III_trucks_total": "157", "q_III_trucks_gas": "29",
         "q_III_guidelines": "yes", "status": "done"}  # commitment III as the contact posts it: 440 gas cars of 451


def text_of(response: TestResponse | str) -> str:
    page = response if isinstance(response, str) else response.get_data(as_text=True)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def copy_last_year(reporter: Reporter, sid: int) -> None:
    """The contact starts from last year's answers, confirmed commitment by commitment: a complete report."""
    copy_and_confirm(reporter, sid)


def submit(reporter: Reporter, sid: int) -> TestResponse:
    return reporter.post(f"/rapportera/{sid}/skicka-in", {}, form_path=f"/rapportera/{sid}")


def state_of(session: Session, sid: int) -> SubmissionState:
    session.expire_all()
    return session.get_one(Submission, sid).state


def test_a_share_far_from_last_year_is_saved_warned_and_cannot_be_submitted_without_a_comment(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    copy_last_year(reporter, jonkoping_2025)
    url = f"/rapportera/{jonkoping_2025}/atagande/III"
    response = reporter.post(url, {**FLEET, "then": "next"})
    assert response.status_code == 200  # saved, but the contact stays to see the warning instead of going on
    page = text_of(response)
    assert "Utkastet är sparat. Kontrollera värdena som skiljer sig mycket från tidigare år" in page
    assert SHARE_WARNING in page and "97,6 %" in page
    assert f'href="#{SHARE_COMMENT}"' in response.get_data(as_text=True)
    assert f'id="{SHARE_COMMENT}"' in response.get_data(as_text=True)  # the comment field, at the share
    session.expire_all()
    assert session.get_one(Submission, jonkoping_2025).state is SubmissionState.DRAFT

    refused = submit(reporter, jonkoping_2025)
    assert refused.status_code == 200 and state_of(session, jonkoping_2025) is SubmissionState.DRAFT
    assert f"Åtagande III: {SHARE_WARNING}" in text_of(refused)
    assert f'href="{url}#{SHARE_COMMENT}"' in refused.get_data(as_text=True)  # the summary leads to the comment

    comment = "Leasingavtalen förnyades 2025 och nästan alla nya bilar är gasbilar."
    saved = reporter.post(url, {**FLEET, SHARE_COMMENT: comment, "then": "stay"})
    assert saved.status_code == 303
    confirmed = text_of(reporter.open(url))
    assert "Mycket högre än förra året (30,4 % → 97,6 %). Bekräftat med en kommentar." in confirmed
    assert comment in confirmed and "bekräfta med en kommentar." not in confirmed
    assert submit(reporter, jonkoping_2025).status_code == 303
    assert state_of(session, jonkoping_2025) is SubmissionState.SUBMITTED
    event = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == jonkoping_2025,
                                                     AuditEvent.field == "III.cars_gas_share.comment")).one()
    assert event.new_value == comment and event.user is not None  # the comment is in the report's history
    assert "Kommentar till värdet: " + comment in text_of(reporter.open(f"/rapportera/{jonkoping_2025}"))


def test_a_count_ten_times_last_years_is_warned_at_its_field_and_a_smaller_step_is_not(
    reporter: Reporter, jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/II"
    response = reporter.post(url, {"q_II_public_stations": "50", "then": "stay"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Mycket högre än förra året (5 st → 50 st): bekräfta med en kommentar." in text_of(page)
    describedby = re.search(r'<input[^>]*id="q_II_public_stations"[^>]*>', page)
    assert describedby and "comment_q_II_public_stations-warning" in describedby.group(0)  # read with the field
    again = reporter.post(url, {"q_II_public_stations": "50", "comment_q_II_public_stations": "", "then": "next"})
    assert again.status_code == 303  # warned once: the contact may go on and comment later
    assert reporter.post(url, {"q_II_public_stations": "12", "then": "stay"}).status_code == 303
    assert "Kontrollera värdet" not in reporter.open(url)


def test_the_first_year_of_a_party_never_warns(
    session: Session, make_user: MakeUser, client_factory: Callable[[], Reporter]
) -> None:
    agreement = session.scalars(select(Agreement).where(Agreement.slug == "biogas-jonkoping")).one()
    party = Party(code="0699", name="Nykommuns kommun", kind=PartyKind.MUNICIPALITY)
    session.add(party)
    agreement.parties.append(party)
    reporting_round = session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one()
    submission = ensure_submission(session, reporting_round, party)
    make_user("kontakt@nykommun.se", parties=[party])
    session.flush()
    newcomer = client_factory().login("kontakt@nykommun.se", TEST_PASSWORD)
    url = f"/rapportera/{submission.id}/atagande/III"
    response = newcomer.post(url, {"q_III_cars_total": "5000", "q_III_cars_gas": "4900", "then": "stay"})
    assert response.status_code == 303  # saved, and on: nothing to compare with
    page = newcomer.open(url)
    assert "98 %" in text_of(page) and "Kontrollera värdet" not in page and 'name="comment_q_' not in page




def test_two_people_writing_the_comment_on_a_value_at_once_do_not_overwrite_each_other(
    reporter: Reporter, client_factory: Callable[[], Reporter], jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/II"
    reporter.post(url, {"q_II_public_stations": "50", "then": "stay"})
    mine, other = reporter.open(url), client_factory().login()
    assert other.post(url, {"q_II_public_stations": "50", "comment_q_II_public_stations": "Tre nya depåer.",
                            "then": "stay"}).status_code == 303
    response = reporter.post(url, {"q_II_public_stations": "50", "comment_q_II_public_stations": "Fel i fjol.",
                                   "then": "stay"}, page=mine)
    assert response.status_code == 409
    page = text_of(response)
    assert "Kommentar till värdet: Hur många publika tankstationer för biogas finns i kommunen?" in page
    assert "Tre nya depåer." in page and "Fel i fjol." in page
    again = text_of(reporter.open(url))
    assert "Tre nya depåer." in again and "Fel i fjol." not in again  # nothing of mine was saved
