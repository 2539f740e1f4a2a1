"""The access tests run on the demo data (its users, parties and rounds), rolled back after each test."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine
