"""``[smtp]`` and ``[reminders]`` of ``nsm.toml``: how messages leave, and when reminders are due.

Without ``[smtp]`` messages are written as ``.eml`` files for the secretariat to send from its
own mail program. With it they go through that server: ``starttls`` upgrades the connection
with the system's certificates, ``user`` logs in with the password held in the environment
variable named by ``password_env`` (the password itself never sits in the file). Every wrong
value is a :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nsm_excel.core.errors import ConfigError

DAYS_BEFORE = 7  # reminders go to the pending this many days before the deadline


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    password_env: str = ""  # the NAME of the environment variable holding the password
    sender: str = ""  # the From address; the secretariat's e-mail when empty
    timeout: float = 30.0

    def password(self) -> str:
        """The password from the environment; a clear error when its variable is not set."""
        if not self.password_env:
            raise ConfigError(f"[smtp] user {self.user!r} is set: name password_env too")
        found = os.environ.get(self.password_env)
        if found is None:
            raise ConfigError(
                f"[smtp] password_env: the environment variable {self.password_env} is not set; "
                "set it to the mail account's password before sending"
            )
        return found


def smtp(data: dict[str, Any], path: Path) -> SmtpSettings | None:
    """``[smtp]`` of ``data``, or None when there is none (messages are written as files)."""
    if "smtp" not in data:
        return None
    section = data["smtp"]
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [smtp] must be a table")
    get = _Section(section, path)
    host = get.text("host")
    if not host:
        raise ConfigError(f"{path}: [smtp] host is missing; add the mail server's name")
    port = get.number("port", 587)
    if not 1 <= port <= 65535:
        raise ConfigError(f"{path}: [smtp] port must be a port number, 1-65535")
    timeout = get.number("timeout", 30)
    if not 1 <= timeout <= 600:
        raise ConfigError(f"{path}: [smtp] timeout must be a number of seconds, 1-600")
    return SmtpSettings(
        host=host,
        port=port,
        starttls=get.flag("starttls", True),
        user=get.text("user"),
        password_env=get.text("password_env"),
        sender=get.text("from"),
        timeout=float(timeout),
    )


def days_before(data: dict[str, Any], path: Path) -> int:
    """``[reminders] days_before`` (7 when missing)."""
    section = data.get("reminders", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [reminders] must be a table")
    days = _Section(section, path, "reminders").number("days_before", DAYS_BEFORE)
    if not 0 <= days <= 366:
        raise ConfigError(f"{path}: [reminders] days_before must be a number of days, 0-366")
    return days


def render(settings: SmtpSettings | None, days: int) -> str:
    """The ``[smtp]`` (commented out when unset) and ``[reminders]`` part of ``nsm.toml``."""
    if settings is None:
        smtp_text = (
            "# Without [smtp], `nsm send` and `nsm remind` write each message as an .eml file\n"
            "# under outbox/<PERIOD>/mail/ to open and send from the mail program. Remove the\n"
            "# '#' to send through a server (the password sits in an environment variable):\n"
            '# [smtp]\n# host = "smtp.example.gov.al"\n# port = 587\n# starttls = true\n'
            '# user = "nsm-secretariat"\n# password_env = "NSM_SMTP_PASSWORD"\n'
            '# from = "secretariat@example.gov.al"\n# timeout = 30\n'
        )
    else:
        smtp_text = (
            "# Messages go through this server; the password is in the environment variable\n"
            "# password_env names.\n[smtp]\n"
            f"host = {_q(settings.host)}\nport = {settings.port}\n"
            f"starttls = {'true' if settings.starttls else 'false'}\n"
            f"user = {_q(settings.user)}\npassword_env = {_q(settings.password_env)}\n"
            f"from = {_q(settings.sender)}\ntimeout = {int(settings.timeout)}\n"
        )
    return (
        f"{smtp_text}\n[reminders]\n# `nsm remind` reminds institutions with no return this many "
        f"days before the deadline\n# (and every overdue or rejected one).\ndays_before = {days}\n"
    )


def _q(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04X}" for c in escaped) + '"'


@dataclass(frozen=True)
class _Section:
    data: dict[str, Any]
    path: Path
    name: str = "smtp"

    def text(self, key: str) -> str:
        found = self.data.get(key, "")
        if not isinstance(found, str):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be a text in quotes")
        if any(not c.isprintable() for c in found):
            raise ConfigError(f"{self.path}: [{self.name}] {key} holds a control character")
        return found.strip()

    def number(self, key: str, default: int) -> int:
        found = self.data.get(key, default)
        if isinstance(found, bool) or not isinstance(found, int):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be a whole number")
        return found

    def flag(self, key: str, default: bool) -> bool:
        found = self.data.get(key, default)
        if not isinstance(found, bool):
            raise ConfigError(f"{self.path}: [{self.name}] {key} must be true or false")
        return found
