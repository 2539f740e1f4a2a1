"""The biogas data file says what the agreement says (the 2023 follow-up deck, "Bilaga 3"), in both languages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from seed.loader import read_agreement_file
from seed.schema import AgreementFile, IndicatorFields
from tracker.domain import IndicatorKind


@pytest.fixture(scope="module")
def biogas() -> AgreementFile:
    from seed.loader import DATA_DIR

    return read_agreement_file(DATA_DIR / "biogas_jonkoping.toml")


def _indicators(data: AgreementFile) -> dict[str, IndicatorFields]:
    return {indicator.key: indicator for _, indicator, _ in data.all_indicators()}


# Phrases of each commitment's text in the deck, which the Swedish text must quote word for word.
DECK_PHRASES = {
    "I": ["ett årligt volymåtagande på minst 36 GWh biogas",
          "1) regionbusstrafik 2) snabbare stadstrafik 3) långsammare stadstrafik",
          "• att prioritera biogas vid val av hybridfordon",
          "planerad trafikstart juni 2020", "planerad trafikstart juni 2021"],
    "II": ["görs tillgänglig för publik användning",
           "prioriterar skyndsamt beredning av platser som lämpar sig för tankning av både bussar och publika fordon"],
    "III": ["prioriterar gasfordon för egna och leasade fordon",
            "• Målvärdet är 50 procent inom fem år efter införande av lokal tankinfrastruktur",
            "• Riktlinjer för fordon, inköp och upphandlingar uppdateras"],
    "IV": ["Den fordonsgas som används består av 100 procent biogas.",
           "• Grön gas-principen accepteras för stationer utmed svenska gasnätet"],
    "V": ["prioriterar gasfordon och biogas för upphandlade transporter genom krav eller mervärden i upphandling",
          "Samtliga parter uppdaterar riktlinjer för inköp och upphandlingar i enlighet med detta."],
    "VI": ["som inte uppgraderar biogasen till fordonsgas, ser över möjligheterna att investera i "
           "uppgraderingsanläggningar"],
    "VII": ["uppdaterar styrande riktlinjer och liknande i enlighet med tidigare åtaganden",
            "återrapporterar årligen status för respektive åtagande till Kommunalt forum"],
    "VIII": ["säkerställer insamling av matavfall som råvara till biogasproduktion i Jönköpings län",
             "avstånd till behandlingsanläggning förs in som en påverkansfaktor",
             "som gör att anbud med korta avstånd gynnas"],
}


def test_agreement_identity(biogas: AgreementFile) -> None:
    agreement = biogas.agreement
    assert (agreement.slug, agreement.version, agreement.in_force_from_year) == ("biogas-jonkoping", "2018", 2018)
    assert agreement.name_sv == "Överenskommelse kring biogas i Jönköpings län"
    assert agreement.county == "Jönköpings län"
    assert agreement.description_sv and "främja produktion och användning av biogas" in agreement.description_sv
    assert agreement.description_en and "promote the production and use of biogas" in agreement.description_en


@pytest.mark.parametrize("number", list(DECK_PHRASES))
def test_commitment_text_quotes_the_deck(biogas: AgreementFile, number: str) -> None:
    commitment = next(c for c in biogas.commitments if c.number == number)
    for phrase in DECK_PHRASES[number]:
        assert phrase in commitment.text_sv
    assert commitment.text_sv.count("•") == commitment.text_en.count("•")
    assert all(line.strip() == line for line in commitment.text_sv.splitlines())
    assert commitment.title_sv and commitment.title_en and commitment.text_en


def test_commitment_numbers_titles_and_who(biogas: AgreementFile) -> None:
    assert [c.number for c in biogas.commitments] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert biogas.commitments[0].title_sv == "Minst 36 GWh biogas i kollektivtrafiken"
    who = {c.number: [str(k) for k in c.party_kinds] for c in biogas.commitments}
    assert who == {"I": ["region"], "VI": ["municipality"], "VIII": ["municipality"]} | {
        n: ["municipality", "region"] for n in ("II", "III", "IV", "V", "VII")}


def test_targets_of_the_agreement(biogas: AgreementFile) -> None:
    indicators = _indicators(biogas)

    def target(key: str) -> tuple[str, Decimal | None]:
        found = indicators[key].target
        assert found is not None, key
        return str(found.comparison), found.value

    assert target("I.gwh_total") == ("ge", Decimal(36))
    assert target("II.public_stations") == ("ge", Decimal(1))
    assert target("III.cars_gas_share") == ("ge", Decimal(50))
    assert target("III.trucks_gas_share") == ("ge", Decimal(50))
    assert target("IV.biogas_share") == ("ge", Decimal(100))
    for key in ("III.cars_gas_share", "III.trucks_gas_share"):
        due = indicators[key].target_due
        assert due is not None and (due.indicator, due.offset_years) == ("II.first_station_year", 5)


def test_every_indicator_is_explained_in_both_languages(biogas: AgreementFile) -> None:
    for key, indicator in _indicators(biogas).items():
        texts = (indicator.label_sv, indicator.label_en, indicator.help_sv, indicator.help_en)
        assert all(text and text.strip() for text in texts), key
        assert indicator.label_sv != indicator.label_en and indicator.help_sv != indicator.help_en, key
        assert indicator.label_sv[0].isupper() and indicator.label_en[0].isupper(), key
        for option in indicator.options or []:
            assert option.label_sv and option.label_en, f"{key}/{option.key}"


def test_questions_are_questions_and_derived_figures_are_not(biogas: AgreementFile) -> None:
    for key, indicator in _indicators(biogas).items():
        typed_by_party = not indicator.kind.is_derived and not key.startswith("county.")
        assert indicator.label_sv.endswith("?") == typed_by_party, key
        assert indicator.label_en.endswith("?") == typed_by_party, key


def test_only_the_first_station_year_may_be_left_empty(biogas: AgreementFile) -> None:
    optional = [key for key, indicator in _indicators(biogas).items() if not indicator.required]
    assert optional == ["II.first_station_year"]


def test_units_and_kinds(biogas: AgreementFile) -> None:
    indicators = _indicators(biogas)
    assert all(i.unit for i in indicators.values() if i.kind is IndicatorKind.QUANTITY)
    assert {i.unit for i in indicators.values() if i.kind in (IndicatorKind.PERCENT, IndicatorKind.RATIO)} == {"%"}
    assert indicators["county.biogas_production_gwh"].unit == "GWh"
    assert "88 GWh" in (indicators["county.biogas_production_gwh"].help_sv or "")


def test_parties_are_the_region_and_the_thirteen_municipalities(biogas: AgreementFile) -> None:
    parties = {p.code: (p.name, str(p.kind)) for p in biogas.parties}
    assert parties.pop("06") == ("Region Jönköpings län", "region")
    assert sorted(parties) == ["0604", "0617", "0642", "0643", "0662", "0665", "0680", "0682", "0683", "0684",
                               "0685", "0686", "0687"]
    assert all(name.endswith(" kommun") and kind == "municipality" for name, kind in parties.values())
    assert parties["0680"][0] == "Jönköpings kommun"


def test_status_scale(biogas: AgreementFile) -> None:
    assert [(s.key, s.label_sv) for s in biogas.status_levels] == [
        ("not_started", "Ej påbörjat"), ("started", "Påbörjat"), ("well_advanced", "Långt kommet"),
        ("done", "Genomfört"), ("not_applicable", "Ej aktuellt")]


def test_file_is_plain_utf8_without_tabs(biogas: AgreementFile) -> None:
    from seed.loader import DATA_DIR

    text = Path(DATA_DIR / "biogas_jonkoping.toml").read_text(encoding="utf-8")
    assert "\t" not in text and "\r" not in text
