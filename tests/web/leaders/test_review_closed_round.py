"""Review without noise, on the demo data: "changed" only where this year's answer differs from last year's, the
answers copied unchanged marked, and a submitted report of the closed round 2024 approved or sent back without
reopening the round (audited as such); sent back, it opens again for that party only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from seed.demo import DEMO_PASSWORD
from tests.conftest import TEST_PASSWORD, MakeUser
from tests.web.leaders.test_review import (
    LEADER,
    decide,
    report,
    review_url,
    row_of,
    state_of,
    text_of,
    user,
)
from tracker.domain import AuditEvent, RoundState, SubmissionState
from tracker.operations.audit import Actor
from tracker.operations.copying import copy_previous_answers
from tracker.queries.reporting import previous_report

if TYPE_CHECKING:
    from tests.conftest import AuthActions

GNOSJO_CONTACT = "kontakt.gnosjo@exempel.se"


def test_an_unanswered_report_has_nothing_changed_and_copies_are_marked_not_changed(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    draft = report(session, "0680", 2025)  # not started: every question unanswered, 2024 answered them all
    auth.login(LEADER, DEMO_PASSWORD)
    html = client.get(review_url(draft)).get_data(as_text=True)
    assert "Inte besvarad" in html and "review-table__changed" not in html  # no "ändrat" anywhere
    assert "kopierat från förra året" not in text_of(html)

    previous = previous_report(session, draft)
    assert previous is not None
    copy_previous_answers(session, Actor(user=user(session, "kontakt.jonkoping@exempel.se")), draft, previous)
    session.flush()
    html = client.get(review_url(draft)).get_data(as_text=True)
    page = text_of(html)
    assert "review-table__changed" not in html  # copied answers are last year's: not "ändrat"
    stations_now, stations_last = row_of(html, "Hur många publika tankstationer")[1:]
    assert stations_now == f"{stations_last} kopierat från förra året, oförändrat"
    assert "svar och statusar kopierades från förra året och lämnades oförändrade" in page


def test_a_submitted_report_of_a_closed_round_is_approved_without_reopening_it(
    client: FlaskClient, auth: AuthActions, session: Session
) -> None:
    waiting = report(session, "0617", 2024)  # in the demo, two reports of the closed round 2024 wait for review
    assert waiting.state is SubmissionState.SUBMITTED and waiting.round.state is RoundState.CLOSED
    auth.login(LEADER, DEMO_PASSWORD)
    html = client.get(review_url(waiting)).get_data(as_text=True)
    assert "Godkänn rapporten" in html
    assert "Omgången för 2024 är stängd. Du kan ändå godkänna rapporten eller skicka tillbaka den" in text_of(html)
    status, _ = decide(auth, waiting, "godkann")
    assert status == 303
    assert state_of(session, waiting) is SubmissionState.APPROVED
    assert report(session, "0617", 2024).round.state is RoundState.CLOSED  # the round stays closed
    page = text_of(client.get(review_url(waiting)).get_data(as_text=True))
    assert "Rapporten från Gnosjö kommun för 2024 är godkänd. Omgången förblir stängd." in page
    assert "Rapportens läge, ändrat i den stängda omgången för 2024" in page  # in the latest changes
    event = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == waiting.id,
                                                     AuditEvent.action == "submission.closed_round")).one()
    assert (event.old_value, event.new_value, event.user_id) == ("2024", "approved", user(session, LEADER).id)


def test_sent_back_in_a_closed_round_the_report_opens_for_that_party_only(
    client: FlaskClient, auth: AuthActions, session: Session, make_user: MakeUser
) -> None:
    waiting = report(session, "0617", 2024)
    auth.login(LEADER, DEMO_PASSWORD)
    status, _ = decide(auth, waiting, "skicka-tillbaka", {"comment": "Åtagande IV saknar en förklaring."})
    assert status == 303
    assert state_of(session, waiting) is SubmissionState.RETURNED
    page = text_of(client.get(review_url(waiting)).get_data(as_text=True))
    assert "Omgången förblir stängd, men Gnosjö kommun kan rätta rapporten och lämna in den igen." in page
    assert "Rapporten skickades tillbaka efter att omgången stängts: den är öppen igen enbart för parten." in page

    gnosjo = make_user(GNOSJO_CONTACT, parties=[report(session, "0617", 2024).party])
    auth.logout()
    auth.login(gnosjo.email, TEST_PASSWORD)
    mine = text_of(client.get("/rapportera/").get_data(as_text=True))
    assert "Rapport för 2024 Överenskommelse kring biogas i Jönköpings län Läge Återsänd för komplettering" in mine
    assert "Fortsätt med rapporten för 2024" in mine and "Rapport för 2024 – " not in mine  # not among the earlier
    form = client.get(f"/rapportera/{waiting.id}/atagande/IV").get_data(as_text=True)
    assert 'class="report-form"' in form and "Rapporteringsomgången för 2024 är stängd" not in form
    approved = report(session, "0617", 2023)  # the party's report of another closed round: still locked
    locked = client.get(f"/rapportera/{approved.id}/atagande/IV").get_data(as_text=True)
    assert 'class="report-form"' not in locked and "Rapporteringsomgången för 2023 är stängd" in locked
