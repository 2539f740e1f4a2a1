"""Which follow-up of a year a request is about, and whether the signed-in user may see it.

A closed round's follow-up is final: forum members, project leaders and admins see it. While a round is open (or
still planned) its follow-up is preliminary and only project leaders and admins see it; for anyone else the
year does not exist (404, as for a year without a round). A preliminary follow-up counts the submitted and
approved reports; `?utkast=1` counts drafts and reports sent back too. Every preliminary output says so with the
count of reports (reports.data.marks).

Two locks keep a preliminary output from reaching a forum member, or a stale one from being served: the cache
keys carry the `Basis` (the agreement, the year, its round's state as this request saw it, drafts or not)
beside the data
version, and every cached output carries its own `is_preliminary`, which `allow` checks against the user before
anything is sent (a round reopened between two queries of one request gives a 404, never a preliminary page).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, request

from tracker.domain import Role, RoundState
from tracker.queries.followup import year_states
from tracker.web import db_session
from tracker.web.access import may
from tracker.web.agreement import request_agreement, request_agreement_or_none
from tracker.web.forum.cache import caches, current_version, version_tag

DRAFTS_ARG = "utkast"


@dataclass(frozen=True, slots=True)
class Basis:
    """Which follow-up of a year: the agreement's (its slug), its round's state as this request saw it, and
    whether drafts count."""

    agreement: str
    year: int
    state: RoundState
    include_drafts: bool

    @property
    def args(self) -> dict[str, str]:
        """The query arguments that keep this basis in links (the charts, the trend pages, the downloads)."""
        return {DRAFTS_ARG: "1"} if self.include_drafts else {}

    def tag(self) -> str:
        """The fingerprint of the data this basis reads (ETags, the `v` of chart URLs)."""
        return version_tag((self.agreement, *current_version(self.year), self.state.value, self.include_drafts))


@dataclass(frozen=True, slots=True)
class YearLink:
    year: int
    is_preliminary: bool


def may_see_preliminary() -> bool:
    return may(Role.PROJECT_LEADER)


def year_states_now(year: int | None = None) -> dict[int, RoundState]:
    """Every year the request's agreement has a round for, and its state, cached under the data version the
    request reads."""
    agreement = request_agreement_or_none()
    if agreement is None:
        return {}
    agreement_id = agreement.id
    return caches().pages.get_or_build(("year states", agreement.slug, current_version(year)),
                                       lambda: year_states(db_session(), agreement_id))


def closed_years(year: int | None = None) -> tuple[int, ...]:
    return tuple(y for y, state in year_states_now(year).items() if state is RoundState.CLOSED)


def basis_of(year: int) -> Basis:
    """The follow-up of `year` this request may see, or 404. Call after `require_role_pages(Role.FORUM_MEMBER)`."""
    state = year_states_now(year).get(year)
    if state is None or (state is not RoundState.CLOSED and not may_see_preliminary()):
        abort(404)
    include_drafts = state is not RoundState.CLOSED and request.args.get(DRAFTS_ARG) == "1"
    return Basis(request_agreement().slug, year, state, include_drafts)


def year_links(year: int) -> tuple[YearLink, ...]:
    """The year selector: the closed years, and for project leaders the open and planned ones too."""
    preliminary = may_see_preliminary()
    return tuple(YearLink(y, state is not RoundState.CLOSED) for y, state in year_states_now(year).items()
                 if state is RoundState.CLOSED or preliminary)


def allow(is_preliminary: bool) -> None:
    """404 when what is about to be sent is preliminary and the user may not see preliminary outputs."""
    if is_preliminary and not may_see_preliminary():
        abort(404)
