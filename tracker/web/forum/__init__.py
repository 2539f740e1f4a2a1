"""Kommunalt forum's dashboard: the follow-up of a round as charts, key figure sentences and tables.

Routes (Swedish URLs, the users' language):
    GET  /uppfoljning                                   the latest closed year
    GET  /uppfoljning/<year>                            the year's dashboard: per commitment charts and sentences
    GET  /uppfoljning/<year>/trend/<indicator key>      one indicator's county figure per year, chart and table
    GET  /uppfoljning/<year>/diagram/<chart id>.svg     a chart's image
    GET  /uppfoljning/<year>/handout.pdf                the charts as a PDF handout
    GET  /uppfoljning/<year>/uppfoljning.pptx           the forum deck
    GET  /uppfoljning/<year>/sammanstallning.xlsx       the Excel summary (project leaders and admins)

Who may: forum members, project leaders and admins (`permissions.may_use_role_pages(user, Role.FORUM_MEMBER)`);
the Excel summary, the project leaders' working file with every party's raw answers, only project leaders and
admins (`Role.PROJECT_LEADER`). A closed round's follow-up is final; an open or planned round's is preliminary,
for project leaders and admins only (404 for others), marked with the count of reports, `?utkast=1` counting
drafts too (forum.basis). Everything built from the data is cached until the data changes (forum.cache).
"""

from __future__ import annotations

import hashlib

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

from tracker.web.forum.cache import EXTENSION, ForumCaches

bp = Blueprint("forum", __name__, url_prefix="/uppfoljning")


@bp.record_once
def _create_caches(state: BlueprintSetupState) -> None:
    config = state.app.config
    database = state.app.extensions["tracker.db"].url  # the files of one database are never another's
    namespace = hashlib.blake2s(str(database).encode("utf-8"), digest_size=6).hexdigest()
    # one set per app: tests never share a cache (but apps on one database and one Redis share the files)
    state.app.extensions[EXTENSION] = ForumCaches(config.get("REDIS_URL"), namespace)

from tracker.web.forum import downloads, views  # noqa: E402, F401 - the routes register on bp
