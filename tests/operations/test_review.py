"""Review as operations, on the demo data: approve and send back carry the version read, change nothing when
refused, are audited; sending back mails every active contact of the party (a real local SMTP server); a
project leader's edits on the party's behalf are marked, and those after the approval are counted in one query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from tests.copy_helpers import copy_and_confirm
from tracker.domain import AuditEvent, Indicator, Party, ReportingRound, Role, Submission, SubmissionState, User
from tracker.domain.mail import LINK_PLACEHOLDER, MailKind, MailState, SentMail
from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError, set_answer
from tracker.operations.audit import Actor
from tracker.operations.mailing import SignInLink
from tracker.operations.review import StaleReportError, approve, send_back
from tracker.operations.submitting import set_submission_state
from tracker.queries.reporting import previous_report
from tracker.queries.review import changes_after_approval, send_back_comment

if TYPE_CHECKING:
    from tests.conftest import MakeUser, SmtpServer

COMMENT = "Kontrollera antalet tankstationer i åtagande II."


def state_of(submission: Submission) -> SubmissionState:
    """The state now: read through a call, as mypy keeps an earlier assertion's narrowing of `.state` past the
    operation that changes it."""
    return submission.state


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    """The demo data (rounds 2019–2024 closed, 2025 open and not started); each test is rolled back."""
    return demo_engine


def user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


@pytest.fixture
def leader(session: Session) -> Actor:
    return Actor(user=user(session, "projektledare@exempel.se"))


def report(session: Session, code: str, year: int = 2025) -> Submission:
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == code, ReportingRound.year == year)).one()


def submit(session: Session, code: str) -> Submission:
    """The party's 2025 report, filled in from 2024's and submitted."""
    submission = report(session, code)
    previous = previous_report(session, submission)
    assert previous is not None
    copy_and_confirm(session, Actor.system("test"), submission, previous)
    set_submission_state(session, Actor.system("test"), submission, SubmissionState.SUBMITTED)
    return submission


def indicator(submission: Submission, key: str) -> Indicator:
    return next(i for i in submission.round.agreement.indicators if i.key == key)


def events_of(session: Session, submission: Submission) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.submission_id == submission.id)
                                .order_by(AuditEvent.id)))


def test_approve_needs_the_version_read_and_is_audited(session: Session, leader: Actor) -> None:
    submission = submit(session, "0680")
    read = submission.version
    before = len(events_of(session, submission))
    with pytest.raises(StaleReportError):
        approve(session, leader, submission, version=read - 1)
    with pytest.raises(StaleReportError):
        approve(session, leader, submission, version=None)
    assert submission.state is SubmissionState.SUBMITTED and len(events_of(session, submission)) == before
    approve(session, leader, submission, version=read)
    assert state_of(submission) is SubmissionState.APPROVED and submission.approved_dt is not None
    assert submission.version == read + 1
    last = events_of(session, submission)[-1]
    assert leader.user is not None
    assert (last.field, last.old_value, last.new_value, last.user_id) == ("state", "submitted", "approved",
                                                                         leader.user.id)


def test_only_a_submitted_report_is_approved(session: Session, leader: Actor) -> None:
    draft = report(session, "0680")
    with pytest.raises(OperationError) as refused:
        approve(session, leader, draft, version=draft.version)
    assert refused.value.code == "illegal_transition"
    assert draft.state is SubmissionState.NOT_STARTED


def test_send_back_queues_the_comment_for_every_active_contact_and_keeps_it(
    session: Session, leader: Actor, smtp_server: SmtpServer, make_user: MakeUser
) -> None:
    submission = submit(session, "0680")
    party = submission.party
    make_user(email="andra.kontakt@jonkoping.se", name="Andra Kontakt", role=Role.CONTACT, parties=[party])
    make_user(email="slutat@jonkoping.se", name="Slutat", role=Role.CONTACT, parties=[party], is_active=False)
    session.refresh(party)
    link = SignInLink(f"/rapportera/{submission.id}", 7 * 24 * 3600)
    mails = send_back(session, leader, submission, f"  {COMMENT}\n", version=submission.version, link=link)
    assert submission.state is SubmissionState.RETURNED and submission.review_comment == COMMENT
    assert send_back_comment(session, submission) == COMMENT
    assert sorted(m.to_email for m in mails) == ["andra.kontakt@jonkoping.se", "kontakt.jonkoping@exempel.se"]
    assert smtp_server.messages == []  # queued: sent by tracker.outbox after the commit
    for mail in mails:
        assert mail.state is MailState.QUEUED and mail.kind is MailKind.RETURNED
        assert COMMENT in mail.body and LINK_PLACEHOLDER in mail.body and "/logga-in/lank/" not in mail.body
        assert (mail.carries_link, mail.link_next, mail.link_valid_for) == (True, link.next_path, link.valid_for)
        assert "Jönköpings kommun" in mail.subject and "2025" in mail.subject
    state, comment = events_of(session, submission)[-2:]
    assert (state.old_value, state.new_value) == ("submitted", "returned")
    assert (comment.field, comment.new_value) == ("comment", COMMENT)


def test_send_back_without_a_comment_or_from_a_stale_page_changes_nothing(
    session: Session, leader: Actor, smtp_server: SmtpServer
) -> None:
    submission = submit(session, "0680")
    before = (submission.version, len(events_of(session, submission)))
    for comment in (None, "", " \n "):
        with pytest.raises(InvalidValue):
            send_back(session, leader, submission, comment, version=submission.version, link=SignInLink())
    with pytest.raises(InvalidValue) as too_long:
        send_back(session, leader, submission, "x" * 2001, version=submission.version, link=SignInLink())
    assert too_long.value.code == "too_long"
    with pytest.raises(StaleReportError):
        send_back(session, leader, submission, COMMENT, version=submission.version - 1, link=SignInLink())
    session.flush()
    assert (submission.version, len(events_of(session, submission))) == before
    assert submission.state is SubmissionState.SUBMITTED and submission.review_comment is None
    assert smtp_server.messages == [] and session.scalars(select(SentMail)).all() == []


def test_a_leader_on_the_partys_behalf_may_correct_an_approved_report_and_it_is_marked(
    session: Session, leader: Actor
) -> None:
    submission = submit(session, "0680")
    approve(session, leader, submission, version=submission.version)
    stations = indicator(submission, "II.public_stations")
    with pytest.raises(OperationError):  # not on anyone's behalf: the report is no longer the party's to change
        set_answer(session, leader, submission, stations, "12")
    on_behalf = Actor(user=leader.user, on_behalf=True)
    set_answer(session, on_behalf, submission, stations, "12")
    last = events_of(session, submission)[-1]
    assert (last.field, last.new_value, last.is_on_behalf) == ("II.public_stations", "12", True)
    assert submission.state is SubmissionState.APPROVED


def test_changes_after_approval_are_counted_for_many_reports_in_one_statement(
    session: Session, leader: Actor, engine: Engine
) -> None:
    first, second, third = (submit(session, code) for code in ("0680", "06", "0604"))
    on_behalf = Actor(user=leader.user, on_behalf=True)
    set_answer(session, on_behalf, first, indicator(first, "II.public_stations"), "40")  # before: not counted
    for submission in (first, second):
        approve(session, leader, submission, version=submission.version)
    set_answer(session, on_behalf, first, indicator(first, "II.public_stations"), "41")
    set_answer(session, on_behalf, first, indicator(first, "II.public_stations"), "42")
    session.flush()
    ids = [first.id, second.id, third.id, report(session, "0680", 2024).id]
    with count_statements(session) as statements:
        counts = changes_after_approval(session, ids)
    assert counts == {first.id: 2, second.id: 0, third.id: 0, ids[3]: 0}
    assert len(statements) == 1
    assert changes_after_approval(session, []) == {}


@contextmanager
def count_statements(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    bind = session.connection()

    def before(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(bind, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(bind, "before_cursor_execute", before)
