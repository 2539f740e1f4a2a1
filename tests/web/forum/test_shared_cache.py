"""With REDIS_URL the built files are shared by every worker and instance: two apps on one database (two gunicorn
workers, or two instances) draw a chart and build a deck once between them; a new data version is built anew;
without Redis reachable a worker builds for itself and nothing fails. Runs on the Redis that TEST_REDIS_URL names
(CI sets it: redis://127.0.0.1:6379/15); skipped with a loud reason without it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from tracker.app import create_app
from tracker.database import Database
from tracker.domain import Party
from tracker.web.forum.cache import EXTENSION, ForumCaches, LruCache
from tracker.web.forum.shared import SharedFiles, decode, encode

REDIS_URL = os.environ.get("TEST_REDIS_URL") or ""


def redis_or_skip() -> None:
    from redis import Redis
    from redis.exceptions import RedisError

    if not REDIS_URL:
        pytest.skip("REDIS NOT TESTED: TEST_REDIS_URL is not set (CI sets it; e.g. redis://127.0.0.1:6379/15)")
    try:
        Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError:
        pytest.fail(f"TEST_REDIS_URL is set but Redis cannot be reached at {REDIS_URL}", pytrace=False)


@pytest.fixture
def workers(engine: Engine, connection: Connection) -> Iterator[Callable[[], Flask]]:
    """`worker()`: another app on the test's database (a gunicorn worker of its own), sharing one Redis."""
    redis_or_skip()
    namespace = uuid.uuid4().hex  # this test's own keys, as if its database were a database of its own
    made: list[Database] = []

    def worker() -> Flask:
        database = Database(f"{engine.url.render_as_string(hide_password=False)}")
        database.bind(connection, join_transaction_mode="create_savepoint")
        made.append(database)
        app = create_app({"TESTING": True, "DATABASE": database, "SECRET_KEY": "test", "SERVER_NAME": "localhost",
                          "MAIL_SERVER": None, "REDIS_URL": REDIS_URL})
        app.extensions[EXTENSION] = ForumCaches(REDIS_URL, namespace)
        return app

    yield worker
    for database in made:
        database.dispose()


def signed_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    page = client.get("/logga-in").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/logga-in", data={"email": "projektledare@exempel.se", "password": "demo",
                                              "csrf_token": token})
    assert response.status_code == 303
    return client


def files_of(app: Flask) -> SharedFiles:
    files = app.extensions[EXTENSION].files
    assert isinstance(files, SharedFiles)
    return files


def test_two_workers_build_the_deck_once_between_them(workers: Callable[[], Flask], session: Session) -> None:
    first, second = workers(), workers()
    deck = signed_in(first).get("/uppfoljning/2023/uppfoljning.pptx")
    again = signed_in(second).get("/uppfoljning/2023/uppfoljning.pptx")
    assert deck.status_code == again.status_code == 200 and deck.data == again.data
    assert (files_of(first).builds, files_of(second).builds, files_of(second).hits) == (1, 0, 1)
    aneby = session.scalars(select(Party).where(Party.code == "0604")).one()
    aneby.name += " (nytt namn)"
    session.commit()
    changed = signed_in(second).get("/uppfoljning/2023/uppfoljning.pptx")
    assert changed.data != deck.data and files_of(second).builds == 1  # a new version: built anew


def test_a_worker_without_redis_builds_for_itself(session: Session) -> None:
    files = SharedFiles("redis://127.0.0.1:1/0", "x", LruCache(4))  # nothing listens on port 1
    assert files.get_or_build(("k",), lambda: (b"data", False)) == (b"data", False)


def test_a_file_is_stored_as_bytes_and_read_back_the_same() -> None:
    for value in [(b"<svg/>", True), (None, False), (b"", False)]:
        assert decode(encode(value)) == value
