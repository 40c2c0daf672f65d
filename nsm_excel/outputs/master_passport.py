"""The master's Passport sheet: for each indicator what the plan says of it and what it lacks.

Declared apart from any spreadsheet library, as the other sheets are: :func:`passport_table`
gives the :class:`~nsm_excel.outputs.master_sheets.Table` of the lines of
:func:`nsm_excel.consolidate.passport.passport` in a language (``headers`` and ``lines`` for
any other reader, such as the mid-term review's table); :func:`mark_missing` is the xlsx edge
that highlights the empty cells of the facts asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nsm_excel.consolidate.passport import ASKED, PassportLine
from nsm_excel.core.vocab import statuses, units
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.vocab.terms import Frequency
from nsm_excel.core.words import Word, in_language
from nsm_excel.outputs.master_sheets import (
    AGGREGATIONS,
    DIRECTIONS,
    Column,
    Table,
    by_unit,
    column,
    label_of,
)
from nsm_excel.outputs.summary_report import format_number
from nsm_excel.outputs.xlsx_tables import Span, Styles

NAME = "Passport"
CAPTION = Word("outputs.passport.caption")
MISSING = {key: Word(f"outputs.passport.missing.{key}") for key in ASKED}
COMPLETE = Word("outputs.passport.complete")
FREQUENCIES = Frequency.words()
# the column of each fact asked, whose empty cells are highlighted
ASKED_COLUMN = {key: key for key in ASKED} | {"targets": "targets_by_year"}
MISSING_FILL = statuses.NO_REPORT.colour


def passport_columns(lang: str) -> list[Column[PassportLine]]:
    return [
        column("code", K.TEXT, 9, lambda p: p.code),
        column("definition", K.LONG_TEXT, 44, lambda p: in_language(p, "name", lang)),
        column("unit", K.LONG_TEXT, 14, lambda p: unit_label(p.unit, lang)),
        column("direction", K.TEXT, 12, lambda p: label_of(DIRECTIONS, p.direction, lang)),
        column("aggregation", K.LONG_TEXT, 16, lambda p: label_of(AGGREGATIONS, p.aggregation,
                                                                   lang)),
        column("source", K.LONG_TEXT, 24, lambda p: p.source or None),
        column("responsible", K.TEXT, 12, lambda p: p.responsible or None),
        column("frequency", K.LONG_TEXT, 16, lambda p: label_of(FREQUENCIES, p.frequency, lang)),
        column("baseline", K.NUMBER, 13, lambda p: by_unit(p.baseline, p.unit, lang)),
        column("baseline_year", K.TEXT, 10,
               lambda p: None if p.baseline_year is None else str(p.baseline_year)),
        column("targets_by_year", K.LONG_TEXT, 30, lambda p: targets_text(p, lang) or None),
        column("target_final", K.NUMBER, 17, lambda p: by_unit(p.target_final, p.unit, lang)),
        column("missing", K.LONG_TEXT, 36, lambda p: missing_text(p, lang)),
    ]  # fmt: skip


def passport_table(lines: Sequence[PassportLine], lang: str) -> Table[PassportLine]:
    return Table(NAME, passport_columns(lang), lines, CAPTION)


def targets_text(line: PassportLine, lang: str) -> str:
    """The yearly targets as ``2024: 50; 2025: 60,5``, in year order, written as ``lang`` writes
    numbers."""
    targets = sorted(line.targets.items())
    return "; ".join(f"{year}: {format_number(value, lang)}" for year, value in targets)


def missing_text(line: PassportLine, lang: str) -> str:
    """What the plan leaves empty among the facts asked, in words; "complete" when nothing."""
    if line.complete:
        return COMPLETE.shown(lang)
    return "; ".join(MISSING[key].shown(lang) for key in line.missing)


def mark_missing(
    ws: Any, styles: Styles, lang: str, table: Table[PassportLine], span: Span
) -> None:
    """Highlight the empty cells of the facts asked, and the missing column of an incomplete
    indicator."""
    fill = styles.fills[MISSING_FILL]
    for key in dict.fromkeys(ASKED_COLUMN.values()):
        ws.conditional_format(*span.col(table.index(key)), {"type": "blanks", "format": fill})
    complete = COMPLETE.shown(lang).replace('"', '""')
    rule = {"type": "cell", "criteria": "!=", "value": f'"{complete}"', "format": fill}
    ws.conditional_format(*span.col(table.index("missing")), rule)


def unit_label(code: str, lang: str) -> str:
    return units.UNITS[code].word.shown(lang) if code in units.UNITS else code
