"""Writing or sending the messages of one run, each recorded with its audit event.

Without ``[smtp]`` each message is an ``.eml`` file (``X-Unsent: 1``) under
``outbox/<P>/mail/``, recorded ``drafted``. With it the file is written too (kept when sending
fails, to send by hand), the row is committed ``sending`` before the server is spoken to and
marked ``sent`` or ``failed`` after, so a message is sent at most once: a ``sending`` row a
later run finds becomes ``unknown``. A message already written or sent to one of the same
addresses with the same content is refused unless ``again``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field, replace
from email.headerregistry import Address
from email.utils import make_msgid
from typing import Any

from nsm_excel.core.issues import Issue
from nsm_excel.desk import messages, smtp
from nsm_excel.desk.contacts import clean_name
from nsm_excel.desk.messages import Attachment, Letter
from nsm_excel.store import atomic, audit, database, mailings
from nsm_excel.store.config import Config
from nsm_excel.store.mailings import Mailing
from nsm_excel.store.workspace import Workspace

ALREADY, SKIPPED = "already", "skipped"  # outcomes of a message not made


@dataclass(frozen=True)
class Draft:
    """One message to make: who, what it says, what it carries, and what it is about."""

    mailing: Mailing  # its record to be (state and ids filled in when made)
    to: tuple[Address, ...]
    letter: Letter
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Outcome:
    institution: str
    kind: str
    state: str  # drafted, sent, failed, unknown, already, skipped
    recipients: tuple[str, ...] = ()
    file: str = ""
    reason: str = ""
    failure: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__) | {"recipients": list(self.recipients)}


@dataclass(frozen=True)
class MailResult:
    period: str
    outcomes: tuple[Outcome, ...]
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """No address problem and nothing failed."""
        bad = (mailings.FAILED, mailings.UNKNOWN, SKIPPED)
        return not self.issues and not any(o.state in bad for o in self.outcomes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "ok": self.ok,
            "messages": [o.to_dict() for o in self.outcomes],
            "issues": [i.to_dict() for i in self.issues],
        }


def settle_stalled(db: sqlite3.Connection) -> list[Outcome]:
    """Messages a stopped run left ``sending`` become ``unknown``, each with its event."""
    found = []
    for stalled in mailings.stalled(db):
        with database.transaction(db):
            mailings.mark(db, stalled.id or 0, mailings.UNKNOWN, audit.now())
            _event(db, audit.SEND_UNKNOWN, stalled, mail=stalled.id)
        found.append(_outcome(stalled, mailings.UNKNOWN))
    return found


def make(
    workspace: Workspace,
    db: sqlite3.Connection,
    drafts: list[Draft],
    again: bool = False,
    now: dt.datetime | None = None,
) -> list[Outcome]:
    """Write (or send) each of ``drafts``; what became of each."""
    config = workspace.config
    sender = _sender(config.secretariat_name, config.smtp.sender if config.smtp else "", config)
    password = ""
    if config.smtp is not None and config.smtp.user:
        password = config.smtp.password()  # a clear error before anything is recorded
    outcomes = []
    for draft in drafts:
        known = mailings.of_period(db, draft.mailing.period)
        earlier = mailings.earlier(known, draft.mailing)
        if earlier is not None and not again:
            outcomes.append(_outcome(draft.mailing, ALREADY, earlier.file))
            continue
        outcomes.append(_one(workspace, db, draft, sender, password, now))
    return outcomes


def _one(
    workspace: Workspace,
    db: sqlite3.Connection,
    draft: Draft,
    sender: Address,
    password: str,
    now: dt.datetime | None,
) -> Outcome:
    at = now or dt.datetime.now(dt.UTC)
    stamp = at.isoformat(timespec="seconds")
    message_id = make_msgid(domain=sender.domain or "localhost")
    message = messages.build(draft.letter, sender, draft.to, message_id, at, draft.attachment)
    m = draft.mailing
    folder = workspace.outbox / m.period / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{m.institution}_{m.period}_{m.kind}.eml"
    path = atomic.free_name(folder / name, "{stem}_{n}{suffix}")
    atomic.write_bytes(path, message.as_bytes())
    file = path.relative_to(workspace.root).as_posix()
    settings = workspace.config.smtp
    state = mailings.DRAFTED if settings is None else mailings.SENDING
    row = replace(m, message_id=message_id, file=file, state=state, created_at=stamp)
    with database.transaction(db):
        mail_id = mailings.add(db, row)
        if settings is None:
            _event(db, _action(row, mailings.DRAFTED), row, mail=mail_id, file=file)
    if settings is None:
        return _outcome(row, mailings.DRAFTED, file)
    del message["X-Unsent"]
    try:
        smtp.deliver(settings, password, message)
    except smtp.SendFailure as failure:
        facts = {"kind": failure.kind, "detail": failure.detail}
        with database.transaction(db):
            mailings.mark(db, mail_id, mailings.FAILED, audit.now(), facts)
            _event(
                db,
                audit.SEND_FAILED,
                row,
                mail=mail_id,
                failure=failure.kind,
                detail=failure.detail,
            )
        return replace(_outcome(row, mailings.FAILED, file), failure=facts)
    with database.transaction(db):
        mailings.mark(db, mail_id, mailings.SENT, audit.now())
        _event(db, _action(row, mailings.SENT), row, mail=mail_id, message_id=message_id)
    return _outcome(row, mailings.SENT, file)


def _action(row: Mailing, state: str) -> str:
    if row.kind == mailings.REMINDER:
        return audit.REMINDED
    return audit.SENT if state == mailings.SENT else audit.DRAFTED


def _event(db: sqlite3.Connection, action: str, row: Mailing, **params: Any) -> None:
    audit.append(
        db,
        action,
        period=row.period,
        institution=row.institution,
        record=row.record,
        template_id=row.template_id,
        kind=row.kind,
        reason=row.reason,
        recipients=list(row.recipients),
        **params,
    )


def _outcome(row: Mailing, state: str, file: str = "") -> Outcome:
    return Outcome(row.institution, row.kind, state, row.recipients, file or row.file, row.reason)


def _sender(name: str, address: str, config: Config) -> Address:
    spec = address or config.secretariat_email
    local, _, domain = spec.partition("@")
    return Address(display_name=clean_name(name), username=local, domain=domain)
