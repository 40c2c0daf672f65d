"""The secretariat's decisions on returns, carried out: ``nsm decide accept`` and ``return``.

:func:`accept` on a rejected return judges its archived copy again (the period open, the
return's own receipt day); when every error is in a cell's value
(:data:`~nsm_excel.intake.decision_rules.OVERRIDABLE`), a new ledger record is made from that
copy: accepted, each overridden error kept as a fact with the reason, each cell it was found in
stored empty, the rejected record kept as it was. It then supersedes and is superseded as any
accepted return. On an accepted return with warnings, :func:`accept` records that its warnings
are accepted. :func:`send_back` makes an accepted return count no more: its ledger row becomes
a rejection, in the transaction that keeps the decision. Each decision writes the return's
feedback workbook again (the one before moves to ``earlier/``) with the decision as its title.
The archived file is never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.intake import checks, inbox
from nsm_excel.intake import decision_rules as rules
from nsm_excel.intake import rules as intake_rules
from nsm_excel.intake.feedback import files as feedback_files
from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.structure.check import examine
from nsm_excel.intake.structure.examined import Examined, RegisterView
from nsm_excel.intake.structure.sheet_names import FEEDBACK_SHEET
from nsm_excel.store import calendar, database, decisions, ledger, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace

DecisionRefused = rules.DecisionRefused


@dataclass(frozen=True)
class DecisionResult:
    """A decision made: on which record, the record that counts now (0: none), the cells it
    stored empty, the feedback workbook written."""

    decision: decisions.Decision
    institution: str
    period: str
    counted: int
    cells: list[dict[str, str]] = field(default_factory=list)
    feedback: str = ""

    def to_dict(self) -> dict[str, Any]:
        return self.decision.to_dict() | {
            "institution": self.institution,
            "period": self.period,
            "counted": self.counted,
            "cells": self.cells,
            "feedback": self.feedback,
        }


def accept(workspace: Workspace, record_id: int, reason: str) -> DecisionResult:
    """Accept return ``record_id`` despite its problems, for ``reason``; see the module."""
    with workspace_lock(workspace.root, "decide"), database.connect(workspace.database) as db:
        record, earlier = _checked(workspace, db, record_id)
        rules.check_accept(record, earlier)
        with reader_process.Worker(package_safety.Limits()) as worker:
            if record.status == ledger.ACCEPTED:
                return _warnings_accepted(workspace, db, worker, record, reason)
            return _overridden(workspace, db, worker, record, reason)


def send_back(workspace: Workspace, record_id: int, comment: str) -> DecisionResult:
    """Send accepted return ``record_id`` back with ``comment``: it counts no more."""
    with workspace_lock(workspace.root, "decide"), database.connect(workspace.database) as db:
        record, _ = _checked(workspace, db, record_id)
        rules.check_return(record)
        with reader_process.Worker(package_safety.Limits()) as worker:
            issues = [_issue(i) for i in record.issues]
            path = _feedback(workspace, db, worker, record, issues, "returned", comment)
            with database.transaction(db):
                decisions.sent_back(db, record_id)
                made = _decided(db, record, decisions.RETURN, comment, path)
                feedback_files.settle(db)
    return DecisionResult(made, record.institution or "", record.period or "", 0, [], path)


def _checked(
    workspace: Workspace, db: Any, record_id: int
) -> tuple[ledger.Received, list[decisions.Decision]]:
    calendar.ensure(db, workspace.config, workspace.today())
    found = ledger.by_id(db, record_id)
    later = [ledger.by_id(db, i) for i in decisions.later_records(db, record_id)]
    entry = calendar.get(db, found.period) if found and found.period else None
    earlier = decisions.of_record(db, record_id)
    state = entry.state if entry else None
    kept = [r for r in later if r is not None]
    return rules.check_record(found, kept, state, earlier, record_id), earlier


def _warnings_accepted(
    workspace: Workspace,
    db: Any,
    worker: reader_process.Worker,
    record: ledger.Received,
    reason: str,
) -> DecisionResult:
    issues = [_issue(i) for i in record.issues]
    path = _feedback(workspace, db, worker, record, issues, "warnings_accepted", reason)
    with database.transaction(db):
        made = _decided(db, record, decisions.ACCEPT, reason, path, warnings=record.warnings)
        feedback_files.settle(db)
    return DecisionResult(
        made, record.institution or "", record.period or "", record.id or 0, [], path
    )


def _overridden(
    workspace: Workspace,
    db: Any,
    worker: reader_process.Worker,
    record: ledger.Received,
    reason: str,
) -> DecisionResult:
    examined, issues = _judged(workspace, db, worker, record)
    allowed, refused = rules.split(issues)
    if examined is None or examined.record is None or refused:
        codes = sorted({str(i.code) for i in refused}) or [str(C.RETURN_NO_IDENTITY)]
        raise DecisionRefused("not-overridable", record=record.id or 0, codes=", ".join(codes))
    rules.blank(examined, allowed)
    cells = rules.settled_cells(allowed)
    kept = rules.overridden(issues, reason)
    path = _feedback(workspace, db, worker, record, [_issue(i) for i in kept], "accepted", reason)
    entry = ledger.Received(
        sha256=record.sha256,
        original_name=record.original_name,
        size=record.size,
        received_at=record.received_at,
        processed_at=inbox.iso(_clock()),
        status=ledger.ACCEPTED,
        archive_path=record.archive_path,
        errors=0,
        warnings=len(issues) - len(allowed),
        issues=kept,
        template_id=examined.record.template_id,
        institution=record.institution,
        period=record.period,
        version=examined.record.version,
        accepted_values=checks.accepted_values(examined),
        feedback_path=path or None,
    )
    with database.transaction(db):
        new_id = ledger.record(db, entry, arrived=False)
        facts = {"new_record": new_id, "cells": cells}
        made = _decided(db, record, decisions.ACCEPT, reason, "", **facts)
        feedback_files.settle(db)
    return DecisionResult(made, record.institution or "", record.period or "", new_id, cells, path)


def _judged(
    workspace: Workspace, db: Any, worker: reader_process.Worker, record: ledger.Received
) -> tuple[Examined | None, list[Issue]]:
    """The archived copy judged again as the intake judges a return, in its open period."""
    copy = workspace.root / record.archive_path
    judged = worker.judge(copy, record.sha256, record.original_name)
    issues = list(judged.issues)
    if judged.book is None:
        return None, issues
    view = RegisterView(
        lambda i: register.by_id(db, i),
        lambda a, b: register.latest(db, a, b),
        lambda code: entry.state if (entry := calendar.get(db, code)) else None,
    )
    examined = examine(judged.book, record.original_name, view)
    issues.extend(examined.issues)
    if examined.record is not None:
        entry = calendar.require(db, examined.record.period)
        zone = workspace.config.calendar.time_zone
        context = checks.Context(entry.period.first, entry.period.last, workspace.today())
        day = checks.received_day(record.received_at, zone)
        issues.extend(checks.check([examined], context, [day])[0])
    formulas = {
        (sheet.name, cell): text
        for sheet in judged.book.sheets
        if sheet.name != FEEDBACK_SHEET
        for cell, text in sheet.formulas.items()
    }
    if formulas:
        found = inbox.Incoming(copy, record.size, record.sha256, examined=examined, issues=issues)
        found.formulas = formulas
        intake_rules.stray_formulas([found])
    return examined, issues


def _feedback(
    workspace: Workspace,
    db: Any,
    worker: reader_process.Worker,
    record: ledger.Received,
    issues: list[Issue],
    kind: str,
    reason: str,
) -> str:
    """The return's feedback written again with the decision as its title; its path, or ''."""
    entry = register.by_id(db, record.template_id or "")
    lang = entry.language if entry else words.BESIDE
    path = feedback_files.current(workspace.root, record.institution or "", record.period or "")
    stamp = inbox.iso(_clock()).replace(":", "").replace("-", "")[:15]
    feedback_files.retire(db, workspace.root, path, stamp, [])
    note = _note(kind, reason, lang)
    data = worker.feedback(workspace.root / record.archive_path, record.sha256, issues, lang, note)
    return feedback_files.write(db, workspace.root, path, data) if data is not None else ""


def _note(kind: str, reason: str, lang: str) -> str:
    key = f"decide.feedback.{kind}"
    own = words.text(key, lang, reason=reason)
    return own if lang == words.BESIDE else f"{own}\n{words.text(key, words.BESIDE, reason=reason)}"


def _decided(
    db: Any, record: ledger.Received, kind: str, reason: str, path: str, **facts: Any
) -> decisions.Decision:
    if path:
        decisions.point_feedback(db, record.id or 0, path)
    return decisions.record(
        db,
        record.id or 0,
        kind,
        reason,
        period=record.period,
        institution=record.institution,
        **facts,
    )


def _issue(facts: dict[str, Any]) -> Issue:
    f = {k: str(facts.get(k) or "") for k in ("file", "sheet", "cell", "column", "value")}
    params = facts.get("params") or {}
    return Issue(facts["code"], f["file"], f["sheet"], f["cell"], f["column"], f["value"], params)


def _clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
