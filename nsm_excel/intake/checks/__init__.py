"""The value checks of returns: declared one by one, run in one pandera pass per sheet.

A check is a declaration in the module of its family: :mod:`.cells` (a cell, by the kind of
value its column holds, from the template's column definitions), :mod:`.cover`,
:mod:`.measures` and :mod:`.indicators` (the contract's rules over a row: required when...,
women + men = actual, dates in span, overspending), each with the facts its rules compare and
the parameters of its message. :mod:`.rule` says what a declaration is; :mod:`.engine` runs
every registered one over many files at once; :mod:`.accepted` types the answers of an
accepted return.
"""

from __future__ import annotations

from nsm_excel.intake.checks.accepted import accepted_values, typed_values
from nsm_excel.intake.checks.days import received_day
from nsm_excel.intake.checks.engine import (
    INPUTS,
    ROWS_PER_FILE,
    SCHEMAS,
    cell_checks,
    check,
    frame,
    row_id,
    schema,
)
from nsm_excel.intake.checks.rule import SHEETS, Context

__all__ = [
    "INPUTS",
    "ROWS_PER_FILE",
    "SCHEMAS",
    "SHEETS",
    "Context",
    "accepted_values",
    "cell_checks",
    "check",
    "frame",
    "received_day",
    "row_id",
    "schema",
    "typed_values",
]
