"""Text that came from users never runs as a formula in a workbook, nor when someone saves it as CSV.

The one guard of every workbook the app writes: the follow-up summary (reports.excel) and the offline Excel form
(forms.excel_form). It lives in the domain so that both may use it (forms never import reports).

A cell text starting with = + - @ (or a tab or carriage return before one) is what spreadsheet programs read
as a formula (OWASP: CSV/formula injection). `safe_text` puts an apostrophe in front of such text, as the
OWASP advice says, and drops the control characters XML cannot hold.
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
