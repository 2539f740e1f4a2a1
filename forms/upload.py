"""The upload forms of the offline Excel form and of the bulk import of earlier years."""

from __future__ import annotations

from typing import Any

from wtforms import FileField, Form
from wtforms.fields.core import Field
from wtforms.validators import StopValidation

from forms.base import TranslatedForm
from tracker.domain.messages import N_

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a filled form is some 30 kB; the app refuses more than MAX_CONTENT_LENGTH


class FileRequired:
    """A file was chosen: the field holds an uploaded file (the view passes `request.files`) with a name."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, _form: Form, field: Field) -> None:
        data: Any = field.data
        if not (hasattr(data, "read") and getattr(data, "filename", None)):
            field.errors = []
            raise StopValidation(self.message)


class WorkbookUploadForm(TranslatedForm):
    """One .xlsx file. Whether it is a workbook, and a harmless one, is decided by forms.excel_form.guards."""

    workbook = FileField(N_("Excel file (.xlsx)"), validators=[FileRequired(message=N_("Choose a file to upload."))])

    def read(self) -> tuple[str, bytes]:
        """After `validate()`: the file's name and at most MAX_UPLOAD_BYTES + 1 of its bytes."""
        storage = self.workbook.data
        return str(storage.filename or "")[:255], storage.read(MAX_UPLOAD_BYTES + 1)
