"""Which agreement, and which of its rounds, a request or a command is about: decided here and nowhere else.

The agreement is the one named (a command's `--agreement`, a page's address `?avtal=<slug>`), else for a page
the one the signed-in user works with (`User.agreement_id`), else the default one: the
agreement the setting DEFAULT_AGREEMENT names, else the only one, else the first one set up (the lowest id: a
second agreement loaded into the same database never takes the first one's place). A round is always a round
of that agreement: two agreements may both have a round for 2025, and "2025" then means this agreement's.

The pages pass the setting (`tracker.web.agreement`), the commands their option and the setting; nothing else
looks up an agreement or a round by its year alone.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.domain import Agreement, ReportingRound, RoundState
from tracker.domain.messages import N_, Message

AGREEMENT_HELP = "The agreement's slug (default: DEFAULT_AGREEMENT, else the first one set up)."
"""The help of the commands' --agreement option."""


class AgreementNotFoundError(LookupError):
    """No agreement by that name, or none at all; `message` says which, for the person who asked."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.msgid % message.params if message.params else message.msgid)


def find_agreement(session: Session, slug: str | None = None, default_slug: str | None = None) -> Agreement:
    """The agreement named by `slug`, else the default (see the module's text). Raises AgreementNotFoundError."""
    if slug:
        agreement = session.scalar(select(Agreement).where(Agreement.slug == slug))
        if agreement is None:
            raise AgreementNotFoundError(Message(N_("There is no agreement %(agreement)s (the agreements: %(slugs)s)."),
                                            {"agreement": slug, "slugs": _slugs(session)}))
        return agreement
    if default_slug:
        agreement = session.scalar(select(Agreement).where(Agreement.slug == default_slug))
        if agreement is None:
            raise AgreementNotFoundError(Message(
                N_("The setting DEFAULT_AGREEMENT names %(agreement)s, which is not an agreement here (the "
                   "agreements: %(slugs)s)."), {"agreement": default_slug, "slugs": _slugs(session)}))
        return agreement
    agreement = session.scalar(select(Agreement).order_by(Agreement.id).limit(1))
    if agreement is None:
        raise AgreementNotFoundError(Message(N_("There is no agreement yet: load the agreement data files with "
                                           "`tracker seed`.")))
    return agreement


def agreement_of_request(session: Session, slug: str | None, own_agreement_id: int | None,
                         default_slug: str | None) -> Agreement | None:
    """The agreement a page is about: the one its address names (`?avtal=<slug>`), else the one the signed-in
    user works with (`User.agreement_id`), else the default one. None when the address names no agreement here
    (the page answers 404) or there is none yet."""
    if slug:
        return session.scalar(select(Agreement).where(Agreement.slug == slug))
    if own_agreement_id is not None:
        own = session.get(Agreement, own_agreement_id)
        if own is not None:
            return own
    return default_agreement(session, default_slug)


def agreement_choices(session: Session) -> list[tuple[str, str, str]]:
    """Every agreement as (slug, name_sv, name_en), in the order they were set up: what the chooser offers."""
    return [(slug, sv, en) for slug, sv, en in session.execute(
        select(Agreement.slug, Agreement.name_sv, Agreement.name_en).order_by(Agreement.id))]


def default_agreement(session: Session, default_slug: str | None = None) -> Agreement | None:
    """`find_agreement` without a name; None when there is no agreement (or the setting names none here)."""
    try:
        return find_agreement(session, None, default_slug)
    except AgreementNotFoundError:
        return None


def _slugs(session: Session) -> str:
    return ", ".join(session.scalars(select(Agreement.slug).order_by(Agreement.id))) or "–"


def agreement_rounds(agreement_id: int) -> Select[ReportingRound]:
    """The agreement's rounds, the latest year first."""
    return (select(ReportingRound).where(ReportingRound.agreement_id == agreement_id)
            .order_by(ReportingRound.year.desc()))


def agreement_round(session: Session, agreement_id: int, year: int) -> ReportingRound | None:
    """The agreement's round for `year`, None when it has none."""
    return session.scalar(select(ReportingRound).where(ReportingRound.agreement_id == agreement_id,
                                                       ReportingRound.year == year))


def last_round_year(session: Session, agreement_id: int) -> int | None:
    """The year of the agreement's latest round (what its final report runs up to); None when it has none."""
    return session.scalar(select(func.max(ReportingRound.year)).where(ReportingRound.agreement_id == agreement_id))


def current_round(session: Session, agreement_id: int) -> ReportingRound | None:
    """The round a page opens on when no year is asked for: the latest open one, else the latest."""
    query = agreement_rounds(agreement_id)
    return session.scalar(query.where(ReportingRound.state == RoundState.OPEN)) or session.scalar(query)
