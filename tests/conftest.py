"""Shared fixtures. Every database test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

The schema is built by the Alembic migrations (not create_all), once per backend and test run; each test
runs inside a transaction that is rolled back, so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import time
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import argon2.profiles
import filelock
import hypothesis
import hypothesis.strategies
import jinja2
import jinja2.bccache
import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tracker.app import create_app
from tracker.database import Database, make_engine
from tracker.domain import Party, Role, User
from tracker.migrations import alembic_config
from tracker.operations.users import use_password_hash_parameters

# The test configuration hashes passwords with argon2's cheapest profile: the suite creates and signs in
# hundreds of users, ~0.1 s each with the production parameters. tests/operations/test_users.py checks that a
# process without this line (the app, the CLI) uses the strong ones.
use_password_hash_parameters(argon2.profiles.CHEAPEST)

# Tests sign in hundreds of times from 127.0.0.1: the limits on signing in are off for every app the tests make
# (and the servers they start), but for tests/web/test_rate_limits.py, which switches them on for its own app.
os.environ["RATELIMIT_ENABLED"] = "0"
# The web app's look at the rounds' calendar (tracker.web.schedule) is off: a test of it turns it on.
os.environ["ROUND_SCHEDULE_SECONDS"] = "0"

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"]


SLOW_TEST_SECONDS = 5.0
"""A test may take this long (its own fixtures' set-up and its call) unless marked `slow` with a reason."""
_OWN_SETUP = pytest.StashKey[float]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("slow_test_seconds", f"the slow-test budget (default {SLOW_TEST_SECONDS:g})",
                  default=str(SLOW_TEST_SECONDS))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for mark in item.iter_markers("slow"):
            reason = mark.kwargs.get("reason") or (mark.args[0] if mark.args else "")
            if not str(reason).strip():
                raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.slow needs a reason (reason=\"…\")")


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Generator[None, Any, Any]:
    """Times the fixtures of the test's own (function scope); a shared fixture's set-up is not the test's."""
    started = time.perf_counter()
    try:
        return (yield)
    finally:
        if fixturedef.scope == "function":
            item = request.node
            item.stash[_OWN_SETUP] = item.stash.get(_OWN_SETUP, 0.0) + time.perf_counter() - started


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """The slow-test budget: a test over SLOW_TEST_SECONDS without the `slow` mark fails, so the suite stays
    fast (`make test-fast` leaves the marked ones out)."""
    report: pytest.TestReport = yield
    if call.when == "call" and report.passed and item.get_closest_marker("slow") is None:
        limit = float(item.config.getini("slow_test_seconds"))
        spent = item.stash.get(_OWN_SETUP, 0.0) + call.duration
        if spent > limit:
            report.outcome = "failed"
            report.longrepr = (f"{item.nodeid} took {spent:.1f} s (its own fixtures and its call), more than "
                               f"the {limit:g} s a test may take: make it faster, or mark it "
                               "@pytest.mark.slow(reason=\"…\") if it must take that long")
    return report


def pytest_report_header() -> str:
    if POSTGRES_URL:
        return f"databases: SQLite and PostgreSQL ({make_url(POSTGRES_URL).render_as_string(hide_password=True)})"
    return "databases: SQLite only -- POSTGRESQL NOT TESTED (set TEST_DATABASE_URL; CI does)"


def _create_postgres_database() -> tuple[str, str]:
    """A fresh database on the TEST_DATABASE_URL server, so parallel test runs never share tables."""
    assert POSTGRES_URL is not None
    admin_url = make_url(POSTGRES_URL)
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # the CI promise: PostgreSQL must be reachable when the URL is set
        pytest.fail(f"TEST_DATABASE_URL is set but PostgreSQL cannot be reached: {error}", pytrace=False)
    finally:
        admin.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(name: str) -> None:
    assert POSTGRES_URL is not None
    admin = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def _empty_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database of `backend`, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip(
            "POSTGRESQL NOT TESTED: TEST_DATABASE_URL is not set (CI sets it; "
            "e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    url, name = _create_postgres_database()
    try:
        yield url
    finally:
        _drop_postgres_database(name)


@pytest.fixture(scope="session", params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty database of each backend, shared by the test run (the `engine` fixture migrates it)."""
    with _empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend for one test (CLI and migration tests that commit)."""
    with _empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def engine(empty_database_url: str) -> Iterator[Engine]:
    """An engine on a database brought to head by the migrations."""
    command.upgrade(alembic_config(empty_database_url), "head")
    eng = make_engine(empty_database_url)
    yield eng
    eng.dispose()


def _build_demo(url: str) -> None:
    """What `make run` loads into a new database: the schema, the agreement files and the demo data."""
    from seed.demo import load_demo
    from seed.loader import default_agreement_files, load_agreement_file

    command.upgrade(alembic_config(url), "head")
    eng = make_engine(url)
    try:
        with Session(eng) as session:
            for path in default_agreement_files():
                load_agreement_file(session, path)
            load_demo(session)
            session.commit()
    finally:
        eng.dispose()  # SQLite: the last connection folds the WAL into the file; PostgreSQL: a template has none


def _shared_folder(config: pytest.Config) -> Path:
    """The folder the whole test run shares: the base temporary folder, of which pytest-xdist gives each
    worker a subfolder (as xdist itself finds it, through `config._tmp_path_factory`)."""
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]  # pytest's own, used by xdist
    return Path(base).parent if hasattr(config, "workerinput") else Path(base)


class DemoDatabases:
    """The demo database, built once per backend and test run, and copied for every user of its own.

    Loading the demo takes seconds; a copy takes milliseconds (a file copy on SQLite, `CREATE DATABASE …
    TEMPLATE` on PostgreSQL). The first pytest-xdist worker to need a backend's template builds it under a
    file lock and leaves its URL beside it; the others read it (and one that would wait builds the other
    backend's meanwhile). The template itself is never handed out, so
    no test can change another's starting point; the PostgreSQL templates are dropped when the run ends
    (`pytest_unconfigure`). tests/seed/test_demo.py and tests/tracker/test_cli.py test the loader itself.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _marker(self, backend: str) -> Path:
        return self.folder / f"demo-template-{backend}.url"

    def _lock(self, backend: str) -> filelock.FileLock:
        return filelock.FileLock(self.folder / f"demo-template-{backend}.lock")

    def _build(self, backend: str) -> None:
        """Build `backend`'s template unless it is built (call with its lock held)."""
        if self._marker(backend).exists():
            return
        if backend == "sqlite":
            url = f"sqlite:///{self.folder / 'demo-template.db'}"
        else:
            url, _name = _create_postgres_database()
        _build_demo(url)
        self._marker(backend).write_text(url, encoding="utf-8")

    def _template(self, backend: str) -> str:
        lock = self._lock(backend)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:  # another worker builds it: build one that nobody has started, then wait
            self._build_another(busy=backend)
            lock.acquire()
        try:
            self._build(backend)
            return self._marker(backend).read_text(encoding="utf-8")
        finally:
            lock.release()

    def _build_another(self, busy: str) -> None:
        """While another worker builds `busy`'s template, this one builds a backend's that nobody has started
        (both are needed in a whole run), instead of waiting idle."""
        for backend in BACKENDS:
            if backend == busy or (backend == "postgresql" and not POSTGRES_URL) or self._marker(backend).exists():
                continue
            lock = self._lock(backend)
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                continue
            try:
                self._build(backend)
            finally:
                lock.release()

    @contextmanager
    def copy(self, backend: str, folder: Path) -> Iterator[str]:
        """The URL of a new database of `backend` holding the demo data, dropped afterwards."""
        if backend != "sqlite" and not POSTGRES_URL:
            pytest.skip(
                "POSTGRESQL NOT TESTED: TEST_DATABASE_URL is not set (CI sets it; "
                "e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
            )
        template = make_url(self._template(backend))
        if backend == "sqlite":
            assert template.database is not None
            target = folder / f"demo-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(template.database, target)
            yield f"sqlite:///{target}"
            return
        name = f"tracker_test_{uuid.uuid4().hex[:12]}"
        assert POSTGRES_URL is not None  # checked above
        admin = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"'))
        finally:
            admin.dispose()
        try:
            yield template.set(database=name).render_as_string(hide_password=False)
        finally:
            _drop_postgres_database(name)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run is over (in the pytest-xdist controller, after every worker): drop the PostgreSQL template."""
    if hasattr(config, "workerinput") or not hasattr(config, "_tmp_path_factory"):
        return
    marker = _shared_folder(config) / "demo-template-postgresql.url"
    if marker.exists() and POSTGRES_URL:
        _drop_postgres_database(str(make_url(marker.read_text(encoding="utf-8")).database))
        marker.unlink()


@pytest.fixture(scope="session")
def hypothesis_unicode_tables() -> None:
    """Hypothesis builds its table of Unicode categories the first time a strategy draws arbitrary text (some
    2 s, over 5 s on a busy machine; it keeps the table in .hypothesis/, which a fresh clone lacks): built here,
    once per run, so that the first test to draw text does not pay for it in its budget."""
    hypothesis.find(hypothesis.strategies.text(min_size=1), lambda _text: True)


@pytest.fixture(scope="session")
def demo_databases(request: pytest.FixtureRequest) -> DemoDatabases:
    """`demo_databases.copy(backend, folder)`: a new database with the demo data (a context manager)."""
    return DemoDatabases(_shared_folder(request.config))


@pytest.fixture(scope="session", params=BACKENDS)
def demo_engine(request: pytest.FixtureRequest, demo_databases: DemoDatabases,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine on a database of its own holding what `make run` loads: the agreement and the demo data.

    A folder whose tests work on the demo data overrides `engine` with it (`def engine(demo_engine)`), so
    `connection`, `session`, `app` and `client` there see the demo data, still rolled back after each test.
    """
    with demo_databases.copy(request.param, tmp_path_factory.mktemp("demo")) as url:
        eng = make_engine(url)
        yield eng
        eng.dispose()


@pytest.fixture(params=BACKENDS)
def demo_database_url(request: pytest.FixtureRequest, demo_databases: DemoDatabases, tmp_path: Path) -> Iterator[str]:
    """A database of each backend with the demo data, for one test that commits (a command run on it)."""
    with demo_databases.copy(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as conn:
        transaction = conn.begin()
        yield conn
        if transaction.is_active:
            transaction.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    """A session whose commits become savepoints of the test's transaction."""
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


class SharedTemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept for every app the test process creates (each test has an app of its own, and
    compiling the templates again for each cost a quarter of the web tests' time). Jinja checks each entry
    against the template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()


@pytest.fixture
def app(engine: Engine, connection: Connection) -> Iterator[Flask]:
    """The app, on the test's connection: what a view commits is rolled back after the test."""
    database = Database(str(engine.url.render_as_string(hide_password=False)))
    database.bind(connection, join_transaction_mode="create_savepoint")
    # CSRF stays on (WTF_CSRF_ENABLED defaults to True): tests post the token, as a browser does (tests/web's
    # `auth` fixture). Mail goes to the console unless a test points MAIL_SERVER at the `smtp_server` fixture.
    flask_app = create_app({
        "TESTING": True, "DATABASE": database, "SECRET_KEY": "test", "SERVER_NAME": "localhost",
        "MAIL_SERVER": None,
    })
    flask_app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    yield flask_app
    database.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


TEST_PASSWORD = "korrekt häst batteri"  # the password of the users `make_user` creates
MakeUser = Callable[..., User]


@pytest.fixture
def make_user(session: Session) -> MakeUser:
    """Returns `make(email=None, *, name, role, password, parties, is_active, is_example) -> User`.

    Created with `tracker.operations.users.create_user` (a hashed password, the audit trail) and flushed;
    rolled back after the test. Defaults: a contact with a unique email and the password TEST_PASSWORD.
    """
    from tracker.operations.audit import Actor
    from tracker.operations.users import create_user

    numbers = itertools.count(1)

    def make(
        email: str | None = None,
        *,
        name: str = "Kim Kontaktsson",
        role: Role | str = Role.CONTACT,
        password: str | None = TEST_PASSWORD,
        parties: Sequence[Party] = (),
        is_active: bool = True,
        is_example: bool = False,
    ) -> User:
        user = create_user(
            session, Actor.system("test"), email=email or f"kontakt{next(numbers)}@kommun.se", name=name,
            role=role, password=password, parties=parties, is_example=is_example,
        )
        if not is_active:
            user.is_active = False
            session.flush()
        return user

    return make


@dataclass
class SmtpServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    @property
    def config(self) -> dict[str, Any]:
        """The app settings that send mail here: `app.config.update(smtp_server.config)`."""
        return {"MAIL_SERVER": self.host, "MAIL_PORT": self.port, "MAIL_USE_TLS": False, "MAIL_USE_SSL": False}

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        raw = (envelope.original_content or envelope.content).replace(b"\r\n", b"\n")  # as a mail program shows it
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server for one test; `smtp_server.messages` are the mails it received, parsed.

    Delivery is synchronous (the server has the message when the sending request returns).
    """
    from aiosmtpd.controller import Controller

    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


CSRF_INPUT = re.compile(
    r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="csrf_token"'
)


def csrf_token_in(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


class AuthActions:
    """Signing in and out as a browser does: fetch the form, post it with its CSRF token."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def csrf_token(self, path: str = "/logga-in") -> str:
        return csrf_token_in(self.client.get(path).get_data(as_text=True))

    def post_form(self, path: str, data: dict[str, str], *, form_path: str | None = None) -> TestResponse:
        """POST `data` and the token of the form at `form_path` (default: `path`) to `path`."""
        token = self.csrf_token(form_path or path)
        return self.client.post(path, data={**data, "csrf_token": token})

    def login(self, email: str, password: str = TEST_PASSWORD, *, next: str | None = None) -> TestResponse:
        path = "/logga-in" + (f"?{urlencode({'next': next})}" if next is not None else "")
        return self.post_form(path, {"email": email, "password": password}, form_path="/logga-in")

    def logout(self) -> TestResponse:
        return self.post_form("/logga-ut", {})

    def signed_in_user_id(self) -> str | None:
        """The user id in the session cookie (Flask-Login's `_user_id`, "<id>:<session version>"), None when
        signed out."""
        with self.client.session_transaction() as session:
            value = session.get("_user_id")
        return value.partition(":")[0] if isinstance(value, str) else None


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """`auth.login(email, password=TEST_PASSWORD, next=None)`, `auth.logout()`, `auth.signed_in_user_id()`."""
    return AuthActions(client)
