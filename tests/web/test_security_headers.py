"""Every response carries the security headers (tracker.web.security): the content policy (no frames, only this
site's scripts and styles), nosniff, the referrer policy; pages for a signed-in user are never stored by the
browser or a proxy; static files stay cacheable; HSTS only when configured."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

if TYPE_CHECKING:
    from tests.conftest import AuthActions


@pytest.fixture(scope="session")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def test_a_public_page_has_the_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_a_signed_in_users_pages_are_not_stored(client: FlaskClient, auth: AuthActions) -> None:
    assert auth.login("kontakt.jonkoping@exempel.se", "demo").status_code == 303
    page = client.get("/rapportera/")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


def test_hsts_when_configured(app: Flask, client: FlaskClient) -> None:
    app.config["HSTS_SECONDS"] = 31536000
    assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
