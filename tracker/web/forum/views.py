"""The dashboard's pages and chart images. Only reads: no commit. Who may see which year: forum.basis."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from reports.charts import find_chart
from tracker.domain import Role
from tracker.queries.followup import FollowUpNotFound
from tracker.web.access import may, require_role_pages
from tracker.web.forum import bp
from tracker.web.forum.basis import allow, basis_of, closed_years, may_see_preliminary, year_links
from tracker.web.forum.cache import caches, current_version, drawn
from tracker.web.forum.pages import dashboard_page, followup_of, stations_block, trend_page
from tracker.web.i18n import current_locale

ONE_DAY = 86_400


@bp.app_template_global()
def may_see_followup() -> bool:
    """For the header's link to the dashboard."""
    return may(Role.FORUM_MEMBER)


@bp.get("")
def latest() -> Response | str:
    """The latest closed year's dashboard (a redirect, so that the address names the year)."""
    require_role_pages(Role.FORUM_MEMBER)
    years = closed_years()
    if not years:
        return render_template("forum/no_years.html")
    return redirect(url_for("forum.dashboard", year=years[-1]), code=303)


@bp.get("/<int:year>")
def dashboard(year: int) -> str:
    require_role_pages(Role.FORUM_MEMBER)
    basis = basis_of(year)
    try:
        page = dashboard_page(basis, current_locale())
    except FollowUpNotFound:
        abort(404)
    allow(page.preliminary is not None)
    return render_template(
        "forum/dashboard.html", page=page, years=year_links(year), is_example=page.is_example, basis=basis,
        v=basis.tag(), may_download_summary=may(Role.PROJECT_LEADER), may_see_preliminary=may_see_preliminary(),
        stations=stations_block(basis, current_locale()),
    )


@bp.get("/<int:year>/trend/<key>")
def trend(year: int, key: str) -> str:
    require_role_pages(Role.FORUM_MEMBER)
    basis = basis_of(year)
    try:
        page = trend_page(basis, key, current_locale())
    except FollowUpNotFound:
        abort(404)
    if page is None:
        abort(404)
    allow(page.preliminary is not None)
    return render_template("forum/trend.html", page=page, years=year_links(year), is_example=page.is_example,
                           basis=basis, v=basis.tag())


@bp.get("/<int:year>/diagram/<chart_id>.svg")
def chart(year: int, chart_id: str) -> Response:
    """A chart's SVG. The page asks for it with `?v=<data version>`: such a URL may be kept by the browser for a
    day, because new data makes a new URL; without it the browser revalidates (ETag)."""
    require_role_pages(Role.FORUM_MEMBER)
    basis = basis_of(year)
    locale = current_locale()

    def build() -> tuple[bytes | None, bool]:
        from reports.charts.render import render_svg  # matplotlib: imported by the first chart drawn

        followup = followup_of(basis)
        found = find_chart(followup, chart_id)
        if found is None:
            return None, followup.is_preliminary
        return drawn(("svg", locale), found, lambda: render_svg(found, locale)), followup.is_preliminary

    try:
        svg, is_preliminary = caches().files.get_or_build(
            ("svg", basis, chart_id, locale, current_version(year)), build)
    except FollowUpNotFound:
        abort(404)
    allow(is_preliminary)
    if svg is None:
        abort(404)
    response = Response(svg, mimetype="image/svg+xml")
    tag = basis.tag()
    response.set_etag(f"{tag}-{locale}")
    if request.args.get("v") == tag:
        response.cache_control.max_age = ONE_DAY
    else:
        response.cache_control.no_cache = True
    response.cache_control.private = True
    response.vary.add("Cookie")  # the language and the permission come with the session cookie
    return response.make_conditional(request)
