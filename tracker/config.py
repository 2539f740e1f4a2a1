"""Settings, read from the environment. `create_app(config)` takes a Config or a mapping that overrides it."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any


def instance_folder() -> Path:
    """`INSTANCE_PATH`, or the folder `instance` of the working directory: the SQLite database and the generated
    secret key live there, never beside the installed package (site-packages)."""
    return Path(os.environ.get("INSTANCE_PATH") or Path.cwd() / "instance").resolve()


def secret_key() -> str:
    """`SECRET_KEY`, or a random key kept in instance/secret_key so sign-ins survive a restart.

    Several processes starting at once (gunicorn's workers, parallel tests) agree on one key: each writes its
    candidate to a file of its own and links it into place; a link never replaces a file, so the first one
    wins and every process reads that one, never a half-written file.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = instance_folder() / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass  # another process was first: its key is the key
        finally:
            candidate.unlink()
    return path.read_text(encoding="ascii").strip()


def database_url() -> str:
    """`DATABASE_URL`, or the embedded SQLite file `instance/tracker.db`."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{instance_folder() / 'tracker.db'}"


def env_flag(name: str, default: bool = False) -> bool:
    """A yes/no setting: "1", "true", "yes", "on" (any case) are yes; unset is `default`."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


SESSION_LIFETIME = timedelta(hours=8)
"""A working day: Flask refuses a session cookie written longer ago (the cookie also ends with the browser)."""


@dataclass
class Config:
    DATABASE_URL: str = field(default_factory=database_url)
    SECRET_KEY: str = field(default_factory=secret_key)
    BABEL_DEFAULT_LOCALE: str = "sv"
    BABEL_DEFAULT_TIMEZONE: str = "Europe/Stockholm"
    LANGUAGES: tuple[str, ...] = ("sv", "en")
    SESSION_COOKIE_HTTPONLY: bool = True
    SESSION_COOKIE_SAMESITE: str = "Lax"
    SESSION_COOKIE_SECURE: bool = field(default_factory=lambda: env_flag("SESSION_COOKIE_SECURE"))
    PERMANENT_SESSION_LIFETIME: timedelta = SESSION_LIFETIME
    # Flask-Login: a session cookie shown by another browser is emptied. The remember cookie is never offered,
    # but if it ever is, it gets the same protection as the session cookie.
    SESSION_PROTECTION: str = "strong"
    REMEMBER_COOKIE_HTTPONLY: bool = True
    REMEMBER_COOKIE_SAMESITE: str = "Lax"
    REMEMBER_COOKIE_SECURE: bool = field(default_factory=lambda: env_flag("SESSION_COOKIE_SECURE"))
    REMEMBER_COOKIE_DURATION: timedelta = SESSION_LIFETIME
    # A CSRF token lives as long as the session: a form left open between meetings can still be saved.
    WTF_CSRF_TIME_LIMIT: int = int(SESSION_LIFETIME.total_seconds())
    # Where users reach the service, e.g. https://biogas.example.se: links in mail are built on it (set it in
    # production; without it they are built from the request's Host header).
    PUBLIC_BASE_URL: str | None = field(default_factory=lambda: os.environ.get("PUBLIC_BASE_URL") or None)
    # Where users write about the service (the accessibility statement names it), e.g. the project leaders'
    # shared mailbox. Without it the statement says to contact the project leaders.
    CONTACT_EMAIL: str | None = field(default_factory=lambda: os.environ.get("CONTACT_EMAIL") or None)
    # Seconds a one-time sign-in link is valid.
    SIGN_IN_LINK_MAX_AGE: int = field(default_factory=lambda: env_int("SIGN_IN_LINK_MAX_AGE", 30 * 60))
    # SMTP. Without MAIL_SERVER, mail is printed to the console (the demo of `make run`) while MAIL_CONSOLE is on;
    # production (tracker.wsgi) turns it off, so that a sign-in link never lands in a server's log: a mail is
    # then not sent, and the outbox shows the project leaders why. MAIL_CONSOLE=0 turns it off for the CLI too.
    MAIL_CONSOLE: bool = field(default_factory=lambda: env_flag("MAIL_CONSOLE", True))
    MAIL_SERVER: str | None = field(default_factory=lambda: os.environ.get("MAIL_SERVER") or None)
    MAIL_PORT: int = field(default_factory=lambda: env_int("MAIL_PORT", 25))
    MAIL_USERNAME: str | None = field(default_factory=lambda: os.environ.get("MAIL_USERNAME") or None)
    MAIL_PASSWORD: str | None = field(default_factory=lambda: os.environ.get("MAIL_PASSWORD") or None)
    MAIL_USE_TLS: bool = field(default_factory=lambda: env_flag("MAIL_USE_TLS"))
    MAIL_USE_SSL: bool = field(default_factory=lambda: env_flag("MAIL_USE_SSL"))
    MAIL_TIMEOUT: int = field(default_factory=lambda: env_int("MAIL_TIMEOUT", 10))
    MAIL_DEFAULT_SENDER: str = field(
        default_factory=lambda: os.environ.get("MAIL_DEFAULT_SENDER") or "Biogasuppföljning <noreply@localhost>"
    )
    # The largest request body: a filled offline Excel form is some 30 kB, so 20 MB is ample; more is refused
    # with 413 and a page that says so (tracker.web.public).
    MAX_CONTENT_LENGTH: int = field(default_factory=lambda: env_int("MAX_CONTENT_LENGTH", 20 * 1024 * 1024))
    # Strict-Transport-Security max-age in seconds (tracker.web.security); 0: not sent. Set it in production
    # behind TLS, e.g. 31536000 (a year).
    HSTS_SECONDS: int = field(default_factory=lambda: env_int("HSTS_SECONDS", 0))
    # The organisation's PowerPoint template for the forum deck: a .pptx or .potx in the instance folder (its name,
    # e.g. "region.potx", or a path), its layouts found by name (README). Unset: the deck's built-in look.
    DECK_TEMPLATE: str | None = field(default_factory=lambda: os.environ.get("DECK_TEMPLATE") or None)
    INSTANCE_FOLDER: Path = field(default_factory=instance_folder)
    # The agreement the pages and commands work on when several are in the database (its slug, e.g.
    # biogas-jonkoping; tracker.queries.resolver). Unset: the only one, or the first one set up.
    DEFAULT_AGREEMENT: str | None = field(default_factory=lambda: os.environ.get("DEFAULT_AGREEMENT") or None)
    # Redis, e.g. redis://127.0.0.1:6379/0: the built charts and files are shared by every worker and instance.
    REDIS_URL: str | None = field(default_factory=lambda: os.environ.get("REDIS_URL") or None)
    # Seconds between two looks of a web process at the rounds' calendar (tracker.web.schedule): a round opens and
    # closes on its day. 0: never (then run `tracker schedule` from a scheduler).
    ROUND_SCHEDULE_SECONDS: int = field(default_factory=lambda: env_int("ROUND_SCHEDULE_SECONDS", 60))
    # How often one may try to sign in or ask for a link (tracker.web.limits); off only in tests.
    RATELIMIT_ENABLED: bool = field(default_factory=lambda: env_flag("RATELIMIT_ENABLED", True))
    # Without PUBLIC_BASE_URL only requests to this machine's own names are answered (tracker.app); a development
    # server reached by another name lists it here (env TRUSTED_HOSTS, comma-separated).
    TRUSTED_HOSTS: list[str] | None = field(default_factory=lambda: [
        h.strip() for h in os.environ["TRUSTED_HOSTS"].split(",") if h.strip()] if os.environ.get("TRUSTED_HOSTS")
        else None)
    TESTING: bool = False

    def as_mapping(self) -> dict[str, Any]:
        return dict(self.__dict__)
