"""The commitment form, built from Indicator rows: the right field for each kind, values.parse decides."""

from __future__ import annotations

from decimal import Decimal

from werkzeug.datastructures import MultiDict
from wtforms import Field, RadioField

from forms.reporting import (
    COMMENT_FIELD,
    STATUS_FIELD,
    CommitmentForm,
    CurrentReport,
    commitment_form,
    field_name,
    input_text,
)
from tracker.domain import (
    Commitment,
    Indicator,
    IndicatorKind,
    IndicatorOption,
    IndicatorScope,
    StatusLevel,
)
from tracker.domain.values import Value, ValueRules
from tracker.i18n import gettext_for

SV = gettext_for("sv")
COMMITMENT = Commitment(id=1, number="III", position=1, title_sv="Tre", title_en="Three", text_sv="", text_en="",
                        party_kinds=["municipality"])
LEVELS = [StatusLevel(id=1, key="started", position=1, label_sv="Påbörjat", label_en="Started"),
          StatusLevel(id=2, key="done", position=2, label_sv="Genomfört", label_en="Done")]


def indicator(id_: int, key: str, kind: IndicatorKind, **extra: object) -> Indicator:
    return Indicator(id=id_, agreement_id=1, commitment=COMMITMENT, key=key, kind=kind, position=id_,
                     label_sv=f"Fråga {key}", label_en=f"Question {key}", help_sv=f"Hjälp {key}",
                     scope=IndicatorScope.PARTY, is_required=True, **extra)


SHARE = indicator(1, "IV.share", IndicatorKind.PERCENT, unit="%")
CARS = indicator(2, "III.cars", IndicatorKind.COUNT, unit="st")
YEAR = indicator(3, "II.year", IndicatorKind.YEAR)
GWH = indicator(4, "I.gwh", IndicatorKind.QUANTITY, unit="GWh")
TOTAL = indicator(5, "I.total", IndicatorKind.SUM, unit="GWh", operand_keys=["I.gwh"])
OWN = indicator(6, "VI.own", IndicatorKind.YES_NO)
USE = indicator(7, "VI.use", IndicatorKind.CHOICE, options=[
    IndicatorOption(key="upgraded", position=1, label_sv="Uppgraderas", label_en="Upgraded"),
    IndicatorOption(key="flared", position=2, label_sv="Facklas", label_en="Flared")])
NOTE = indicator(8, "V.note", IndicatorKind.TEXT, max_length=200)
ALL = [SHARE, CARS, YEAR, GWH, TOTAL, OWN, USE, NOTE]


def posted(**fields: str) -> CommitmentForm:
    data = MultiDict({field_name(key.replace("__", ".")) if key.startswith(("I", "V")) else key: value
                      for key, value in fields.items()})
    form = commitment_form(ALL, LEVELS, locale="sv", gettext=SV, formdata=data)
    form.validate()
    return form


def labels(field: Field) -> list[str]:
    """The labels of a radio field's buttons, in order."""
    assert isinstance(field, RadioField), field.type
    return [c.label.text for c in field]


def test_each_kind_gets_its_field_and_derived_figures_none() -> None:
    form = commitment_form(ALL, LEVELS, locale="sv", gettext=SV)
    names = [f.name for _q, f in form.question_fields()]
    assert names == ["q_IV_share", "q_III_cars", "q_II_year", "q_I_gwh", "q_VI_own", "q_VI_use", "q_V_note"]
    assert 'inputmode="decimal"' in form.field_for("IV.share")()
    assert 'inputmode="numeric"' in form.field_for("III.cars")()
    assert form.field_for("VI.own").type == "RadioField" and form.field_for("VI.use").type == "RadioField"
    assert labels(form.field_for("VI.own")) == ["Ja", "Nej"]
    assert labels(form.field_for("VI.use")) == ["Uppgraderas", "Facklas"]
    assert 'maxlength="200"' in form.field_for("V.note")() and form.field_for("V.note").type == "TextAreaField"
    assert labels(form[STATUS_FIELD]) == ["Påbörjat", "Genomfört"]
    assert form.field_for("IV.share").label.text == "Fråga IV.share" and form.field_for("IV.share").description
    assert "q_I_total" not in form._fields


def test_a_decimal_comma_and_the_unit_are_read_by_values_parse() -> None:
    form = posted(IV__share="12,5 %", III__cars="1 234", I__gwh="36,25", VI__own="yes", VI__use="flared",
                  status="done", comment=" Klart. ")
    assert not form.has_errors()
    assert form.values == {1: Value(number=Decimal("12.5")), 2: Value(number=Decimal(1234)), 3: None,
                           4: Value(number=Decimal("36.25")), 6: Value(flag=True), 7: Value(text="flared"), 8: None}
    assert (form.status_key, form.comment_text) == ("done", "Klart.")


def test_invalid_values_get_the_swedish_message_and_the_valid_ones_are_kept() -> None:
    form = posted(IV__share="120", III__cars="tre", I__gwh="5", VI__use="burned", status="finished")
    assert form.field_for("IV.share").errors == ["Andelen måste vara mellan 0 och 100 %."]
    assert form.field_for("III.cars").errors == ["Ange ett heltal."]
    assert form.field_for("VI.use").errors == ["Välj ett av alternativen: Uppgraderas, Facklas."]
    assert form[STATUS_FIELD].errors and not form.has_status
    assert form.values[4] == Value(number=Decimal(5)) and 1 not in form.values and 2 not in form.values
    assert form.field_for("III.cars").data == "tre"  # what was typed is shown again
    assert form.typed_keys()["I.gwh"] == "5" and form.typed_keys()["III.cars"] == "tre"


def test_the_stored_report_is_shown_as_a_person_writes_it() -> None:
    current = CurrentReport(values={1: Value(number=Decimal("12.5")), 3: Value(number=Decimal(2019)),
                                    6: Value(flag=False)}, status_key="started", comment="Pågår", version=7)
    form = commitment_form(ALL, LEVELS, locale="sv", gettext=SV, current=current)
    assert form.field_for("IV.share").data == "12,5" and form.field_for("II.year").data == "2019"
    assert form.field_for("VI.own").data == "no" and form[STATUS_FIELD].data == "started"
    version: object = form.version.data  # the int given as data, where a posted form holds text
    assert version == 7 and form[COMMENT_FIELD].data == "Pågår"
    assert input_text(ValueRules(IndicatorKind.QUANTITY), Value(number=Decimal("1234.5")), "sv") == "1\u00a0234,5"
    assert input_text(ValueRules(IndicatorKind.QUANTITY), None, "sv") is None
