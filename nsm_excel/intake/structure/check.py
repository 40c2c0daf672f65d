"""Identity and integrity of a returned workbook, checked against the register: a pure core.

Finds which issued template a workbook is (by content, never by file name:
:mod:`.identity`), then compares its sheets (:mod:`.sheet_names`), key rows, rows and
pre-filled cells (:mod:`.table_rows`, :mod:`.cover_sheet`) with what was issued. The rows it
can match to the register are handed on to the value checks (:mod:`nsm_excel.intake.checks`);
on an older template version, only the rows the latest version did not change
(:mod:`.older_rows`); on the template of an institution a succession replaced, the rows
the successor's template did not change (:mod:`.successor_rows`).
"""

from __future__ import annotations

from typing import Any

from nsm_excel.intake.reading.reader import ReturnedWorkbook
from nsm_excel.intake.structure import successor_rows
from nsm_excel.intake.structure.cover_sheet import cover
from nsm_excel.intake.structure.examined import Examined, RegisterView
from nsm_excel.intake.structure.identity import identify
from nsm_excel.intake.structure.older_rows import settle
from nsm_excel.intake.structure.sheet_names import check_sheets
from nsm_excel.intake.structure.table_rows import table
from nsm_excel.template import carry
from nsm_excel.template.columns import (
    INDICATOR_COLUMNS,
    INPUTS_ADDED,
    LABELLED,
    MEASURE_COLUMNS,
    TemplateColumn,
)

COLUMNS = {"Measures": MEASURE_COLUMNS, "Indicators": INDICATOR_COLUMNS}
CARRIED = frozenset({*carry.MEASURE_KEYS, *carry.INDICATOR_KEYS})
ADDED = (CARRIED, LABELLED)  # columns added by later releases, each group at once


def examine(book: ReturnedWorkbook, file: str, register: RegisterView) -> Examined:
    """Identity, sheets, key rows, rows and locked cells of ``book``; every problem found.

    The return is judged for the period its identity names."""
    out = Examined(file)
    record = identify(book, out, register)
    if record is None:
        return out
    out.record = record
    twice = check_sheets(book, out)
    columns = issued_columns(record.content)
    for name in ("Measures", "Indicators"):
        grid = book.sheet(name)
        if grid is not None and name.casefold() not in twice:
            out.tables[name] = table(grid, record.content[name.lower()], columns[name], out)
    grid = book.sheet("Cover")
    if grid is not None and "cover" not in twice:
        out.tables["Cover"] = cover(grid, record.content.get("cover") or {}, out)
    taken = successor_rows.latest_of(record, register.latest)
    if taken is not None:
        settle(out, taken, successor_rows.compared(record, taken))
        return out
    latest = register.latest(record.institution, record.period)
    if latest is not None and latest.version > record.version:
        settle(out, latest)
    return out


def issued_columns(content: dict[str, Any]) -> dict[str, tuple[TemplateColumn, ...]]:
    """The columns of each table sheet as the template was issued.

    The register holds every locked cell of every row. A template issued by an earlier release
    has rows without the keys of the columns added since (the carried last answers; the labels,
    expected output and target groups), and its sheets were made without those columns, so
    they are not expected in its return; nor are the input columns added since (the remark),
    which the register names in ``inputs_added``."""
    rows = [*content.get("measures", ()), *content.get("indicators", ())]
    if not rows:
        return COLUMNS
    absent = {key for group in ADDED if not _any_key(rows, group) for key in group}
    absent |= set(INPUTS_ADDED) - set(content.get("inputs_added") or ())
    return {name: tuple(c for c in cols if c.key not in absent) for name, cols in COLUMNS.items()}


def _any_key(rows: list[dict[str, Any]], keys: frozenset[str]) -> bool:
    return any(key in row for row in rows for key in keys)
