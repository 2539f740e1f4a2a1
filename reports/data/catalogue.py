"""The agreement's catalogue (ORM rows, loaded by tracker.queries.followup) as report data types."""

from __future__ import annotations

from dataclasses import dataclass

from reports.data.texts import CatalogText, FormattedValue, Joined, Localized, Sentence, Showable
from reports.data.types import AgreementInfo, IndicatorInfo, PartyInfo, StatusLevelInfo, TargetInfo, VersionInfo
from tracker.domain import (
    Agreement,
    Commitment,
    Indicator,
    IndicatorKind,
    PartyKind,
    TargetComparison,
    localized,
)
from tracker.domain.agreement import TargetScope
from tracker.domain.base import within
from tracker.domain.messages import N_
from tracker.domain.values import Value, ValueRules
from tracker.domain.version import lineage
from tracker.i18n import gettext_for

TARGET_TEXTS = {
    TargetComparison.AT_LEAST: N_("at least %(value)s"),
    TargetComparison.AT_MOST: N_("at most %(value)s"),
    TargetComparison.EQUAL: N_("exactly %(value)s"),
}
YES_NO_LABELS = {"yes": N_("Yes"), "no": N_("No")}
PARTY_NOUNS = {PartyKind.MUNICIPALITY: N_("municipalities"), PartyKind.REGION: N_("regions")}
REPORTED_NOUNS = {PartyKind.MUNICIPALITY: N_("municipalities that have reported"),
                  PartyKind.REGION: N_("regions that have reported")}


def catalogue_text(msgid: str) -> Localized:
    """A catalogue msgid in both languages, for places that keep Localized texts (option labels)."""
    return Localized(gettext_for("sv")(msgid), gettext_for("en")(msgid))


def both(obj: object, field: str) -> Localized:
    return Localized(localized(obj, field, "sv"), localized(obj, field, "en"))


def party_noun(parties: tuple[PartyInfo, ...] | list[PartyInfo], reported_only: bool = False) -> CatalogText:
    """What to call a group of parties in a sentence: "kommuner" when they all are municipalities; with
    `reported_only` (some have not reported, the count is over the others) "kommuner som har rapporterat"."""
    nouns = REPORTED_NOUNS if reported_only else PARTY_NOUNS
    kinds = {party.kind for party in parties}
    if len(kinds) == 1 and (kind := next(iter(kinds))) in nouns:
        return CatalogText(nouns[kind])
    return CatalogText(N_("parties that have reported") if reported_only else N_("parties"))


@dataclass(frozen=True)
class Catalogue:
    """The agreement's catalogue, read once: infos by indicator key, the ORM rows for applicability."""

    agreement: AgreementInfo
    agreement_id: int
    commitments: tuple[Commitment, ...]
    indicators: dict[str, IndicatorInfo]  # every indicator, in the agreement's order
    rows: dict[str, Indicator]
    status_levels: dict[int, StatusLevelInfo]  # by status level id
    summaries: dict[str, tuple[Localized | None, Localized | None]]  # key -> (sentence, sentence when not met)
    lineage: dict[str, tuple[str, ...]]  # key -> the keys it continues, oldest first, and itself (domain.version)

    @classmethod
    def of(cls, agreement: Agreement) -> Catalogue:
        rows = {indicator.key: indicator for indicator in agreement.indicators}
        keys = {row.id: key for key, row in rows.items()}
        numbers = {commitment.id: commitment.number for commitment in agreement.commitments}
        versions = tuple(VersionInfo(v.label, v.from_year, v.to_year, both(v, "note")) for v in agreement.versions)
        return cls(
            agreement=AgreementInfo(agreement.slug, both(agreement, "name"), agreement.county, agreement.version,
                                    both(agreement, "description"), both(agreement, "forum_name"),
                                    agreement.organisation or None, versions,
                                    (agreement.in_force_from_year, agreement.in_force_to_year)),
            agreement_id=agreement.id,
            commitments=tuple(agreement.commitments),
            indicators={key: indicator_info(row, numbers, keys) for key, row in rows.items()},
            rows=rows,
            status_levels={
                level.id: StatusLevelInfo(level.key, both(level, "label"), level.is_done, level.is_applicable,
                                          (level.valid_from_year, level.valid_to_year))
                for level in agreement.status_levels
            },
            summaries={key: _summaries(row) for key, row in rows.items()},
            lineage=lineage({key: row.continues for key, row in rows.items()}),
        )

    def version_in(self, year: int) -> str:
        """The label of the version the round for `year` was asked with (the newest's before there are any)."""
        found = [v.label for v in self.agreement.versions if within(year, v.from_year, v.to_year)]
        return found[0] if found else self.agreement.version

    def scale_in(self, year: int) -> tuple[StatusLevelInfo, ...]:
        """The status scale of the round for `year`, in its order."""
        return tuple(level for level in self.status_levels.values() if within(year, *level.years))

    def key_in(self, key: str, year: int) -> str | None:
        """The key under which `key`'s line (the questions it continues) was asked in `year`; None when none was."""
        return next((k for k in self.lineage[key] if self.rows[k].is_valid_in(year)), None)

    def option_labels(self, key: str) -> dict[str, Localized]:
        """The answers of a yes/no or choice indicator, in order, with their labels."""
        info = self.indicators[key]
        if info.kind is IndicatorKind.YES_NO:
            return {answer: catalogue_text(msgid) for answer, msgid in YES_NO_LABELS.items()}
        return {option.key: Localized(option.label_sv, option.label_en) for option in info.rules.options}


