"""One message as a person reads it: its words in the institution's language, its attachment.

Pure: facts in, an :class:`email.message.EmailMessage` out (policy SMTP: CRLF lines, names with
ë or ç encoded as RFC 2047 words). Addresses come checked by :mod:`nsm_excel.desk.contacts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from nsm_excel.core import words
from nsm_excel.desk.contacts import clean_name

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class Letter:
    """What one message says: its words' keys and values, in ``lang``."""

    lang: str
    subject_key: str
    paragraph_keys: tuple[str, ...]
    values: dict[str, str]
    person: str = ""  # the greeting's name
    problems: tuple[str, ...] = ()  # listed after the paragraphs
    secretariat: str = ""
    contact: str = ""  # the secretariat's e-mail and phone

    def subject(self) -> str:
        return clean_name(words.text(self.subject_key, self.lang, **self.values))

    def body(self) -> str:
        lang = self.lang
        if self.person:
            greeting = words.text("mail.greeting", lang, name=self.person)
        else:
            greeting = words.text("mail.greeting_anonymous", lang)
        parts = [greeting, *(words.text(k, lang, **self.values) for k in self.paragraph_keys)]
        if self.problems:
            listed = "\n".join(f"- {p}" for p in self.problems)
            parts.append(words.text("mail.reminder.problems", lang) + "\n" + listed)
        parts.append(words.text("mail.signature", lang, secretariat=self.secretariat))
        if self.contact:
            parts.append(words.text("mail.contact", lang, contact=self.contact))
        return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes


def build(
    letter: Letter,
    sender: Address,
    to: Sequence[Address],
    message_id: str,
    date: dt.datetime,
    attachment: Attachment | None = None,
    draft: bool = True,
) -> EmailMessage:
    """The message; ``draft`` adds ``X-Unsent: 1`` (Outlook opens it ready to send)."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = tuple(to)
    message["Subject"] = letter.subject()
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(letter.body())
    if attachment is not None:
        message.add_attachment(
            attachment.data, maintype=XLSX[0], subtype=XLSX[1], filename=attachment.name
        )
    message["Content-Language"] = letter.lang  # after the content, which resets Content-*
    return message
