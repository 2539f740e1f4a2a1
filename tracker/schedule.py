"""The rounds' calendar in a transaction of its own: open and close the rounds whose day has come
(tracker.operations.schedule) and commit. The web app runs it before a request, at most once a minute per
process (tracker.web.schedule); `tracker schedule` runs it from a scheduler.

The check is one read; a write transaction is begun only when something is due, so a web process that looks
every minute takes SQLite's write lock only on the days a round opens or closes.
"""

from __future__ import annotations

from datetime import date

from tracker.database import Database
from tracker.domain.calendar import today_in_sweden
from tracker.operations.schedule import ScheduledChange, due_rounds, run_schedule


def run_due(database: Database, today: date | None = None) -> list[ScheduledChange]:
    """Make the changes that are due `today` (in Sweden) and commit them; what changed."""
    today = today or today_in_sweden()
    reading = database.session()
    try:
        if not due_rounds(reading, today):
            return []
    finally:
        reading.close()
    writing = database.session(write=True)
    try:
        changes = run_schedule(writing, today)
        writing.commit()
    except BaseException:
        writing.rollback()
        raise
    finally:
        writing.close()
    return changes
