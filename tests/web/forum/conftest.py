"""The dashboard tests run on the demo data (rounds 2019–2024 closed, 2025 open), rolled back after each test."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from seed.demo import DEMO_PASSWORD
from tests.web.forum.forum_helpers import FORUM

if TYPE_CHECKING:
    from tests.conftest import AuthActions



@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.fixture
def sign_in_as(client: FlaskClient, auth: AuthActions) -> Callable[[str], FlaskClient]:
    """`sign_in_as(email)`: the test client, signed in as that demo user (password "demo")."""

    def sign_in(email: str) -> FlaskClient:
        assert auth.login(email, DEMO_PASSWORD).status_code == 303
        return client

    return sign_in


@pytest.fixture
def forum_client(sign_in_as: Callable[[str], FlaskClient]) -> FlaskClient:
    return sign_in_as(FORUM)
