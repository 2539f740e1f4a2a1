"""The agreement a request is about (tracker.queries.resolver decides; this passes it the setting), once per
request, and what the pages and mails call the service after it."""

from __future__ import annotations

from flask import Flask, abort, current_app, g
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain import Agreement, localized
from tracker.queries.resolver import default_agreement
from tracker.web import db_session
from tracker.web.i18n import current_locale


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


def _words(field: str) -> str:
    """The request's agreement's `field` (product_name, forum_name, name) in the reader's language; "" when the
    data names none. On an error page after a database failure the agreement cannot be read: "" then too, so that
    the page says the product's own words rather than failing as well."""
    try:
        agreement = request_agreement_or_none()
    except SQLAlchemyError:
        current_app.logger.warning("the agreement could not be read for the page's words", exc_info=True)
        return ""
    return localized(agreement, field, current_locale()) if agreement is not None else ""


def product_name() -> str:
    """The service's name in the header, the page titles and the mails: the agreement data's (`product_name_sv`,
    `product_name_en`), else the product's own words."""
    return _words("product_name") or gettext("Biogas follow-up")


def forum_name() -> str:
    """Where the follow-up is presented, as a sentence names it: the agreement data's (`forum_name_sv`,
    `forum_name_en`: "Kommunalt forum"), else the product's own words ("forumet")."""
    return _words("forum_name") or gettext("the forum")


def agreement_name() -> str:
    """The request's agreement's name in the reader's language; "" when there is none (or it cannot be read)."""
    return _words("name")


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"product_name": product_name, "forum_name": forum_name})
