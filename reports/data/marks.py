"""The preliminary mark every output of a follow-up that may still change carries, in the same words everywhere.

A follow-up is preliminary while its round is not closed (reports still come in and change) and whenever drafts
are counted. The mark says so and how many of the expected reports the figures count: "PRELIMINÄR – 5 av 14
rapporter inlämnade" (submitted and approved reports), or with drafts "PRELIMINÄR – 7 av 14 rapporter, varav 2
ej inlämnade" (drafts and reports sent back, which are not submitted). The dashboard, the handout, the deck and
the Excel summary all show `preliminary_mark(followup, locale)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.data.types import FollowUp
from tracker.domain import SubmissionState
from tracker.domain.messages import N_
from tracker.i18n import translations

__all__ = ["IncludedReports", "included_reports", "preliminary_mark"]

UNSUBMITTED = (SubmissionState.DRAFT, SubmissionState.RETURNED)


@dataclass(frozen=True, slots=True)
class IncludedReports:
    """How many reports the figures count, of how many expected, and how many of those are not submitted."""

    included: int
    expected: int
    unsubmitted: int


def included_reports(followup: FollowUp) -> IncludedReports:
    parties = followup.completeness.parties
    included = [p for p in parties if p.is_included]
    return IncludedReports(len(included), len(parties), sum(p.state in UNSUBMITTED for p in included))


def preliminary_mark(followup: FollowUp, locale: str = "sv") -> str | None:
    """"PRELIMINÄR – 5 av 14 rapporter inlämnade"; None for a final follow-up (a closed round, no drafts)."""
    if not followup.is_preliminary:
        return None
    catalogue = translations("en" if locale.startswith("en") else "sv")
    counts = included_reports(followup)
    params = {"included": counts.included, "expected": counts.expected, "num": counts.unsubmitted}
    if not followup.include_drafts or not counts.unsubmitted:  # drafts asked for, but none: all are submitted
        return catalogue.gettext(N_("PRELIMINARY – %(included)s of %(expected)s reports submitted")) % params
    return catalogue.ngettext("PRELIMINARY – %(included)s of %(expected)s reports, %(num)s of them not submitted",
                              "PRELIMINARY – %(included)s of %(expected)s reports, %(num)s of them not submitted",
                              counts.unsubmitted) % params
