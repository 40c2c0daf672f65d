"""``nsm status``: who has returned what for a period, from the ledger and the register."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nsm_excel.consolidate.model import InstitutionLine, Overview
from nsm_excel.core.periods import Period
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store.workspace import Workspace


@dataclass(frozen=True)
class StatusResult:
    overview: Overview
    institutions: tuple[InstitutionLine, ...]

    def to_dict(self) -> dict[str, Any]:
        institutions = [dict(i.__dict__) for i in self.institutions]
        return self.overview.to_dict() | {"institutions": institutions}


def submission_status(workspace: Workspace, period: Period | None = None) -> StatusResult:
    """Each expected institution: on time, late, rejected (and why) or missing."""
    figures = figures_for(workspace, period or workspace.config.period)
    return StatusResult(figures.overview, figures.institutions)
