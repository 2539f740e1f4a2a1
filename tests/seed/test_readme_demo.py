"""The README says what the demo contains, and what it says follows seed/demo.py: the years of the closed rounds,
the open round with its dates, the reports still under review in 2024, the parties and every login."""

from __future__ import annotations

import re
from pathlib import Path

from seed.demo import DEMO_USERS, OPEN_ROUND_DEADLINE, OPEN_ROUND_OPENS, OPEN_ROUND_YEAR, STILL_OPEN_2024
from seed.demo_answers import YEARS
from tracker.domain import SubmissionState

ROOT = Path(__file__).resolve().parent.parent.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NAMES = {"0617": "Gnosjö", "0684": "Sävsjö", "0643": "Habo"}


def demo_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("The demo data (`tracker demo`")
    return " ".join(text[start:text.index("## Rapportera", start)].split())


def test_the_readme_says_which_rounds_the_demo_has_and_their_states() -> None:
    section = demo_section()
    assert f"{YEARS[0]}–{YEARS[-1]}: six closed rounds" in section and len(YEARS) == 6
    opens, due = (f"{d.day} {MONTHS[d.month - 1]} {d.year}" for d in (OPEN_ROUND_OPENS, OPEN_ROUND_DEADLINE))
    assert f"{OPEN_ROUND_YEAR}: one open round**, opened on {opens} and due on {due}" in section
    waiting = sorted(NAMES[c] for c, state in STILL_OPEN_2024.items() if state is SubmissionState.SUBMITTED)
    returned = [NAMES[c] for c, state in STILL_OPEN_2024.items() if state is SubmissionState.RETURNED]
    assert f"{' and '.join(waiting)} wait for approval, and {returned[0]}'s report was sent back" in section
    assert "The 14 of the agreement file".lower() in section.lower() and "since it came into force (2018)" in section


def test_the_readme_lists_every_demo_login() -> None:
    section = demo_section()
    listed = re.findall(r"\| ([a-z.]+@exempel\.se) \|", section)
    assert listed == [user.email for user in DEMO_USERS]
    assert "password `demo`" in section
