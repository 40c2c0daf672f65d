"""Who answers for what over time: returns counted under the code that answers for them now,
rows counted for the measure or indicator where they live now. A pure core.

The plan's Succession rows say which codes answer for an old code on a day (a rename, a merge,
a split: :func:`nsm_excel.plan.succession.successors`); the day is the period's last. So a
renamed institution is one expected return and its old code's return counts for it; a merged
pair is one; a split old code's rows go to the new code that took each measure. An accepted row
is never dropped silently: a lead row counts for its measure whoever led it when the template
was issued (the current lead's own row first), a support row is a contribution whoever supports
now, and a row whose measure or indicator the plan no longer has is an :class:`Orphan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.consolidate.model import Orphan
from nsm_excel.consolidate.rows import accepted_rows
from nsm_excel.plan.model import Plan
from nsm_excel.plan.succession import successors
from nsm_excel.store.ledger import Received
from nsm_excel.store.register import IssuedTemplate

CODE_KEYS = {"Measures": "measure_code", "Indicators": "indicator_code"}


@dataclass(frozen=True)
class Found:
    """An accepted row and the return it came from."""

    row: dict[str, Any]
    record: Received

    @property
    def institution(self) -> str:
        return self.record.institution or ""


@dataclass(frozen=True)
class Attribution:
    """The plan's successions on the period's last day, asked about codes and rows."""

    plan: Plan
    day: dt.date
    # each (sheet, list of records) asked about: the list and its rows by code, made once
    _rows: dict[tuple[str, int], tuple[Sequence[Received], dict[Any, list[Found]]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _files: dict[int, tuple[Sequence[Received], dict[str, list[Received]]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def answering(self, code: str) -> tuple[str, ...]:
        """The codes that answer for ``code`` now (``code`` itself when not succeeded)."""
        return successors(self.plan, code, self.day)

    def expected(self, issued: Iterable[IssuedTemplate], period: str) -> list[str]:
        """The codes a return is expected from: the period's templates still expected (current,
        not withdrawn), each under the code that answers for it now, each code once."""
        found: dict[str, None] = {}
        for template in issued:
            if template.period == period and template.expected:
                found.update(dict.fromkeys(self.answering(template.institution)))
        return sorted(found)

    def files_of(self, code: str, records: Iterable[Received]) -> list[Received]:
        """The records that count for ``code``: its own and those of the codes it took over
        (a list of records is indexed once, not searched once per code asked about)."""
        if not isinstance(records, list | tuple):
            return [r for r in records if code in self.answering(r.institution or "")]
        kept = self._files.get(id(records))
        if kept is None or kept[0] is not records:  # held, so its id is not another's
            index: dict[str, list[Received]] = {}
            for record in records:
                for answering in dict.fromkeys(self.answering(record.institution or "")):
                    index.setdefault(answering, []).append(record)
            kept = self._files[id(records)] = (records, index)
        return list(kept[1].get(code, []))

    def predecessors_in(self, code: str, records: Iterable[Received]) -> tuple[str, ...]:
        """The other codes whose records count for ``code``, each once, in record order."""
        others = (r.institution or "" for r in self.files_of(code, records))
        return tuple(dict.fromkeys(c for c in others if c != code))

    def rows_on(self, sheet: str, code: str, current: Sequence[Received]) -> list[Found]:
        """Every accepted row of ``sheet`` on ``code``, without a predecessor's row where its
        successor's own return has one (the successor's report wins: no double count)."""
        found = self._rows_by_code(sheet, current).get(code, [])
        reporting = {f.institution for f in found}
        return [
            f
            for f in found
            if not any(s in reporting and s != f.institution for s in self.answering(f.institution))
        ]

    def _rows_by_code(self, sheet: str, current: Sequence[Received]) -> dict[Any, list[Found]]:
        """The accepted rows of ``sheet`` in ``current`` by code, in record then row order:
        read once per list of records, not once per measure or indicator asked about."""
        kept = self._rows.get((sheet, id(current)))
        if kept is not None and kept[0] is current:  # held, so its id is not another's
            return kept[1]
        index: dict[Any, list[Found]] = {}
        for record in current:
            for row in accepted_rows(record, sheet):
                index.setdefault(row.get(CODE_KEYS[sheet]), []).append(Found(row, record))
        self._rows[(sheet, id(current))] = (current, index)
        return index

    def best(self, found: Sequence[Found], owner: str) -> Found | None:
        """The row that counts, ``owner`` being who answers for it in the plan now: its own
        row, then one of a code it took over, then anyone's; the latest received first."""
        if not found:
            return None

        def rank(f: Found) -> tuple[int, str]:
            if f.institution == owner:
                return (2, f.record.received_at)
            return (1 if owner in self.answering(f.institution) else 0, f.record.received_at)

        return max(found, key=rank)

    def owner(self, institution: str, measure_code: str) -> str:
        """The code a row of ``institution`` on ``measure_code`` now counts for: of the codes
        answering for ``institution``, the one that leads or supports the measure (a split),
        else the first."""
        codes = self.answering(institution)
        measure = next((m for m in self.plan.measures if m.code == measure_code), None)
        if measure is not None:
            for code in codes:
                if code == measure.lead or code in measure.supporting:
                    return code
        return codes[0]


def orphans(
    plan: Plan, current: Sequence[Received], dropped_in: Mapping[tuple[str, str], int]
) -> tuple[Orphan, ...]:
    """The accepted rows on a measure or indicator the plan no longer has, with the version
    that dropped it (``dropped_in``: (sheet, code) -> version number, when known)."""
    known = {
        "Measures": {m.code for m in plan.measures},
        "Indicators": {i.code for i in plan.indicators},
    }
    found = []
    for record in sorted(current, key=lambda r: (r.institution or "", r.received_at)):
        for sheet, key in CODE_KEYS.items():
            for row in accepted_rows(record, sheet):
                code = str(row.get(key) or "")
                if not code or code in known[sheet]:
                    continue
                found.append(
                    Orphan(
                        institution=record.institution or "",
                        file=record.original_name,
                        sheet=sheet,
                        code=code,
                        role=str(row.get("role") or ""),
                        dropped_in=dropped_in.get((sheet, code)),
                        status=row.get("status"),
                        value=row.get("actual"),
                        spent_state=row.get("spent_state") or 0.0,
                        spent_donor=row.get("spent_donor") or 0.0,
                    )
                )
    return tuple(found)
