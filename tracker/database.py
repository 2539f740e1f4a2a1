"""Engine and sessions. One session per request or CLI command; the edge commits, operations only flush."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`. SQLite gets its parent folder created, WAL mode and enforced foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy emits BEGIN itself instead
    # (the recipe of the SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL").
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    """The engine and the session factories of one app (or one CLI run).

    `session(write=True)` is for a unit of work that writes (a POST, a CLI command): on SQLite its transaction
    starts with BEGIN IMMEDIATE, taking the database's one write lock at once, so concurrent writers queue
    (for up to busy_timeout) instead of failing. A deferred transaction that reads and then writes cannot
    wait: when another worker wrote in between, SQLite refuses the upgrade at once ("database is locked").
    Reads (GET) stay deferred and never wait, as WAL lets them read beside a writer. Other databases ignore it.
    """

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.sessionmaker: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessionmaker: sessionmaker[Session] = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False)

    def session(self, write: bool = False) -> Session:
        return (self.write_sessionmaker if write else self.sessionmaker)()

    def bind(self, connection: Connection, **session_options: Any) -> None:
        """Every session of this database on `connection` (a test's transaction), with `session_options`."""
        for factory in (self.sessionmaker, self.write_sessionmaker):
            factory.configure(bind=connection, **session_options)

    def dispose(self) -> None:
        self.engine.dispose()


BEGIN_MODES = {"DEFERRED", "IMMEDIATE"}


def _sqlite_begin(connection: Any) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    if mode not in BEGIN_MODES:
        raise ValueError(f"sqlite_begin must be one of {sorted(BEGIN_MODES)}, not {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")
