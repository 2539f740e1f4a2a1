"""Translatable messages for layers that must not import Flask (domain, operations, forms, reports).

A `Message` carries an English msgid and its parameters; whoever shows it renders it with the gettext of
the reader's language (`tracker.i18n.gettext_for`, or Flask-Babel's `gettext` in a request).
Mark msgids with `N_` so that `pybabel extract` finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


def N_(msgid: str) -> str:  # noqa: N802 - the conventional name of the gettext no-op marker
    """Marks a msgid for extraction without translating it here."""
    return msgid


LANGUAGE = N_("language-code")
"""Each catalogue translates this to its own language ("sv"); English keeps the msgid."""


@dataclass(frozen=True)
class Message:
    """A msgid and its parameters; or, with `texts`, the agreement data's own wording by language ("sv", "en"),
    which the agreement, not the catalogue, translates (the msgid is then the English fallback)."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str]) -> str:
        if self.texts:
            language = "sv" if gettext(LANGUAGE) == "sv" else "en"
            text = self.texts.get(language) or self.texts.get("sv") or self.msgid
        else:
            text = gettext(self.msgid)
        return text % dict(self.params) if self.params else text
