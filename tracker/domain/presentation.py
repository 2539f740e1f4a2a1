"""What the project leaders add to a round's follow-up for the forum: who presents it, their conclusions and
verdict, the way forward, and the reflections of the industry's actors.

These are the leaders' own texts, not reported data: they are written after the reports are in, so a closed
round keeps them editable (every change is audited). Texts come in Swedish and, where given, English.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.domain.base import Base

if TYPE_CHECKING:
    from tracker.domain.reporting import ReportingRound

NAME_MAX_LENGTH = 200  # a name, a title, an organisation, a role
HEADLINE_MAX_LENGTH = 300


class Verdict(enum.StrEnum):
    """ "Lever överenskommelsen upp till sitt syfte?" """

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class RoundPresenter(Base):
    """One of the people presenting the follow-up at the forum: on the title slide."""

    __tablename__ = "round_presenters"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("reporting_rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    title_sv: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    title_en: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    organisation: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))


class RoundReflection(Base):
    """A reflection of an actor of the biogas industry: a quote or a theme, its points, who said it (named only
    when they agreed to be) and what they propose."""

    __tablename__ = "round_reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("reporting_rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    headline_sv: Mapped[str] = mapped_column(String(HEADLINE_MAX_LENGTH))
    headline_en: Mapped[str | None] = mapped_column(String(HEADLINE_MAX_LENGTH))
    is_quote: Mapped[bool] = mapped_column(default=True)
    points_sv: Mapped[str | None] = mapped_column(Text)
    points_en: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    role_sv: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    role_en: Mapped[str | None] = mapped_column(String(NAME_MAX_LENGTH))
    may_be_named: Mapped[bool] = mapped_column(default=False)
    proposal_sv: Mapped[str | None] = mapped_column(Text)
    proposal_en: Mapped[str | None] = mapped_column(Text)


ROUND_TEXTS = ("conclusions_sv", "conclusions_en", "verdict_reason_sv", "verdict_reason_en", "way_forward_sv",
               "way_forward_en", "proposal_sv", "proposal_en")


@dataclass(frozen=True)
class Presenter:
    name: str
    title_sv: str | None = None
    title_en: str | None = None
    organisation: str | None = None

    def described(self) -> str:
        """One line for the audit trail."""
        return ", ".join(part for part in (self.name, self.title_sv, self.organisation) if part)


@dataclass(frozen=True)
class Reflection:
    headline_sv: str
    headline_en: str | None = None
    is_quote: bool = True
    points_sv: str | None = None
    points_en: str | None = None
    organisation: str | None = None
    role_sv: str | None = None
    role_en: str | None = None
    may_be_named: bool = False
    proposal_sv: str | None = None
    proposal_en: str | None = None

    def described(self, not_named: str) -> str:
        """One line for the audit trail; `not_named` marks an organisation that may not be shown."""
        who = ", ".join(part for part in (self.role_sv, self.organisation) if part)
        if who and self.organisation and not self.may_be_named:
            who += f" ({not_named})"
        text = f"”{self.headline_sv}”" if self.is_quote else self.headline_sv
        return " – ".join(part for part in (text, who, self.proposal_sv) if part)


@dataclass(frozen=True)
class Presentation:
    """Everything the leaders' page edits, as stored: the round's texts (ROUND_TEXTS, one bullet per line where
    the deck shows bullets), the verdict, the presenters and the reflections in their order."""

    presenters: tuple[Presenter, ...] = ()
    conclusions_sv: str | None = None
    conclusions_en: str | None = None
    verdict: Verdict | None = None
    verdict_reason_sv: str | None = None
    verdict_reason_en: str | None = None
    way_forward_sv: str | None = None
    way_forward_en: str | None = None
    proposal_sv: str | None = None
    proposal_en: str | None = None
    reflections: tuple[Reflection, ...] = ()


def presentation_of(reporting_round: ReportingRound) -> Presentation:
    """What is stored for the round, as the page shows it."""
    presenters = tuple(Presenter(p.name, p.title_sv, p.title_en, p.organisation) for p in reporting_round.presenters)
    reflections = tuple(Reflection(**{f.name: getattr(r, f.name) for f in fields(Reflection)})
                        for r in reporting_round.reflections)
    texts = {name: getattr(reporting_round, name) for name in ROUND_TEXTS}
    return Presentation(presenters=presenters, verdict=reporting_round.verdict, reflections=reflections, **texts)
