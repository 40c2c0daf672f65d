"""The columns of the reporting template: one definition for the template and for the return schema.

Each :class:`TemplateColumn` says what a column holds, whether the institution fills it, how wide
it is, what the input message says and, for per-row inputs, on which rows it is open. The template
writer turns these into headers, unlocked cells, dropdowns and validation; the return schema turns
the same definitions into pandera checks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.vocab.kinds import DAY, LEK, MAX_TEXT, ValueKind
from nsm_excel.core.vocab.terms import Disaggregation
from nsm_excel.core.words import Word

__all__ = ["DATE_FORMAT", "LEK", "MAX_TEXT", "TemplateColumn", "ValueKind"]

Row = Mapping[str, Any]


@dataclass(frozen=True)
class TemplateColumn:
    key: str
    label: Word
    kind: ValueKind
    width: float
    input: bool = False
    help: Word | None = None
    number_format: str = ""
    applies: Callable[[Row], bool] | None = None  # input on rows where true; locked elsewhere
    required: bool = False  # always required (conditional rules live in the return schema)
    hidden: bool = False  # a code kept for programs; a visible column beside it shows its label

    def is_input_on(self, row: Row) -> bool:
        return self.input and (self.applies is None or self.applies(row))


def _sex_rows(row: Row) -> bool:
    return row.get("disaggregation") == Disaggregation.SEX


DATE_FORMAT = DAY


def _shown(
    sheet: str, key: str, kind: ValueKind, width: float, hidden: bool = False
) -> TemplateColumn:
    """A locked column pre-filled from the plan."""
    return TemplateColumn(key, Word(f"template.column.{sheet}.{key}"), kind, width, hidden=hidden)


# labels in the institution's language shown beside hidden code columns: derived from the code
LABEL_OF = {"role_label": "role", "unit_label": "unit", "disaggregation_label": "disaggregation"}
# the locked columns added with the labels: a template issued before has none of them
LABELLED = frozenset({*LABEL_OF, "output", "target_groups"})
# where the institution justifies a warning on its row: an input column added later, so the
# register notes that a template has it (``INPUTS_ADDED`` in its content); one issued before has not
REMARK = "remark"
INPUTS_ADDED = (REMARK,)


def _remark(sheet: str) -> TemplateColumn:
    return TemplateColumn(
        REMARK,
        Word(f"template.column.{sheet}.remark"),
        ValueKind.LONG_TEXT,
        30,
        input=True,
        help=Word("template.help.remark"),
    )


MEASURE_COLUMNS: tuple[TemplateColumn, ...] = (
    _shown("measures", "measure_code", ValueKind.CODE, 9),
    _shown("measures", "role", ValueKind.CODE, 9, hidden=True),
    _shown("measures", "role_label", ValueKind.TEXT, 11),
    _shown("measures", "objective_code", ValueKind.CODE, 12),
    _shown("measures", "title", ValueKind.LONG_TEXT, 32),
    _shown("measures", "output", ValueKind.LONG_TEXT, 26),
    _shown("measures", "target_groups", ValueKind.TEXT, 16),
    _shown("measures", "lead", ValueKind.CODE, 10),
    _shown("measures", "supporting", ValueKind.TEXT, 13),
    _shown("measures", "start", ValueKind.CODE, 9),
    _shown("measures", "end", ValueKind.CODE, 9),
    TemplateColumn(
        "planned_cost",
        Word("template.column.measures.planned_cost"),
        ValueKind.AMOUNT,
        16,
        number_format=LEK,
    ),
    # the institution's last accepted answer from an earlier period (template.carry), locked
    TemplateColumn(
        "previous_period", Word("template.column.measures.previous_period"), ValueKind.CODE, 10
    ),
    TemplateColumn(
        "previous_status", Word("template.column.measures.previous_status"), ValueKind.TEXT, 13
    ),
    TemplateColumn(
        "previous_progress",
        Word("template.column.measures.previous_progress"),
        ValueKind.LONG_TEXT,
        24,
    ),
    TemplateColumn(
        "spent_year_to_date",
        Word("template.column.measures.spent_year_to_date"),
        ValueKind.AMOUNT,
        13,
        number_format=LEK,
    ),
    TemplateColumn(
        "spent_total_to_date",
        Word("template.column.measures.spent_total_to_date"),
        ValueKind.AMOUNT,
        13,
        number_format=LEK,
    ),
    TemplateColumn(
        "status",
        Word("template.column.measures.status"),
        ValueKind.STATUS,
        24,
        input=True,
        help=Word("template.help.measures.status"),
    ),
    TemplateColumn(
        "progress",
        Word("template.column.measures.progress"),
        ValueKind.LONG_TEXT,
        36,
        input=True,
        help=Word("template.help.measures.progress"),
    ),
    TemplateColumn(
        "delay_reason",
        Word("template.column.measures.delay_reason"),
        ValueKind.LONG_TEXT,
        26,
        input=True,
        help=Word("template.help.measures.delay_reason"),
    ),
    TemplateColumn(
        "next_steps",
        Word("template.column.measures.next_steps"),
        ValueKind.LONG_TEXT,
        24,
        input=True,
        help=Word("template.help.measures.next_steps"),
    ),
    TemplateColumn(
        "spent_state",
        Word("template.column.measures.spent_state"),
        ValueKind.AMOUNT,
        16,
        input=True,
        help=Word("template.help.measures.spent_state"),
        number_format=LEK,
    ),
    TemplateColumn(
        "spent_donor",
        Word("template.column.measures.spent_donor"),
        ValueKind.AMOUNT,
        16,
        input=True,
        help=Word("template.help.measures.spent_donor"),
        number_format=LEK,
    ),
    TemplateColumn(
        "evidence",
        Word("template.column.measures.evidence"),
        ValueKind.LONG_TEXT,
        24,
        input=True,
        help=Word("template.help.measures.evidence"),
    ),
    TemplateColumn(
        "completion_date",
        Word("template.column.measures.completion_date"),
        ValueKind.DATE,
        14,
        input=True,
        help=Word("template.help.measures.completion_date"),
        number_format=DATE_FORMAT,
    ),
    _remark("measures"),
)

INDICATOR_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn(
        "indicator_code", Word("template.column.indicators.indicator_code"), ValueKind.CODE, 12
    ),
    TemplateColumn(
        "linked_code", Word("template.column.indicators.linked_code"), ValueKind.CODE, 10
    ),
    TemplateColumn("name", Word("template.column.indicators.name"), ValueKind.LONG_TEXT, 40),
    _shown("indicators", "unit", ValueKind.CODE, 9, hidden=True),
    _shown("indicators", "unit_label", ValueKind.TEXT, 11),
    TemplateColumn("baseline", Word("template.column.indicators.baseline"), ValueKind.NUMBER, 11),
    TemplateColumn("target", Word("template.column.indicators.target"), ValueKind.NUMBER, 11),
    _shown("indicators", "disaggregation", ValueKind.CODE, 10, hidden=True),
    _shown("indicators", "disaggregation_label", ValueKind.TEXT, 12),
    TemplateColumn(
        "previous_period", Word("template.column.indicators.previous_period"), ValueKind.CODE, 10
    ),
    TemplateColumn(
        "previous_actual", Word("template.column.indicators.previous_actual"), ValueKind.NUMBER, 12
    ),
    TemplateColumn(
        "actual",
        Word("template.column.indicators.actual"),
        ValueKind.ACTUAL,
        14,
        input=True,
        help=Word("template.help.indicators.actual"),
    ),
    TemplateColumn(
        "actual_women",
        Word("template.column.indicators.actual_women"),
        ValueKind.WHOLE,
        10,
        input=True,
        help=Word("template.help.indicators.actual_women"),
        applies=_sex_rows,
    ),
    TemplateColumn(
        "actual_men",
        Word("template.column.indicators.actual_men"),
        ValueKind.WHOLE,
        10,
        input=True,
        help=Word("template.help.indicators.actual_men"),
        applies=_sex_rows,
    ),
    TemplateColumn(
        "comment",
        Word("template.column.indicators.comment"),
        ValueKind.LONG_TEXT,
        30,
        input=True,
        help=Word("template.help.indicators.comment"),
    ),
    _remark("indicators"),
)
