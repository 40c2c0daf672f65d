"""The summary report's notes on the secretariat's decisions: each return that counts by a
decision (accepted despite errors, its warnings accepted, two copies settled) and each sent
back, with who, when on the workspace's clock, and the reason or comment as typed. A report
of a period without such a decision has no such notes.
"""

from __future__ import annotations

from dataclasses import dataclass

from nsm_excel.consolidate.decided import RETURNED, DecisionLine
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.outputs.master_decisions import cell_text, kind


@dataclass(frozen=True)
class Note:
    line: DecisionLine
    decision: str  # what it did, in words
    cells: tuple[str, ...]  # the cells it concerned, in words


def notes(data: Consolidated, lang: str) -> list[Note]:
    """The decisions the report names, oldest first: those behind a return counted now, and
    every return sent back."""
    shown = [d for d in data.decisions if d.counts or d.kind == RETURNED]
    return [Note(d, kind(d, lang), tuple(cell_text(c, lang) for c in d.cells)) for d in shown]
