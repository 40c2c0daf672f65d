"""What an accepted resend changed against the institution's accepted return it replaces.

Worked out from the records when the run settles a file, and handed to the reading process to
list in the feedback workbook (:mod:`nsm_excel.intake.feedback.changes_list`). The new answers
are compared as the ledger will store them (through JSON), so a value typed the same is never a
change. An older file processed late replaces nothing, and so lists no changes.
"""

from __future__ import annotations

import json
from typing import Any

from nsm_excel.intake import checks
from nsm_excel.intake.inbox import Incoming
from nsm_excel.store import ledger
from nsm_excel.template import changes
from nsm_excel.template.changes import Change


def changes_of(db: Any, item: Incoming, status: str) -> list[Change]:
    """The changes of ``item`` (judged ``status``) against the accepted return it replaces."""
    record = item.examined.record if item.examined else None
    if status != ledger.ACCEPTED or item.examined is None or record is None:
        return []
    earlier = [
        r
        for r in ledger.current_accepted(db, record.period, record.institution)
        if r.received_at <= item.received_at
    ]
    if not earlier:
        return []
    before = max(earlier, key=lambda r: (r.received_at, r.id or 0))
    stored = json.dumps(checks.typed_values(item), ensure_ascii=False, default=str)
    return changes.between(before.accepted_values, json.loads(stored))
