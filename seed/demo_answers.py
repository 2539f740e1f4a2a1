"""What the example parties report, year by year: a small table of who each party is, and the rules below it.

The figures follow the 2023 follow-up deck ("Bilaga 3"): the county produced 88 GWh of biogas (+6 %),
9 of the 13 municipalities have public fuelling stations, the buses use about 41 GWh (target 36 GWh),
few municipal cars run on gas (and fewer after 2023, when Volkswagen stopped making small gas cars),
and eight municipalities produce biogas of their own. Randomness only adds noise, from fixed seeds.
All text here is example data (Swedish, as a party would write it), not user interface.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

YEARS = tuple(range(2019, 2025))
REGION_CODE = "06"


@dataclass(frozen=True)
class Municipality:
    code: str
    inhabitants: int  # sizes the fleets and the tonnes of food waste
    stations: tuple[tuple[int, int], ...]  # (from year, public biogas stations from then on)
    gas_car_share: float  # share of gas cars at the peak, 2022–2023
    production: str | None  # VI.use when the municipality produces biogas itself (sewage works)
    food_waste_share: int  # % of the food waste collected separately in 2019
    guidelines: str  # III.guidelines from 2021: yes / in_progress / no

    def stations_in(self, year: int) -> int:
        return next((count for start, count in reversed(self.stations) if start <= year), 0)


MUNICIPALITIES: tuple[Municipality, ...] = (
    Municipality("0604", 6_900, (), 0.05, "electricity_heat", 55, "no"),  # Aneby
    Municipality("0617", 9_700, (), 0.04, None, 48, "no"),  # Gnosjö
    Municipality("0642", 7_300, (), 0.06, "upgraded", 62, "in_progress"),  # Mullsjö
    Municipality("0643", 12_600, ((2022, 1),), 0.10, None, 70, "in_progress"),  # Habo
    Municipality("0662", 29_800, ((2017, 1),), 0.18, "upgraded", 58, "yes"),  # Gislaved
    Municipality("0665", 14_200, ((2021, 1),), 0.12, None, 52, "in_progress"),  # Vaggeryd
    Municipality("0680", 143_000, ((2011, 3), (2021, 4), (2023, 5)), 0.38, "upgraded", 78, "yes"),  # Jönköping
    Municipality("0682", 31_800, ((2014, 1),), 0.28, "upgraded", 74, "yes"),  # Nässjö
    Municipality("0683", 34_500, ((2013, 2),), 0.30, "flared", 66, "yes"),  # Värnamo
    Municipality("0684", 11_300, ((2024, 1),), 0.05, None, 45, "no"),  # Sävsjö
    Municipality("0685", 27_800, ((2015, 1), (2022, 2)), 0.52, None, 81, "yes"),  # Vetlanda
    Municipality("0686", 17_600, ((2016, 1),), 0.42, "electricity_heat", 85, "yes"),  # Eksjö
    Municipality("0687", 19_300, ((2018, 1),), 0.22, "flared", 60, "in_progress"),  # Tranås
)
PARTLY_DIGESTED_ELSEWHERE = frozenset({"0617", "0662", "0683"})  # the west sends some food waste out of county

# Åtagande I, GWh: regionbusstrafik, snabbare stadstrafik, långsammare stadstrafik. The new regional traffic
# started in June 2020 and the city traffic in June 2021; from then on above the 36 GWh of the commitment.
BUS_GWH: dict[int, tuple[str, str, str]] = {
    2019: ("14,2", "4,1", "6,3"), 2020: ("21,5", "4,5", "6,8"), 2021: ("26,3", "6,2", "5,9"),
    2022: ("27,4", "7,3", "5,1"), 2023: ("28,6", "7,6", "4,8"), 2024: ("29,1", "7,9", "4,6"),
}
REGION_CARS, REGION_TRUCKS, REGION_GAS_SHARE = 640, 85, 0.24
COUNTY_PRODUCTION_GWH = {2019: "70,4", 2020: "73,9", 2021: "78,6", 2022: "83", 2023: "88", 2024: "90,6"}
DEPOT_STATIONS = {2019: 1, 2020: 1, 2021: 2, 2022: 2, 2023: 2, 2024: 2}  # the region's depots, open to all
GAS_FLEET_TREND = {2019: 0.80, 2020: 0.88, 2021: 0.95, 2022: 1.0, 2023: 1.0, 2024: 0.80}
NEWS_SV = {
    2022: "Biogasens skattebefrielse upphörde tillfälligt\nNya bussdepåer med publik tankning i drift",
    2023: "Skattebefrielsen tillbaka – prissänkning vid pump på 4,75 kr per kilo (ca 20 %) väntas under 2025\n"
          "Industrins biogaskommission startade i början av 2024 – mål från 2 TWh till 10 TWh\n"
          "Produktionen inom länet ökade 6 % till 88 GWh",
    2024: "Volkswagen har slutat tillverka små gasbilar\nProduktionen inom länet fortsatte att öka",
}

COMMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("I", "done"): ("Volymmålet nås med regionbusstrafiken och stadstrafiken.",
                    "Över 36 GWh biogas i kollektivtrafiken under året."),
    ("I", "well_advanced"): ("Ny regiontrafik startade i juni 2020, stadstrafiken följer 2021.",
                             "Volymen ökar men når ännu inte 36 GWh."),
    ("II", "done"): ("Publik tankstation finns i kommunen.", "Stationen används av både bussar och allmänhet."),
    ("II", "started"): ("Möjlig plats för en tankstation utreds med gasbolaget.",
                        "Dialog förs med aktörer om en publik station."),
    ("II", "not_started"): ("Underlag saknas för en egen station; närmaste station finns i grannkommunen.",),
    ("II.region", "done"): ("Depåerna för regiontrafiken är öppna för publik tankning.",),
    ("II.region", "well_advanced"): ("En av depåerna är öppen för publik tankning.",),
    ("II.region", "started"): ("Publik tankning vid depåerna ingår i kommande upphandling.",),
    ("III", "done"): ("Över hälften av personbilarna är gasbilar.", "Gasbil väljs vid varje fordonsbyte."),
    ("III", "well_advanced"): ("Gasbilar väljs där det finns tankmöjlighet.",
                               "Få gasmodeller finns kvar när leasingavtalen löper ut."),
    ("III", "started"): ("Få gasbilar i fordonsparken; elbilar väljs oftare.",
                        "Gasbil väljs i första hand för tjänsteresor i tätort."),
    ("III", "not_started"): ("Ingen tankstation i närheten, därför inga nya gasbilar.",),
    ("IV", "done"): ("Fordonsgasen är 100 % biogas enligt leverantören.",),
    ("IV", "well_advanced"): ("Viss naturgas förekom vid leveransstörningar.",),
    ("V", "done"): ("Krav på biogas ställs i upphandlade transporter.",
                    "Mervärde för biogasfordon i alla transportupphandlingar."),
    ("V", "well_advanced"): ("Krav ställs i skolskjuts och färdtjänst men inte i övriga upphandlingar.",),
    ("V", "started"): ("Upphandlingsriktlinjerna ses över.",),
    ("VI", "done"): ("Biogasen från reningsverket uppgraderas till fordonsgas.",),
    ("VI", "started"): ("För små mängder för att göra det lönsamt att uppgradera.",
                        "Uppgradering har utretts men bedöms inte lönsam i dag."),
    ("VI", "not_applicable"): ("Kommunen har ingen egen biogasproduktion.",),
    ("VII", "done"): ("Styrande riktlinjer är uppdaterade.", "Återrapporteras årligen till Kommunalt forum."),
    ("VII", "started"): ("Riktlinjerna revideras under året.",),
    ("VIII", "done"): ("Matavfallet rötas till biogas i länet.", "Utsortering av matavfall finns i hela kommunen."),
    ("VIII", "well_advanced"): ("Fler hushåll sorterar ut matavfall; informationsinsatser pågår.",),
    ("VIII", "started"): ("Matavfallsinsamlingen byggs ut till flerbostadshus.",),
}


@dataclass(frozen=True)
class PartyYear:
    """One party's example report for one year: raw answers (as typed) and a status per commitment."""

    answers: dict[str, str]
    statuses: dict[str, tuple[str, str]]  # commitment number -> (status key, comment)


