"""The accepted rows of a return as the figures count them."""

from __future__ import annotations

from typing import Any

from nsm_excel.consolidate import figures
from nsm_excel.store.ledger import Received

# the figures of a return's rows: each is checked where it enters (see :func:`accepted_rows`)
FIGURES = {
    "Measures": ("spent_state", "spent_donor"),
    "Indicators": ("actual", "actual_women", "actual_men"),
}


def accepted_rows(record: Received | None, sheet: str) -> list[dict[str, Any]]:
    """The accepted rows of ``sheet``, each figure finite and within bounds or else None: the
    ledger may hold what an older run accepted (infinity, 1e308), and no sum may overflow."""
    values = record.accepted_values if record else None
    keys = FIGURES.get(sheet, ())
    return [
        {**row, **{key: figures.figure(row[key]) for key in keys if key in row}}
        for row in (values or {}).get(sheet) or []
        if isinstance(row, dict)
    ]


def amount(value: Any) -> float:
    """A plan amount as the figures count it (the plan loader bounds them; so does this)."""
    return figures.figure(value) or 0.0
