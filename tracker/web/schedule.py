"""The rounds' calendar, kept by the running app: before a request, at most once every ROUND_SCHEDULE_SECONDS
per process, `tracker.schedule.run_due` opens and closes the rounds whose day has come, in a transaction of its
own, committed before the request's own work begins (the request's transaction is not touched).

So a round opens on its day without a scheduler; `tracker schedule` does the same from one. Several workers doing
it at once change a round once (the operation's conditional UPDATE). A failure is logged and never stops the
request.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app

from tracker.schedule import run_due

log = logging.getLogger(__name__)


class _Clock:
    """When this process last looked, and a lock so that its threads look one at a time."""

    def __init__(self) -> None:
        self.last = float("-inf")
        self.lock = threading.Lock()


def keep_the_calendar() -> None:
    every = current_app.config.get("ROUND_SCHEDULE_SECONDS") or 0
    clock: _Clock = current_app.extensions["tracker.schedule"]
    if every <= 0 or time.monotonic() - clock.last < every or not clock.lock.acquire(blocking=False):
        return
    try:
        clock.last = time.monotonic()
        for change in run_due(current_app.extensions["tracker.db"]):
            log.info("the round for %s is now %s: its day has come", change.year, change.state)
    except Exception:  # the calendar is tried again later; the request goes on
        log.exception("the rounds' schedule could not be run")
    finally:
        clock.lock.release()


def init_app(app: Flask) -> None:
    app.extensions["tracker.schedule"] = _Clock()
    app.before_request(keep_the_calendar)
