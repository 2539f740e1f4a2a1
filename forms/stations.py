"""The project leaders' station form. What a station may hold is decided by tracker.operations.stations
(`read_station`, the same for the form and an import); this form only carries the typed texts and puts the
operation's messages at its fields."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # wtforms 3.3; the stubs lack it
from wtforms.widgets import CheckboxInput, ListWidget

from forms.base import TranslatedForm, strip_text
from tracker.domain.messages import N_, Message
from tracker.domain.station import FUEL_LABELS, SERVES_LABELS, Fuel, Serves, Station
from tracker.operations.stations import StationInput


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StationForm(TranslatedForm):
    name = StringField(N_("Name"), filters=[strip_text])
    municipality = SelectField(N_("Municipality"), validate_choice=False)
    operator = StringField(N_("Operator"), filters=[strip_text])
    address = StringField(N_("Address"), filters=[strip_text])
    latitude = StringField(N_("Latitude (WGS84)"), filters=[strip_text])
    longitude = StringField(N_("Longitude (WGS84)"), filters=[strip_text])
    opened_on = StringField(N_("Opened"), filters=[strip_text])
    closed_on = StringField(N_("Closed"), filters=[strip_text])
    fuels = CheckboxesField(N_("Sells"), validate_choice=False)
    is_full_biogas = BooleanField(N_("Only biogas, no natural gas"))
    serves = CheckboxesField(N_("Serves"), validate_choice=False)
    support = StringField(N_("Support received"), filters=[strip_text])
    support_year = StringField(N_("Year of the support decision"), filters=[strip_text])
    source = StringField(N_("Source"), filters=[strip_text])
    note = TextAreaField(N_("Note"))
    version = HiddenField()

    # the form's fields by StationInput's (a problem of `party_id` belongs at the municipality)
    FIELD_OF = {"party_id": "municipality", "name": "name", "operator": "operator", "address": "address",
                "latitude": "latitude", "longitude": "longitude", "opened_on": "opened_on", "closed_on": "closed_on",
                "fuels": "fuels", "serves": "serves", "support": "support", "support_year": "support_year",
                "source": "source", "note": "note", "is_full_biogas": "is_full_biogas"}

    def __init__(self, formdata: Any = None, *, municipalities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(formdata, **kwargs)
        self.municipality.choices = [SelectChoice("", self._gettext(N_("Choose the municipality"))),
                                     *(SelectChoice(code, name) for code, name in municipalities)]
        self.fuels.choices = [SelectChoice(str(f), self._gettext(FUEL_LABELS[f])) for f in Fuel]
        self.serves.choices = [SelectChoice(str(s), self._gettext(SERVES_LABELS[s])) for s in Serves]

    def fill(self, station: Station) -> None:
        self.name.data, self.municipality.data = station.name, station.party.code
        self.operator.data, self.address.data = station.operator or "", station.address or ""
        self.latitude.data = str(station.latitude).replace(".", ",")
        self.longitude.data = str(station.longitude).replace(".", ",")
        self.opened_on.data = station.opened_on.isoformat()
        self.closed_on.data = station.closed_on.isoformat() if station.closed_on else ""
        self.fuels.data, self.serves.data = list(station.fuels), list(station.serves)
        self.is_full_biogas.data = station.is_full_biogas
        self.support.data = station.support or ""
        self.support_year.data = str(station.support_year) if station.support_year else ""
        self.source.data, self.note.data = station.source or "", station.note or ""
        self.version.data = str(station.version)

    def given(self) -> StationInput:
        return StationInput(
            name=self.name.data or "", municipality_code=self.municipality.data or "",
            latitude=self.latitude.data or "", longitude=self.longitude.data or "",
            opened_on=self.opened_on.data or "", closed_on=self.closed_on.data or "",
            operator=self.operator.data or "", address=self.address.data or "",
            fuels=tuple(self.fuels.data or ()), is_full_biogas=bool(self.is_full_biogas.data),
            serves=tuple(self.serves.data or ()), support=self.support.data or "",
            support_year=self.support_year.data or "", source=self.source.data or "", note=self.note.data or "")

    def show_problems(self, problems: dict[str, Message]) -> None:
        for name, message in problems.items():
            self[self.FIELD_OF[name]].errors = [message.render(self._gettext)]

    def version_number(self) -> int | None:
        text = self.version.data or ""
        return int(text) if text.isdigit() else None
