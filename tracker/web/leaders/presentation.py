"""The round's texts for the forum: who presents, the conclusions and the verdict, the way forward and the
reflections of the industry's actors. They become the deck's title slide, Summering, "Hur ska överenskommelsen
hanteras framåt?" and "Reflektioner från biogasaktörer" (reports.slides.story).

Routes:
    GET   /projektledare/omgangar/<year>/forum   leaders.presentation       the form, with what is stored
    POST  /projektledare/omgangar/<year>/forum   leaders.save_presentation  store it all (audited)

Project leaders and admins. Editable in every state of the round, a closed one too: the texts are written when
the reports are in and change no reported figure. Every change shows in the round's history. The request's
boundary (tracker.web.transaction) commits.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext

from forms.presentation import PresentationForm, presentation_form
from tracker.domain import ReportingRound, Role
from tracker.domain.presentation import presentation_of
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.presentation import set_round_presentation
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.leaders import bp
from tracker.web.leaders.rounds import round_of_the_agreement
from tracker.web.transaction import Refused


def _page(reporting_round: ReportingRound, form: PresentationForm, problems: list[tuple[str, str]] | None = None
          ) -> str:
    return render_template("leaders/presentation.html", round=reporting_round, form=form, problems=problems or [])


@bp.get("/omgangar/<int:year>/forum", endpoint="presentation")
def presentation_page(year: int) -> str:
    require_role_pages(Role.PROJECT_LEADER)
    reporting_round = round_of_the_agreement(year)
    return _page(reporting_round, presentation_form(presentation_of(reporting_round), None, gettext=gettext))


@bp.post("/omgangar/<int:year>/forum", endpoint="save_presentation")
def save_presentation(year: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    session = db_session()
    reporting_round = round_of_the_agreement(year)
    form = presentation_form(presentation_of(reporting_round), request.form, gettext=gettext)
    if not form.validate():
        return _page(reporting_round, form), 400
    try:
        changed = set_round_presentation(session, Actor(user=user), reporting_round, form.presentation())
    except OperationError as error:
        message = error.message.render(gettext)
        raise Refused(lambda: (_page(round_of_the_agreement(year), form, [("presenter_1_name", message)]), 400)) \
            from error
    flash(gettext("The texts for the forum are saved.") if changed else gettext("Nothing was changed."), "success")
    return redirect(url_for("leaders.presentation", year=year), code=303)
