"""What a yearly report IS: a reporting round, each party's submission, its statuses and answers."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.domain.agreement import Agreement, Commitment, Indicator, StatusLevel
from tracker.domain.base import Base, TypedValueMixin, enum_column, one_value_check, utcnow
from tracker.domain.party import Party, User
from tracker.domain.presentation import RoundPresenter, RoundReflection, Verdict


class RoundState(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"


class SubmissionState(enum.StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"

    @property
    def is_reported(self) -> bool:
        """Submitted or approved: counts as reported in the follow-up."""
        return self in (SubmissionState.SUBMITTED, SubmissionState.APPROVED)


class CopyMark(enum.StrEnum):
    """An answer or status copied from last year's report and not changed since (tracker.operations.copying):
    UNCHECKED until the party confirms its commitment (or changes something in it), CHECKED after. A change of
    the value itself removes the mark: it is then the party's own answer."""

    UNCHECKED = "unchecked"
    CHECKED = "checked"


class ReportingRound(Base):
    """The yearly round in which every party reports on year `year`."""

    __tablename__ = "reporting_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline_on: Mapped[date | None] = mapped_column(Date)
    # The day the round closes by itself (tracker.operations.schedule), if the leaders set one.
    closes_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[RoundState] = mapped_column(enum_column(RoundState, "round_state"), default=RoundState.PLANNED)
    # "Vad har hänt sen sist?": one bullet per line, shown on the forum deck.
    news_sv: Mapped[str | None] = mapped_column(Text)
    news_en: Mapped[str | None] = mapped_column(Text)
    # The project leaders' texts for the forum (tracker.domain.presentation): conclusions (one bullet per line)
    # with the verdict and its motivation, and the way forward (bullets and a proposal).
    conclusions_sv: Mapped[str | None] = mapped_column(Text)
    conclusions_en: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[Verdict | None] = mapped_column(enum_column(Verdict, "verdict"))
    verdict_reason_sv: Mapped[str | None] = mapped_column(Text)
    verdict_reason_en: Mapped[str | None] = mapped_column(Text)
    way_forward_sv: Mapped[str | None] = mapped_column(Text)
    way_forward_en: Mapped[str | None] = mapped_column(Text)
    proposal_sv: Mapped[str | None] = mapped_column(Text)
    proposal_en: Mapped[str | None] = mapped_column(Text)
    is_example: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Every change of the round's own columns (state, dates, news): what the follow-up's data_version reads.
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    agreement: Mapped[Agreement] = relationship()
    submissions: Mapped[list[Submission]] = relationship(back_populates="round")
    values: Mapped[list[RoundValue]] = relationship(back_populates="round", cascade="all, delete-orphan")
    presenters: Mapped[list[RoundPresenter]] = relationship(
        cascade="all, delete-orphan", order_by="RoundPresenter.position")
    reflections: Mapped[list[RoundReflection]] = relationship(
        cascade="all, delete-orphan", order_by="RoundReflection.position")

    __table_args__ = (
        UniqueConstraint("agreement_id", "year"),
        CheckConstraint("year BETWEEN 1900 AND 2200", name="year_range"),
        CheckConstraint("opens_on IS NULL OR deadline_on IS NULL OR opens_on <= deadline_on", name="dates_order"),
    )

    def __repr__(self) -> str:
        return f"<ReportingRound {self.year} {self.state}>"


class Submission(Base):
    """One party's report in one round. `version` guards against silent overwrites (optimistic locking)."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("reporting_rounds.id", ondelete="RESTRICT"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id", ondelete="RESTRICT"), index=True)
    state: Mapped[SubmissionState] = mapped_column(
        enum_column(SubmissionState, "submission_state"), default=SubmissionState.NOT_STARTED
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    submitted_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # the latest hand-in
    # The first hand-in: whether the report was late (tracker.domain.calendar.is_late) is decided by it.
    first_submitted_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_dt: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The project leader's comment when the report was sent back: shown at the top of the contact's form.
    review_comment: Mapped[str | None] = mapped_column(Text)
    # Sent back after its round was closed: the party (and only it) may change and submit it again although the
    # round stays closed (tracker.domain.permissions.takes_changes). Cleared when it is submitted again.
    is_reopened: Mapped[bool] = mapped_column(default=False, server_default=false())
    is_example: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    round: Mapped[ReportingRound] = relationship(back_populates="submissions")
    party: Mapped[Party] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="submission", cascade="all, delete-orphan")
    statuses: Mapped[list[CommitmentStatus]] = relationship(
        back_populates="submission", cascade="all, delete-orphan"
    )
    answer_comments: Mapped[list[AnswerComment]] = relationship(
        back_populates="submission", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("round_id", "party_id"),)

    def __repr__(self) -> str:
        return f"<Submission round={self.round_id} party={self.party_id} {self.state} v{self.version}>"


class CommitmentStatus(Base):
    """A party's status on one commitment in one submission, with its comment."""

    __tablename__ = "commitment_statuses"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="RESTRICT"))
    status_level_id: Mapped[int | None] = mapped_column(ForeignKey("status_levels.id", ondelete="RESTRICT"))
    comment: Mapped[str | None] = mapped_column(Text)
    # The status level copied from last year and not changed since (None: chosen by the party).
    status_copy_mark: Mapped[CopyMark | None] = mapped_column(enum_column(CopyMark, "status_copy_mark"))
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="statuses")
    commitment: Mapped[Commitment] = relationship()
    status_level: Mapped[StatusLevel | None] = relationship()

    __table_args__ = (UniqueConstraint("submission_id", "commitment_id"),)


class Answer(TypedValueMixin, Base):
    """A party's answer to one indicator in one submission. Derived indicators are never stored."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="RESTRICT"), index=True)
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Copied from last year and not changed since (None: the party's own answer).
    copy_mark: Mapped[CopyMark | None] = mapped_column(enum_column(CopyMark, "copy_mark"))

    submission: Mapped[Submission] = relationship(back_populates="answers")
    indicator: Mapped[Indicator] = relationship()
    updated_by: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("submission_id", "indicator_id"), one_value_check())


class AnswerComment(Base):
    """The party's comment on one answer or derived figure of its report: why a value far outside the party's
    earlier years is right (tracker.domain.plausibility). Shown at the value to the contact and on the review
    page. Not a column of Answer, because a derived figure (a share) has no stored row and may need one; not
    the commitment's comment, which is written for the forum follow-up."""

    __tablename__ = "answer_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="RESTRICT"))
    text: Mapped[str] = mapped_column(Text)
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    submission: Mapped[Submission] = relationship(back_populates="answer_comments")
    indicator: Mapped[Indicator] = relationship()

    __table_args__ = (UniqueConstraint("submission_id", "indicator_id"),)


class RoundValue(TypedValueMixin, Base):
    """A county-level figure of a round (round-scope indicator), entered by the project leaders."""

    __tablename__ = "round_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("reporting_rounds.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="RESTRICT"))
    updated_dt: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    round: Mapped[ReportingRound] = relationship(back_populates="values")
    indicator: Mapped[Indicator] = relationship()

    __table_args__ = (UniqueConstraint("round_id", "indicator_id"), one_value_check())
