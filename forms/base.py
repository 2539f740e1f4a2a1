"""What every web form shares: labels and error messages are English msgids, translated by the caller's gettext.

The forms never look up the language (or the request) themselves: the view passes its `gettext`, so the
same form class serves Swedish and English and stays testable without a request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms.fields.core import Field

Gettext = Callable[[str], str]


def strip_text(value: Any) -> Any:
    """A filter: surrounding spaces removed (a pasted address often brings one)."""
    return value.strip() if isinstance(value, str) else value


class TranslatedForm(FlaskForm):
    """A FlaskForm whose field labels and validation messages are msgids, translated with `gettext`.

    `formdata` is what the view passes (its `request.form` on POST, None to show an empty form).
    """

    def __init__(self, formdata: Mapping[str, Any] | None = None, *, gettext: Gettext, **kwargs: Any) -> None:
        super().__init__(formdata=formdata, **kwargs)
        self._gettext = gettext
        for field in self:
            field.label.text = gettext(field.label.text)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            field.errors = [self._gettext(str(error)) for error in field.errors]
        self.form_errors = [self._gettext(str(error)) for error in self.form_errors]
        return valid

    def visible_fields(self) -> list[Field]:
        """The fields a person fills in (not the CSRF token)."""
        return [field for field in self if field.type not in {"CSRFTokenField", "HiddenField"}]
