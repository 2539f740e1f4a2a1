"""Submitting a report mails a receipt to the party's contacts (what was submitted, per commitment its status, a
link to the report) and a note to the project leaders who want one per report, through a real SMTP server, each
in its reader's language; leaders who chose the digest get nothing now (tests/operations/test_notices.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.reporting.reporting_helpers import LEADER, Reporter, copy_and_confirm
from tracker.domain import Language, SentMail, SubmissionNotice, User
from tracker.domain.mail import MailKind

if TYPE_CHECKING:
    from tests.conftest import SmtpServer


def submit_complete(reporter: Reporter, sid: int) -> None:
    copy_and_confirm(reporter, sid)  # last year's answers, each commitment confirmed: complete
    response = reporter.post(f"/rapportera/{sid}/skicka-in", {}, form_path=f"/rapportera/{sid}")
    assert response.status_code == 303


def test_submitting_mails_the_receipt_and_the_leaders_note(
    app: Flask, reporter: Reporter, session: Session, jonkoping_2025: int, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    leader = session.scalars(select(User).where(User.email == LEADER)).one()
    leader.language = Language.EN
    session.flush()
    submit_complete(reporter, jonkoping_2025)
    mails = {m["To"]: m for m in smtp_server.messages}
    assert set(mails) == {"kontakt.jonkoping@exempel.se", LEADER}
    receipt = mails["kontakt.jonkoping@exempel.se"]
    assert receipt["Subject"] == "Kvitto: rapporten för Jönköpings kommun för 2025 är inlämnad"
    body = receipt.get_content()
    assert "Hej Jonas Kontaktsson" in body and "Tack! Rapporten för Jönköpings kommun för 2025 lämnades in" in body
    assert re.search(r"^- II Tankinfrastruktur för biogas: \w+", body, re.M), body  # I is the region's
    assert re.search(r"^- VIII .+: .+$", body, re.M)  # per commitment
    assert f"http://localhost/rapportera/{jonkoping_2025}" in body
    note = mails[LEADER]
    assert note["Subject"] == "Jönköpings kommun has submitted its report for 2025"  # the leader reads English
    note_body = note.get_content()
    assert "Jonas Kontaktsson submitted the report of Jönköpings kommun for 2025 on " in note_body
    assert f"http://localhost/projektledare/granska/{jonkoping_2025}" in note_body
    kinds = sorted(str(m.kind) for m in session.scalars(select(SentMail)))
    assert kinds == [MailKind.RECEIPT, MailKind.SUBMITTED_NOTE] and all(m.is_sent for m in
                                                                         session.scalars(select(SentMail)))


def test_a_leader_who_chose_the_digest_or_no_mail_gets_no_note_now(
    app: Flask, reporter: Reporter, session: Session, jonkoping_2025: int, smtp_server: SmtpServer
) -> None:
    app.config.update(smtp_server.config)
    leader = session.scalars(select(User).where(User.email == LEADER)).one()
    leader.submission_notice = SubmissionNotice.DIGEST
    session.flush()
    submit_complete(reporter, jonkoping_2025)
    assert [m["To"] for m in smtp_server.messages] == ["kontakt.jonkoping@exempel.se"]
