"""Start-up: how long a new process takes to import the app and run `create_app()`, against a process that only
imports Flask, each in a fresh interpreter (what a gunicorn worker, `tracker slides` or a cron job pays).

Goal (issue 9): under 0.6 s. matplotlib, openpyxl and python-pptx are imported where they are used (the first
chart, workbook or deck), never at start-up; the benchmark also says which of them a fresh app has imported.
"""

from __future__ import annotations

import subprocess
import sys

from bench.registry import Dataset, Measurement, Timing

GOAL_SECONDS = 0.6
RUNS = 7
APP = """
import sys, time
start = time.perf_counter()
from tracker.app import create_app
create_app({"SECRET_KEY": "bench", "DATABASE_URL": "sqlite://"})
heavy = [m for m in ("matplotlib", "openpyxl", "pptx", "numpy") if m in sys.modules]
print(time.perf_counter() - start, ",".join(heavy))
"""
FLASK = """
import time
start = time.perf_counter()
import flask
print(time.perf_counter() - start, "")
"""


def _process(code: str) -> tuple[float, str]:
    """Wall time of the whole fresh process, and what the script printed (its own time, the heavy modules)."""
    import time

    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.split(" ", 1)[1].strip()


def startup(dataset: Dataset) -> list[Measurement]:
    if dataset.name != "demo":  # one measurement is enough: start-up does not depend on the data
        return []
    app_runs, flask_runs, heavy = [], [], ""
    for _ in range(RUNS):  # taking turns, so that a busy machine slows both alike
        seconds, heavy = _process(APP)
        app_runs.append(seconds)
        flask_runs.append(_process(FLASK)[0])
    note = f"a new process, best of {RUNS}; heavy libraries imported: {heavy or 'none'}"
    return [Measurement("start-up: create_app()", "-", Timing(min(app_runs), 0.0), Timing(min(flask_runs), 0.0),
                        'python -c "import flask"', goal_seconds=GOAL_SECONDS, note=note)]
