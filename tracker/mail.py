"""Sending mail: over SMTP, or printed to the console when no SMTP server is configured.

No Flask here: the caller passes the settings (the app's config mapping, or a `MailSettings`), so the CLI
and the web app send the same way. Without `MAIL_SERVER` (the demo of `make run`) the whole message is
printed to stdout, framed, so that a sign-in link can be copied from the terminal; production turns that off
(MAIL_CONSOLE), and a mail without a server is then refused with MailError.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any, TextIO

log = logging.getLogger(__name__)

_FRAME = "=" * 72
_POLICY = policy.default.clone(max_line_length=998)
"""Lines up to RFC 5322's 998 characters: the default policy folds a subject at 78, and its folding of
encoded words loses the space between two non-ASCII words ("Region  Jönköpingslän" for "Region Jönköpings
län"); a subject (at most 255 characters) is never folded now."""


class MailError(Exception):
    """The mail could not be handed to the SMTP server."""


@dataclass(frozen=True)
class MailSettings:
    server: str | None = None
    port: int = 25
    username: str | None = None
    password: str | None = None
    use_tls: bool = False
    use_ssl: bool = False
    timeout: float = 10
    default_sender: str = "noreply@localhost"
    console: bool = True  # without a server: print the mail (development), else refuse to send it

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        """The `MAIL_*` settings of a config mapping (`tracker.config.Config`, `app.config`)."""
        return cls(
            server=config.get("MAIL_SERVER") or None,
            port=int(config.get("MAIL_PORT") or 25),
            username=config.get("MAIL_USERNAME") or None,
            password=config.get("MAIL_PASSWORD") or None,
            use_tls=bool(config.get("MAIL_USE_TLS")),
            use_ssl=bool(config.get("MAIL_USE_SSL")),
            timeout=float(config.get("MAIL_TIMEOUT") or 10),
            default_sender=config.get("MAIL_DEFAULT_SENDER") or cls.default_sender,
            console=bool(config.get("MAIL_CONSOLE", True)),
        )


def build_message(settings: MailSettings, to: str, subject: str, body_text: str) -> EmailMessage:
    """A plain-text UTF-8 message with the headers mail servers expect (Date, Message-ID)."""
    message = EmailMessage(policy=_POLICY)
    message["From"] = settings.default_sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    domain = parseaddr(settings.default_sender)[1].partition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies, please
    message.set_content(body_text, charset="utf-8")
    return message


def send_mail(
    settings: MailSettings | Mapping[str, Any],
    to: str,
    subject: str,
    body_text: str,
    *,
    console: TextIO | None = None,
) -> EmailMessage:
    """Send a plain-text mail. Raises `MailError` when the SMTP server cannot be reached or refuses it.

    Without a server in the settings the mail is printed to `console` (stdout) instead.
    """
    if not isinstance(settings, MailSettings):
        settings = MailSettings.from_config(settings)
    message = build_message(settings, to, subject, body_text)
    if not settings.server:
        if not settings.console:
            raise MailError(f"could not send mail to {to}: MAIL_SERVER is not set (and the console is off)")
        print_mail(message, body_text, console or sys.stdout)
        return message
    try:
        _deliver(settings, message)
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"could not send mail to {to} via {settings.server}:{settings.port}: {error}") from error
    log.info("mail sent to %s: %s", to, subject)
    return message


def _deliver(settings: MailSettings, message: EmailMessage) -> None:
    assert settings.server is not None
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.use_ssl:
        smtp = smtplib.SMTP_SSL(settings.server, settings.port, timeout=settings.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
    with smtp:
        if settings.use_tls and not settings.use_ssl:
            smtp.starttls(context=context)
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(message)


def print_mail(message: EmailMessage, body_text: str, out: TextIO) -> None:
    """The console "mail server" of development: the message, framed, readable, links unbroken."""
    lines = [
        "",
        _FRAME,
        "MAIL (not sent: MAIL_SERVER is not set; printed here instead)",
        f"From:    {message['From']}",
        f"To:      {message['To']}",
        f"Subject: {message['Subject']}",
        "-" * 72,
        body_text.rstrip("\n"),
        _FRAME,
        "",
    ]
    out.write("\n".join(lines) + "\n")
    out.flush()
