"""A counter per year of what the follow-up reads, raised by every change in the transaction that makes it.

`data_changes` holds one row per round's year (and year 0 for what every year reads: the agreement, its
catalogue, the parties). Every flush that adds, changes or deletes a row of a table the follow-up reads notes
that row's year (an answer: its report's round's year; a change outside the rounds, or of a round itself, whose
state decides which years every dashboard offers: year 0), and the commit raises the counter of each year noted
and stamps when. So the follow-up's fingerprint (tracker.queries.followup.data_version) is one read of a table
of a few dozen rows, however many answers there are, and a contact's save in the open round leaves the
fingerprints of closed years as they were.

It is one mechanism for every writer, because it listens to the ORM (`before_flush` for objects,
`do_orm_execute` for the few statements that write a table without objects, `before_commit` to raise the
counters): operations, the seed and demo loaders, the CLI, the tests' own changes. A transaction that rolls back
raises nothing. What is never shown in a follow-up (users, sign-in tokens, mails, audit events, pending imports,
mail templates) does not count.

The counters are raised at the commit, lowest year first, as its last statements: on PostgreSQL a counter's
row is locked only from then to the commit, so concurrent saves of one year queue there for a moment, and two
transactions always lock the rows they raise in the same order, so they can never deadlock on them. Until its
commit, a transaction that has changed something reads a fingerprint no other transaction ever has
(`uncommitted`), so nothing it builds is cached for others under the version before its change.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import BigInteger, Connection, DateTime, Executable, Integer, Table, bindparam, event, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, SessionTransaction, UOWTransaction, mapped_column

from tracker.domain.audit import AuditEvent
from tracker.domain.base import Base, utcnow
from tracker.domain.imports import PendingImport
from tracker.domain.mail import MailTemplate, SentMail
from tracker.domain.party import User, user_parties
from tracker.domain.presentation import RoundPresenter, RoundReflection
from tracker.domain.reporting import (
    Answer,
    AnswerComment,
    CommitmentStatus,
    ReportingRound,
    RoundValue,
    Submission,
)
from tracker.domain.sign_in import SignInToken

EVERY_YEAR = 0
"""The counter of what every year's follow-up reads (the agreement, the catalogue, the parties)."""


class DataChange(Base):
    """How often the data of `year` (0: of every year) has changed, and when it last did."""

    __tablename__ = "data_changes"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    counter: Mapped[int] = mapped_column(BigInteger)
    changed_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


NOT_SHOWN: tuple[type[Base], ...] = (DataChange, User, AuditEvent, SentMail, PendingImport, MailTemplate,
                                     SignInToken)
NOT_SHOWN_TABLES = frozenset({*(cls.__table__.name for cls in NOT_SHOWN), user_parties.name})  # type: ignore[attr-defined]


def _year_of_round(session: Session, round_: ReportingRound | None, round_id: int | None) -> int:
    if round_ is None and round_id is not None:
        round_ = session.get(ReportingRound, round_id)
    return round_.year if round_ is not None else EVERY_YEAR


def _year_of_submission(session: Session, submission: Submission | None, submission_id: int | None) -> int:
    if submission is None and submission_id is not None:
        submission = session.get(Submission, submission_id)
    if submission is None:
        return EVERY_YEAR
    return _year_of_round(session, submission.round, submission.round_id)


def year_of(session: Session, obj: object) -> int | None:
    """The year whose follow-up reads `obj` (EVERY_YEAR: every year's), None when no follow-up reads it. A row
    whose round cannot be found any more (deleted with it) counts for every year: a rebuild, never a stale page."""
    if isinstance(obj, NOT_SHOWN):
        return None
    if isinstance(obj, ReportingRound):
        return EVERY_YEAR  # its state and dates: which years every dashboard offers
    if isinstance(obj, Submission | RoundValue | RoundPresenter | RoundReflection):
        return _year_of_round(session, getattr(obj, "round", None), obj.round_id)
    if isinstance(obj, Answer | CommitmentStatus | AnswerComment):
        return _year_of_submission(session, obj.submission, obj.submission_id)
    return EVERY_YEAR