def county_stations(year: int) -> int:
    return sum(m.stations_in(year) for m in MUNICIPALITIES) + DEPOT_STATIONS[year]


def seeded_rng(seed: str) -> random.Random:
    """A generator of its own per seed: the same numbers on every run, whatever else is generated."""
    return random.Random(seed)  # noqa: S311 - example data, not security


def report_for(code: str, year: int) -> PartyYear:
    rng = seeded_rng(f"demo-{code}-{year}")
    if code == REGION_CODE:
        answers, statuses = _region(year, rng)
    else:
        municipality = next(m for m in MUNICIPALITIES if m.code == code)
        answers, statuses = _municipality(municipality, year, rng)
    chosen = {}
    for number, status in statuses.items():
        table_key = "II.region" if number == "II" and code == REGION_CODE else number
        chosen[number] = (status, rng.choice(COMMENTS[(table_key, status)]))
    return PartyYear(answers, chosen)


def _fleet(rng: random.Random, cars: int, trucks: int, share: float, year: int) -> dict[str, str]:
    car_share = share * GAS_FLEET_TREND[year] * rng.uniform(0.93, 1.07)
    cars += (year - 2019) + rng.randint(-2, 2)
    return {
        "III.cars_total": str(cars), "III.cars_gas": str(round(cars * car_share)),
        "III.trucks_total": str(trucks), "III.trucks_gas": str(round(trucks * car_share * 0.6)),
    }


