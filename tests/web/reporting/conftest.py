"""The reporting tests run on the demo data: rounds 2019–2024 reported, the round for 2025 open with every
report not started, and the demo users (password "demo"). Loaded once per backend and test run; each test
runs in a transaction that is rolled back, so tests never see each other's changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from seed.demo import DEMO_PASSWORD
from tests.web.reporting.reporting_helpers import CONTACT, Reporter, submission_id

if TYPE_CHECKING:
    from tests.conftest import AuthActions


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    """The demo database (tests/conftest.py's `demo_engine`); each test's changes are rolled back."""
    return demo_engine


@pytest.fixture
def reporter(client: FlaskClient, auth: AuthActions) -> Reporter:
    """The demo contact of Jönköpings kommun, signed in (tests/conftest.py's `auth`)."""
    assert auth.login(CONTACT, DEMO_PASSWORD).status_code == 303
    return Reporter(client)


@pytest.fixture
def jonkoping_2025(session: Session) -> int:
    return submission_id(session, "0680", 2025)


@pytest.fixture
def client_factory(app: Flask) -> Callable[[], Reporter]:
    """Another browser: `client_factory().login(email)`."""
    return lambda: Reporter(app.test_client())
