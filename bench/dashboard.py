"""The forum's dashboard: the page served from the cache (goal: under 50 ms), and what a cache miss costs.

On the demo data the whole request is measured through the app (a real SQLite file, a signed-in forum member):
served from the cache it runs the data version query, loads the user and renders the template. The cold build
(report data, page model) and the charts are measured too; on the national data set, which exists only in memory,
the page model and the charts are measured from the ready report data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.registry import Dataset, Measurement, Timing, timed
from reports.charts import render_svg, year_charts

GOAL_SECONDS = 0.05


def dashboard(dataset: Dataset) -> list[Measurement]:
    measurements = [_charts(dataset), _page_model(dataset)]
    if dataset.name == "demo":
        measurements[:0] = _served(dataset.year)
    return measurements


def _charts(dataset: Dataset) -> Measurement:
    county, commitments = year_charts(dataset.followup)
    charts = [*county, *(chart for block in commitments for chart in block.charts)]
    (timing,) = timed(lambda: [render_svg(chart, "sv") for chart in charts], repeat=1)
    return Measurement("dashboard charts (drawn)", dataset.name, timing, note=f"{len(charts)} SVGs")


def _page_model(dataset: Dataset) -> Measurement:
    from tracker.web.forum.pages import _dashboard_page

    (timing,) = timed(lambda: _dashboard_page(dataset.followup, "sv"))
    return Measurement("dashboard page model", dataset.name, timing, note="from ready report data")


def _served(year: int) -> list[Measurement]:
    """GET /uppfoljning/<year> through the app on a demo database: first (cold) and from the cache."""
    from sqlalchemy.orm import Session

    from seed.demo import DEMO_PASSWORD, load_demo
    from seed.loader import default_agreement_files, load_agreement_file
    from tracker.app import create_app
    from tracker.database import Database
    from tracker.domain import Base
    from tracker.web.forum.cache import EXTENSION

    with TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'dashboard.db'}")
        Base.metadata.create_all(database.engine)
        with Session(database.engine) as session:
            for path in default_agreement_files():
                load_agreement_file(session, path)
            load_demo(session)
            session.commit()
        app = create_app({"DATABASE": database, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "MAIL_SERVER": None})
        client = app.test_client()
        client.post("/logga-in", data={"email": "forum@exempel.se", "password": DEMO_PASSWORD})
        page = f"/uppfoljning/{year}"

        def get() -> None:
            response = client.get(page)
            assert response.status_code == 200, response.status_code
            response.close()

        def cold() -> None:
            app.extensions[EXTENSION].clear()
            get()

        (cold_timing,) = timed(cold)
        get()
        (cached,) = timed(get, repeat=20)
        median = _median_of(get, 50)
        database.dispose()
    return [
        Measurement("dashboard from cache (best)", "demo", cached, goal_seconds=GOAL_SECONDS,
                    note=f"GET {page}: version query, user, template"),
        Measurement("dashboard from cache (median)", "demo", median, goal_seconds=GOAL_SECONDS,
                    note="of 50 requests"),
        Measurement("dashboard, empty cache", "demo", cold_timing, note="report data, page model (no charts)"),
    ]


def _median_of(run: Callable[[], object], count: int) -> Timing:
    import statistics
    import time

    durations = []
    for _ in range(count):
        start = time.perf_counter()
        run()
        durations.append(time.perf_counter() - start)
    return Timing(statistics.median(durations), 0.0)
