"""Where a trend's question changed, in the same words in every output (the deck, the Excel summary, the trend
page): "Frågan ställs i ny form från 2027 (version 2027); till och med 2026 löd den: …"."""

from __future__ import annotations

from reports.data.types import Revision
from tracker.domain.messages import N_
from tracker.i18n import translations

__all__ = ["revision_note"]


def revision_note(revisions: tuple[Revision, ...], locale: str = "sv") -> str | None:
    """One sentence per change of the question, oldest first; None when the question never changed."""
    if not revisions:
        return None
    catalogue = translations("en" if locale.startswith("en") else "sv")
    sentences = []
    for revision in revisions:
        params = {"year": revision.year, "before": revision.year - 1, "label": revision.previous_label.get(locale),
                  "version": revision.version or ""}
        if revision.version:
            text = catalogue.gettext(N_("The question is asked in a new form from %(year)s (version %(version)s); "
                                        "until %(before)s it read: “%(label)s”."))
        else:
            text = catalogue.gettext(N_("The question is asked in a new form from %(year)s; until %(before)s it "
                                        "read: “%(label)s”."))
        sentences.append(text % params)
    return " ".join(sentences)
