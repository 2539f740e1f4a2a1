"""tracker.mail: plain-text UTF-8 mail over SMTP (a real local server), or printed when there is none."""

from __future__ import annotations

import io
import socket
from typing import TYPE_CHECKING

import pytest

from tracker.config import Config
from tracker.mail import MailError, MailSettings, send_mail

if TYPE_CHECKING:
    from tests.conftest import SmtpServer


def test_a_mail_reaches_the_smtp_server_with_swedish_text_intact(smtp_server: SmtpServer) -> None:
    settings = MailSettings(server=smtp_server.host, port=smtp_server.port,
                            default_sender="Biogasuppföljning <noreply@exempel.se>")
    send_mail(settings, "kim@kommun.se", "Din länk – åäö", "Hej Kim!\n\nLänken gäller i 30 minuter.\n")
    [message] = smtp_server.messages
    assert message["Subject"] == "Din länk – åäö"
    assert message["From"] == "Biogasuppföljning <noreply@exempel.se>"
    assert message["To"] == "kim@kommun.se"
    assert message["Message-ID"].endswith("@exempel.se>")
    assert message["Date"]
    assert message.get_content() == "Hej Kim!\n\nLänken gäller i 30 minuter.\n"


def test_the_app_config_is_settings_too(smtp_server: SmtpServer) -> None:
    config = {**Config().as_mapping(), **smtp_server.config}
    send_mail(config, "kim@kommun.se", "Ämne", "Text")
    assert [m["To"] for m in smtp_server.messages] == ["kim@kommun.se"]


def test_without_a_server_the_mail_is_printed_framed() -> None:
    out = io.StringIO()
    send_mail(MailSettings(), "kim@kommun.se", "Din länk", "Hej!\nhttp://localhost/logga-in/lank/abc\n", console=out)
    printed = out.getvalue()
    assert "MAIL (not sent: MAIL_SERVER is not set" in printed
    assert "To:      kim@kommun.se" in printed and "Subject: Din länk" in printed
    assert "\nhttp://localhost/logga-in/lank/abc\n" in printed  # the link on a line of its own, unbroken
    assert printed.count("=" * 72) == 2


def test_an_unreachable_server_raises_mail_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(MailError, match=r"could not send mail to kim@kommun\.se"):
        send_mail(MailSettings(server="127.0.0.1", port=port, timeout=2), "kim@kommun.se", "Ämne", "Text")


def test_the_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"MAIL_SERVER": "smtp.kommun.se", "MAIL_PORT": "587", "MAIL_USERNAME": "biogas",
                        "MAIL_PASSWORD": "hemligt", "MAIL_USE_TLS": "1", "MAIL_DEFAULT_SENDER": "a@b.se",
                        "SESSION_COOKIE_SECURE": "true", "SIGN_IN_LINK_MAX_AGE": "600"}.items():
        monkeypatch.setenv(name, value)
    config = Config()
    settings = MailSettings.from_config(config.as_mapping())
    assert settings == MailSettings(server="smtp.kommun.se", port=587, username="biogas", password="hemligt",
                                    use_tls=True, use_ssl=False, timeout=10, default_sender="a@b.se")
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    assert config.SIGN_IN_LINK_MAX_AGE == 600


def test_the_defaults_print_mail_and_keep_cookies_for_http(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAIL_SERVER", "SESSION_COOKIE_SECURE", "SIGN_IN_LINK_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    config = Config()
    assert config.MAIL_SERVER is None
    assert not config.SESSION_COOKIE_SECURE
    assert config.SIGN_IN_LINK_MAX_AGE == 30 * 60
    assert config.SESSION_COOKIE_HTTPONLY and config.SESSION_COOKIE_SAMESITE == "Lax"
    assert config.PERMANENT_SESSION_LIFETIME.total_seconds() == 8 * 3600


@pytest.mark.parametrize("subject", [
    "Agreement on biogas in Jönköping County 2025: time to report for Region Jönköpings län",
    "Påminnelse: rapporten för Region Jönköpings län 2025 är inte inlämnad, sista dag 31 januari 2027 för "
    "Överenskommelse kring biogas i Jönköpings län",
])
def test_a_long_subject_with_swedish_letters_arrives_as_written(subject: str) -> None:
    from email import message_from_bytes
    from email import policy as email_policy

    from tracker.mail import MailSettings, build_message

    raw = build_message(MailSettings(), "a@kommun.se", subject, "Hej!").as_bytes()
    assert message_from_bytes(raw, policy=email_policy.default)["Subject"] == subject
