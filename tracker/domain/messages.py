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


@dataclass(frozen=True)
class Message:
    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str]) -> str:
        text = gettext(self.msgid)
        return text % dict(self.params) if self.params else text
