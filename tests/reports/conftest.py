"""The report tests read the demo data (tests/conftest.py's `demo_engine`: what `make run` loads).

`followup_2023` and `workbook_2023` are built once per backend from a session of their own; tests that change
data use `session` (rolled back after the test).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from reports.data import FollowUp, build_followup
from reports.excel import build_summary_workbook
from tracker.queries.followup import load_followup_inputs


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture(scope="session")
def followup_of(demo_engine: Engine) -> Callable[..., FollowUp]:
    """`followup_of(year, include_drafts=False)`: the follow-up of the demo data."""

    def build(year: int, include_drafts: bool = False) -> FollowUp:
        with Session(demo_engine) as session:
            inputs = load_followup_inputs(session, year)
        return build_followup(inputs, year, include_drafts=include_drafts)

    return build


@pytest.fixture(scope="session")
def followup_2023(followup_of: Callable[..., FollowUp]) -> FollowUp:
    return followup_of(2023)


@pytest.fixture(scope="session")
def workbook_2023(followup_2023: FollowUp) -> bytes:
    return build_summary_workbook(followup_2023, "sv")
