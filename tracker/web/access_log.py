"""Sign-in tokens kept out of the access logs: a sign-in link's token is a password for as long as it lives,
and a mail scanner that follows the link writes it into the server's log before anyone has used it.

`redact` replaces the token in a path, a request line or a referrer with "[token]". gunicorn logs through
`tracker.wsgi.RedactingLogger` (gunicorn.conf.py: `logger_class`), Flask's development server through
`RedactingFilter` on its "werkzeug" logger (tracker.app).
"""

from __future__ import annotations

import logging
import re

_TOKEN_IN_PATH = re.compile(r"(/logga-in/lank/)[^\s/?#\"]+")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    """`text` with every sign-in link's token replaced."""
    return _TOKEN_IN_PATH.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """For the development server's request lines (werkzeug logs them as arguments of its message)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def redact_development_server_log() -> None:
    """Put `RedactingFilter` on werkzeug's logger, once per process."""
    server_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactingFilter) for f in server_log.filters):
        server_log.addFilter(RedactingFilter())
