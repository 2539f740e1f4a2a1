"""Real-browser tests: the app served on a free local port, driven by Debian's Chromium through Playwright.

The server runs the real app on its own SQLite file holding what `make run` loads (a copy of the demo
database, tests/conftest.py's `demo_databases`). Chromium is required in CI (`CI` is set); on a machine
without /usr/bin/chromium the browser tests are skipped with a loud reason.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, sync_playwright
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from tests.conftest import DemoDatabases
from tracker.app import create_app
from tracker.database import Database
from tracker.domain import Party, ReportingRound, Submission

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (apt-get install -y chromium; CI installs it)")


@dataclass(frozen=True)
class LiveServer:
    url: str
    database: Database

    def __call__(self, path: str) -> str:
        return self.url + path


@contextmanager
def serve_demo(url: str, prepare: Callable[[Session], None] | None = None,
               **config: object) -> Iterator[LiveServer]:
    """The app on the demo database at `url` (after `prepare(session)`, if given), served on 127.0.0.1 in a
    background thread. `config` adds to the app's configuration (e.g. MAIL_*)."""
    _require_chromium()
    database = Database(url)
    if prepare is not None:
        with database.session() as session:
            prepare(session)
            session.commit()
    app = create_app({"DATABASE": database, "SECRET_KEY": "browser-tests", "MAIL_SERVER": None, **config})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", database=database)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        database.dispose()


@pytest.fixture
def own_server(tmp_path: Path, demo_databases: DemoDatabases) -> Iterator[Callable[..., LiveServer]]:
    """`own_server(prepare=None, **config)`: a served copy of the demo database of the test's own, for a test
    that changes what the other browser tests rely on (a round's state, many reports). Stopped after the test."""
    with ExitStack() as stack:

        def start(prepare: Callable[[Session], None] | None = None, **config: object) -> LiveServer:
            _require_chromium()
            url = stack.enter_context(demo_databases.copy("sqlite", tmp_path))
            return stack.enter_context(serve_demo(url, prepare, **config))

        yield start


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, demo_databases: DemoDatabases) -> Iterator[LiveServer]:
    """The app with the demo data, shared by the browser tests (of one pytest-xdist worker) that do not need a
    database of their own."""
    _require_chromium()
    with demo_databases.copy("sqlite", tmp_path_factory.mktemp("live")) as url, serve_demo(url) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser tab with no cookies, Swedish locale, laptop-sized."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def _assert_accessible(page: Page) -> None:
    # Only the violations come back with their nodes (axe's `resultTypes`): every rule still runs, and the
    # passes, which the test does not read, are not serialised across to Python.
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def assert_accessible() -> Callable[[Page], None]:
    """`assert_accessible(page)`: axe-core on the page as shown reports no WCAG 2.1 A/AA violation."""
    return _assert_accessible


@pytest.fixture
def sign_in(live_server: LiveServer) -> Callable[..., None]:
    """`sign_in(page, email, password="demo")`: through the sign-in form, with the keyboard only."""

    def _sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
        sign_in_at(page, live_server, email, password)

    return _sign_in


def sign_in_at(page: Page, server: Callable[[str], str], email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in on `server` (a LiveServer) with the password form, as a person does."""
    page.goto(server("/logga-in"))
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(password)  # not the sections about passwords
    page.get_by_label("Lösenord", exact=True).press("Enter")
    page.wait_for_load_state()


def jonkoping_2025(session: Session) -> Submission:
    """Jönköping's report in the demo's open round."""
    return session.scalars(select(Submission).join(Party).join(ReportingRound)
                           .where(Party.code == "0680", ReportingRound.year == 2025)).one()


def click_and_wait(page: Page, locator: Locator) -> None:
    """Click a link or a submit button and wait until the next page has loaded, so that what is checked next is
    read on that page and not on the one clicked from (which may already show a similar notice)."""
    with page.expect_navigation(wait_until="load"):
        locator.click()
