"""Limits on how often one may try to sign in or ask for a sign-in link (Flask-Limiter), against guessing
passwords and against flooding someone's inbox: per address of the asker, and per email address asked for. And
on uploads and built downloads (the Excel forms, the imports, the deck, the handout, the summary): per signed-in
user, generous for a day of ordinary work (FILES_PER_USER), a bound on what one account can make the server build.

The counts are kept in Redis when REDIS_URL is set, so every worker and instance counts together; otherwise in
the process. Only refused sign-ins count (`failed_sign_in`). RATELIMIT_ENABLED turns them off (the test
configuration does, but for the test of the limits).
A request over a limit gets the page "För många försök" (429) with how long to wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, Response, current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import TooManyRequests

from tracker.i18n import wait_in_words
from tracker.web.i18n import current_locale

SIGN_IN_PER_ADDRESS = "20 per 10 minutes"
SIGN_IN_PER_ACCOUNT = "5 per minute;10 per 10 minutes;30 per day"
"""Refused sign-ins for one account from one address: the wait grows (a minute, ten, a day)."""
LINK_PER_ADDRESS = "10 per 10 minutes"
LINK_PER_EMAIL = "3 per hour"
FILES_PER_USER = "100 per hour"

F = TypeVar("F", bound=Callable[..., Any])
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def email_asked_for() -> str:
    """The email address a form names: links asked for one address are limited from everywhere together."""
    return "email:" + request.form.get("email", "").strip().lower()


def account_at_address() -> str:
    """The account a sign-in form names, tried from this address: guessing one password is stopped, but an
    attacker elsewhere cannot lock the account's owner out (the owner's address has a count of its own)."""
    return f"{email_asked_for()}@{get_remote_address()}"


def failed_sign_in(response: Response) -> bool:
    """Whether a sign-in attempt counts against the limits: a refused one (the form again, 400, 429); a
    successful sign-in (a 303 onwards) does not, so people who sign in and out often are never stopped."""
    return response.status_code != 303


def per_user() -> str:
    """The signed-in user (the routes limited by it require one); the asker's address otherwise."""
    from flask_login import current_user

    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _files_limit() -> str:
    return str(current_app.config.get("FILES_PER_USER") or FILES_PER_USER)


def files_per_user() -> Callable[[F], F]:
    """The decorator of an upload or a built download: FILES_PER_USER (the setting of that name, else the
    default), counted per user across all of them."""
    return cast(Callable[[F], F], limiter.shared_limit(_files_limit, scope="files", key_func=per_user))


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    app.register_error_handler(TooManyRequests, too_many)


def too_many(error: TooManyRequests) -> tuple[str, int]:
    """The page "För många försök", saying how long until the limit that was passed lets the user try again (what
    the Retry-After header says in seconds)."""
    limit = limiter.current_limit
    wait = wait_in_words(limit.reset_at - time.time(), current_locale()) if limit is not None else None
    return render_template("errors/429.html", wait=wait), 429
