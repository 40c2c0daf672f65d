"""Returns rejected for a reason outside them, judged again once the reason is gone.

A return for a period that was not open, or naming a template not yet in the register, was
archived and recorded as every file is. When the period opens or the template is issued, the
next ``nsm validate`` judges it again; ``nsm validate --rejudge`` judges every such return
again. The archived copy goes back into the inbox under its original name, so the normal path
judges it with its first arrival time (the ledger's sightings) and the duplicate check lets it
past (:func:`nsm_excel.intake.rules.judged_again`). Kill-safe: a copy put back and not yet
judged is judged by the next run; nothing is deleted.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake import inbox
from nsm_excel.intake.rules import CONTEXT_CODES, REJUDGED_BY_ITSELF
from nsm_excel.store import archive, ledger
from nsm_excel.store.period_rules import OPEN


def gone(
    record: ledger.Received,
    period_state: Callable[[str], str | None],
    issued: Callable[[str], bool],
) -> bool:
    """Whether every reason outside the file that rejected ``record`` has gone away."""
    reasons = [i for i in record.issues if i.get("code") in CONTEXT_CODES]
    if not reasons or any(i.get("code") not in REJUDGED_BY_ITSELF for i in reasons):
        return False
    for issue in reasons:
        value = str(issue.get("value") or "")
        if issue["code"] == C.RETURN_UNKNOWN_TEMPLATE and not issued(value):
            return False
        if issue["code"] != C.RETURN_UNKNOWN_TEMPLATE and period_state(value) != OPEN:
            return False
    return True


def put_back(
    db: Any,
    root: Path,
    period_state: Callable[[str], str | None],
    issued: Callable[[str], bool],
    everything: bool = False,
) -> list[str]:
    """Put the archived copy of each return to judge again into the inbox; the names put back.

    A name already taken in the inbox waits for a later run; so does a copy that is missing.
    """
    folder = root / "inbox"
    taken = {inbox.display_name(p) for p in inbox.inbox_files(folder)}
    back: list[str] = []
    for record in ledger.rejected_for(db, CONTEXT_CODES):
        if not everything and not gone(record, period_state, issued):
            continue
        source = root / record.archive_path
        target = folder / record.original_name
        if record.original_name in taken or target.name != record.original_name:
            continue
        if not source.is_file() or archive.file_hash(source) != record.sha256:
            continue
        shutil.copyfile(source, target)  # its receipt stays the first sighting of the name
        taken.add(record.original_name)
        back.append(record.original_name)
    return back
