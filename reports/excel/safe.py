"""Text that came from users never runs as a formula, in this workbook or when someone saves it as CSV.

A cell text starting with = + - @ (or a tab or carriage return before one) is what spreadsheet programs read
as a formula (OWASP: CSV/formula injection). `safe_text` puts an apostrophe in front of such text, as the
OWASP advice says, and drops the control characters XML cannot hold. The writer sets every text cell as a
string, so even an unguarded "=…" would not be stored as a formula by this code.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width forms
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def safe_text(text: str) -> str:
    """`text` as a cell may hold it: "'=1+1" for "=1+1", "'-5" for "-5"; other text unchanged."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
