"""Handing one message to the mail server of ``[smtp]``: the edge that talks to the network.

STARTTLS with the system's certificates (``ssl.create_default_context``), then a login when a
user is set. Any failure is a :class:`SendFailure` with a kind (``refused``, ``timeout``,
``auth``,
``no-login``, ``tls``, ``recipients``, ``server``) and the server's own words as a fact.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from nsm_excel.store.mail_settings import SmtpSettings


class SendFailure(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def deliver(
    settings: SmtpSettings,
    password: str,
    message: EmailMessage,
    context: ssl.SSLContext | None = None,
) -> None:
    """Send ``message`` through the server of ``settings``, or raise :class:`SendFailure`."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as server:
            if settings.starttls:
                server.starttls(context=context or ssl.create_default_context())
            if settings.user:
                _login(server, settings.user, password)
            server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailure("auth", _said(exc)) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise SendFailure("recipients", refused) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise SendFailure("tls", str(exc)) from exc
    except smtplib.SMTPException as exc:
        raise SendFailure("server", _said(exc)) from exc
    except ssl.SSLError as exc:
        raise SendFailure("tls", str(exc)) from exc
    except TimeoutError as exc:
        raise SendFailure("timeout", f"no answer from {settings.host}:{settings.port}") from exc
    except OSError as exc:  # refused, unreachable, no such host
        raise SendFailure("refused", f"{settings.host}:{settings.port}: {exc}") from exc


def _login(server: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a server that offers no login at all is told apart from a TLS failure."""
    try:
        server.login(user, password)
    except smtplib.SMTPNotSupportedError as exc:
        raise SendFailure("no-login", str(exc)) from exc


def _said(exc: smtplib.SMTPException) -> str:
    code = getattr(exc, "smtp_code", "")
    error = getattr(exc, "smtp_error", b"")
    text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error or exc)
    return f"{code} {text}".strip()
