"""The project leaders' review forms: approve a submitted report, or send it back with a comment.

Both carry the version of the report the page showed (optimistic locking). Whether the comment is acceptable
(required, its length, its characters) is decided by the operation (tracker.operations.review.review_comment,
with domain/values.py); the view puts its message at the field.
"""

from __future__ import annotations

from wtforms import HiddenField, TextAreaField

from forms.base import TranslatedForm
from forms.reporting import read_version
from tracker.domain.messages import N_


class ApproveForm(TranslatedForm):
    version = HiddenField()

    def posted_version(self) -> int | None:
        return read_version(self.version.data)


class SendBackForm(TranslatedForm):
    comment = TextAreaField(N_("What should the party correct or complete?"))
    version = HiddenField()

    def posted_version(self) -> int | None:
        return read_version(self.version.data)
