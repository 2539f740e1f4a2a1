"""The organisation's PowerPoint template for the forum deck: the setting DECK_TEMPLATE names a .pptx or .potx file
in the instance folder (or gives its path). The web download and `tracker slides` read it here and pass the
bytes to reports.slides.build_deck, which finds its layouts by name (README: "Forum deck in the organisation's
look"); reports stays pure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.messages import N_, Message


@dataclass(frozen=True)
class DeckTemplateFile:
    name: str
    data: bytes

    @property
    def fingerprint(self) -> str:
        """Changes with the file's content: part of the cache key of the decks built on it."""
        return hashlib.sha256(self.data).hexdigest()[:16]


def template_path(setting: str, instance: Path) -> Path:
    """A name is a file in the instance folder; a path is taken as it is."""
    path = Path(setting).expanduser()
    return path if path.is_absolute() else instance / path


def read_deck_template(setting: str | None, instance: Path) -> DeckTemplateFile | None:
    """The template DECK_TEMPLATE names, or None when it is not set. A file that is not there raises
    reports.slides.DeckTemplateError with a message naming it (a file that is there but not a presentation
    raises it when the deck is built)."""
    if not setting or not setting.strip():
        return None
    from reports.slides import DeckTemplateError  # python-pptx: only when a deck is built

    path = template_path(setting.strip(), instance)
    try:
        return DeckTemplateFile(path.name, path.read_bytes())
    except OSError as error:
        raise DeckTemplateError(Message(N_("The deck template %(name)s cannot be read (DECK_TEMPLATE, looked for "
                                           "in %(folder)s)."), {"name": setting.strip(), "folder": path.parent})
                                ) from error
