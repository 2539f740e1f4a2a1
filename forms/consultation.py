"""The consultation forms: a new consultation (the project leaders), and a party's decision on it (the party's
contacts, or a project leader on its behalf). What may be stored is decided by tracker.operations.consultations
(texts) and tracker.domain.consultation (the attached file); these put the messages at the fields."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, FileField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from forms.base import TranslatedForm, strip_text
from forms.rounds import IsoDate, read_date
from forms.upload import MAX_UPLOAD_BYTES
from tracker.domain.consultation import DECISION_LABELS, Decision
from tracker.domain.messages import N_
from tracker.operations.consultations import BODY_MAX, REFERENCE_MAX, TEXT_MAX, TITLE_MAX, Attachment, DecisionInput


class NewConsultationForm(TranslatedForm):
    title_sv = StringField(N_("The question (Swedish)"), validators=[
        DataRequired(message=N_("Give the consultation its question.")),
        Length(max=TITLE_MAX, message=N_("The text is too long."))], filters=[strip_text])
    title_en = StringField(N_("The question (English)"), validators=[
        Length(max=TITLE_MAX, message=N_("The text is too long."))], filters=[strip_text])
    proposal_sv = TextAreaField(N_("The forum's proposal (Swedish)"), validators=[
        Length(max=TEXT_MAX, message=N_("The text is too long."))])
    proposal_en = TextAreaField(N_("The forum's proposal (English)"), validators=[
        Length(max=TEXT_MAX, message=N_("The text is too long."))])
    deadline_on = StringField(N_("Answer by"), validators=[Optional(), IsoDate()], filters=[strip_text])


class DecisionForm(TranslatedForm):
    decision = StringField(N_("The party's decision"))  # radio buttons, one per Decision (`choices`)
    decided_by = StringField(N_("Decided by"), validators=[
        DataRequired(message=N_("Name the body that decided, for example Kommunfullmäktige.")),
        Length(max=BODY_MAX, message=N_("The text is too long."))], filters=[strip_text])
    decided_on = StringField(N_("Date of the decision"), validators=[
        DataRequired(message=N_("Give the day of the decision.")), IsoDate()], filters=[strip_text])
    reference = StringField(N_("Reference number (diarienummer)"), validators=[
        Length(max=REFERENCE_MAX, message=N_("The text is too long."))], filters=[strip_text])
    comment = TextAreaField(N_("Comment"), validators=[Length(max=TEXT_MAX, message=N_("The text is too long."))])
    attachment = FileField(N_("The decision as a file (PDF, Word, OpenDocument or a picture)"))
    remove_attachment = BooleanField(N_("Remove the attached file"))
    version = HiddenField()

    def __init__(self, formdata: Any = None, files: Any = None, **kwargs: Any) -> None:
        super().__init__(formdata, **kwargs)
        self._files = files

    def choices(self) -> list[tuple[str, str]]:
        """The decisions as (value, label): the radio buttons of the `decision` field."""
        return [(str(d), self._gettext(DECISION_LABELS[d])) for d in Decision]

    def validate_decision(self, field: Any) -> None:
        if field.data not in {str(d) for d in Decision}:
            raise ValidationError(N_("Choose the party's decision."))

    def given(self) -> DecisionInput:
        """After `validate()`: what was typed, and the file if one was chosen (at most MAX_UPLOAD_BYTES + 1 of it)."""
        attachment = None
        storage = self._files.get("attachment") if self._files is not None else None
        if storage is not None and getattr(storage, "filename", None):
            attachment = Attachment(str(storage.filename)[:255], storage.read(MAX_UPLOAD_BYTES + 1))
        return DecisionInput(self.decision.data or "", self.decided_by.data or "", read_date(self.decided_on.data),
                             self.reference.data or "", self.comment.data or "", attachment,
                             bool(self.remove_attachment.data))

    def version_number(self) -> int | None:
        text = self.version.data or ""
        return int(text) if text.isdigit() else None