UPSERTS: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
"""The dialects with INSERT … ON CONFLICT DO UPDATE: one statement a year. Another database takes the portable
way (`bump_portably`)."""


def bump(session: Session, years: Iterable[int]) -> None:
    """Raise the counters of `years` by one, in the session's transaction (lowest year first)."""
    connection = session.connection()
    now = utcnow()
    ordered = sorted(set(years))
    if connection.dialect.name not in UPSERTS:
        for year in ordered:
            bump_portably(connection, year, now)
        return
    connection.execute(_upsert(connection.dialect.name), [{"year": year, "now": now} for year in ordered])


@cache
def _upsert(dialect: str) -> Executable:
    """The dialect's INSERT … ON CONFLICT DO UPDATE of one year's counter, built once (a flush runs it)."""
    table: Table = DataChange.__table__  # type: ignore[assignment]
    statement = UPSERTS[dialect](table).values(year=bindparam("year"), counter=1, changed_dt=bindparam("now"))
    return statement.on_conflict_do_update(  # type: ignore[no-any-return]
        index_elements=[table.c.year],
        set_={"counter": table.c.counter + 1, "changed_dt": statement.excluded.changed_dt})


def bump_portably(connection: Connection, year: int, now: datetime) -> None:
    """The counter of `year` raised with plain SQL: an UPDATE, and the first row an INSERT when there is none."""
    table: Table = DataChange.__table__  # type: ignore[assignment]
    updated = connection.execute(update(table).where(table.c.year == year)
                                 .values(counter=table.c.counter + 1, changed_dt=now))
    if updated.rowcount == 0:
        connection.execute(insert(table).values(year=year, counter=1, changed_dt=now))


CHANGED_YEARS = "tracker.changed_years"
"""session.info's key of what the transaction has changed so far (`Uncommitted`); raised at its commit."""


@dataclass
class Uncommitted:
    """The years a transaction has changed, and a tag no other transaction has (for its own fingerprint)."""

    years: set[int] = field(default_factory=set)
    tag: str = field(default_factory=lambda: secrets.token_hex(8))
    changes: int = 0  # flushes and statements that changed something: each makes a new fingerprint

    @property
    def fingerprint(self) -> str:
        return f"uncommitted-{self.tag}-{self.changes}"


def uncommitted(session: Session) -> Uncommitted | None:
    """What the session's transaction has changed and not yet committed; None when it has changed nothing."""
    return session.info.get(CHANGED_YEARS)


def _note(session: Session, years: Iterable[int]) -> None:
    changed = session.info.setdefault(CHANGED_YEARS, Uncommitted())
    changed.years.update(years)
    changed.changes += 1


@event.listens_for(Session, "before_flush")
def _count_flushed_changes(session: Session, _context: UOWTransaction, _instances: object) -> None:
    changed = [*session.new, *session.deleted,
               *(obj for obj in session.dirty if session.is_modified(obj, include_collections=True))]
    with session.no_autoflush:
        years = {year for obj in changed if (year := year_of(session, obj)) is not None}
    if years:
        _note(session, years)


@event.listens_for(Session, "do_orm_execute")
def _count_statement_changes(state: ORMExecuteState) -> None:
    """An INSERT, UPDATE or DELETE statement (no objects, so no flush sees it) counts for every year."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and getattr(table, "name", None) in NOT_SHOWN_TABLES:
        return
    _note(state.session, [EVERY_YEAR])


@event.listens_for(Session, "before_commit")
def _raise_counters_at_commit(session: Session) -> None:
    """The counters of every year the transaction changed, raised as its last statements (lowest year first).

    At the commit, not at each flush: a counter's row is then locked only for the commit's last moment, every
    transaction locks the rows it raises in the same order (so two can never wait for each other), and
    concurrent saves in one year queue for milliseconds instead of for each other's whole request."""
    session.flush()  # what is still pending counts too (the commit would flush it after this hook)
    if (changed := session.info.pop(CHANGED_YEARS, None)) is not None:
        bump(session, changed.years)


@event.listens_for(Session, "after_transaction_end")
def _forget_rolled_back_changes(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without its commit (rolled back, closed) raises nothing."""
    if transaction.parent is None:
        session.info.pop(CHANGED_YEARS, None)
