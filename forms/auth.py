"""The sign-in forms: email and password, and the request for a one-time sign-in link."""

from __future__ import annotations

from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length, Regexp

from forms.base import TranslatedForm, strip_text
from tracker.domain.messages import N_

# Deliberately loose: one @, something on each side, a dot in the domain. The mail server decides the rest.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
EMAIL_MAX_LENGTH = 254  # RFC 5321
PASSWORD_MAX_LENGTH = 1024  # long passphrases are welcome; megabytes are not hashed

_email_validators = [
    DataRequired(message=N_("Enter your email address.")),
    Length(max=EMAIL_MAX_LENGTH, message=N_("The email address is too long.")),
    Regexp(EMAIL_PATTERN, message=N_("Enter an email address, for example namn@kommun.se.")),
]


class SignInForm(TranslatedForm):
    email = EmailField(N_("Email address"), validators=_email_validators, filters=[strip_text])
    password = PasswordField(
        N_("Password"),
        validators=[
            DataRequired(message=N_("Enter your password.")),
            Length(max=PASSWORD_MAX_LENGTH, message=N_("The password is too long.")),
        ],
    )


class SignInLinkForm(TranslatedForm):
    email = EmailField(N_("Email address"), validators=_email_validators, filters=[strip_text])
