"""What is drawn is kept by the content it is drawn from (tracker.web.forum.cache.drawn): the same follow-up or
chart is drawn once per process, whatever data version asks; other content, another language or another kind
of file is drawn anew."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from reports.data import FollowUp, build_followup
from tracker.queries.followup import load_followup_inputs
from tracker.web.forum.cache import drawn


@pytest.fixture
def followup_2023(session: Session) -> FollowUp:
    return build_followup(load_followup_inputs(session, 2023), 2023)


def test_the_same_content_is_drawn_once_and_other_content_again(followup_2023: FollowUp) -> None:
    calls: list[str] = []
    # at noon in Stockholm: five minutes later is the same day, whatever the clock says when the test runs
    followup_2023 = replace(followup_2023, generated_at=datetime(2026, 12, 6, 11, 0, tzinfo=UTC))

    def draw(label: str) -> bytes:
        calls.append(label)
        return label.encode()

    kind = ("test-handout", "sv", id(calls))  # a kind of this test's own: no other test's drawing is found
    same = replace(followup_2023)  # an equal follow-up, built apart
    assert drawn(kind, followup_2023, lambda: draw("first")) == b"first"
    assert drawn(kind, same, lambda: draw("again")) == b"first"
    later = replace(followup_2023, generated_at=followup_2023.generated_at + timedelta(minutes=5))
    assert drawn(kind, later.to_the_day(), lambda: draw("later")) == drawn(kind, followup_2023.to_the_day(),
                                                                          lambda: draw("later"))
    renamed = replace(followup_2023, year=followup_2023.year + 1)
    assert drawn(kind, renamed, lambda: draw("renamed")) == b"renamed"
    assert drawn((*kind, "en"), followup_2023, lambda: draw("english")) == b"english"
    assert calls == ["first", "later", "renamed", "english"]


def test_a_follow_up_to_the_day_keeps_the_day_in_stockholm(followup_2023: FollowUp) -> None:
    evening = followup_2023.generated_at.replace(hour=22, minute=30)  # UTC: 23:30 in Stockholm, the same day
    night = evening + timedelta(hours=1)  # 00:30 the next day in Stockholm
    first, second = (replace(followup_2023, generated_at=at).to_the_day() for at in (evening, night))
    assert first.generated_at.date() != second.generated_at.date()
    assert replace(followup_2023, generated_at=evening - timedelta(hours=3)).to_the_day() == first
