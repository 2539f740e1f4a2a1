"""safe_text: what users typed is shown as text and never starts a formula (OWASP formula injection)."""

from __future__ import annotations

import pytest

from tracker.domain.cell_text import safe_text


@pytest.mark.parametrize("hostile", [
    "=1+1", "=HYPERLINK(\"http://evil.example\",\"Klicka\")", "=cmd|' /C calc'!A0", "+46 36 10 50 00", "-1",
    "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)",
])
def test_a_formula_start_gets_an_apostrophe(hostile: str) -> None:
    safe = safe_text(hostile)
    assert safe == "'" + hostile
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("harmless", ["Jönköpings kommun", "12,5 %", "Ja", "", "Kommentar – med tankstreck",
                                      "a = b", "1+1", "'citat'", "#N/A"])
def test_other_text_is_unchanged(harmless: str) -> None:
    assert safe_text(harmless) == harmless


def test_characters_xml_cannot_hold_are_dropped() -> None:
    assert safe_text("ett\x00två\x0btre\x1f") == "etttvåtre"
    assert safe_text("\x01=1+1") == "'=1+1"
    assert safe_text("rad ett\nrad två\ttabb") == "rad ett\nrad två\ttabb"
