"""What the period's counted returns changed against the returns they replaced.

For each institution whose counted return replaced an earlier accepted return of the same
period, every change (:func:`nsm_excel.template.changes.between`). The earlier return is the
latest accepted one of that institution and period received before it, found among the period's
records alone: a closed period, made from the records it froze, gets the same lines whatever is
received later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nsm_excel.store.ledger import ACCEPTED, Received
from nsm_excel.template import changes
from nsm_excel.template.changes import Change


@dataclass(frozen=True)
class ChangeLine:
    institution: str
    record: int
    file: str
    received_at: str
    replaced: int  # the record of the return it replaced
    change: Change


def of_period(mine: Sequence[Received]) -> tuple[ChangeLine, ...]:
    """The changes of each current accepted return of ``mine`` (one period's records)."""
    accepted = [r for r in mine if r.status == ACCEPTED]
    current = [r for r in accepted if not r.superseded_by]
    found: list[ChangeLine] = []
    for record in sorted(current, key=lambda r: (r.institution or "", r.received_at, r.id or 0)):
        earlier = [
            r
            for r in accepted
            if r.institution == record.institution
            and r.id != record.id
            and (r.received_at, r.id or 0) <= (record.received_at, record.id or 0)
        ]
        if not earlier:
            continue
        before = max(earlier, key=lambda r: (r.received_at, r.id or 0))
        found += [
            ChangeLine(
                record.institution or "",
                record.id or 0,
                record.original_name,
                record.received_at,
                before.id or 0,
                change,
            )
            for change in changes.between(before.accepted_values, record.accepted_values)
        ]
    return tuple(found)
