"""The upload forms of the offline Excel form and of the bulk import of earlier years (Flask-WTF, CSRF)."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired

from forms.base import TranslatedForm
from tracker.domain.messages import N_

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a filled form is some 30 kB; the app refuses more than MAX_CONTENT_LENGTH


class WorkbookUploadForm(TranslatedForm):
    """One .xlsx file. Whether it is a workbook, and a harmless one, is decided by forms.excel_form.guards."""

    workbook = FileField(N_("Excel file (.xlsx)"), validators=[FileRequired(message=N_("Choose a file to upload."))])

    def read(self) -> tuple[str, bytes]:
        """After `validate()`: the file's name and at most MAX_UPLOAD_BYTES + 1 of its bytes."""
        storage = self.workbook.data
        return str(storage.filename or "")[:255], storage.read(MAX_UPLOAD_BYTES + 1)
