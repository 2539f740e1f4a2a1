"""What the review page calls "changed": an answer given this year that is not last year's, as read."""

from __future__ import annotations

import pytest

from tracker.queries.review import is_changed


@pytest.mark.parametrize(
    ("now", "last", "changed"),
    [
        ("", "", False),  # unanswered both years
        (None, None, False),
        ("", "5 st", False),  # unanswered now: the page says "Not answered" beside last year's answer
        ("5 st", "5 st", False),  # the same answer
        ("30,4 %", "30,4 %", False),  # a share computed from other numbers that reads the same
        ("6 st", "5 st", True),
        ("Ja", "", True),  # answered now, not last year
        ("Ja", None, True),
    ],
)
def test_changed_means_answered_now_and_not_as_last_year(now: str | None, last: str | None, changed: bool) -> None:
    assert is_changed(now, last) is changed
