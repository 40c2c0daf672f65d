"""The data validations of a template's input cells: one rule per kind of input, each covering
many cells, with its input message and its error message in the template's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import labels
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import TEXT_ENTRY, Entry, EntryType
from nsm_excel.store.config import Config
from nsm_excel.template.columns import TemplateColumn, ValueKind
from nsm_excel.template.content import TemplateContent
from nsm_excel.template.layout import STATUS_LIST, YES_NO_LIST


class Validations:
    """Data validations of one sheet, one per kind of rule, each covering many cells."""

    def __init__(self, ws: Worksheet, content: TemplateContent, config: Config) -> None:
        self.ws = ws
        self.lang = content.language
        self.first_day = dt.date(min(config.years), 1, 1)
        self.last_day = max(content.deadline, dt.date(max(config.years), 12, 31))
        self.rules: dict[tuple[str, ValueKind], DataValidation] = {}

    def add(self, column: TemplateColumn, coordinate: str, row: dict[str, Any]) -> None:
        kind = _entry_kind(column, row)
        key = (column.key, kind)
        if key not in self.rules:
            self.rules[key] = self._make(column, kind)
            self.ws.add_data_validation(self.rules[key])
        # Each cell comes once: openpyxl's own add would compare it with every range already there.
        self.rules[key].sqref.ranges.add(CellRange(coordinate))

    def _make(self, column: TemplateColumn, kind: ValueKind) -> DataValidation:
        entry = kind.entry or TEXT_ENTRY
        rule = self._rule(kind, entry)
        rule.showInputMessage = True
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
        rule.promptTitle = column.label.get(self.lang)[:32]
        rule.prompt = (column.help.shown(self.lang, "\n") if column.help else "")[:255]
        rule.errorTitle = labels.INPUT_ERROR_TITLE.get(self.lang)[:32]
        rule.error = entry.error_word.shown(self.lang, "\n")[:225]
        return rule

    def _rule(self, kind: ValueKind, entry: Entry) -> DataValidation:
        """The validation of ``entry``: a dropdown, a range, a lower or an upper bound."""
        if entry.type == "list":
            return DataValidation("list", formula1=LISTS[kind], allow_blank=True)
        low, high = entry.low, entry.high
        if entry.type == "date":
            low, high = str(_serial(self.first_day)), str(_serial(self.last_day))
        if low is not None and high is not None:
            return _between(entry.type, low, high)
        if low is not None:
            return DataValidation(entry.type, operator="greaterThanOrEqual", formula1=low)
        return DataValidation(entry.type, operator="lessThanOrEqual", formula1=high)


LISTS = {ValueKind.STATUS: STATUS_LIST, ValueKind.YES_NO: YES_NO_LIST}


def _entry_kind(column: TemplateColumn, row: dict[str, Any]) -> ValueKind:
    """The kind whose validation a cell gets: an indicator's value gets its unit's."""
    return units.unit(row.get("unit")).entry if column.kind is ValueKind.ACTUAL else column.kind


def _between(kind: EntryType, low: str, high: str) -> DataValidation:
    rule = DataValidation(kind, operator="between", formula1=low, formula2=high)
    rule.allow_blank = True
    return rule


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days
