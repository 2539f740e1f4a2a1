"""The web app: one blueprint per user group, the request's database session, i18n, sign-in, CSRF."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, current_app, g, request
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter
from werkzeug.wrappers import Response

from tracker.database import Database

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
Page = str | tuple[str, int] | Response
"""What a view returns: a page, a page with its status code, or a redirect (or a file)."""


def db_session() -> Session:
    """The request's session. The view commits; it is closed (and rolled back if not) after the request.
    A request that may write (every method but GET, HEAD and OPTIONS) takes SQLite's write lock when it first
    touches the database (Database.session), so concurrent saves queue instead of failing."""
    if "db_session" not in g:
        database: Database = current_app.extensions["tracker.db"]
        g.db_session = database.session(write=request.method not in READ_METHODS)
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


class DatabaseIntegerConverter(IntegerConverter):
    """`<int:...>` in a URL: at most the largest number an integer column holds (ids, years). A larger number
    is no page (404), rather than an overflow in the database driver (500)."""

    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = None, max: int | None = 2**31 - 1,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _refuse_nameless_fields() -> None:
    """A multipart part without a name arrives as a field named None, which Flask-WTF's CSRF check trips over
    (a 500). No browser sends one: a malformed request, 400. Runs before the CSRF check."""
    if request.method == "POST" and request.mimetype == "multipart/form-data" and None in request.form:
        abort(400)


def init_web(app: Flask) -> None:
    from tracker.web import (
        account,
        admin,
        agreement,
        auth,
        consultations,
        forum,
        i18n,
        leaders,
        limits,
        public,
        reminders,
        reporting,
        schedule,
        security,
        transaction,
    )
    from tracker.web.access_log import redact_development_server_log

    redact_development_server_log()  # no sign-in token in the development server's request lines
    app.url_map.converters["int"] = DatabaseIntegerConverter  # before the blueprints add their rules
    app.teardown_appcontext(_close_session)
    app.before_request(_refuse_nameless_fields)
    CSRFProtect(app)  # every POST, PUT, PATCH and DELETE needs the session's token (WTF_CSRF_ENABLED)
    i18n.init_app(app)
    agreement.init_app(app)
    auth.init_app(app)
    security.init_app(app)
    limits.init_app(app)
    schedule.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(reporting.bp)
    app.register_blueprint(forum.bp)
    app.register_blueprint(reminders.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(leaders.bp)
    app.register_blueprint(consultations.bp)
    transaction.init_app(app)  # last: every view of every blueprint inside the request's transaction
