"""What the secretariat may decide on a return, as pure decisions: records and states in,
a refusal (as a key and its facts) or the cells an acceptance settles out.

Only errors in a cell's value may be overridden (:data:`OVERRIDABLE`): a return whose identity,
structure, formulas or file safety is wrong cannot be counted whatever the reason, since its
answers cannot be trusted to belong where they stand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from nsm_excel.core.errors import NsmError
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Severity
from nsm_excel.intake.structure.examined import Examined
from nsm_excel.store import decisions, ledger
from nsm_excel.store.period_rules import OPEN

OVERRIDABLE = frozenset(
    {
        C.RETURN_ERROR_VALUE,
        C.RETURN_TEXT_TOO_LONG,
        C.RETURN_BAD_STATUS,
        C.RETURN_BAD_YES_NO,
        C.RETURN_BAD_AMOUNT,
        C.RETURN_AMBIGUOUS_NUMBER,
        C.RETURN_MIXED_SEPARATORS,
        C.RETURN_NUMBER_TOO_LARGE,
        C.RETURN_NEGATIVE_AMOUNT,
        C.RETURN_BAD_NUMBER,
        C.RETURN_BAD_WHOLE,
        C.RETURN_PERCENT_ON_NUMBER,
        C.RETURN_PERCENT_RANGE,
        C.RETURN_BAD_DATE,
        C.RETURN_DATE_OUT_OF_RANGE,
        C.RETURN_SUBMISSION_DATE_OUT_OF_RANGE,
        C.RETURN_BAD_EMAIL,
        C.RETURN_REQUIRED,
        C.RETURN_REQUIRED_STATUS,
        C.RETURN_REQUIRED_PROGRESS,
        C.RETURN_REQUIRED_DELAY_REASON,
        C.RETURN_REQUIRED_EVIDENCE,
        C.RETURN_REQUIRED_COMPLETION_DATE,
        C.RETURN_REQUIRED_COMMENT,
        C.RETURN_REQUIRED_SEX,
        C.RETURN_SEX_SUM,
    }
)
OVERRIDDEN = "overridden"  # the parameter an overridden error carries on the new record: the reason


class DecisionRefused(NsmError):
    """A decision that cannot be made; ``key`` names its words (``decide.refused.<key>``)."""

    def __init__(self, key: str, **facts: Any) -> None:
        self.key, self.facts = key, facts
        super().__init__(f"{key}: {facts}")


def check_record(
    record: ledger.Received | None,
    later: Sequence[ledger.Received],
    period_state: str | None,
    earlier: Sequence[decisions.Decision],
    record_id: int,
) -> ledger.Received:
    """The record a decision may be made on, or :class:`DecisionRefused`.

    ``later`` are the records of its institution and period received after it (duplicates
    left out), ``earlier`` the decisions already made on it.
    """
    if record is None:
        raise DecisionRefused("unknown", record=record_id)
    if record.status == ledger.DUPLICATE:
        raise DecisionRefused("duplicate", record=record_id, original=record.duplicate_of or 0)
    if earlier and earlier[-1].kind == decisions.ACCEPT and record.status == ledger.REJECTED:
        raise DecisionRefused("decided", record=record_id, at=earlier[-1].at)
    if record.superseded_by is not None or later:
        newer = record.superseded_by or (later[0].id or 0)
        raise DecisionRefused("superseded", record=record_id, newer=newer)
    if not record.period or not record.institution:
        raise DecisionRefused("unidentified", record=record_id)
    if period_state != OPEN:
        raise DecisionRefused("period", record=record_id, period=record.period)
    return record


def check_accept(record: ledger.Received, earlier: Sequence[decisions.Decision]) -> None:
    """An accepted return may have its warnings accepted once; it needs warnings."""
    if record.status != ledger.ACCEPTED:
        return
    if not record.warnings:
        raise DecisionRefused("nothing", record=record.id or 0)
    if any(d.kind == decisions.ACCEPT for d in earlier):
        raise DecisionRefused("decided", record=record.id or 0, at=earlier[-1].at)


def check_return(record: ledger.Received) -> None:
    if record.status != ledger.ACCEPTED:
        raise DecisionRefused("not-accepted", record=record.id or 0)


def split(issues: Iterable[Issue]) -> tuple[list[Issue], list[Issue]]:
    """The errors that may be overridden, and those that may not."""
    errors = [i for i in issues if i.severity is Severity.ERROR]
    return [i for i in errors if i.code in OVERRIDABLE], [
        i for i in errors if i.code not in OVERRIDABLE
    ]


def overridden(issues: Sequence[Issue], reason: str) -> list[dict[str, Any]]:
    """The issues as the new record keeps them: each error with the reason it was accepted."""
    kept = []
    for issue in issues:
        facts = issue.to_dict()
        if issue.severity is Severity.ERROR:
            facts["params"] = facts["params"] | {OVERRIDDEN: reason}
        kept.append(facts)
    return kept


def settled_cells(errors: Sequence[Issue]) -> list[dict[str, str]]:
    """The cells an acceptance stores empty: sheet, cell, column, code and value typed."""
    return [
        {
            "sheet": i.sheet,
            "cell": i.cell,
            "column": i.column,
            "code": str(i.code),
            "value": i.value,
        }
        for i in errors
    ]


def blank(examined: Examined, errors: Sequence[Issue]) -> None:
    """Empty in ``examined`` every cell that carries an overridden error."""
    places = {(i.sheet, i.cell) for i in errors if i.cell}
    for sheet, rows in examined.tables.items():
        for row in rows:
            for key in list(row.values):
                if key in row.cells and (sheet, row.cells[key]) in places:
                    row.values[key] = None
    columns = {(i.sheet, i.column) for i in errors if i.column and not i.cell}
    for sheet, rows in examined.tables.items():
        for row in rows:
            for key in list(row.values):
                if (sheet, key) in columns:
                    row.values[key] = None
