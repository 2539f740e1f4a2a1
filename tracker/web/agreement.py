"""The agreement a request is about (tracker.queries.resolver decides; this passes it the address, the user and
the setting), once per request, and what the pages and mails call the service after it.

The address carries the agreement as `?avtal=<slug>` when it is not the one the page would open on anyway; every
link and form of a page asked with it keeps it (`url_defaults`), so a project leader working on the other
county's agreement stays on it from page to page. Without it a page is about the user's own agreement
(`User.agreement_id`), else the default one. The header offers the others to those who may choose
(`agreement_choices`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, abort, current_app, g, has_request_context, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from tracker.domain import Agreement, Role, User, localized
from tracker.queries.resolver import agreement_choices, agreement_of_request
from tracker.web import db_session
from tracker.web.i18n import current_locale

PARAM = "avtal"
"""The query argument that names the agreement of a page."""
CHOOSERS = frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.FORUM_MEMBER})


def _user() -> User | None:
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return user if isinstance(user, User) else None


def _asked_slug() -> str | None:
    return (request.args.get(PARAM) or None) if has_request_context() else None


def request_agreement_or_none() -> Agreement | None:
    """The agreement this request works on; None when there is none yet. An address naming no agreement here
    answers 404 (once: the error page, asking again, gets None and says the product's own words)."""
    if "agreement" not in g:
        user = _user()
        slug = _asked_slug()
        g.agreement = agreement_of_request(db_session(), slug, user.agreement_id if user else None,
                                           current_app.config.get("DEFAULT_AGREEMENT"))
        if g.agreement is None and slug:
            abort(404)
    found: Agreement | None = g.agreement
    return found


def request_agreement() -> Agreement:
    """The agreement this request works on; 404 when there is none yet or the address names an unknown one."""
    agreement = request_agreement_or_none()
    if agreement is None:
        abort(404)
    return agreement


def _keep_agreement(endpoint: str | None, values: dict[str, Any]) -> None:
    """Every link built while answering a page asked with `?avtal=` keeps it (not the static files')."""
    if endpoint in (None, "static") or PARAM in values or not has_request_context():
        return
    if slug := _asked_slug():
        values[PARAM] = slug


@dataclass(frozen=True)
class Choice:
    name: str
    href: str
    is_current: bool


def choices() -> list[Choice]:
    """The agreements the signed-in user may switch between (in the header), none when there is but one or the
    user works with one agreement only (a contact, a leader given one agreement)."""
    user = _user()
    if user is None or user.role not in CHOOSERS or user.agreement_id is not None:
        return []
    try:
        found = agreement_choices(db_session())
        current = request_agreement_or_none()
    except SQLAlchemyError:
        return []
    if len(found) < 2:
        return []
    english = current_locale().startswith("en")
    start = "forum.latest" if user.role is Role.FORUM_MEMBER else "leaders.rounds"  # the section's first page
    return [Choice(en if english else sv, _url(start, slug), current is not None and current.slug == slug)
            for slug, sv, en in found]


def _url(endpoint: str, slug: str) -> str:
    values: dict[str, Any] = {PARAM: slug}
    return url_for(endpoint, **values)


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
    app.context_processor(lambda: {"product_name": product_name, "forum_name": forum_name,
                                   "agreement_choices": choices})
    app.url_defaults(_keep_agreement)
