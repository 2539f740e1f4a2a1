"""No sign-in token in an access log: gunicorn's (tracker.wsgi.RedactingLogger, named by gunicorn.conf.py) and
the development server's (a filter on werkzeug's logger)."""

from __future__ import annotations

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from tracker.web.access_log import redact, redact_development_server_log
from tracker.wsgi import RedactingLogger

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "eyJ1Ijo0LCJzIjoiYWJjIn0.Z1x2Yw.c2lnbmF0dXJl"


def test_redact_cuts_the_token_out_of_paths_lines_and_referrers() -> None:
    assert redact(f"GET /logga-in/lank/{TOKEN} HTTP/1.1") == "GET /logga-in/lank/[token] HTTP/1.1"
    assert redact(f"https://biogas.example.se/logga-in/lank/{TOKEN}?sprak=en") == \
        "https://biogas.example.se/logga-in/lank/[token]?sprak=en"
    assert redact("POST /logga-in/lank HTTP/1.1") == "POST /logga-in/lank HTTP/1.1"  # asking for a link: no token


def test_gunicorn_logs_the_link_request_without_its_token(capsys: pytest.CaptureFixture[str]) -> None:
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["logger_class"] == "tracker.wsgi.RedactingLogger"
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/logga-in/lank/{TOKEN}", "PATH_INFO": f"/logga-in/lank/{TOKEN}",
               "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "192.0.2.7",
               "HTTP_REFERER": f"https://biogas.example.se/logga-in/lank/{TOKEN}", "HTTP_USER_AGENT": "scanner"}
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    line = capsys.readouterr().out
    assert '"GET /logga-in/lank/[token] HTTP/1.1" 200 512' in line
    assert TOKEN not in line


def test_the_development_server_logs_the_link_request_without_its_token(caplog: pytest.LogCaptureFixture) -> None:
    redact_development_server_log()
    redact_development_server_log()  # once per process, however many apps are made
    server_log = logging.getLogger("werkzeug")
    assert sum(type(f).__name__ == "RedactingFilter" for f in server_log.filters) == 1
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        server_log.info('%s - - [%s] "%s" %s -', "127.0.0.1", "02/Dec/2026 20:00:00",
                        f"GET /logga-in/lank/{TOKEN} HTTP/1.1", "200")
    assert "/logga-in/lank/[token]" in caplog.text and TOKEN not in caplog.text
