"""Nothing lost, nothing overwritten: two people saving the same report, and the report's history."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.reporting.reporting_helpers import CONTACT, Reporter, user_email
from tracker.domain import Answer, AuditEvent, Indicator, Party, Submission


@pytest.fixture
def colleague(client_factory: Callable[[], Reporter], make_user: Callable[..., object], session: Session
              ) -> Reporter:
    """A second contact of Jönköpings kommun, signed in on another browser."""
    party = session.scalars(select(Party).where(Party.code == "0680")).one()
    make_user("kollega@jonkoping.se", name="Karin Kollega", parties=[party])
    return client_factory().login("kollega@jonkoping.se", password="korrekt häst batteri")


def stored(session: Session, sid: int, key: str) -> object:
    session.expire_all()
    row = session.execute(select(Answer.value_number, Answer.value_text).join(Answer.indicator)
                          .where(Answer.submission_id == sid, Indicator.key == key)).one_or_none()
    return None if row is None else (row[0] if row[0] is not None else row[1])


def test_the_second_save_gets_the_conflict_page_and_overwrites_nothing(
    reporter: Reporter, colleague: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/III"
    mine, theirs = reporter.open(url), colleague.open(url)  # both open the page at the same version
    assert colleague.post(url, {"q_III_cars_total": "410", "then": "stay"}, page=theirs).status_code == 303

    response = reporter.post(url, {"q_III_cars_total": "400", "q_III_cars_gas": "40", "then": "stay"}, page=mine)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Rapporten har ändrats medan du hade sidan öppen" in page
    assert "Ingenting har sparats." in page
    assert "410\u00a0st" in page and "Karin Kollega" in page  # what is stored now, by whom
    assert "<strong>400\u00a0st</strong>" in page  # and what I typed
    assert 'value="400"' in page and 'value="40"' in page  # my values stay in the form
    assert stored(session, jonkoping_2025, "III.cars_total") == Decimal(410)
    assert stored(session, jonkoping_2025, "III.cars_gas") is None  # nothing of the refused save

    # the conflict page carries the new version: saving again is a knowing choice, and it wins
    response = reporter.post(url, {"q_III_cars_total": "400", "q_III_cars_gas": "40", "then": "stay"}, page=page)
    assert response.status_code == 303
    assert stored(session, jonkoping_2025, "III.cars_total") == Decimal(400)
    assert stored(session, jonkoping_2025, "III.cars_gas") == Decimal(40)


def test_changes_to_other_fields_are_kept_without_a_conflict(
    reporter: Reporter, colleague: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/III"
    mine, theirs = reporter.open(url), colleague.open(url)
    colleague.post(url, {"q_III_cars_total": "410", "then": "stay"}, page=theirs)
    # I leave the number of cars empty, as it was when I opened the page, and answer another question
    response = reporter.post(url, {"q_III_cars_total": "", "q_III_cars_gas": "40", "then": "stay"}, page=mine)
    assert response.status_code == 303
    assert stored(session, jonkoping_2025, "III.cars_total") == Decimal(410)  # theirs kept
    assert stored(session, jonkoping_2025, "III.cars_gas") == Decimal(40)  # mine saved
    page = reporter.client.get(url).get_data(as_text=True)
    assert "Någon annan ändrade 1 av svaren på sidan medan du hade den öppen." in page


def test_every_change_is_audited_with_the_version_it_made(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/IV"
    reporter.post(url, {"q_IV_biogas_share": "90", "status": "started", "comment": "Avtal på gång.", "then": "stay"})
    reporter.post(url, {"q_IV_biogas_share": "95,5", "status": "well_advanced", "then": "stay"})
    session.expire_all()
    events = session.scalars(select(AuditEvent).where(AuditEvent.submission_id == jonkoping_2025)
                             .order_by(AuditEvent.id)).all()
    assert [(e.field, e.old_value, e.new_value) for e in events] == [
        ("state", "not_started", "draft"), ("IV.biogas_share", None, "90"),
        ("IV.status", None, "started"), ("IV.comment", None, "Avtal på gång."),
        ("IV.biogas_share", "90", "95.5"), ("IV.status", "started", "well_advanced"),
        ("IV.comment", "Avtal på gång.", None),
    ]
    assert {user_email(e) for e in events} == {CONTACT}
    versions = [e.submission_version for e in events if e.submission_version is not None]
    assert len(versions) == len(events)  # every change names the version it made
    assert versions == sorted(versions) and versions[-1] == session.get_one(Submission, jonkoping_2025).version


def test_the_history_lists_who_when_and_old_to_new_with_readable_labels(
    reporter: Reporter, jonkoping_2025: int
) -> None:
    url = f"/rapportera/{jonkoping_2025}/atagande/IV"
    reporter.post(url, {"q_IV_biogas_share": "90", "status": "started", "then": "stay"})
    reporter.post(url, {"q_IV_biogas_share": "95,5", "status": "well_advanced", "then": "stay"})
    page = reporter.open(f"/rapportera/{jonkoping_2025}/historik")
    assert "Historik för rapporten 2025" in page and "Jonas Kontaktsson" in page
    assert "Hur stor andel av den fordonsgas ni använde under året var biogas (%)?" in page
    assert "IV.biogas_share" not in page and "well_advanced" not in page  # labels, not keys
    row = page.index("95,5\u00a0%")
    assert page.rindex("90\u00a0%", 0, row) > page.rindex("<tr>", 0, row)  # old -> new in one row
    assert "Påbörjat" in page and "Långt kommet" in page and "Utkast" in page and "Ej påbörjad" in page
