"""The production entry point: `gunicorn -c gunicorn.conf.py` serves `tracker.wsgi:production_app()`.

Production refuses to start without the settings that the development server (`make run`) makes up: a
`SECRET_KEY` shared by every worker and instance (a key file written per machine would sign users out when
the load balancer switches instances) and `PUBLIC_BASE_URL` (links in mail are never built from a request's
Host header), and `CONTACT_EMAIL` (the accessibility statement's address for reporting a problem, which the law
asks for). Behind a reverse proxy, `PROXY_COUNT` (the number of proxies in front) lets ProxyFix take the
client's address, scheme and host from their X-Forwarded-* headers; unset, those headers are ignored.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from flask import Flask
from gunicorn.glogging import Logger
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker.app import create_app
from tracker.web.access_log import redact

REQUIRED = {
    "SECRET_KEY": "a long random string, the same for every worker and instance "
                  "(python -c 'import secrets; print(secrets.token_hex(32))')",
    "PUBLIC_BASE_URL": "the address users reach the service at, e.g. https://biogas.example.se",
    "CONTACT_EMAIL": "the address the accessibility statement (/tillganglighet) gives for reporting problems, "
                     "e.g. biogas@rjl.se (the law on accessible public digital services requires one)",
}


BOOT_ERROR = 3
"""gunicorn's exit code for a worker that cannot boot: its master then stops with the message, instead of starting
new workers that stop in turn, for ever."""


def production_app() -> Flask:
    """The app as production runs it; exits with a message naming each missing setting."""
    missing = [f"  {name}: {why}" for name, why in REQUIRED.items() if not os.environ.get(name, "").strip()]
    if missing:
        sys.stderr.write("tracker: production needs these settings (environment variables):\n"
                         + "\n".join(missing) + "\n")
        raise SystemExit(BOOT_ERROR)
    app = create_app({"MAIL_CONSOLE": False})  # a mail (and its sign-in link) never printed to a server's log
    if not app.config.get("REDIS_URL"):
        app.logger.warning("REDIS_URL is not set: each worker counts the sign-in limits on its own (with N "
                           "workers an account may be tried N times as often) and builds the charts for itself")
    proxies = int(os.environ.get("PROXY_COUNT", "0") or 0)
    if proxies:
        # Flask's documented way to add WSGI middleware; mypy sees a method being replaced
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    return app



class RedactingLogger(Logger):
    """gunicorn's logger, with every sign-in token cut out of the access log's request line, path, query and
    referrer (tracker.web.access_log)."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        found: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in found.items()}
