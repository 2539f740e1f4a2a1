"""Refuse a hostile or broken upload before openpyxl parses a byte of it.

An .xlsx file is a zip of XML parts. Before the workbook is opened, `check_workbook` looks at the zip's
directory only (and at the few small XML parts' first bytes) and refuses:
- anything that is not a zip (a CSV, a PDF, an old .xls, random bytes) or not an Excel workbook inside;
- a workbook with macros (.xlsm, a vbaProject part, Excel 4 macro sheets, ActiveX controls, a macro-enabled
  content type);
- a zip bomb: too many parts, too much uncompressed data in total, or a part that inflates suspiciously. The
  sizes checked are the ones the zip declares; `zipfile` (and so openpyxl) never inflates a part beyond its
  declared size, so a lying header cannot get past this check;
- XML with a document type declaration or an entity anywhere in a part (entity expansion, "billion laughs"):
  real workbooks never have one. Every part, whatever its name, is read through to its end for one in UTF-8 or
  UTF-16, so a declaration behind a long comment, in a UTF-16 part or in a sheet renamed .bin is found too;
  openpyxl then parses with defusedxml, which refuses one as well.

Every refusal is an `UploadRefusedError` with a translatable message; nothing here knows the request.
"""

from __future__ import annotations

import io
import zipfile

from tracker.domain.messages import N_, Message

MAX_PARTS = 500
MAX_UNCOMPRESSED = 40 * 1024 * 1024  # what all parts may inflate to together
MAX_RATIO = 200  # a part larger than RATIO_FLOOR may inflate at most this many times
RATIO_FLOOR = 1024 * 1024
CHUNK = 64 * 1024  # an XML part is searched for a DTD in pieces of this size
DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY")
                  for encoding in ("ascii", "utf-16-le", "utf-16-be"))
"""A declaration as the XML parser reads it: in UTF-8 (and the encodings that agree with it on ASCII) or UTF-16."""
MACRO_TYPES = ("macroEnabled", "vbaProject", "vnd.ms-office.activeX")
MACRO_FOLDERS = ("xl/macrosheets/", "xl/activex/", "xl/dialogsheets/")
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


UNREADABLE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, EOFError,
    SyntaxError,  # xml.etree's ParseError: a part that is not well-formed XML
)
"""What openpyxl raises for a workbook it cannot read, after `check_workbook`: one refusal for all of them
(defusedxml's refusals of a DTD or an entity are ValueErrors)."""


class UploadRefusedError(Exception):
    """The file is refused as a whole: `message` says why, in words for the person who uploaded it."""

    def __init__(self, msgid: str, **params: object) -> None:
        self.message = Message(msgid, params)
        super().__init__(msgid % params if params else msgid)


def check_workbook(data: bytes) -> None:
    """Raise `UploadRefusedError` unless `data` looks like a harmless .xlsx workbook that is safe to parse."""
    if not data:
        raise UploadRefusedError(N_("The file is empty."))
    if not data.startswith(b"PK\x03\x04"):
        raise UploadRefusedError(N_("The file is not an Excel workbook (.xlsx). Save it as an Excel workbook and try "
                               "again."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook.")) from None
    with archive:
        _check_sizes(infos)
        names = {info.filename for info in infos}
        if any("vbaproject" in name.lower() or name.lower().startswith(MACRO_FOLDERS) for name in names):
            raise UploadRefusedError(N_("The workbook contains macros. Save it as an ordinary Excel workbook (.xlsx) "
                                   "without macros and try again."))
        if not all(part in names for part in REQUIRED_PARTS):
            raise UploadRefusedError(N_("The file is not an Excel workbook (.xlsx). Save it as an Excel workbook and "
                                   "try again."))
        content_types = _read(archive, "[Content_Types].xml")
        if any(word.encode() in content_types for word in MACRO_TYPES):
            raise UploadRefusedError(N_("The workbook contains macros. Save it as an ordinary Excel workbook (.xlsx) "
                                   "without macros and try again."))
        for info in infos:  # every part, whatever its name: openpyxl finds a sheet by the workbook's references
            if _has_dtd(archive, info.filename):
                raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook."))


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """The zip's own declarations, before anything is inflated: count, total size, compression ratio."""
    bomb = N_("The file unpacks to far more data than an Excel form holds, and is refused.")
    if len(infos) > MAX_PARTS:
        raise UploadRefusedError(bomb)
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise UploadRefusedError(bomb)
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UploadRefusedError(bomb)
        if info.flag_bits & 0x1:
            raise UploadRefusedError(N_("The workbook is protected with a password. Save it without a password and "
                                   "try again."))


def _has_dtd(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether the part holds "<!DOCTYPE" or "<!ENTITY" (in any case, UTF-8 or UTF-16) anywhere, read in pieces; a
    mark cut in two by a piece's end is found with the tail kept of the piece before."""
    overlap = max(len(mark) for mark in DTD_MARKS) - 1
    tail = b""
    try:
        with archive.open(name) as part:
            while piece := part.read(CHUNK):
                window = (tail + piece).upper()
                if any(mark in window for mark in DTD_MARKS):
                    return True
                tail = window[-overlap:]
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook.")) from None
    return False


def _read(archive: zipfile.ZipFile, name: str, limit: int = MAX_UNCOMPRESSED) -> bytes:
    """At most `limit` bytes of a part; the declared size was checked, and this never reads past it."""
    try:
        with archive.open(name) as part:
            return part.read(limit)
    # zipfile's errors for a damaged part: a bad CRC or header (BadZipFile, OSError, EOFError); RuntimeError
    # covers an encrypted part and a compression method zipfile cannot unpack (its NotImplementedError).
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise UploadRefusedError(N_("The file is damaged and cannot be read as an Excel workbook.")) from None
