"""The agreement a request is about (tracker.queries.resolver decides; this passes it the setting), once per
request."""

from __future__ import annotations

from flask import abort, current_app, g

from tracker.domain import Agreement
from tracker.queries.resolver import default_agreement
from tracker.web import db_session


def request_agreement_or_none() -> Agreement | None:
    """The agreement this request works on; None when there is none yet."""
    if "agreement" not in g:
        g.agreement = default_agreement(db_session(), current_app.config.get("DEFAULT_AGREEMENT"))
    found: Agreement | None = g.agreement
    return found


def request_agreement() -> Agreement:
    """The agreement this request works on; 404 when there is none yet."""
    agreement = request_agreement_or_none()
    if agreement is None:
        abort(404)
    return agreement
