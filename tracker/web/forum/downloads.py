"""The follow-up's files: the PDF handout, the forum deck, the Excel summary. Built once per data version.

The deck comes from `reports.slides.build_deck(followup, locale)` and the summary from
`reports.excel.build_summary_workbook(followup, locale)`; they are imported when first asked for, so that this
blueprint does not depend on how they are built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from flask import abort
from werkzeug.wrappers import Response

from reports.charts import build_handout
from reports.data import FollowUp
from tracker.domain import Role
from tracker.queries.followup import FollowUpNotFound
from tracker.web.access import require_role_pages
from tracker.web.forum import bp
from tracker.web.forum.cache import caches, current_version, version_tag
from tracker.web.forum.pages import closed_years, followup_of
from tracker.web.i18n import current_locale

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Builder = Callable[[FollowUp, str], bytes]


def _builder(module: str, name: str) -> Builder | None:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def deck_builder() -> Builder | None:
    """`reports.slides.build_deck`, or None while the deck is not part of the app."""
    return _builder("reports.slides", "build_deck")


def summary_builder() -> Builder | None:
    return _builder("reports.excel", "build_summary_workbook")


def _file(year: int, kind: str, builder: Builder | None, mimetype: str, filename: str) -> Response:
    if builder is None or year not in closed_years(year):
        abort(404)
    locale = current_locale()
    version = current_version(year)
    try:
        data = caches().files.get_or_build((kind, year, locale, version),
                                           lambda: builder(followup_of(year), locale))
    except FollowUpNotFound:
        abort(404)
    response = Response(data, mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    response.set_etag(f"{version_tag(version)}-{locale}")
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


@bp.get("/<int:year>/handout.pdf")
def handout(year: int) -> Response:
    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "pdf", build_handout, PDF, f"biogas-uppfoljning-{year}.pdf")


@bp.get("/<int:year>/uppfoljning.pptx")
def deck(year: int) -> Response:
    """The deck presented at Kommunalt forum: its members may take it with them."""
    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "pptx", deck_builder(), PPTX, f"uppfoljning-{year}.pptx")


@bp.get("/<int:year>/sammanstallning.xlsx")
def summary(year: int) -> Response:
    """The Excel summary holds every party's raw answers and comments: the project leaders' working file."""
    require_role_pages(Role.PROJECT_LEADER)
    return _file(year, "xlsx", summary_builder(), XLSX, f"sammanstallning-{year}.xlsx")
