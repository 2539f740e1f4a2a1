"""Durations in words, as the pages and mails say them (tracker.i18n)."""

from __future__ import annotations

import pytest

from tracker.i18n import wait_in_words


@pytest.mark.parametrize(("seconds", "sv", "en"), [
    (1, "1 minut", "1 minute"), (61, "1 minut", "1 minute"), (599, "10 minuter", "10 minutes"),
    (7200, "120 minuter", "120 minutes"), (86400, "24 timmar", "24 hours"),
])
def test_how_long_to_wait(seconds: float, sv: str, en: str) -> None:
    assert (wait_in_words(seconds, "sv"), wait_in_words(seconds, "en")) == (sv, en)
