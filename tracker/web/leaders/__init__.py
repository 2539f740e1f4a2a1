"""The project leaders' pages: the rounds, the overview of who has reported, review, the offline Excel form.

One blueprint, one module per task:
    rounds.py          /projektledare/omgangar...          create, open, close, reopen a round; county figures
                                                           and news
    overview.py        /projektledare/oversikt...          parties x commitments: state and progress of every
                                                           report
    round_parties.py   /projektledare/omgangar/<year>/parter the report of a party that joins after its round
                                                           was created
    presentation.py    /projektledare/omgangar/<year>/forum the round's texts for the forum: presenters,
                                                           conclusions, the way forward, reflections
    review.py          /projektledare/granska...           read beside last year's, approve or send back with a
                                                           comment
    offline.py         /projektledare/excel...             the offline Excel form (download, upload, preview,
                                                           confirm)
    history_import.py  /projektledare/excel/tidigare-ar... the bulk import of earlier years (template, upload,
                                                           preview, confirm)
    stations.py        /projektledare/stationer...         the register of fuelling stations (list, add, change,
                                                           close, export)

Project leaders and admins only (`permissions.may_use_role_pages(user, Role.PROJECT_LEADER)`). Views commit once.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("leaders", __name__, url_prefix="/projektledare")

# they add routes to bp
from tracker.web.leaders import (  # noqa: E402,F401
    history_import,
    offline,
    overview,
    presentation,
    review,
    round_parties,
    rounds,
    stations,
)
