"""The demo's consultation: the forum's proposal of 2024-12-13 ("att överväga att revidera eller avveckla
biogasöverenskommelsen till år 2027", seed 002) put to the 14 parties, ten of which have decided. Example data,
like every round of the demo (`Consultation.is_example`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tracker.domain import Agreement
from tracker.domain.consultation import Consultation
from tracker.operations.audit import Actor
from tracker.operations.consultations import DecisionInput, asked_parties, create_consultation, record_decision

TITLE_SV = "Revidera eller avveckla biogasöverenskommelsen till år 2027?"
TITLE_EN = "Revise or wind down the biogas agreement by 2027?"
PROPOSAL_SV = ("Kommunalt forum föreslog den 13 december 2024 att överväga att revidera eller avveckla "
               "biogasöverenskommelsen till år 2027. Varje part tar förslaget med sig hem och meddelar sitt beslut.")
PROPOSAL_EN = ("On 13 December 2024 the Municipal Forum proposed to consider revising or winding down the biogas "
               "agreement by 2027. Each party takes the proposal home and reports its decision.")

# By party code: the decision, the body, the day, the reference number. Four parties have not decided yet.
DECISIONS = {
    "06": ("revise", "Regionstyrelsen", date(2025, 4, 8), "RJL 2025/412"),
    "0604": ("revise", "Kommunstyrelsen", date(2025, 3, 18), "KS 2025/31"),
    "0617": ("continue", "Kommunstyrelsen", date(2025, 3, 25), "KS 2025/88"),
    "0642": ("revise", "Kommunfullmäktige", date(2025, 4, 24), "KF 2025/19"),
    "0643": ("wind_down", "Kommunstyrelsen", date(2025, 5, 6), "KS 2025/140"),
    "0665": ("revise", "Kommunstyrelsen", date(2025, 3, 11), "KS 2025/52"),
    "0680": ("revise", "Kommunfullmäktige", date(2025, 5, 28), "Kk 2025:0311"),
    "0683": ("revise", "Kommunstyrelsen", date(2025, 4, 1), "KS 2025/77"),
    "0685": ("wind_down", "Kommunstyrelsen", date(2025, 4, 15), "KS 2025/103"),
    "0687": ("continue", "Kommunstyrelsens arbetsutskott", date(2025, 5, 13), "KS 2025/166"),
}


def add_consultation(session: Session, actor: Actor, agreement: Agreement) -> Consultation:
    consultation = create_consultation(session, actor, agreement, title_sv=TITLE_SV, title_en=TITLE_EN,
                                       proposal_sv=PROPOSAL_SV, proposal_en=PROPOSAL_EN, year=2025,
                                       deadline_on=date(2025, 6, 30), is_example=True)
    for party in asked_parties(consultation):
        if party.code in DECISIONS:
            decision, body, day, reference = DECISIONS[party.code]
            record_decision(session, actor, consultation, party, DecisionInput(decision, body, day, reference), None)
    return consultation
