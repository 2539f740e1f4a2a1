"""What every web form shares: labels and error messages are English msgids, translated by the caller's gettext.

The forms never look up the language (or the request) themselves: the view passes its `gettext`, so the
same form class serves Swedish and English and stays testable without a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from wtforms import Form
from wtforms.fields.core import Field

Gettext = Callable[[str], str]


class FormData(Protocol):
    """What a form reads its input from: the request's form or files (a MultiDict), as the view passes it."""

    def __contains__(self, key: object, /) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def getlist(self, key: str, /) -> list[Any]: ...


def strip_text(value: Any) -> Any:
    """A filter: surrounding spaces removed (a pasted address often brings one)."""
    return value.strip() if isinstance(value, str) else value


class TranslatedForm(Form):
    """A WTForms form whose field labels and validation messages are msgids, translated with `gettext`.

    `formdata` is what the view passes (its `request.form` or `request.files` on POST, None to show an empty
    form). A plain `wtforms.Form`, not Flask-WTF's: a form never reads the request or the session. The CSRF
    token is checked by the app for every POST (CSRFProtect in tracker.web) and rendered by the template.
    """

    def __init__(self, formdata: FormData | None = None, *, gettext: Gettext, **kwargs: Any) -> None:
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
        """The fields a person fills in (not the hidden ones)."""
        return [field for field in self if field.type != "HiddenField"]
