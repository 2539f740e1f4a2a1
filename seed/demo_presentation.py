"""The project leaders' texts for the forum in the example data: the 2023 follow-up as the real deck told it
(Bilaga 3 of Kommunalt forum 2024-12-13), with example presenters. Loaded by seed.demo."""

from __future__ import annotations

from tracker.domain.presentation import Presentation, Presenter, Reflection, Verdict

PRESENTERS = (
    Presenter("Petra Projektsson", "projektledare", "project leader", "Energikontor Norra Småland (exempel)"),
    Presenter("Pelle Exempelsson", "projektledare", "project leader", "Energikontor Norra Småland (exempel)"),
)

PRESENTATIONS = {
    2023: Presentation(
        presenters=PRESENTERS,
        conclusions_sv="Syfte: ökad produktion och användning av biogas – produktionsmål uppnått",
        conclusions_en="Purpose: more biogas produced and used – the production target is reached",
        verdict=Verdict.YES,
        verdict_reason_sv="Produktionen i länet ökar och busstrafiken når volymmålet.",
        verdict_reason_en="Production in the county grows and the bus services reach the volume target.",
        way_forward_sv="Marknaden har förändrats sedan 2018: efterfrågan kommer nu från tunga transporter och "
                       "industrin\nBusstrafiken går mot elektrifiering\nÅtagandena behöver ses över före nästa "
                       "upphandling av kollektivtrafiken",
        way_forward_en="The market has changed since 2018: demand now comes from heavy transport and industry\n"
                       "Bus services are moving towards electrification\nThe commitments need a review before the "
                       "next public transport procurement",
        proposal_sv="Att överväga att revidera eller avveckla biogasöverenskommelsen till år 2027",
        proposal_en="To consider revising or winding down the biogas agreement by 2027",
        reflections=(
            Reflection("Biogasöverenskommelsen exempel på framgångsrik samverkan",
                       "The biogas agreement, an example of successful cooperation", True,
                       "Skrytexempel för Jönköpings län\nBiogasfrågan är strategiskt viktig för kommunerna och RJL",
                       "A showcase for Jönköping County\nBiogas is a strategic issue for the municipalities and "
                       "the region", None, "Biogasproducent", "Biogas producer", False),
            Reflection("Biogas starkt kopplad till beredskap", "Biogas strongly linked to preparedness", True,
                       "En superresurs i kristider: vår egen energiproduktion\nEl, uppvärmning, drivmedel och "
                       "biogödsel\nSamhällsviktiga funktioner kan genomföras även vid längre strömavbrott",
                       "A resource in times of crisis: our own energy production\nElectricity, heating, fuel and "
                       "biofertiliser\nEssential services can run even during long power cuts",
                       "Exempelgas AB", "Energibolag", "Energy company", True),
            Reflection("Svårt att få tag i gasfordon", "Hard to get gas vehicles", True,
                       "Volkswagen-koncernen slutade producera små gasfordon vid årsskiftet 2023/2024\nBlandade "
                       "åsikter om möjligheten att upphandla små gasfordon i dag",
                       "The Volkswagen group stopped making small gas vehicles at the turn of 2023/2024\nMixed "
                       "views on whether small gas vehicles can be procured today",
                       None, "Kommunal fordonsansvarig", "Municipal fleet manager", False,
                       "Undersöka möjligheten med en gemensam upphandling för att komma upp i större volym",
                       "Look into a joint procurement to reach a larger volume"),
            Reflection("Marknad i förändring", "A changing market", True,
                       "Biogasbranschen ser en ökad efterfrågan från tunga transporter och industrin\nLänets "
                       "nuvarande produktion behöver öka för att möta efterfrågan",
                       "The biogas industry sees growing demand from heavy transport and industry\nThe county's "
                       "production needs to grow to meet the demand",
                       "Exempelgas AB", "Energibolag", "Energy company", True,
                       "Överväga att revidera eller avveckla biogasöverenskommelsen till 2027",
                       "Consider revising or winding down the biogas agreement by 2027"),
        ),
    ),
    2024: Presentation(presenters=PRESENTERS),
}
