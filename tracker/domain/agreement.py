"""What an agreement IS: its commitments, the status scale, and the indicators each party reports on.

Everything here is loaded from a data file in `seed/`; no commitment, indicator or label lives in code.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.base import NUMBER, Base, ChangeTimeMixin, enum_column, within

if TYPE_CHECKING:
    from tracker.domain.membership import Membership
    from tracker.domain.party import Party
    from tracker.domain.version import AgreementVersion


class PartyKind(enum.StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    OTHER = "other"


class IndicatorKind(enum.StrEnum):
    PERCENT = "percent"
    QUANTITY = "quantity"
    COUNT = "count"
    YEAR = "year"
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"
    SUM = "sum"  # derived: the sum of other answers
    RATIO = "ratio"  # derived: a share in percent, numerator / denominator × 100

    @property
    def is_derived(self) -> bool:
        return self in (IndicatorKind.SUM, IndicatorKind.RATIO)

    @property
    def is_numeric(self) -> bool:
        return self in NUMERIC_KINDS


NUMERIC_KINDS = frozenset(
    {IndicatorKind.PERCENT, IndicatorKind.QUANTITY, IndicatorKind.COUNT, IndicatorKind.YEAR,
     IndicatorKind.SUM, IndicatorKind.RATIO}
)


class IndicatorScope(enum.StrEnum):
    PARTY = "party"  # answered by each party in its submission
    ROUND = "round"  # one county-level figure per round, entered by the project leaders


class TargetComparison(enum.StrEnum):
    AT_LEAST = "ge"
    AT_MOST = "le"
    EQUAL = "eq"
    ONE_OF = "in"  # the answer is one of target_options (yes/no and choice)


# What a key figure sentence of the agreement data (Indicator.summary_*) may say, as %(name)s (reports.data).
SUMMARY_PARAMS = ("label", "value", "number", "target", "target_text", "met", "not_met", "met_of", "answered",
                  "commitment", "expected", "reported", "parties", "party", "missing", "mean", "median", "answers",
                  "change", "previous_year", "year")


class TargetScope(enum.StrEnum):
    PARTY = "party"  # each party's answer is compared with the target
    COUNTY = "county"  # the county figure (the sum of the answers, the weighted share) is compared with it


class Agreement(ChangeTimeMixin, Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name_sv: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    county: Mapped[str] = mapped_column(String(128))
    version: Mapped[str] = mapped_column(String(32))
    in_force_from_year: Mapped[int] = mapped_column(Integer)
    in_force_to_year: Mapped[int | None] = mapped_column(Integer)
    description_sv: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    # What the agreement's follow-up is called and shown with (None: the product's own words): the service's name
    # in the header and the mails, the forum the follow-up is presented at, who presents the deck.
    product_name_sv: Mapped[str | None] = mapped_column(String(128))
    product_name_en: Mapped[str | None] = mapped_column(String(128))
    forum_name_sv: Mapped[str | None] = mapped_column(String(128))
    forum_name_en: Mapped[str | None] = mapped_column(String(128))
    organisation: Mapped[str | None] = mapped_column(String(255))

    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="agreement", order_by="Commitment.position", cascade="all, delete-orphan"
    )
    status_levels: Mapped[list[StatusLevel]] = relationship(
        back_populates="agreement", order_by="StatusLevel.position", cascade="all, delete-orphan"
    )
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="agreement", order_by="Indicator.position", cascade="all, delete-orphan"
    )
    # Every party that has been a member, whatever the years (tracker.domain.membership); which parties report
    # in a year's round is decided by the memberships' years (`Membership.covers`).
    parties: Mapped[list[Party]] = relationship(secondary="agreement_parties", order_by="Party.code",
                                                overlaps="memberships,agreement,party")
    memberships: Mapped[list[Membership]] = relationship(back_populates="agreement", cascade="all, delete-orphan",
                                                         overlaps="parties")
    # The versions in force one after the other (tracker.domain.version); `version` above is the newest's label.
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.from_year", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(
            "in_force_to_year IS NULL OR in_force_to_year >= in_force_from_year", name="in_force_order"
        ),
    )

    def status_scale_in(self, year: int) -> list[StatusLevel]:
        """The status scale of the round for `year`, in its order."""
        return [level for level in self.status_levels if level.is_valid_in(year)]

    def commitments_in(self, year: int) -> list[Commitment]:
        """The commitments of the round for `year`: those of the version in force then, in their order."""
        return [commitment for commitment in self.commitments if commitment.is_valid_in(year)]

    def __repr__(self) -> str:
        return f"<Agreement {self.slug} v{self.version}>"


class Commitment(ChangeTimeMixin, Base):
    """One commitment (åtagande) of an agreement, numbered I–VIII in the biogas agreement."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    title_sv: Mapped[str] = mapped_column(String(255))
    title_en: Mapped[str] = mapped_column(String(255))
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    party_kinds: Mapped[list[str]] = mapped_column(JSON)
    # The years it is part of the agreement (None: from the start, to the end), and the commitment of an earlier
    # version it continues (its number; tracker.domain.version).
    valid_from_year: Mapped[int | None] = mapped_column(Integer)
    valid_to_year: Mapped[int | None] = mapped_column(Integer)
    continues: Mapped[str | None] = mapped_column(String(16))

    agreement: Mapped[Agreement] = relationship(back_populates="commitments")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="commitment", order_by="Indicator.position"
    )

    __table_args__ = (
        UniqueConstraint("agreement_id", "number"),
        CheckConstraint(
            "valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year",
            name="commitment_validity_order",
        ),
    )

    def applies_to(self, kind: PartyKind | str) -> bool:
        return str(kind) in self.party_kinds

    def is_valid_in(self, year: int) -> bool:
        """Whether the commitment is part of the round for `year` (a revision may add or retire it)."""
        return within(year, self.valid_from_year, self.valid_to_year)

    def __repr__(self) -> str:
        return f"<Commitment {self.number}>"


