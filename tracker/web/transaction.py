"""The request's transaction, decided in one place (as Indico's RH.process does).

Every view runs inside `in_transaction`: when it returns a response below 400 to a request that may write, the
request's session commits once, and then the side effects queued with `after_commit` run (mail goes out only
for a change that is stored); otherwise — a GET, an error page, an exception — it rolls back. GET never writes.

A view that refuses (an operation's OperationError, a value's InvalidValue, a page opened before someone else
saved) raises `Refused` with how to answer: the boundary rolls back first, so the page it then renders reads the
database as it is, not the half-done change. What a view does not catch becomes a page here:
- StaleDataError (someone saved the same row in between): 409, the conflict page;
- OperationError / InvalidValue: 400, their message;
- any other database error: rolled back, then the app's 500 page (which renders without the failed session).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, current_app, flash, g, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from tracker.domain.values import InvalidValue
from tracker.operations.answers import OperationError
from tracker.web import READ_METHODS

log = logging.getLogger(__name__)


class Refused(Exception):  # noqa: N818 - a view raises it to answer, it is not an error of the app
    """Raised by a view: roll back, then answer with `respond()` (a page with its errors, a redirect)."""

    def __init__(self, respond: Callable[[], ResponseReturnValue]) -> None:
        super().__init__("refused")
        self.respond = respond


def refused_redirect(location: str, message: str) -> Refused:
    """Roll back, tell the user `message` (an error notice) and send them to `location` (303)."""

    def respond() -> Response:
        flash(message, "error")
        return redirect(location, code=303)

    return Refused(respond)


def after_commit(action: Callable[[], Any]) -> None:
    """Run `action` once the request's change is committed (sending mail); never when it is rolled back."""
    g.setdefault("after_commit", []).append(action)


def _session() -> Any:
    return g.get("db_session")


def _rollback() -> None:
    g.pop("after_commit", None)
    session = _session()
    if session is not None:
        session.rollback()


def _stale_page() -> tuple[str, int]:
    return render_template("errors/conflict.html"), 409


def _commit() -> Response | None:
    """Commit; a row changed by someone else meanwhile answers with the conflict page instead."""
    session = _session()
    if session is None:
        return None
    try:
        session.commit()
    except StaleDataError:
        _rollback()
        return current_app.make_response(_stale_page())
    for action in g.pop("after_commit", []):
        action()
    return None


def in_transaction(view: Callable[..., Any]) -> Callable[..., Response]:
    @wraps(view)
    def run(*args: Any, **kwargs: Any) -> Response:
        try:
            returned = view(*args, **kwargs)
        except Refused as refusal:
            _rollback()
            return current_app.make_response(refusal.respond())
        except StaleDataError:
            _rollback()
            return current_app.make_response(_stale_page())
        except (OperationError, InvalidValue) as refusal:
            _rollback()
            page = render_template("errors/refused.html", message=refusal.message.render(gettext))
            return current_app.make_response((page, 400))
        except BaseException:
            _rollback()
            raise
        response = current_app.make_response(returned)
        if request.method in READ_METHODS or response.status_code >= 400:
            session = _session()
            if session is not None and request.method in READ_METHODS and (session.new or session.dirty
                                                                            or session.deleted):
                log.warning("a %s request to %s left changes; they are not stored", request.method, request.path)
            _rollback()
            return response
        return _commit() or response

    return run


def init_app(app: Flask) -> None:
    """Every view of the app in the boundary (call it after the blueprints are registered)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static":
            app.view_functions[endpoint] = in_transaction(view)
