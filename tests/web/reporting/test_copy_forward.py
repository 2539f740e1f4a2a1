"""Copy-forward that asks, on the demo data (Jönköping's 2025 report, not started; its 2024 report approved): the
page of what would be copied, the copy after the contact's POST, the marks on the form until each commitment is
confirmed or changed, the submission refused until then, and the audit trail of it all."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.reporting.reporting_helpers import (
    Reporter,
    confirm_commitment,
    copy_and_confirm,
    copy_last_year,
    form_fields,
    submission_id,
    user_email,
)
from tests.web.reporting.test_form import answers, page_url
from tracker.domain import AuditEvent, Submission, SubmissionState

MARK = "från förra året – kontrollera"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def copy_events(session: Session, sid: int) -> list[tuple[str | None, str | None, str | None]]:
    session.expire_all()
    return [(e.field, e.old_value, e.new_value) for e in session.scalars(
        select(AuditEvent).where(AuditEvent.submission_id == sid, AuditEvent.action == "copy.marks")
        .order_by(AuditEvent.id))]


def test_the_copy_page_shows_what_would_be_copied_and_copies_nothing_until_confirmed(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    reporter.post(page_url(jonkoping_2025, "IV"), {"q_IV_biogas_share": "99", "then": "stay"})
    overview = reporter.open(page_url(jonkoping_2025))
    assert f'href="/rapportera/{jonkoping_2025}/kopiera"' in overview and "Se vad som skulle kopieras" in overview
    html = reporter.open(f"/rapportera/{jonkoping_2025}/kopiera")
    page = text_of(html)
    assert "Kopiera svaren från 2024?" in page
    assert "Åtagande III: Gasfordon i den egna fordonsparken" in page
    assert "Hur många egna och leasade personbilar har ni? 451 st (tomt) Kopieras in" in page
    assert "Hur stor andel av den fordonsgas ni använde under året var biogas (%)? 100 % 99 % Årets svar behålls" \
        in page
    assert "Kopieringen fyller i 18 svar och 7 statusar." in page  # IV's answer is kept, its status copied
    assert answers(session, jonkoping_2025) == {"IV.biogas_share": Decimal(99)}  # the page wrote nothing

    refused = reporter.client.post(f"/rapportera/{jonkoping_2025}/kopiera", data={"version": "2"})  # no CSRF
    assert refused.status_code == 400 and answers(session, jonkoping_2025) == {"IV.biogas_share": Decimal(99)}

    response = reporter.post(f"/rapportera/{jonkoping_2025}/kopiera", {}, page=html)
    assert response.status_code == 303 and response.headers["Location"].endswith("/atagande/II")
    form = reporter.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Förra årets svar har kopierats in. De är märkta ”från förra året – kontrollera”" in form
    last_year = session.get_one(Submission, submission_id(session, "0680", 2024))
    stored = answers(session, jonkoping_2025)
    assert set(stored) == {a.indicator.key for a in last_year.answers}
    assert stored["IV.biogas_share"] == Decimal(99)  # never overwritten
    copied = session.scalars(select(AuditEvent).where(
        AuditEvent.submission_id == jonkoping_2025, AuditEvent.action == "answer.update")).all()
    assert {user_email(event) for event in copied} == {"kontakt.jonkoping@exempel.se"}
    assert ("III.copy", None, "unchecked") in copy_events(session, jonkoping_2025)
    assert ("IV.copy", None, "unchecked") in copy_events(session, jonkoping_2025)  # IV: its status


def test_a_copy_page_opened_before_a_change_copies_nothing_and_shows_the_plan_again(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    stale = reporter.open(f"/rapportera/{jonkoping_2025}/kopiera")
    reporter.post(page_url(jonkoping_2025, "IV"), {"q_IV_biogas_share": "99", "then": "stay"})
    response = reporter.post(f"/rapportera/{jonkoping_2025}/kopiera", {}, page=stale)
    assert response.status_code == 409
    page = text_of(response.get_data(as_text=True))
    assert "Ingenting kopierades." in page and "99 % Årets svar behålls" in page
    assert answers(session, jonkoping_2025) == {"IV.biogas_share": Decimal(99)}


def test_copied_answers_are_marked_until_each_commitment_is_confirmed_or_changed_and_block_submitting(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    copy_last_year(reporter, jonkoping_2025)
    form = reporter.open(page_url(jonkoping_2025, "III"))
    assert form.count(f'<strong class="copied-tag">{MARK}</strong>') == 6  # five answers and the status
    assert "6 svar kopierade från förra året att kontrollera" in text_of(form)
    assert "6 svar från förra året att kontrollera" in text_of(reporter.open(page_url(jonkoping_2025)))

    overview = f"/rapportera/{jonkoping_2025}"
    refused = reporter.post(f"{overview}/skicka-in", {}, form_path=overview)
    page = text_of(refused.get_data(as_text=True))
    assert refused.status_code == 200 and "Rapporten är inte färdig än" in page
    for number in ("II", "III", "IV", "V", "VI", "VII", "VIII"):
        assert f"Åtagande {number}: Bekräfta eller ändra svaren som kopierats från förra året." in page
    assert f'href="{overview}/atagande/III#copy-check"' in refused.get_data(as_text=True)

    confirmed = confirm_commitment(reporter, jonkoping_2025, "III")
    assert confirmed.status_code == 303 and confirmed.headers["Location"].endswith("/atagande/III")
    form = reporter.client.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "Svaren i åtagande III är bekräftade." in text_of(form) and MARK not in form
    assert ("III.copy", "unchecked", "checked") in copy_events(session, jonkoping_2025)

    # changing one answer of IV is the contact's check of IV too
    reporter.post(page_url(jonkoping_2025, "IV"), {"q_IV_biogas_share": "95", "status": "completed",
                                                   "then": "stay"})
    assert MARK not in reporter.open(page_url(jonkoping_2025, "IV"))
    assert ("IV.copy", "unchecked", "checked") in copy_events(session, jonkoping_2025)
    page = text_of(reporter.post(f"{overview}/skicka-in", {}, form_path=overview).get_data(as_text=True))
    assert "Åtagande IV: Bekräfta" not in page and "Åtagande III: Bekräfta" not in page
    assert "Åtagande II: Bekräfta eller ändra svaren som kopierats från förra året." in page
    session.expire_all()
    assert session.get_one(Submission, jonkoping_2025).state is SubmissionState.DRAFT

    for number in ("II", "V", "VI", "VII", "VIII"):
        assert confirm_commitment(reporter, jonkoping_2025, number).status_code == 303
    assert reporter.post(f"{overview}/skicka-in", {}, form_path=overview).status_code == 303
    session.expire_all()
    assert session.get_one(Submission, jonkoping_2025).state is SubmissionState.SUBMITTED


def test_the_history_lists_the_copy_and_the_confirmations(
    reporter: Reporter, jonkoping_2025: int
) -> None:
    copy_and_confirm(reporter, jonkoping_2025)
    history = text_of(reporter.open(f"/rapportera/{jonkoping_2025}/historik"))
    assert "Åtagande III: svar från förra året (tomt) kopierade, att kontrollera" in history
    assert "Åtagande III: svar från förra året kopierade, att kontrollera bekräftade" in history


def test_the_marks_in_english(reporter: Reporter, jonkoping_2025: int) -> None:
    copy_last_year(reporter, jonkoping_2025)
    reporter.client.get("/sprak/en")
    english = reporter.open(page_url(jonkoping_2025, "III"))
    assert 'lang="en"' in english and "from last year – please check" in english
    assert "Save and confirm the answers of commitment III" in english


def test_the_main_button_of_a_page_with_copies_confirms_them_and_goes_to_the_next_commitment(
    reporter: Reporter, session: Session, jonkoping_2025: int
) -> None:
    copy_last_year(reporter, jonkoping_2025)
    url = page_url(jonkoping_2025, "III")
    form = reporter.open(url)
    assert 'value="confirm-next">Bekräfta svaren och gå till åtagande IV<' in form
    assert "Spara och gå till åtagande IV" not in form  # the button that would leave the copies unchecked
    response = reporter.client.post(url, data={**form_fields(form), "then": "confirm-next"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/atagande/IV")
    following = reporter.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Svaren i åtagande III är bekräftade." in text_of(following)
    assert ("III.copy", "unchecked", "checked") in copy_events(session, jonkoping_2025)
    assert MARK not in reporter.open(url) and "Spara och gå till åtagande IV" in reporter.open(url)

    last = page_url(jonkoping_2025, "VIII")
    form = reporter.open(last)
    assert 'value="confirm-overview">Bekräfta svaren och gå till översikten<' in form
    response = reporter.client.post(last, data={**form_fields(form), "then": "confirm-overview"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/rapportera/{jonkoping_2025}")
    assert ("VIII.copy", "unchecked", "checked") in copy_events(session, jonkoping_2025)
