"""The follow-up's report data: `build_followup(inputs, year, include_drafts=False) -> FollowUp`.

Inputs come from `tracker.queries.followup.load_followup_inputs`; everything here is pure (no database, no
Flask). The Excel summary, the forum deck and the dashboard read the same `FollowUp`.
"""

from reports.data.build import build_followup, included_states
from reports.data.marks import preliminary_mark
from reports.data.texts import CatalogText, FormattedValue, Joined, Localized, Sentence, SignedPercent
from reports.data.types import (
    Aggregate,
    AgreementInfo,
    CommitmentResult,
    Completeness,
    CountyFigure,
    DueTarget,
    FollowUp,
    IndicatorInfo,
    IndicatorResult,
    OptionCount,
    PartyCompleteness,
    PartyInfo,
    PartyStatus,
    PartyValue,
    RawRow,
    RoundFigure,
    StatusCount,
    StatusLevelInfo,
    TargetInfo,
    TargetResult,
    TrendPoint,
    YearInfo,
)

__all__ = [
    "Aggregate", "AgreementInfo", "CatalogText", "CommitmentResult", "Completeness", "CountyFigure", "DueTarget",
    "FollowUp", "FormattedValue", "IndicatorInfo", "IndicatorResult", "Joined", "Localized", "OptionCount",
    "PartyCompleteness", "PartyInfo", "PartyStatus", "PartyValue", "RawRow", "RoundFigure", "Sentence",
    "SignedPercent", "StatusCount", "StatusLevelInfo", "TargetInfo", "TargetResult", "TrendPoint", "YearInfo",
    "build_followup", "included_states", "preliminary_mark",
]