class StatusLevel(ChangeTimeMixin, Base):
    """One step on the agreement's status scale (ej påbörjat … genomfört, ej aktuellt)."""

    __tablename__ = "status_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    label_sv: Mapped[str] = mapped_column(String(128))
    label_en: Mapped[str] = mapped_column(String(128))
    # "ej aktuellt" is outside the scale: it counts neither as done nor as not done.
    is_applicable: Mapped[bool] = mapped_column(default=True)
    is_done: Mapped[bool] = mapped_column(default=False)
    # The years the step is on the scale (None: from the start, to the end): a revision may change the scale.
    valid_from_year: Mapped[int | None] = mapped_column(Integer)
    valid_to_year: Mapped[int | None] = mapped_column(Integer)

    agreement: Mapped[Agreement] = relationship(back_populates="status_levels")

    __table_args__ = (UniqueConstraint("agreement_id", "key"),)

    def is_valid_in(self, year: int) -> bool:
        return within(year, self.valid_from_year, self.valid_to_year)


class Indicator(ChangeTimeMixin, Base):
    """One question of the yearly report, or one derived figure computed from other answers."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    scope: Mapped[IndicatorScope] = mapped_column(
        enum_column(IndicatorScope, "indicator_scope"), default=IndicatorScope.PARTY
    )
    kind: Mapped[IndicatorKind] = mapped_column(enum_column(IndicatorKind, "indicator_kind"))
    position: Mapped[int] = mapped_column(Integer)
    label_sv: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)
    help_sv: Mapped[str | None] = mapped_column(Text)
    help_en: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    min_value: Mapped[Decimal | None] = mapped_column(NUMBER)
    max_value: Mapped[Decimal | None] = mapped_column(NUMBER)
    max_length: Mapped[int | None] = mapped_column(Integer)
    is_required: Mapped[bool] = mapped_column(default=True)
    # Derived kinds: the keys of the answers they are computed from (sum: all; ratio: [numerator, denominator]).
    operand_keys: Mapped[list[str] | None] = mapped_column(JSON)
    # Applicability: by party kind (None: the commitment's kinds) and by another answer.
    party_kinds: Mapped[list[str] | None] = mapped_column(JSON)
    condition_indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    condition_values: Mapped[list[str] | None] = mapped_column(JSON)
    # Target: compared with the answer; optionally due a number of years after another answer (a year).
    target_comparison: Mapped[TargetComparison | None] = mapped_column(
        enum_column(TargetComparison, "target_comparison")
    )
    target_value: Mapped[Decimal | None] = mapped_column(NUMBER)
    target_options: Mapped[list[str] | None] = mapped_column(JSON)
    target_due_indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL")
    )
    target_due_offset_years: Mapped[int | None] = mapped_column(Integer)
    target_scope: Mapped[TargetScope] = mapped_column(
        enum_column(TargetScope, "target_scope"), default=TargetScope.PARTY, server_default=TargetScope.PARTY.value
    )
    # Consistency with other answers of the same report (values.inconsistencies): the part is at most the whole
    # (gas cars ≤ cars), said with the agreement's own message; a year not after the year reported on.
    at_most_key: Mapped[str | None] = mapped_column(String(64))  # the whole's key, as operand_keys name answers
    at_most_message_sv: Mapped[str | None] = mapped_column(Text)
    at_most_message_en: Mapped[str | None] = mapped_column(Text)
    not_after_round_year: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # A slide of its own in the forum deck naming each party with its answer ("Var kan vi tanka biogas?",
    # how each municipality uses its own biogas), under this title; None: the answers are only charted.
    overview_title_sv: Mapped[str | None] = mapped_column(Text)
    overview_title_en: Mapped[str | None] = mapped_column(Text)
    # How far an answer may move from the party's previous report before it must be confirmed with a comment
    # (tracker.domain.plausibility): None takes the kind's default; is_history_checked False turns it off.
    history_max_points: Mapped[Decimal | None] = mapped_column(NUMBER)  # shares: percentage points
    history_max_factor: Mapped[Decimal | None] = mapped_column(NUMBER)  # amounts: times higher or lower
    history_min_base: Mapped[Decimal | None] = mapped_column(NUMBER)  # amounts: smaller on both sides is no matter
    is_history_checked: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    # The key figure sentence of the follow-up, when the generic one cannot say it well: a template with
    # %(met)s, %(expected)s, %(value)s … (reports.data.sentences); `summary_not_met` when a county target is missed.
    summary_sv: Mapped[str | None] = mapped_column(Text)
    summary_en: Mapped[str | None] = mapped_column(Text)
    summary_not_met_sv: Mapped[str | None] = mapped_column(Text)
    summary_not_met_en: Mapped[str | None] = mapped_column(Text)
    valid_from_year: Mapped[int | None] = mapped_column(Integer)
    valid_to_year: Mapped[int | None] = mapped_column(Integer)
    # The question of an earlier version this one continues (its key): the trend follows it across the versions.
    continues: Mapped[str | None] = mapped_column(String(64))

    agreement: Mapped[Agreement] = relationship(back_populates="indicators")
    commitment: Mapped[Commitment | None] = relationship(back_populates="indicators")
    options: Mapped[list[IndicatorOption]] = relationship(
        back_populates="indicator", order_by="IndicatorOption.position", cascade="all, delete-orphan"
    )
    condition_indicator: Mapped[Indicator | None] = relationship(
        foreign_keys=[condition_indicator_id], remote_side=[id]
    )
    target_due_indicator: Mapped[Indicator | None] = relationship(
        foreign_keys=[target_due_indicator_id], remote_side=[id]
    )

    __table_args__ = (
        UniqueConstraint("agreement_id", "key"),
        CheckConstraint("scope = 'round' OR commitment_id IS NOT NULL", name="party_scope_has_commitment"),
        CheckConstraint("min_value IS NULL OR max_value IS NULL OR min_value <= max_value", name="bounds_order"),
        CheckConstraint(
            "valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year",
            name="validity_order",
        ),
        CheckConstraint(
            "(target_due_indicator_id IS NULL) = (target_due_offset_years IS NULL)", name="target_due_pair"
        ),
    )

    def is_valid_in(self, year: int) -> bool:
        """Whether the question is asked in the round for `year` (a revision may add or retire it)."""
        return within(year, self.valid_from_year, self.valid_to_year)

    def applies_to_kind(self, kind: PartyKind | str) -> bool:
        kinds = self.party_kinds if self.party_kinds is not None else (
            self.commitment.party_kinds if self.commitment is not None else []
        )
        return str(kind) in kinds

    def __repr__(self) -> str:
        return f"<Indicator {self.key} {self.kind}>"


class IndicatorOption(ChangeTimeMixin, Base):
    """One allowed answer of a choice indicator, stored by its key."""

    __tablename__ = "indicator_options"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    label_sv: Mapped[str] = mapped_column(String(255))
    label_en: Mapped[str] = mapped_column(String(255))

    indicator: Mapped[Indicator] = relationship(back_populates="options")

    __table_args__ = (UniqueConstraint("indicator_id", "key"),)


def localized(obj: Any, field: str, locale: str) -> str:
    """`obj.<field>_en` for English, `obj.<field>_sv` otherwise; falls back to Swedish, "" when both are empty."""
    if locale.startswith("en"):
        value = getattr(obj, f"{field}_en", None)
        if value:
            return str(value)
    value = getattr(obj, f"{field}_sv", None)
    return str(value) if value else ""
