"""The audit log as people read it (`nsm log`): every event in order, a sentence each.

:func:`read` takes the events of the records (a period's, an institution's, or all), each with
its time on the workspace's clock; :func:`sentence` renders one from its action and facts in the
language asked (words ``log.<action>``). The records keep facts only; an action this release
does not know is shown by its name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import clock, words
from nsm_excel.outputs.state_words import state_word
from nsm_excel.store import audit, calendar, database
from nsm_excel.store.workspace import Workspace

# the facts each sentence shows, in the order of its placeholders; a fact missing is shown empty
_FACTS = {
    audit.ISSUED: ("file", "version", "plan_version", "language"),
    audit.WITHDRAWN: ("reason",),
    audit.RECEIVED: ("name", "size", "sha256", "received_at"),
    audit.JUDGED: ("errors", "warnings"),
    audit.DECIDED: ("reason",),
    audit.PLAN_ADOPTED: ("number", "effective"),
    "period-opened": ("deadline",),
    "period-added": ("state", "deadline"),
    "period-migrated": ("state", "deadline"),
    "period-close": ("closing",),
    "period-set-deadline": ("from", "to"),
    audit.DRAFTED: ("file",),
    audit.REMINDED: ("file",),
}
_MAIL = (audit.DRAFTED, audit.SENT, audit.SEND_FAILED, audit.SEND_UNKNOWN, audit.REMINDED)
_DAYS = ("deadline", "effective", "from", "to")  # facts that may be ISO days
_TIMES = ("received_at",)  # facts that are times, shown on the workspace's clock


@dataclass(frozen=True)
class LogEntry:
    event: audit.Event
    time: str  # dd.mm.yyyy HH:MM on the workspace's clock

    def to_dict(self) -> dict[str, Any]:
        return self.event.to_dict() | {"time": self.time}


@dataclass(frozen=True)
class Log:
    time_zone: str
    entries: list[LogEntry]

    def to_dict(self) -> dict[str, Any]:
        return {"time_zone": self.time_zone, "events": [e.to_dict() for e in self.entries]}


def read(
    workspace: Workspace,
    period: str | None = None,
    institution: str | None = None,
    record: int | None = None,
) -> Log:
    """The events of the records, oldest first, of ``period``/``institution``/``record``."""
    zone = workspace.config.calendar.time_zone
    with database.connect(workspace.database, backup=False) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        found = audit.events(db, period=period, institution=institution, record=record)
    return Log(zone, [LogEntry(e, local(e.at, zone)) for e in found])


def local(stamp: str, zone: str) -> str:
    """``stamp`` on the workspace's clock; a stamp that is not a time is shown as stored."""
    try:
        return clock.local_time(stamp, zone)
    except ValueError:
        return stamp


def sentence(event: audit.Event, lang: str, zone: str = clock.DEFAULT_ZONE) -> str:
    """What happened, in ``lang``, from the event's action and facts (times in ``zone``)."""
    key = f"log.{event.action}"
    if not words.has(key, lang):
        return words.text("log.other", lang, action=event.action)
    facts = event.params
    values: dict[str, object] = {k: _fact(k, facts.get(k)) for k in _FACTS.get(event.action, ())}
    values |= {k: local(str(facts[k]), zone) for k in _TIMES if facts.get(k)}
    if event.action == audit.JUDGED:
        values["verdict"] = _choice("log.verdict", facts.get("status"), lang)
        if facts.get("duplicate_of") is not None:
            values["verdict"] = words.text("log.duplicate_of", lang, record=facts["duplicate_of"])
    if event.action == audit.DECIDED:
        values["decision"] = _choice("log.decision", facts.get("decision"), lang)
    if event.action in _MAIL:
        key = _mail(event, key, values, lang)
    text = words.text(key, lang, **values)
    reason = facts.get("note") if event.action == audit.PLAN_ADOPTED else facts.get("reason")
    if (event.action.startswith(audit.PERIOD) or event.action == audit.PLAN_ADOPTED) and reason:
        text += words.text("log.because", lang, reason=reason)
    return text


def _mail(event: audit.Event, key: str, values: dict[str, object], lang: str) -> str:
    """The facts of a message's sentence (what, to whom, why, what failed); its word's key."""
    facts = event.params
    recipients = facts.get("recipients")
    values["recipients"] = ", ".join(map(str, recipients)) if isinstance(recipients, list) else ""
    values["what"] = _choice("log.kind", facts.get("kind"), lang)
    values["why"] = state_word(str(facts.get("reason") or ""), lang) if facts.get("reason") else ""
    failure = _choice("mail.failure", facts.get("failure"), lang)
    values["failure"] = failure[:1].lower() + failure[1:]
    sent = event.action == audit.REMINDED and facts.get("message_id")
    return "log.reminded_sent" if sent else key


def _choice(prefix: str, value: Any, lang: str) -> str:
    key = f"{prefix}.{value}"
    return words.text(key, lang) if words.has(key, lang) else str(value or "")


def _fact(key: str, value: Any) -> object:
    if value is None:
        return ""
    if key == "sha256":
        return str(value)[:12]
    if key in _DAYS and isinstance(value, str):
        try:
            return f"{dt.date.fromisoformat(value):%d.%m.%Y}"
        except ValueError:
            return value
    return value