def _fleet_status(answers: dict[str, str]) -> str:
    share = int(answers["III.cars_gas"]) / int(answers["III.cars_total"])
    if share >= 0.5:
        return "done"
    return "well_advanced" if share >= 0.25 else "started" if share > 0.05 else "not_started"


def _region(year: int, rng: random.Random) -> tuple[dict[str, str], dict[str, str]]:
    regional, fast, slow = BUS_GWH[year]
    depots = "no" if year < 2020 else "partly" if year < 2023 else "yes"
    answers = {
        "I.gwh_regional_bus": regional, "I.gwh_fast_city": fast, "I.gwh_slow_city": slow,
        "I.hybrid_priority": "nej" if year < 2020 else "ja",
        "II.depots_public": depots,
        **_fleet(rng, REGION_CARS, REGION_TRUCKS, REGION_GAS_SHARE, year),
        "III.guidelines": "yes" if year >= 2020 else "in_progress",
        "IV.biogas_share": "100",
        "V.procurement_requirements": "yes", "V.guidelines_updated": "yes" if year >= 2020 else "in_progress",
        "VII.guidelines_updated": "yes",
    }
    total = sum(Decimal(x.replace(",", ".")) for x in BUS_GWH[year])
    statuses = {
        "I": "done" if total >= 36 else "well_advanced",
        "II": {"yes": "done", "partly": "well_advanced", "no": "started"}[depots],
        "III": _fleet_status(answers), "IV": "done",
        "V": "done", "VII": "done",
    }
    return answers, statuses


def _municipality(m: Municipality, year: int, rng: random.Random) -> tuple[dict[str, str], dict[str, str]]:
    stations = m.stations_in(year)
    opens_soon = any(year < start <= year + 2 for start, _ in m.stations)
    stable = seeded_rng(f"demo-{m.code}")  # what stays the same for a municipality year after year
    site_preparation = "yes" if opens_soon or (stations and stable.random() < 0.6) else (
        "not_applicable" if stations else "no")
    guidelines = m.guidelines if year >= 2021 or m.guidelines != "yes" else "in_progress"
    share = min(95, m.food_waste_share + 2 * (year - 2019) + rng.randint(-1, 1))
    procurement_year = stable.choice(YEARS)
    answers = {
        "II.public_stations": str(stations),
        "II.site_preparation": site_preparation,
        **_fleet(rng, round(m.inhabitants * 0.0031) + 4, max(3, round(m.inhabitants * 0.0011)), m.gas_car_share, year),
        "III.guidelines": guidelines,
        "IV.biogas_share": "100" if year > 2020 or rng.random() < 0.6 else rng.choice(["97", "98,5", "99"]),
        "V.procurement_requirements": _procurement(m.gas_car_share, year),
        "V.guidelines_updated": guidelines,
        "VI.own_production": "ja" if m.production else "nej",
        "VII.guidelines_updated": "yes" if m.guidelines == "yes" or year >= 2022 else "in_progress",
        "VIII.food_waste_share": str(share),
        "VIII.food_waste_tonnes": str(round(m.inhabitants * 0.068 * share / 100 * rng.uniform(0.97, 1.03))),
        "VIII.digested_in_county": "partly" if m.code in PARTLY_DIGESTED_ELSEWHERE else "yes",
        "VIII.distance_in_procurement": ("no" if m.code == "0617" else "yes") if year == procurement_year
        else "no_procurement",
    }
    if stations:
        answers["II.first_station_year"] = str(m.stations[0][0])
    if m.production:
        answers["VI.use"] = m.production
        answers["VI.upgrading_investigated"] = {"upgraded": "not_applicable", "electricity_heat": "yes"}.get(
            m.production, "in_progress" if year < 2022 else "yes")
    statuses = {
        "II": "done" if stations else "started" if site_preparation == "yes" else "not_started",
        "III": _fleet_status(answers),
        "IV": "done" if answers["IV.biogas_share"] == "100" else "well_advanced",
        "V": {"yes": "done", "partly": "well_advanced", "no": "started"}[answers["V.procurement_requirements"]],
        "VI": "not_applicable" if not m.production else "done" if m.production == "upgraded" else "started",
        "VII": "done" if answers["VII.guidelines_updated"] == "yes" else "started",
        "VIII": "done" if share >= 80 else "well_advanced" if share >= 60 else "started",
    }
    return answers, statuses


def _procurement(gas_car_share: float, year: int) -> str:
    levels = ("no", "partly", "yes")
    level = 2 if gas_car_share >= 0.3 else 1 if gas_car_share >= 0.1 else 0
    return levels[max(0, level - 1) if year == 2019 else level]
