"""Carry-forward: what a template of a later period shows of the institution's earlier answers.

A pure module. It takes the institution's current accepted returns of other periods (one per
period, as the ledger keeps them: the latest accepted, not superseded) and gives, for each row of
the new template, the locked columns beside the inputs (``template.columns``):

- Measures: ``previous_period``, ``previous_status`` (its label, as the dropdown shows it) and
  ``previous_progress`` of the latest earlier period that answered the row;
  ``spent_year_to_date``: state and donor spending of the earlier periods of the same year;
  ``spent_total_to_date``: of every earlier period. Periods are added up so that none counts
  twice (:func:`nsm_excel.core.periods.partition`): an annual return covers its whole year.
- Indicators: ``previous_period`` and ``previous_actual`` of the latest earlier period that gave
  a value.

A measure reported completed comes with its status, what was done, its evidence and its
completion date pre-filled in the open cells (:data:`PREFILLED`): the clerk can change them.

An earlier period is one that ends before the template's own period ends (``2026-H1`` is
earlier than ``2026``); a row with no earlier answer gets the columns empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import labels
from nsm_excel.core.periods import Period, months, partition
from nsm_excel.core.vocab import statuses

PREFILLED = "prefilled"  # the key of a row's pre-filled input values (column key -> value)
MEASURE_KEYS = (
    "previous_period",
    "previous_status",
    "previous_progress",
    "spent_year_to_date",
    "spent_total_to_date",
)
INDICATOR_KEYS = ("previous_period", "previous_actual")
COMPLETED_KEEPS = ("status", "progress", "evidence", "completion_date")


@dataclass(frozen=True)
class Answer:
    """One accepted return of the institution: its period and its accepted values."""

    period: Period
    values: Mapping[str, Any]

    def rows(self, sheet: str) -> list[Mapping[str, Any]]:
        found = self.values.get(sheet) if isinstance(self.values, Mapping) else None
        return [r for r in found or [] if isinstance(r, Mapping)]


@dataclass(frozen=True)
class Carry:
    """The earlier answers a template of ``period`` carries, in ``lang``."""

    period: Period
    answers: tuple[Answer, ...]  # earlier periods only, latest last
    lang: str

    def measure(self, code: str, role: str) -> dict[str, Any]:
        """The carried columns of a measure row (and its pre-filled inputs, if any)."""
        found = [
            (a.period, row)
            for a in self.answers
            for row in a.rows("Measures")
            if row.get("measure_code") == code and row.get("role") == role
        ]
        out: dict[str, Any] = dict.fromkeys(MEASURE_KEYS)
        answered = [(p, r) for p, r in found if r.get("status")]
        if answered:
            period, last = answered[-1]
            status = str(last.get("status"))
            word = labels.STATUSES.get(status)
            out["previous_period"] = period.code
            out["previous_status"] = word.shown(self.lang) if word else status
            out["previous_progress"] = _text(last.get("progress"))
            if statuses.status(status).done:
                keep = {k: _shown_input(k, last.get(k), self.lang) for k in COMPLETED_KEEPS}
                out[PREFILLED] = {k: v for k, v in keep.items() if v not in (None, "")}
        spent = {p: _spent(r) for p, r in found}
        out["spent_year_to_date"] = _added(spent, [self.period.year])
        out["spent_total_to_date"] = _added(spent, sorted({p.year for p in spent}))
        return out

    def indicator(self, code: str) -> dict[str, Any]:
        """The carried columns of an indicator row."""
        out: dict[str, Any] = dict.fromkeys(INDICATOR_KEYS)
        for answer in self.answers:
            for row in answer.rows("Indicators"):
                if row.get("indicator_code") == code and _number(row.get("actual")) is not None:
                    out = {"previous_period": answer.period.code, "previous_actual": row["actual"]}
        return out


def carry(period: Period, answers: Iterable[Answer], lang: str) -> Carry:
    """The answers of periods earlier than ``period``, latest last: by last day, and of two that
    end on the same day the longer last (an annual return comes after its year's H2)."""
    earlier = [a for a in answers if a.period != period and a.period.last < period.last]
    earlier.sort(key=lambda a: (a.period.last, months(a.period)))
    return Carry(period, tuple(earlier), lang)


def _spent(row: Mapping[str, Any]) -> float:
    return sum(_number(row.get(k)) or 0.0 for k in ("spent_state", "spent_donor"))


def _added(spent: Mapping[Period, float], years: Sequence[int]) -> float | int | None:
    """The spending of ``years``, each year's periods added once; ``None`` when none reported."""
    parts = [p for year in years for p in partition(spent, year)]
    if not parts:
        return None
    total = float(sum(spent[p] for p in parts))
    return int(total) if total.is_integer() else total


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _shown_input(key: str, value: Any, lang: str) -> Any:
    """An input value as its open cell takes it: a status by its dropdown label."""
    if key == "status" and isinstance(value, str) and value in labels.STATUSES:
        return labels.STATUSES[value].shown(lang)
    return value
