"""Mail texts without Flask, on the demo data: tokens checked and filled per language, dates and the link's
validity in words; the leaders' daily digest (once per period, nothing when nothing was submitted)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.domain import Party, ReportingRound, Role, Submission, SubmissionNotice, SubmissionState, User
from tracker.domain.mail import MailKind
from tracker.domain.mail_text import fill, problem_in
from tracker.i18n import gettext_for, long_date, validity_in_words
from tracker.operations.mail_templates import MailValues, TemplateError, checked_texts, render, template_for
from tracker.operations.notices import queue_digests


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def round_2025(session: Session) -> ReportingRound:
    return session.scalars(select(ReportingRound).where(ReportingRound.year == 2025)).one()


def test_tokens_are_checked_in_the_texts_own_language() -> None:
    assert problem_in("Hej {namn}, {part} {sista dag} {länk}", "sv", MailKind.REMINDER) is None
    assert problem_in("Hello {name}, {party} {deadline} {link}", "en", MailKind.REMINDER) is None
    wrong = problem_in("Hello {part}", "en", MailKind.REMINDER)
    assert wrong is not None and wrong.params["token"] == "part"
    assert problem_in("{kommentar}", "sv", MailKind.REMINDER) is not None  # only in the "sent back" mail
    assert problem_in("{kommentar}", "sv", MailKind.RETURNED) is None
    assert problem_in("Om {länk}", "sv", MailKind.INVITATION, is_subject=True) is not None
    assert problem_in("{namn}", "sv", MailKind.REGISTRY_INVITATION) is not None  # a registry is no person
    assert problem_in("a } b", "sv", MailKind.REMINDER) is not None
    assert fill("{{{part}}} {Sista  dag}", "sv", {"party": "Habo", "deadline": "1 mars"}) == "{Habo} 1 mars"


def test_a_mail_is_written_in_its_readers_language_with_dates_as_on_the_pages(session: Session) -> None:
    round_ = round_2025(session)
    round_.deadline_on = date(2027, 1, 31)
    texts = {"subject_sv": "{part} {sista dag}", "body_sv": "{dagar kvar} dagar; länken {länkens giltighet}",
             "subject_en": "{party} {deadline}", "body_en": "{days left} days; the link is {link validity}"}
    values = MailValues(party="Habo kommun", round=round_, link_valid_for=7 * 86400, today=date(2027, 1, 21))
    assert render(texts, values, "sv") == ("Habo kommun 31 januari 2027", "10 dagar; länken gäller i 7 dagar")
    assert render(texts, values, "en") == ("Habo kommun 31 January 2027", "10 days; the link is valid for 7 days")
    assert long_date(date(2027, 1, 31), "sv") == "31 januari 2027"


@pytest.mark.parametrize(("today", "swedish", "english"), [
    (date(2027, 1, 19), "Sista dag är 31 januari 2027, om 12 dagar.", "The deadline is 31 January 2027, in 12 days."),
    (date(2027, 1, 30), "Sista dag är 31 januari 2027, i morgon.", "The deadline is 31 January 2027, tomorrow."),
    (date(2027, 1, 31), "Sista dag är 31 januari 2027, i dag.", "The deadline is 31 January 2027, today."),
    (date(2027, 2, 3), "Sista dag är 31 januari 2027, den dagen har passerat.",
     "The deadline is 31 January 2027, a day that has passed."),
])
def test_the_default_reminder_says_the_time_left_in_words(
    session: Session, today: date, swedish: str, english: str
) -> None:
    """Not "om 1 dagar" or "om 0 dagar": {tid kvar} / {time left} is the words for the day the mail is sent."""
    round_ = round_2025(session)
    round_.deadline_on = date(2027, 1, 31)
    template = template_for(session, MailKind.REMINDER)
    values = MailValues(party="Habo kommun", round=round_, link_valid_for=7 * 86400, today=today)
    assert swedish in render(template, values, "sv")[1]
    assert english in render(template, values, "en")[1]
    assert validity_in_words(30 * 60, "sv") == "gäller i 30 minuter" and validity_in_words(86400, "en") == \
        "valid for 1 day"


def test_checked_texts_name_the_field_in_the_readers_language() -> None:
    texts = {"subject_sv": "Hej", "body_sv": "Hej", "subject_en": "Hi", "body_en": "Hi {kommun}"}
    with pytest.raises(TemplateError) as refused:
        checked_texts(MailKind.REMINDER, texts)
    assert refused.value.field == "body_en"
    assert refused.value.message.render(gettext_for("sv")).startswith("Text (engelska): Okänt kopplingsfält {kommun}")
    assert refused.value.message.render(gettext_for("en")).startswith("Text (English): Unknown token {kommun}")


def test_the_digest_lists_the_reports_submitted_since_the_previous_one_once(session: Session) -> None:
    leader = session.scalars(select(User).where(User.role == Role.PROJECT_LEADER)).first()
    assert leader is not None
    leader.submission_notice = SubmissionNotice.DIGEST
    now = datetime(2027, 1, 20, 6, 0, tzinfo=UTC)
    submission = session.scalars(select(Submission).join(Party).join(ReportingRound)
                                 .where(Party.code == "0643", ReportingRound.year == 2025)).one()
    submission.state, submission.submitted_dt = SubmissionState.SUBMITTED, now - timedelta(hours=3)
    session.flush()
    [digest] = queue_digests(session, lambda s: f"https://biogas.example.se/projektledare/granska/{s.id}", now)
    assert digest.to_email == leader.email and digest.kind is MailKind.DIGEST
    assert digest.subject == "1 rapport inlämnad sedan förra sammanställningen"
    assert f"Habo kommun, 2025, inlämnad 20 januari 2027 04:00: https://biogas.example.se/projektledare/granska/" \
           f"{submission.id}" in digest.body
    assert queue_digests(session, str, now + timedelta(hours=1)) == []  # nothing new since
    assert queue_digests(session, str, now + timedelta(days=2)) == []
