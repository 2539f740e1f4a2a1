"""The project leaders' pages are tested on the demo data (its users, parties and rounds: 2019–2024 closed,
2025 open with every report not started); each test runs in a transaction that is rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine
