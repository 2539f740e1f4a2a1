"""The outbox on the demo data: a queued mail is sent once, with the sign-in link minted at the moment of sending;
a second sender finds nothing to send; a failed attempt is retried after a pause and given up after MAX_ATTEMPTS;
a sender that died leaves its mail to the next one once its claim has run out; a batch interrupted half-way
leaves the rest queued and a later run sends exactly those."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta

import pytest
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from tests.conftest import SmtpServer
from tracker.database import Database
from tracker.domain import Role, User
from tracker.domain.base import utcnow
from tracker.domain.mail import LINK_PLACEHOLDER, MAX_ATTEMPTS, MailKind, MailState, SentMail
from tracker.operations.mailing import SignInLink, queue_mail
from tracker.outbox import CLAIM_TIME, retry_pause, send_queued

NOWHERE = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": 9, "MAIL_TIMEOUT": 2}  # nothing listens on the discard port


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def database(engine: Engine, connection: Connection) -> Iterator[Database]:
    """The senders' sessions, on the test's transaction (their commits are savepoints)."""
    database = Database(engine.url.render_as_string(hide_password=False))
    database.bind(connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield database
    database.dispose()


def minted(_session: Session, user: User, next_path: str | None, valid_for: int | None) -> str:
    return f"https://biogas.example.se/logga-in/lank/{user.id}-{next_path}-{valid_for}"


def contacts(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.role == Role.CONTACT).order_by(User.email)))


def queue(session: Session, user: User, link: bool = True) -> SentMail:
    mail = queue_mail(session, kind=MailKind.REMINDER, to_user=user, round=None, party=None, subject="Påminnelse",
                      body=f"Logga in: {LINK_PLACEHOLDER}\n", sent_by=None,
                      link=SignInLink("/rapportera/7", 3600) if link else None)
    session.commit()
    return mail


def fresh(session: Session, mail: SentMail) -> SentMail:
    session.expire_all()
    found = session.get(SentMail, mail.id)
    assert found is not None
    return found


def test_a_queued_mail_is_sent_once_with_a_link_minted_when_it_is_sent(
        session: Session, database: Database, smtp_server: SmtpServer) -> None:
    user = contacts(session)[0]
    mail = queue(session, user)
    assert mail.state is MailState.QUEUED and smtp_server.messages == []
    [outcome] = send_queued(database, smtp_server.config, minted, [mail.id])
    assert outcome.state is MailState.SENT
    [message] = smtp_server.messages
    assert message.get_content() == f"Logga in: {minted(session, user, '/rapportera/7', 3600)}\n"
    stored = fresh(session, mail)
    assert stored.state is MailState.SENT and stored.delivered_dt is not None and stored.attempts == 1
    assert LINK_PLACEHOLDER in stored.body and "/logga-in/lank/" not in stored.body
    assert send_queued(database, smtp_server.config, minted, [mail.id]) == []  # a second sender: nothing to do
    assert send_queued(database, smtp_server.config, minted) == []
    assert len(smtp_server.messages) == 1


def test_a_failed_attempt_is_retried_after_a_pause_then_given_up(
        session: Session, database: Database, smtp_server: SmtpServer) -> None:
    mail = queue(session, contacts(session)[0])
    [first] = send_queued(database, NOWHERE, minted, [mail.id])
    stored = fresh(session, mail)
    assert first.state is MailState.RETRYING and stored.error and stored.attempts == 1
    assert stored.next_attempt_dt is not None
    due = stored.next_attempt_dt.replace(tzinfo=stored.next_attempt_dt.tzinfo or UTC)  # SQLite: naive, UTC
    assert abs((due - utcnow()) - retry_pause(1)) < timedelta(seconds=30)
    assert send_queued(database, NOWHERE, minted) == []  # not due yet
    for attempt in range(2, MAX_ATTEMPTS + 1):
        stored.next_attempt_dt = utcnow() - timedelta(seconds=1)
        session.commit()
        [outcome] = send_queued(database, NOWHERE, minted)
        stored = fresh(session, mail)
        assert stored.attempts == attempt
    assert outcome.state is MailState.FAILED and stored.next_attempt_dt is None
    assert send_queued(database, smtp_server.config, minted) == [] and smtp_server.messages == []


def test_a_mail_claimed_by_a_sender_that_died_is_sent_once_the_claim_runs_out(
        session: Session, database: Database, smtp_server: SmtpServer) -> None:
    mail = queue(session, contacts(session)[0])
    mail.claimed_until_dt = utcnow() + CLAIM_TIME  # a sender claimed it and died before sending
    session.commit()
    assert send_queued(database, smtp_server.config, minted) == []
    fresh(session, mail).claimed_until_dt = utcnow() - timedelta(seconds=1)
    session.commit()
    [outcome] = send_queued(database, smtp_server.config, minted)
    assert outcome.state is MailState.SENT and len(smtp_server.messages) == 1


def test_an_interrupted_batch_leaves_the_rest_queued_and_a_later_run_sends_exactly_those(
        session: Session, database: Database, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    mails = [queue(session, user) for user in contacts(session)]
    assert len(mails) >= 2
    calls = 0

    def dies_at_the_second(sender: Session, user: User, next_path: str | None, valid_for: int | None) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt  # the worker is stopped half-way
        return minted(sender, user, next_path, valid_for)

    with pytest.raises(KeyboardInterrupt):
        send_queued(database, smtp_server.config, dies_at_the_second, [m.id for m in mails])
    assert [m["To"] for m in smtp_server.messages] == [mails[0].to_email]
    rest = [fresh(session, m) for m in mails[1:]]
    assert all(not m.is_sent for m in rest)
    for mail in rest:  # the dead sender's claim on the second runs out
        mail.claimed_until_dt = None
    session.commit()
    outcomes = send_queued(database, smtp_server.config, minted)
    assert [o.mail_id for o in outcomes] == [m.id for m in mails[1:]]
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(m.to_email for m in mails)


def test_a_link_for_a_recipient_no_longer_active_is_not_minted(
        session: Session, database: Database, smtp_server: SmtpServer) -> None:
    user = contacts(session)[0]
    mail = queue(session, user)
    user.is_active = False
    session.commit()
    [outcome] = send_queued(database, smtp_server.config, minted, [mail.id])
    assert outcome.state is MailState.FAILED and smtp_server.messages == []
