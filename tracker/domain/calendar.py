"""The round's calendar in the parties' time (Swedish time): today, the end of a deadline day, and THE rule of
what is late. The leaders' overview, the Excel summary's Svarsfrekvens and the deck's response slide all ask
`is_late`, so a report is late in all of them or in none.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SWEDISH_TIME = ZoneInfo("Europe/Stockholm")


def today_in_sweden(now: datetime | None = None) -> date:
    """The date in Sweden at `now` (default: this moment)."""
    return (aware(now) or datetime.now(UTC)).astimezone(SWEDISH_TIME).date()


def aware(moment: datetime | None) -> datetime | None:
    """`moment` with its time zone; SQLite returns naive datetimes, and they are UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def end_of_day(day: date | None) -> datetime | None:
    """The moment a deadline day ends: midnight after it, Swedish time."""
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=SWEDISH_TIME)


def is_late(*, reported: bool, first_submitted_dt: datetime | None, deadline_on: date | None, today: date) -> bool:
    """Whether a report is late: handed in for the first time after the deadline day, or not handed in and the
    deadline day is over (`today`, in Sweden, is after it). A report handed in on time, sent back and handed in
    again later was on time. No deadline, never late."""
    if deadline_on is None:
        return False
    if reported:
        return handed_in_late(first_submitted_dt, deadline_on)
    return today > deadline_on


def handed_in_late(first_submitted_dt: datetime | None, deadline_on: date | None) -> bool:
    """Whether a report that was handed in was handed in (the first time) after the deadline day."""
    first, deadline_end = aware(first_submitted_dt), end_of_day(deadline_on)
    return first is not None and deadline_end is not None and first >= deadline_end
