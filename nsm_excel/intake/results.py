"""What became of the files of one intake run: one result per file, and the run's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core.issues import Issue, Report
from nsm_excel.store import ledger

WAITING = "waiting"


@dataclass
class FileResult:
    """What became of one file from the inbox."""

    file: str
    status: str  # accepted, rejected, duplicate or waiting
    sha256: str = ""
    received_at: str = ""
    institution: str = ""
    period: str = ""
    template_id: str = ""
    version: int = 0
    issues: list[Issue] = field(default_factory=list)
    archived: str = ""
    feedback: str = ""
    record_id: int = 0
    seconds: float = 0.0  # reading the file and checking its bytes, identity and structure

    @property
    def report(self) -> Report:
        return Report(list(self.issues))

    def to_dict(self) -> dict[str, Any]:
        report = self.report
        return {
            "file": self.file,
            "record": self.record_id,
            "status": self.status,
            "institution": self.institution,
            "period": self.period,
            "template_id": self.template_id,
            "version": self.version,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "received_at": self.received_at,
            "sha256": self.sha256,
            "archived": self.archived,
            "feedback": self.feedback,
            "issues": [i.shown() for i in self.issues],
            "seconds": round(self.seconds, 4),
        }


@dataclass
class IntakeResult:
    period: str
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def all_accepted(self) -> bool:
        return all(f.status in (ledger.ACCEPTED, ledger.DUPLICATE, WAITING) for f in self.files)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "files": [f.to_dict() for f in self.files],
            "accepted": self.count(ledger.ACCEPTED),
            "rejected": self.count(ledger.REJECTED),
            "duplicates": self.count(ledger.DUPLICATE),
            "waiting": self.count(WAITING),
        }
