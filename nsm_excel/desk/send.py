"""``nsm send``: each institution's current template, by e-mail to its contact points.

For each template of the period a return is expected from (current, not withdrawn), one
message in the template's language to the addresses of the plan's Institutions sheet, the
template attached (its bytes checked against the register's SHA-256), the deadline and the
secretariat's contact in the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period
from nsm_excel.desk import contacts, dispatch
from nsm_excel.desk.dispatch import Draft, MailResult
from nsm_excel.desk.messages import Attachment, Letter
from nsm_excel.store import calendar, database, mailings, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.mailings import Mailing
from nsm_excel.store.workspace import Workspace

T = TypeVar("T")


class TemplateChanged(NsmError):
    """An issued template's file is not the one the register holds."""


def send_templates(
    workspace: Workspace,
    period: Period | None = None,
    institutions: Sequence[str] = (),
    again: bool = False,
    now: dt.datetime | None = None,
) -> MailResult:
    """Write (or send) the template messages of ``period`` (default: the latest open one)."""
    with workspace_lock(workspace.root, "send"), database.connect(workspace.database) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        entry = calendar.require(db, period.code) if period else calendar.default_period(db)
        issued = register.expected(db, entry.period.code)
        chosen = pick(issued, institutions, lambda t: t.institution)
        plan = workspace.require_plan()
        found = contacts.read(plan, workspace.config.years)
        drafts: list[Draft] = []
        issues, skipped = [], []
        for template in chosen:
            contact = found.get(template.institution)
            if contact is None:
                contact = contacts.Contact(template.institution, "", "", "", "", "")
            name = contact.name(template.language)
            to, issue = contacts.addresses(contact, contact.person, plan.name)
            if issue is not None:
                issues.append(issue)
                skipped.append(dispatch.Outcome(template.institution, mailings.TEMPLATE, "skipped"))
                continue
            letter = _letter(workspace, template.language, name, contact.person, entry)
            data = (workspace.root / template.file).read_bytes()
            if hashlib.sha256(data).hexdigest() != template.sha256:
                raise TemplateChanged(
                    f"{template.file} is not the template issued to {template.institution} "
                    "(its content changed); run `nsm doctor`, then `nsm generate` again"
                )
            row = Mailing(
                entry.period.code,
                template.institution,
                mailings.TEMPLATE,
                tuple(a.addr_spec for a in to),
                message_id="",
                state="",
                created_at="",
                template_id=template.template_id,
                attachment=template.file,
                sha256=template.sha256,
            )
            attachment = Attachment(template.file.rsplit("/", 1)[-1], data)
            drafts.append(Draft(row, to, letter, attachment))
        stalled = dispatch.settle_stalled(db)
        outcomes = dispatch.make(workspace, db, drafts, again, now)
    return MailResult(entry.period.code, tuple(stalled + outcomes + skipped), tuple(issues))


def _letter(
    workspace: Workspace, lang: str, name: str, person: str, entry: calendar.CalendarPeriod
) -> Letter:
    config = workspace.config
    values = {
        "strategy": config.strategy_name(lang),
        "period": entry.period.code,
        "institution": name,
        "deadline": entry.deadline.strftime("%d.%m.%Y"),
    }
    return Letter(
        lang,
        "mail.template.subject",
        ("mail.template.body",),
        values,
        person=person,
        secretariat=config.secretariat_name,
        contact=secretariat_contact(workspace),
    )


def secretariat_contact(workspace: Workspace) -> str:
    config = workspace.config
    return ", ".join(p for p in (config.secretariat_email, config.secretariat_phone) if p)


class UnknownInstitution(NsmError):
    """An institution code the period has no template for."""


def pick(
    items: Sequence[T], codes: Sequence[str], get: Callable[[T], str], what: str = "template"
) -> list[T]:
    """The ``items`` of the institutions ``codes`` (all when none is given); an unknown code
    is an error."""
    if not codes:
        return list(items)
    wanted = [c.strip().upper() for c in codes]
    known = {get(i) for i in items}
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise UnknownInstitution(
            f"no {what} of this period is expected from {', '.join(unknown)}: "
            "`nsm status` lists the institutions"
        )
    return [i for i in items if get(i) in wanted]