def _summaries(row: Indicator) -> tuple[Localized | None, Localized | None]:
    met = Localized(row.summary_sv, row.summary_en or "") if row.summary_sv else None
    not_met = Localized(row.summary_not_met_sv, row.summary_not_met_en or "") if row.summary_not_met_sv else None
    return met, not_met


def indicator_info(row: Indicator, numbers: dict[int, str], keys: dict[int, str]) -> IndicatorInfo:
    """An indicator row as report data; `numbers` and `keys` name commitments and indicators by id."""
    rules = ValueRules.of(row)
    unit = "%" if row.kind in (IndicatorKind.PERCENT, IndicatorKind.RATIO) else (row.unit or None)
    return IndicatorInfo(
        key=row.key,
        commitment_number=numbers.get(row.commitment_id) if row.commitment_id is not None else None,
        kind=row.kind,
        scope=row.scope,
        label=both(row, "label"),
        unit=unit,
        rules=rules,
        target=_target(row, rules, keys),
        overview_title=both(row, "overview_title") if row.overview_title_sv else None,
    )


def _is_the_whole(row: Indicator, comparison: TargetComparison) -> bool:
    """At least 100 % of a share: the target is the whole."""
    shares = (IndicatorKind.PERCENT, IndicatorKind.RATIO)
    return comparison is TargetComparison.AT_LEAST and row.kind in shares and row.target_value == 100


def _target(row: Indicator, rules: ValueRules, keys: dict[int, str]) -> TargetInfo | None:
    if row.target_comparison is None:
        return None
    comparison = TargetComparison(row.target_comparison)
    if comparison is TargetComparison.ONE_OF:
        labels: list[Showable] = []
        for answer in row.target_options or ():
            if row.kind is IndicatorKind.YES_NO:
                labels.append(CatalogText(YES_NO_LABELS.get(answer, answer)))
            else:
                labels.append(FormattedValue(rules, Value(text=answer)))
        threshold: FormattedValue | Joined = Joined(tuple(labels))
        text = Sentence(Localized("%(options)s"), {"options": threshold})
    else:
        value = Value(number=row.target_value) if row.target_value is not None else None
        threshold = FormattedValue(rules, value)
        text = Sentence(CatalogText(TARGET_TEXTS[comparison]), {"value": threshold})
        if _is_the_whole(row, comparison):  # "100 %", not "minst 100 %": no share is more than all
            text = Sentence(Localized("%(value)s"), {"value": threshold})
    return TargetInfo(
        comparison=comparison,
        value=row.target_value,
        options=tuple(row.target_options or ()),
        scope=TargetScope(row.target_scope or TargetScope.PARTY),
        due_indicator_key=keys.get(row.target_due_indicator_id) if row.target_due_indicator_id else None,
        due_offset_years=row.target_due_offset_years,
        threshold=threshold,
        text=text,
    )
