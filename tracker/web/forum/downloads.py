"""The follow-up's files: the PDF handout, the forum deck, the Excel summary. Built once per basis (forum.basis:
final, preliminary, preliminary with drafts) and data version; a preliminary file's name says so.

Each builder (`reports.charts.build_handout`, `reports.slides.build_deck`, `reports.excel.build_summary_workbook`:
report data and a locale in, bytes out) is imported in its view: matplotlib, python-pptx and openpyxl take a
second and a half to import, which a worker that never serves a file should not pay at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, request
from werkzeug.wrappers import Response

from reports.data import FollowUp
from reports.final import FinalReport
from tracker.domain import Role
from tracker.queries.followup import FollowUpNotFound
from tracker.web.access import require_role_pages
from tracker.web.forum import bp
from tracker.web.forum.basis import Basis, allow, basis_of
from tracker.web.forum.cache import caches, current_version, drawn
from tracker.web.forum.pages import final_report_of, followup_of
from tracker.web.i18n import current_locale
from tracker.web.limits import files_per_user

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Builder = Callable[[Any, str], bytes]  # the report data (a FollowUp, a FinalReport) and a locale in, bytes out


def _file(year: int, kind: str, builder: Builder, mimetype: str, name: str, cache_name: str | None = None,
          source: Callable[[Basis], FollowUp | FinalReport] = followup_of) -> Response:
    """The file `name`-<year>.<kind> drawn from `source` (the year's follow-up, or the final report up to the
    year); call after `require_role_pages`. `cache_name` (default `kind`) tells builds of one kind apart in the
    cache (the deck on another template, the final report's files)."""
    basis = basis_of(year)
    locale = current_locale()

    def build() -> tuple[bytes, bool]:
        report = source(basis)
        data = drawn((cache_name or kind, locale), report.to_the_day(), lambda: builder(report, locale))
        return data, report.is_preliminary

    try:
        data, is_preliminary = caches().files.get_or_build((cache_name or kind, basis, locale, current_version(year)),
                                                                 build)
    except FollowUpNotFound:
        abort(404)
    allow(is_preliminary)
    response = Response(data, mimetype=mimetype)
    filename = f"{name}-{year}{_suffix(is_preliminary, basis.include_drafts)}.{kind}"
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    response.set_etag(f"{basis.tag()}-{locale}")
    # Never kept by the browser or a proxy (the Excel summary names the contacts); a client that asks whether its
    # own copy is still current (If-None-Match) is told so with a 304 instead of the file again.
    response.headers["Cache-Control"] = "no-store"
    return response.make_conditional(request)


def _suffix(is_preliminary: bool, include_drafts: bool) -> str:
    """Of a file's name, so that a preliminary file on disk is never taken for the final one."""
    if not is_preliminary:
        return ""
    return "-preliminar-med-utkast" if include_drafts else "-preliminar"


@bp.get("/<int:year>/handout.pdf")
@files_per_user()
def handout(year: int) -> Response:
    from reports.charts.handout import build_handout

    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "pdf", build_handout, PDF, "biogas-uppfoljning")


@bp.get("/<int:year>/uppfoljning.pptx")
@files_per_user()
def deck(year: int) -> Response:
    """The deck presented at Kommunalt forum: its members may take it with them. On the organisation's template
    when DECK_TEMPLATE names one (tracker.web.forum.deck_file)."""
    from reports.slides import DeckTemplateError
    from tracker.web.forum.deck_file import deck_builder, template_error

    require_role_pages(Role.FORUM_MEMBER)
    try:
        cache_name, builder = deck_builder()
        return _file(year, "pptx", builder, PPTX, "uppfoljning", cache_name=cache_name)
    except DeckTemplateError as error:
        return Response(*template_error(error.message), mimetype="text/html")


@bp.get("/<int:year>/sammanstallning.xlsx")
@files_per_user()
def summary(year: int) -> Response:
    """The Excel summary holds every party's raw answers and comments: the project leaders' working file."""
    from reports.excel import build_summary_workbook

    require_role_pages(Role.PROJECT_LEADER)
    return _file(year, "xlsx", build_summary_workbook, XLSX, "sammanstallning")


@bp.get("/<int:year>/slutrapport.pptx")
@files_per_user()
def final_deck(year: int) -> Response:
    """The final report over every year up to `year` as a deck (reports.final): the forum's to take with them."""
    from reports.final.slides import build_final_deck

    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "pptx", build_final_deck, PPTX, "slutrapport", cache_name="final-pptx",
                 source=final_report_of)


@bp.get("/<int:year>/slutrapport.xlsx")
@files_per_user()
def final_workbook(year: int) -> Response:
    """The final report as a workbook: figures and outcomes per year, no contact's answer or comment."""
    from reports.final.excel import build_final_workbook

    require_role_pages(Role.FORUM_MEMBER)
    return _file(year, "xlsx", build_final_workbook, XLSX, "slutrapport", cache_name="final-xlsx",
                 source=final_report_of)
