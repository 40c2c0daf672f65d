"""``nsm remind``: a reminder to each institution whose return is due soon, overdue or rejected.

Who is due comes from the status the tool already computes (:mod:`nsm_excel.outputs.status`):
an institution with nothing received within ``[reminders] days_before`` days of the deadline
(pending), after it (overdue), or with only rejected returns (its latest feedback workbook
attached, its problems listed in the text, in its language). Reminders go to the contact points
of the plan and to the reporter the institution named on the Cover of its latest return (any
period, accepted or rejected), as long as that file was matched to a template issued to it: a
file that is not is never taken at its word.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Sequence
from email.headerregistry import Address

from nsm_excel.consolidate.model import REJECTED_ONLY, InstitutionLine
from nsm_excel.core.issues import Issue
from nsm_excel.core.periods import Period
from nsm_excel.desk import contacts, dispatch
from nsm_excel.desk.dispatch import Draft, MailResult
from nsm_excel.desk.messages import Attachment, Letter
from nsm_excel.desk.send import pick, secretariat_contact
from nsm_excel.outputs.status import OVERDUE, PENDING, submission_status
from nsm_excel.store import database, ledger, mailings, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.mailings import Mailing
from nsm_excel.store.workspace import Workspace

PARAGRAPH = {
    PENDING: "mail.reminder.pending",
    OVERDUE: "mail.reminder.overdue",
    REJECTED_ONLY: "mail.reminder.rejected",
}


def _paragraph(state: str, deadline: dt.date, today: dt.date) -> str:
    """The key of what the reminder says: a rejected return after the deadline is asked for
    as soon as possible, not by a day gone."""
    if state == REJECTED_ONLY and today > deadline:
        return "mail.reminder.rejected_late"
    return PARAGRAPH[state]


def due(
    lines: Sequence[InstitutionLine], deadline: dt.date, today: dt.date, days: int
) -> list[InstitutionLine]:
    """The lines a reminder is due for on ``today``: the pure rule."""
    soon = today >= deadline - dt.timedelta(days=days)
    return [
        line
        for line in lines
        if line.state in (OVERDUE, REJECTED_ONLY) or (line.state == PENDING and soon)
    ]


def send_reminders(
    workspace: Workspace,
    period: Period | None = None,
    institutions: Sequence[str] = (),
    again: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> MailResult:
    """Write (or send) the reminders due for ``period`` (default: every open period's first)."""
    today = today or workspace.today()
    status = submission_status(workspace, period, today).periods[0]
    overview = status.overview
    lines = pick(status.institutions, institutions, lambda line: line.code, "return")
    chosen = due(lines, overview.deadline, today, workspace.config.reminder_days)
    code = overview.period
    with workspace_lock(workspace.root, "remind"), database.connect(workspace.database) as db:
        templates = {t.institution: t for t in register.expected(db, code)}
        plan = workspace.require_plan()
        found = contacts.read(plan, workspace.config.years)
        drafts: list[Draft] = []
        issues: list[Issue] = []
        skipped = []
        for line in chosen:
            template = templates.get(line.code)
            lang = template.language if template else workspace.config.language
            contact = found.get(line.code) or contacts.Contact(line.code, "", "", "", "", "")
            to, issue = contacts.addresses(contact, contact.person, plan.name)
            if issue is not None:
                issues.append(issue)
                skipped.append(dispatch.Outcome(line.code, mailings.REMINDER, dispatch.SKIPPED))
                continue
            to += _reporter(db, line.code, to)
            rejected = (
                _latest_rejected(db, code, line.code) if line.state == REJECTED_ONLY else None
            )
            attachment = None
            if rejected is not None and rejected.feedback_path:
                path = workspace.root / rejected.feedback_path
                if path.is_file():
                    attachment = Attachment(path.name, path.read_bytes())
            values = {
                "strategy": workspace.config.strategy_name(lang),
                "period": code,
                "institution": contact.name(lang) or line.code,
                "deadline": overview.deadline.strftime("%d.%m.%Y"),
            }
            letter = Letter(
                lang,
                "mail.reminder.subject",
                (_paragraph(line.state, overview.deadline, today),),
                values,
                person=contact.person,
                problems=line.problems_in(lang) if rejected is not None else (),
                secretariat=workspace.config.secretariat_name,
                contact=secretariat_contact(workspace),
            )
            row = Mailing(
                code,
                line.code,
                mailings.REMINDER,
                tuple(a.addr_spec for a in to),
                message_id="",
                state="",
                created_at="",
                reason=line.state,
                template_id=template.template_id if template else None,
                record=rejected.id if rejected is not None else None,
                attachment=rejected.feedback_path or "" if attachment and rejected else "",
                sha256=_sha256(attachment.data) if attachment else "",
            )
            drafts.append(Draft(row, to, letter, attachment))
        stalled = dispatch.settle_stalled(db)
        outcomes = dispatch.make(workspace, db, drafts, again, now)
    return MailResult(code, tuple(stalled + outcomes + skipped), tuple(issues))


def _reporter(db: sqlite3.Connection, code: str, known: Sequence[Address]) -> tuple[Address, ...]:
    """The reporter of the institution's latest return, when a new, valid address."""
    cover = ledger.latest_reporter(db, code) or {}
    email, name = cover.get("reporter_email", ""), cover.get("reporter_name", "")
    probe = contacts.Contact(code, "", "", "", email, "")
    found, issue = contacts.addresses(probe, name, "")
    if issue is not None or len(found) != 1:
        return ()
    seen = {a.addr_spec.lower() for a in known}
    return () if found[0].addr_spec.lower() in seen else found


def _latest_rejected(db: sqlite3.Connection, period: str, code: str) -> ledger.Received | None:
    rejected = [
        r
        for r in ledger.all_records(db, period)
        if r.institution == code and r.status == ledger.REJECTED
    ]
    return rejected[-1] if rejected else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
