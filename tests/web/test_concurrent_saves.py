"""Many people saving at once, as production serves them (`make serve`: gunicorn.conf.py, 4 workers), on a copy
of the demo database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). 12 signed-in sessions save
commitment II of four open reports at once, each 10 times (three sessions per report, so saves race on the same
report).

Every save must be stored (303, or 200 when the page stays to show that the value is far from the party's earlier
years) or get the conflict page (409) — never a 5xx, never lost: the audit trail holds exactly the values that
were answered as stored, and each report holds the last of them.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.conftest import DemoDatabases

ROOT = Path(__file__).resolve().parents[2]
SESSIONS, SAVES, REPORTS = 12, 10, 4
STORED = {303, 200}  # saved; 200: saved, the page stays to show a warning (the value is far from earlier years)
LEADER = "projektledare@exempel.se"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, demo_databases: DemoDatabases, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, database URL): gunicorn with 4 sync workers on a copy of the demo database."""
    with demo_databases.copy(request.param, tmp_path) as url:
        port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "concurrency-test", "MAIL_SERVER": "",
               "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "CONTACT_EMAIL": "biogas@exempel.se",
               "WEB_CONCURRENCY": "4", "BIND": f"127.0.0.1:{port}"}
        process = subprocess.Popen(  # as `make serve` runs it: the project's gunicorn.conf.py
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")], cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(base + "/logga-in", timeout=5).read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("gunicorn did not start") from None
                    time.sleep(0.2)
            yield base, url
        finally:
            process.terminate()
            output, _ = process.communicate(timeout=30)
            assert b"Traceback" not in output, output.decode(errors="replace")[-3000:]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One signed-in session: its cookies, pages fetched and forms posted with their CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, path: str, data: dict[str, str]) -> int:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    def sign_in(self) -> None:
        status, page = self.get("/logga-in")
        token = TOKEN.search(page)
        assert status == 200 and token is not None
        assert self.post("/logga-in", {"email": LEADER, "password": "demo", "csrf_token": token.group(1)}) == 303


def save(browser: Browser, submission: int, value: int) -> int:
    """Open commitment II of the report and save `value` as its number of stations, as the form does."""
    path = f"/rapportera/{submission}/atagande/II"
    status, page = browser.get(path)
    if status != 200:
        return status
    token, version = TOKEN.search(page), VERSION.search(page)
    assert token is not None and version is not None
    return browser.post(path, {"csrf_token": token.group(1), "version": version.group(1) or version.group(2),
                               "q_II_public_stations": str(value), "then": "stay"})


@pytest.mark.slow(reason="starts gunicorn with 4 workers and sends 120 saves from 12 sessions at once")
def test_concurrent_saves_are_stored_or_told_of_the_conflict(served: tuple[str, str]) -> None:
    base, url = served
    engine = create_engine(url)
    try:
        check_saves(base, engine)
    finally:
        engine.dispose()


def check_saves(base: str, engine: Engine) -> None:
    with engine.connect() as conn:
        reports = conn.execute(text(
            "SELECT s.id FROM submissions s JOIN reporting_rounds r ON r.id = s.round_id JOIN parties p "
            "ON p.id = s.party_id WHERE r.year = 2025 AND p.kind = 'municipality' ORDER BY p.code LIMIT :n"),
            {"n": REPORTS}).scalars().all()
    browsers = [Browser(base) for _ in range(SESSIONS)]
    for browser in browsers:
        browser.sign_in()
    answered: list[tuple[int, int, int]] = []  # (report, value, status)
    lock = threading.Lock()
    start = threading.Barrier(SESSIONS)

    def work(index: int) -> None:
        report = reports[index % REPORTS]
        start.wait()
        for number in range(SAVES):
            value = 100 + index * SAVES + number  # every save a value of its own
            status = save(browsers[index], report, value)
            with lock:
                answered.append((report, value, status))

    threads = [threading.Thread(target=work, args=(index,)) for index in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    statuses = Counter(status for _report, _value, status in answered)
    assert len(answered) == SESSIONS * SAVES
    assert set(statuses) <= {*STORED, 409}, statuses
    assert statuses[303] + statuses[200] >= SAVES  # many saves get through; a race is the exception
    with engine.connect() as conn:
        for report in reports:
            events = [int(Decimal(value)) for value in conn.execute(text(
                "SELECT new_value FROM audit_events WHERE submission_id = :s AND action = 'answer.update' "
                "AND field = 'II.public_stations' AND new_value IS NOT NULL ORDER BY id"), {"s": report}).scalars()]
            events = [value for value in events if value >= 100]  # the demo's own answers are below 100
            stored = {value for r, value, status in answered if r == report and status in STORED}
            assert set(events) == stored and len(events) == len(stored), f"report {report}: lost or phantom saves"
            now = conn.execute(text(
                "SELECT a.value_number FROM answers a JOIN indicators i ON i.id = a.indicator_id "
                "WHERE a.submission_id = :s AND i.key = 'II.public_stations'"), {"s": report}).scalar_one()
            assert int(now) == int(events[-1]), f"report {report} does not hold its last save"
