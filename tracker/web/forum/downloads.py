"""The follow-up's files: the PDF handout, the forum deck, the Excel summary. Built once per data version.

Each builder (`reports.charts.build_handout`, `reports.slides.build_deck`, `reports.excel.build_summary_workbook`:
report data and a locale in, bytes out) is imported in its view: matplotlib, python-pptx and openpyxl take a
second and a half to import, which a worker that never serves a file should not pay at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort
from werkzeug.wrappers import Response

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


def _file(year: int, kind: str, builder: Builder, mimetype: str, filename: str) -> Response:
    if year not in closed_years(year):
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
    from reports.charts.handout import build_handout

    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "pdf", build_handout, PDF, f"biogas-uppfoljning-{year}.pdf")


@bp.get("/<int:year>/uppfoljning.pptx")
def deck(year: int) -> Response:
    """The deck presented at Kommunalt forum: its members may take it with them. On the organisation's template
    when DECK_TEMPLATE names one (tracker.web.forum.deck_file)."""
    from reports.slides import DeckTemplateError
    from tracker.web.forum.deck_file import deck_builder, template_error

    require_role_pages(Role.FORUM_MEMBER)
    try:
        kind, builder = deck_builder()
        return _file(year, kind, builder, PPTX, f"uppfoljning-{year}.pptx")
    except DeckTemplateError as error:
        return Response(*template_error(error.message), mimetype="text/html")


@bp.get("/<int:year>/sammanstallning.xlsx")
def summary(year: int) -> Response:
    """The Excel summary holds every party's raw answers and comments: the project leaders' working file."""
    from reports.excel import build_summary_workbook

    require_role_pages(Role.PROJECT_LEADER)
    return _file(year, "xlsx", build_summary_workbook, XLSX, f"sammanstallning-{year}.xlsx")
