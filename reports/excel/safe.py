"""Text that came from users never runs as a formula, in this workbook or when someone saves it as CSV.

The guard itself is `tracker.domain.cell_text.safe_text`, shared with the offline Excel form (forms.excel_form);
the writer sets every text cell as a string, so even an unguarded "=…" would not be stored as a formula by this code.
"""

from __future__ import annotations

from tracker.domain.cell_text import FORMULA_STARTS, safe_text

__all__ = ["FORMULA_STARTS", "safe_text"]
