"""The contact's reporting: my reports, a report's overview, one page per commitment, copy, submit, history.

Routes (Swedish URLs, the users' language):
    GET       /rapportera                                  my reporting: the parties I report for
    GET       /rapportera/<id>                             a report's overview (the receipt once submitted)
    GET/POST  /rapportera/<id>/atagande/<number>           one commitment: show, save the draft
    GET       /rapportera/<id>/kopiera                     what copying last year's answers would do
    POST      /rapportera/<id>/kopiera                     copy them into the draft (after that page)
    POST      /rapportera/<id>/skicka-in                   submit
    GET       /rapportera/<id>/historik                    who changed what, when, old -> new

Every route loads its report and asks `permissions.decide` (tracker.web.reporting.access); views commit once.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reporting", __name__, url_prefix="/rapportera")

from tracker.web.reporting import actions, commitment, copying, pages  # noqa: E402, F401 - the routes register on bp
