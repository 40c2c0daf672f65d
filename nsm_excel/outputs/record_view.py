"""One ledger record told in full (`nsm show RECORD`): the file, its verdict and issues, the
decisions on it, what it changed against the return it replaced, and its audit events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nsm_excel.outputs import event_log
from nsm_excel.store import database, decisions, ledger
from nsm_excel.store.workspace import Workspace
from nsm_excel.template import changes


@dataclass(frozen=True)
class RecordView:
    record: ledger.Received
    zone: str  # the workspace's time zone
    replaced: int | None  # the record of the return it superseded, if any
    changes: list[changes.Change] = field(default_factory=list)
    decisions: list[decisions.Decision] = field(default_factory=list)
    events: list[event_log.LogEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {
            "record": r.id,
            "file": r.original_name,
            "status": r.status,
            "institution": r.institution,
            "period": r.period,
            "template_id": r.template_id,
            "received_at": r.received_at,
            "sha256": r.sha256,
            "archive_path": r.archive_path,
            "feedback_path": r.feedback_path,
            "errors": r.errors,
            "warnings": r.warnings,
            "duplicate_of": r.duplicate_of,
            "superseded_by": r.superseded_by,
            "issues": r.issues,
            "decisions": [d.to_dict() for d in self.decisions],
            "replaced": self.replaced,
            "changes": [c.to_dict() for c in self.changes],
            "events": [e.to_dict() for e in self.events],
        }


def show(workspace: Workspace, record_id: int) -> RecordView | None:
    """Record ``record_id`` told in full; ``None`` when the ledger holds no such record."""
    with database.connect(workspace.database, backup=False) as db:
        found = ledger.by_id(db, record_id)
        if found is None:
            return None
        earlier = ledger.replaced_by(db, record_id)
        decided = decisions.of_record(db, record_id)
    changed = changes.between(earlier.accepted_values, found.accepted_values) if earlier else []
    events = event_log.read(workspace, record=record_id).entries
    zone = workspace.config.calendar.time_zone
    return RecordView(found, zone, earlier.id if earlier else None, changed, decided, events)
