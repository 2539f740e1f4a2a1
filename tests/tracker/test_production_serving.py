"""Production serving: the entry point gunicorn runs refuses to start without the settings production needs
(saying which), takes the client's scheme and address from a reverse proxy only when told how many there are,
and the health endpoint tells a load balancer whether the instance reaches its database."""

from __future__ import annotations

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from tracker.app import create_app
from tracker.wsgi import production_app


def test_production_refuses_to_start_without_its_settings(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("CONTACT_EMAIL", raising=False)
    with pytest.raises(SystemExit) as stopped:
        production_app()
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert "SECRET_KEY" in message and "PUBLIC_BASE_URL" in message and "CONTACT_EMAIL" in message
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    with pytest.raises(SystemExit):
        production_app()
    assert "SECRET_KEY" not in capsys.readouterr().err.split("\n", 1)[1]


def scheme_seen(app: Flask) -> str:
    @app.get("/_scheme")
    def scheme() -> str:
        return f"{request.scheme} {request.remote_addr}"

    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    response = app.test_client().get("/_scheme", headers=headers)
    return response.get_data(as_text=True)


def test_forwarded_headers_count_only_behind_a_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://biogas.example.se")
    monkeypatch.setenv("CONTACT_EMAIL", "biogas@rjl.se")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    monkeypatch.delenv("PROXY_COUNT", raising=False)
    assert scheme_seen(production_app()) == "http 127.0.0.1"  # a client's own X-Forwarded-* is ignored
    monkeypatch.setenv("PROXY_COUNT", "1")
    assert scheme_seen(production_app()) == "https 203.0.113.9"


def test_health_is_ok_with_the_database(client: FlaskClient) -> None:
    response = client.get("/halsa")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_health_says_when_the_database_cannot_be_reached() -> None:
    app = create_app({"DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:9/none?connect_timeout=2",
                      "SECRET_KEY": "test", "TESTING": True})
    response = app.test_client().get("/halsa")
    assert response.status_code == 503 and response.get_json() == {"status": "database unavailable"}
