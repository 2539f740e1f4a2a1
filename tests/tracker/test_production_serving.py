"""Production serving: the entry point gunicorn runs refuses to start without the settings production needs
(saying which), takes the client's scheme and address from a reverse proxy only when told how many there are,
and the health endpoint tells a load balancer whether the instance reaches its database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert stopped.value.code == 3  # gunicorn's boot error: the master stops too
    message = capsys.readouterr().err
    assert "SECRET_KEY" in message and "PUBLIC_BASE_URL" in message and "CONTACT_EMAIL" in message
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    with pytest.raises(SystemExit):
        production_app()
    assert "SECRET_KEY" not in capsys.readouterr().err.split("\n", 1)[1]


def test_gunicorn_stops_when_a_setting_is_missing(tmp_path: Path) -> None:
    """Not a loop of workers that start and stop: gunicorn's master exits, and the message names the setting."""
    env = {key: value for key, value in os.environ.items() if key not in ("CONTACT_EMAIL", "PUBLIC_BASE_URL")}
    env |= {"SECRET_KEY": "k" * 64, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}", "WEB_CONCURRENCY": "2",
            "BIND": "127.0.0.1:0"}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "gunicorn", "-c", str(root / "gunicorn.conf.py")], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "CONTACT_EMAIL" in done.stderr and "PUBLIC_BASE_URL" in done.stderr


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
