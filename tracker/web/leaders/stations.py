"""The station register, kept by the project leaders.

Routes (Swedish URLs, the users' language):
    GET        /projektledare/stationer              every station of the agreement's county, open or closed
    GET/POST   /projektledare/stationer/ny           add a station
    GET/POST   /projektledare/stationer/<id>         change it (closing it: its closing day)
    GET        /projektledare/stationer.csv          the register as a CSV file (UTF-8, semicolons, for Excel)

Project leaders and admins (`permissions.may_use_role_pages(user, Role.PROJECT_LEADER)`), of the request's
agreement (tracker.web.agreement): another agreement's station answers 404.
"""

from __future__ import annotations

import csv
import io

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from sqlalchemy import select
from werkzeug.wrappers import Response

from forms.stations import StationForm
from tracker.domain import PartyKind, Role, Station
from tracker.domain.cell_text import safe_text
from tracker.domain.station import FUEL_LABELS, SERVES_LABELS, Fuel, Serves
from tracker.operations.answers import OperationError
from tracker.operations.audit import Actor
from tracker.operations.stations import StationProblems, add_station, change_station
from tracker.web import Page, db_session
from tracker.web.access import require_role_pages
from tracker.web.agreement import request_agreement
from tracker.web.leaders import bp
from tracker.web.limits import files_per_user
from tracker.web.reporting.labels import date_time
from tracker.web.transaction import Refused

CSV_COLUMNS = ("name", "municipality_code", "municipality", "operator", "address", "latitude", "longitude",
               "opened_on", "closed_on", "fuels", "is_full_biogas", "serves", "support", "support_year", "source",
               "note")


def _stations() -> list[Station]:
    return list(db_session().scalars(select(Station).where(Station.agreement_id == request_agreement().id)
                                     .order_by(Station.opened_on, Station.name)))


def _municipalities() -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in request_agreement().parties if p.kind == PartyKind.MUNICIPALITY]


def _station(station_id: int) -> Station:
    station = db_session().get(Station, station_id)
    if station is None or station.agreement_id != request_agreement().id:
        abort(404)
    return station


def fuel_labels(values: list[str]) -> str:
    return ", ".join(gettext(FUEL_LABELS[Fuel(v)]) for v in values)


def serves_labels(values: list[str]) -> str:
    return ", ".join(gettext(SERVES_LABELS[Serves(v)]) for v in values)


@bp.get("/stationer")
def stations() -> str:
    require_role_pages(Role.PROJECT_LEADER)
    found = _stations()
    return render_template("leaders/stations.html", stations=found, fuel_labels=fuel_labels,
                           serves_labels=serves_labels, open_now=sum(s.closed_on is None for s in found))


@bp.route("/stationer/ny", methods=["GET", "POST"], endpoint="new_station")
def new_station() -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    form = StationForm(request.form if request.method == "POST" else None, municipalities=_municipalities(),
                       gettext=gettext)
    if request.method == "GET":
        form.fuels.data, form.serves.data = [str(Fuel.CBG)], [str(Serves.PUBLIC)]
        return render_template("leaders/station.html", form=form, station=None)
    try:
        station = add_station(db_session(), Actor(user=user), request_agreement(), form.given())
    except StationProblems as error:
        form.show_problems(error.problems)
        raise Refused(lambda: (render_template("leaders/station.html", form=form, station=None), 400)) from error
    flash(gettext("The station %(name)s is added to the register.", name=station.name), "success")
    return redirect(url_for("leaders.stations"), code=303)


@bp.route("/stationer/<int:station_id>", methods=["GET", "POST"])
def station(station_id: int) -> Page:
    user = require_role_pages(Role.PROJECT_LEADER)
    found = _station(station_id)
    form = StationForm(request.form if request.method == "POST" else None, municipalities=_municipalities(),
                       gettext=gettext)
    if request.method == "GET":
        form.fill(found)
        return render_template("leaders/station.html", form=form, station=found, date_time=date_time)
    try:
        changed = change_station(db_session(), Actor(user=user), found, form.given(), form.version_number())
    except StationProblems as error:
        form.show_problems(error.problems)
        raise Refused(lambda: (render_template("leaders/station.html", form=form, station=_station(station_id)),
                               400)) from error
    except OperationError as error:  # saved by someone else meanwhile: the station as it is now, and why
        message = error.message.render(gettext)

        def again() -> tuple[str, int]:
            fresh = StationForm(municipalities=_municipalities(), gettext=gettext)
            fresh.fill(_station(station_id))
            return render_template("leaders/station.html", form=fresh, station=_station(station_id),
                                   problem=message), 409

        raise Refused(again) from error
    if changed:
        flash(gettext("The station %(name)s is saved.", name=found.name), "success")
    return redirect(url_for("leaders.stations"), code=303)


@bp.get("/stationer.csv", endpoint="stations_csv")
@files_per_user()
def stations_csv() -> Response:
    """The register as a CSV file with the column names an import takes; no text can start a formula."""
    require_role_pages(Role.PROJECT_LEADER)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in _stations():
        row = [s.name, s.party.code, s.party.name, s.operator or "", s.address or "", str(s.latitude),
               str(s.longitude), s.opened_on.isoformat(), s.closed_on.isoformat() if s.closed_on else "",
               ",".join(s.fuels), "1" if s.is_full_biogas else "0", ",".join(s.serves), s.support or "",
               str(s.support_year or ""), s.source or "", s.note or ""]
        writer.writerow([safe_text(value) if isinstance(value, str) else value for value in row])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")  # the BOM: Excel reads it as UTF-8
    response.headers.set("Content-Disposition", "attachment", filename="stationer.csv")
    response.headers["Cache-Control"] = "no-store"
    return response
