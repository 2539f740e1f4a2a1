"""Free text people type outside the answers — names and addresses, mail subjects and texts, news, reasons —
checked in one place before it is stored: what a database column, a mail header or an XML file cannot hold is
refused with a message, never stored half or answered with a 500.

- Control characters (NUL, ESC …) are refused: PostgreSQL cannot store NUL, and none of them belongs in text a
  person types. Tabs and line breaks are allowed where a text has several lines.
- A one-line text (a name, an address, a subject) must not hold a line break: in a mail header it would start a
  header of its own.
- Invisible formatting is refused: right-to-left overrides and isolates, which make a name or a comment read
  differently from what it holds, and zero-width characters, which make two equal-looking names differ.
- A text is at most `max_length` characters (the column's size, or what a page can show), counted after
  Unicode normalisation (NFC: "å" typed as a + ring is stored as the one letter).
"""

from __future__ import annotations

import re
import unicodedata

from tracker.domain.messages import N_
from tracker.domain.numbers import InvalidValue

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x85]")
INVISIBLE_FORMATTING = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Zero-width spaces and joiners, direction marks, overrides and isolates, the word joiner, the BOM."""
INVISIBLE_MESSAGE = N_("The text holds invisible formatting characters (such as a right-to-left mark or a "
                       "zero-width space), often pasted along with it; type it again.")


def checked_text(text: str | None, max_length: int, *, one_line: bool = False) -> str:
    """`text` without surrounding spaces (line ends as \\n); InvalidValue for what may not be stored."""
    value = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").strip()
    if one_line and _LINE_BREAK.search(value):
        raise InvalidValue("line_break", N_("The text must be on one line."))
    if CONTROL_CHARACTERS.search(value):
        raise InvalidValue("invalid_characters", N_("The text holds characters that cannot be stored (control "
                                                    "characters); type or paste it again."))
    if INVISIBLE_FORMATTING.search(value):
        raise InvalidValue("invisible_characters", INVISIBLE_MESSAGE)
    if len(value) > max_length:
        raise InvalidValue("too_long", N_("The text can be at most %(max)s characters long."), max=max_length)
    return value


def bullet_lines(text: str | None) -> list[str]:
    """The bullets of a text typed one per line (the news, conclusions, the way forward): every non-blank line,
    its surrounding spaces and a typed bullet ("- ", "• ", "* ", "– ") removed."""
    lines = []
    # Only a line break ends a line (_LINE_BREAK): str.splitlines would also split at a vertical tab, a form feed
    # or a file separator, which then became bullets instead of being refused as control characters.
    for line in _LINE_BREAK.split((text or "").replace("\r\n", "\n")):
        bullet = line.strip()
        if bullet[:1] in ("-", "•", "*", "–") and bullet[1:2] == " ":
            bullet = bullet[2:].strip()
        if bullet:
            lines.append(bullet)
    return lines
