"""The public pages: the start page with the agreements and their commitments, the accessibility statement, the
favicon, the health check and the error pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.lists import format_list
from flask import Blueprint, current_app, redirect, render_template, request, send_from_directory
from flask_babel import LazyString, format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from tracker.domain.agreement import PartyKind
from tracker.queries.agreements import agreement_summaries
from tracker.web import db_session
from tracker.web.i18n import current_locale

bp = Blueprint("public", __name__)

# Who a commitment applies to, as the end of "Applies to …" (the kinds are a fixed enum, not agreement data).
PARTY_KIND_LABELS: dict[str, LazyString] = {
    PartyKind.MUNICIPALITY: _l("the municipalities"),
    PartyKind.REGION: _l("the region"),
    PartyKind.OTHER: _l("other parties"),
}

_BULLET = re.compile(r"^[•\-*–]\s+")


@bp.get("/")
def index() -> str:
    """The start page. Only reads: no commit."""
    agreements = agreement_summaries(db_session(), current_locale())
    return render_template("public/index.html", agreements=agreements)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon where browsers look for it unasked (every page also links it and the SVG, base.html)."""
    folder = Path(current_app.static_folder or "static")
    return send_from_directory(folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400)


@bp.get("/halsa")
def health() -> tuple[dict[str, str], int]:
    """For the load balancer: 200 when this instance reaches its database, 503 when it does not."""
    try:
        db_session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: the database cannot be reached")
        return {"status": "database unavailable"}, 503
    return {"status": "ok"}, 200


STATEMENT_REVIEWED = date(2026, 12, 3)
"""The day the accessibility statement was last reviewed against the service: change it whenever the statement (its
known problems above all) is checked again. The statement shows it."""


@bp.get("/tillganglighet")
def accessibility() -> str:
    """The accessibility statement that the law on accessible public digital services (2018:1937) asks for: how
    the service meets WCAG 2.1 AA, the known problems, the address to report one to (CONTACT_EMAIL, which production
    requires: tracker.wsgi) and when the statement was last reviewed."""
    return render_template("public/accessibility.html", contact_email=current_app.config.get("CONTACT_EMAIL"),
                           reviewed=format_date(STATEMENT_REVIEWED, "d MMMM y"))


@bp.app_template_filter("party_kinds")
def party_kinds_text(kinds: tuple[str, ...]) -> str:
    """("municipality", "region") → "the municipalities and the region", in the reader's language."""
    labels = [str(PARTY_KIND_LABELS.get(kind, kind)) for kind in kinds]
    return format_list(labels, locale=current_locale()) if labels else ""


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (one item) or a bulleted list (its items) of a text from the data files."""

    is_list: bool
    items: tuple[str, ...]


@bp.app_template_filter("text_blocks")
def text_blocks(text: str | None) -> list[TextBlock]:
    """A text from the data files as paragraphs and lists: every line is a paragraph, and consecutive
    lines that start with a bullet ("• ", "- ", "* ") form one list. (The data files join wrapped lines
    with a trailing backslash, so a line break in the text is meant.)"""
    blocks: list[TextBlock] = []
    bullets: list[str] = []
    for raw in (text or "").splitlines():
        line = " ".join(raw.split())
        bullet = _BULLET.match(line)
        if bullet:
            bullets.append(line[bullet.end():])
            continue
        if bullets:
            blocks.append(TextBlock(is_list=True, items=tuple(bullets)))
            bullets = []
        if line:
            blocks.append(TextBlock(is_list=False, items=(line,)))
    if bullets:
        blocks.append(TextBlock(is_list=True, items=tuple(bullets)))
    return blocks


@bp.app_errorhandler(403)
def forbidden(_error: HTTPException) -> tuple[str, int]:
    return render_template("errors/403.html"), 403


@bp.app_errorhandler(404)
def not_found(_error: HTTPException) -> tuple[str, int]:
    return render_template("errors/404.html"), 404


@bp.app_errorhandler(405)
def wrong_method(_error: HTTPException) -> Response | tuple[str, int]:
    """A GET to the address of an action (a form's POST: /rapportera/7/skicka-in) leads to the page the action
    belongs to (/rapportera/7: the nearest page up its path), when there is one; the address bar after a refused
    form, a bookmark or the language switch lands there. Any other wrong method is the page "this address does
    not work like that"."""
    if request.method in ("GET", "HEAD"):
        routes = current_app.url_map.bind_to_environ(request.environ)
        parent = request.path.rstrip("/")
        while "/" in parent.strip("/"):  # up the path to the nearest page: …/2025/parter/7 -> …/2025
            parent = parent.rsplit("/", 1)[0]
            try:
                routes.match(parent, method="GET")
            except HTTPException:
                continue
            return redirect(request.script_root + parent, code=303)
    return render_template("errors/405.html"), 405


@bp.app_errorhandler(413)
def too_large(_error: HTTPException) -> tuple[str, int]:
    return render_template("errors/413.html"), 413


@bp.app_errorhandler(500)
def server_error(_error: Exception) -> tuple[str, int]:
    return render_template("errors/500.html"), 500
