"""The web part of `make bench`: the pages as production serves them, under load.

gunicorn (the project's gunicorn.conf.py) with 2 and 4 workers on a demo database (SQLite; and PostgreSQL when
BENCH_POSTGRES_URL names a server, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres). For each page —
the contact's form overview and a commitment page, the leaders' overview, the forum's dashboard — signed-in
sessions at 1, 10 and 50 connections for BENCH_WEB_SECONDS (default 5) each, with wrk; requests/s, p50, p90,
p99 (the percentiles wrk prints) and errors (failed connections and any answer but 2xx/3xx; every page is
checked to answer 200, not a redirect, first). Interleaved with the framework's floor served the same way in
the same run (a static file through Flask), and printed as the ratio floor / page (how many times slower than
the floor; goal: every page within 25× at 1 connection, the cached dashboard within 10×, 0 errors at 50
connections). The dashboard's first request after start is timed as "cold". Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from bench.registry import Dataset, Measurement, Timing

ROOT = Path(__file__).resolve().parent.parent
TRACKER = str(Path(sys.executable).with_name("tracker"))
WORKERS = (2, 4)
CONNECTIONS = (1, 10, 50)
GOAL_PAGE, GOAL_DASHBOARD = 25.0, 10.0
FLOOR = "/static/css/app.css"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
AGENT = "tracker-bench"  # one User-Agent for signing in and for wrk: the session is bound to it (Flask-Login)


@dataclass(frozen=True)
class Load:
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wrk(url: str, cookie: str, connections: int, seconds: int) -> Load:
    done = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--latency",
         "-H", f"Cookie: {cookie}", "-H", f"User-Agent: {AGENT}", url], capture_output=True, text=True, check=True)
    out = done.stdout

    def latency(percent: str) -> float:
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not found:
            return float("nan")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]  # wrk prints it
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Load(rps, latency("50"), latency("90"), latency("99"), errors + (int(non_ok.group(1)) if non_ok else 0))


def _sign_in(base: str, email: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", AGENT)]
    page = opener.open(base + "/logga-in", timeout=30).read().decode()
    token = TOKEN.search(page)
    assert token is not None
    opener.open(base + "/logga-in", urllib.parse.urlencode(
        {"email": email, "password": "demo", "csrf_token": token.group(1)}).encode(), timeout=30).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def _database(folder: Path, postgres: str | None) -> str:
    if postgres:
        from sqlalchemy import create_engine, make_url, text

        name = f"tracker_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(make_url(postgres), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(postgres).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / 'bench.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    for command in (["db", "upgrade"], ["seed"], ["demo"]):
        subprocess.run([TRACKER, *command], env=env, cwd=folder, check=True, capture_output=True)
    return url


def _drop(url: str, postgres: str | None) -> None:
    if postgres:
        from sqlalchemy import create_engine, make_url, text

        admin = create_engine(make_url(postgres), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()


def _serve(url: str, workers: int, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "PUBLIC_BASE_URL": base, "MAIL_SERVER": "",
           "CONTACT_EMAIL": "biogas@example.se",
           "WEB_CONCURRENCY": str(workers), "BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")], env=env,
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + FLOOR, timeout=5).read()
            return process, base
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.2)


def _pages(base: str, url: str) -> dict[str, tuple[str, str]]:
    """name: (path, cookie) of each page, with the demo's open round and Jönköping's report in it."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        report = conn.execute(text(
            "SELECT s.id FROM submissions s JOIN parties p ON p.id = s.party_id JOIN reporting_rounds r "
            "ON r.id = s.round_id WHERE p.code = '0680' ORDER BY r.year DESC LIMIT 1")).scalar_one()
    engine.dispose()
    contact = _sign_in(base, "kontakt.jonkoping@exempel.se")
    leader = _sign_in(base, "projektledare@exempel.se")
    forum = _sign_in(base, "forum@exempel.se")
    return {"form overview": (f"/rapportera/{report}", contact),
            "commitment page": (f"/rapportera/{report}/atagande/III", contact),
            "leaders' overview": ("/projektledare/oversikt", leader),
            "dashboard (cached)": ("/uppfoljning/2024", forum)}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _check(base: str, path: str, cookie: str) -> None:
    """The page answers 200 to the session wrk will use (not a redirect to the sign-in page)."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie, "User-Agent": AGENT})
    with urllib.request.build_opener(_NoRedirect).open(request, timeout=120) as response:
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")


def _timing(load: Load) -> Timing:
    return Timing(1 / load.rps if load.rps else float("inf"), 0.0)


def _run(backend: str, postgres: str | None, seconds: int) -> list[Measurement]:
    found = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = _database(folder, postgres)
        try:
            for workers in WORKERS:
                process, base = _serve(url, workers, folder)
                try:
                    pages = _pages(base, url)
                    path, cookie = pages["dashboard (cached)"]
                    start = time.perf_counter()
                    _check(base, path, cookie)
                    cold = time.perf_counter() - start
                    for path, cookie in pages.values():
                        _check(base, path, cookie)
                    found.append(Measurement(f"web {backend} {workers}w dashboard cold", "demo", Timing(cold, 0.0),
                                             note="the first request after start: one worker builds the page"))
                    for connections in CONNECTIONS:
                        for page, (path, cookie) in pages.items():
                            floor = _wrk(base + FLOOR, cookie, connections, seconds)
                            load = _wrk(base + path, cookie, connections, seconds)
                            goal = (GOAL_DASHBOARD if page.startswith("dashboard") else GOAL_PAGE) \
                                if connections == 1 else None
                            note = (f"{load.rps:.0f} req/s (floor {floor.rps:.0f}), p50 {load.p50_ms:.1f} ms, "
                                    f"p90 {load.p90_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, errors {load.errors}")
                            found.append(Measurement(f"web {backend} {workers}w c{connections} {page}", "demo",
                                                     _timing(load), _timing(floor), "floor: a static file",
                                                     goal_ratio=goal, note=note))
                finally:
                    process.terminate()
                    process.wait(timeout=30)
        finally:
            _drop(url, postgres)
    return found


def web(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "demo" or shutil.which("wrk") is None:
        return []
    seconds = int(os.environ.get("BENCH_WEB_SECONDS", "5"))
    found = _run("sqlite", None, seconds)
    if postgres := os.environ.get("BENCH_POSTGRES_URL"):
        found += _run("postgresql", postgres, seconds)
    return found
