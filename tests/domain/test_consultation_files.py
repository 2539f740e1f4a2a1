"""The decision file a party attaches (tracker.domain.consultation.checked_attachment): told by its first bytes,
its name made safe to store and to offer again, everything else refused with a message."""

from __future__ import annotations

import pytest

from tracker.domain.consultation import ATTACHMENT_MAX_BYTES, checked_attachment
from tracker.domain.numbers import InvalidValue

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("Beslut KS 2025-31.pdf", PDF, ("Beslut KS 2025-31.pdf", "application/pdf")),
    ("C:\\Users\\eva\\protokoll.PDF", PDF, ("protokoll.PDF", "application/pdf")),
    ("../../etc/passwd", PDF, ("passwd.pdf", "application/pdf")),  # a PDF whatever its name says
    ("beslut\u202efdp.exe", PDF, ("beslut_fdp.exe.pdf", "application/pdf")),
    ("skannat.jpeg", b"\xff\xd8\xff\xe0rest", ("skannat.jpeg", "image/jpeg")),
    ("bild.png", b"\x89PNG\r\n\x1a\nrest", ("bild.png", "image/png")),
    ("protokoll.docx", b"PK\x03\x04rest", ("protokoll.docx",
                                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    ("protokoll.odt", b"PK\x03\x04rest", ("protokoll.odt", "application/vnd.oasis.opendocument.text")),
    ("", PDF, ("beslut.pdf", "application/pdf")),
])
def test_a_decision_file_is_taken_under_a_safe_name(name: str, data: bytes, expected: tuple[str, str]) -> None:
    assert checked_attachment(name, data) == expected


@pytest.mark.parametrize(("name", "data", "code"), [
    ("tom.pdf", b"", "attachment_empty"),
    ("stor.pdf", PDF + b"0" * ATTACHMENT_MAX_BYTES, "attachment_too_large"),
    ("program.exe", b"MZ\x90\x00", "attachment_type"),
    ("arkiv.zip", b"PK\x03\x04", "attachment_type"),  # a zip that is no text document
    ("sida.html", b"<html><script>alert(1)</script>", "attachment_type"),
])
def test_anything_else_is_refused(name: str, data: bytes, code: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        checked_attachment(name, data)
    assert refused.value.code == code


def test_a_long_name_keeps_its_ending() -> None:
    name, _ = checked_attachment("å" * 300 + ".pdf", PDF)
    assert len(name) == 255 and name.endswith(".pdf")
