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

from nsm_excel.core.labels import Text
from nsm_excel.core.vocab.kinds import DAY, LEK, MAX_TEXT, ValueKind
from nsm_excel.core.vocab.terms import Disaggregation

__all__ = ["DATE_FORMAT", "LEK", "MAX_TEXT", "TemplateColumn", "ValueKind"]

Row = Mapping[str, Any]


@dataclass(frozen=True)
class TemplateColumn:
    key: str
    label: Text
    kind: ValueKind
    width: float
    input: bool = False
    help: Text | None = None
    number_format: str = ""
    applies: Callable[[Row], bool] | None = None  # input on rows where true; locked elsewhere
    required: bool = False  # always required (conditional rules live in the return schema)

    def is_input_on(self, row: Row) -> bool:
        return self.input and (self.applies is None or self.applies(row))


def _sex_rows(row: Row) -> bool:
    return row.get("disaggregation") == Disaggregation.SEX


DATE_FORMAT = DAY

MEASURE_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("measure_code", Text("Kodi", "Code"), ValueKind.CODE, 9),
    TemplateColumn("role", Text("Roli", "Role"), ValueKind.CODE, 9),
    TemplateColumn("objective_code", Text("Objektivi", "Objective"), ValueKind.CODE, 10),
    TemplateColumn("title", Text("Masa", "Measure"), ValueKind.LONG_TEXT, 40),
    TemplateColumn("lead", Text("Drejtues", "Lead"), ValueKind.CODE, 9),
    TemplateColumn("supporting", Text("Mbështetës", "Supporting"), ValueKind.TEXT, 13),
    TemplateColumn("start", Text("Fillimi", "Start"), ValueKind.CODE, 9),
    TemplateColumn("end", Text("Fundi", "End"), ValueKind.CODE, 9),
    TemplateColumn(
        "planned_cost",
        Text("Kosto e planifikuar e vitit (lekë)", "Planned cost of the year (ALL)"),
        ValueKind.AMOUNT,
        15,
        number_format=LEK,
    ),
    TemplateColumn(
        "status",
        Text("Statusi", "Status"),
        ValueKind.STATUS,
        24,
        input=True,
        help=Text(
            "Zgjidhni statusin nga lista. I detyrueshëm kur jeni drejtues.",
            "Choose the status from the list. Required on lead rows.",
        ),
    ),
    TemplateColumn(
        "progress",
        Text("Çfarë u realizua në periudhë", "What was done in the period"),
        ValueKind.LONG_TEXT,
        36,
        input=True,
        help=Text(
            "Përshkruani çfarë u bë. I detyrueshëm, përveç kur masa nuk ka filluar.",
            "Describe what was done. Required unless the measure has not started.",
        ),
    ),
    TemplateColumn(
        "delay_reason",
        Text("Arsyeja e vonesës", "Reason for delay"),
        ValueKind.LONG_TEXT,
        26,
        input=True,
        help=Text(
            "I detyrueshëm kur statusi është me vonesë, pjesërisht ose nuk ka filluar.",
            "Required when the status is delayed, partial or not started.",
        ),
    ),
    TemplateColumn(
        "next_steps",
        Text("Hapat e ardhshëm", "Next steps"),
        ValueKind.LONG_TEXT,
        24,
        input=True,
        help=Text("Opsionale.", "Optional."),
    ),
    TemplateColumn(
        "spent_state",
        Text("Shpenzuar: buxheti i shtetit (lekë)", "Spent: state budget (ALL)"),
        ValueKind.AMOUNT,
        16,
        input=True,
        help=Text(
            "Shuma e shpenzuar në periudhë nga buxheti i shtetit, në lekë, p.sh. 1250000.",
            "Amount spent in the period from the state budget, in lek, e.g. 1250000.",
        ),
        number_format=LEK,
    ),
    TemplateColumn(
        "spent_donor",
        Text("Shpenzuar: donatorë (lekë)", "Spent: donor funds (ALL)"),
        ValueKind.AMOUNT,
        16,
        input=True,
        help=Text(
            "Shuma e shpenzuar në periudhë nga fondet e donatorëve, në lekë.",
            "Amount spent in the period from donor funds, in lek.",
        ),
        number_format=LEK,
    ),
    TemplateColumn(
        "evidence",
        Text("Dokumenti provues", "Evidence"),
        ValueKind.LONG_TEXT,
        24,
        input=True,
        help=Text(
            "Dokument, lidhje ose referencë. I detyrueshëm kur masa është zbatuar plotësisht.",
            "Document, link or reference. Required when the measure is completed.",
        ),
    ),
    TemplateColumn(
        "completion_date",
        Text("Data e përfundimit", "Completion date"),
        ValueKind.DATE,
        14,
        input=True,
        help=Text(
            "Data kur u përfundua masa (dd.mm.vvvv). E detyrueshme kur është zbatuar plotësisht.",
            "Date the measure was completed (dd.mm.yyyy). Required when completed.",
        ),
        number_format=DATE_FORMAT,
    ),
)

INDICATOR_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("indicator_code", Text("Kodi", "Code"), ValueKind.CODE, 12),
    TemplateColumn("linked_code", Text("Lidhur me", "Linked to"), ValueKind.CODE, 10),
    TemplateColumn("name", Text("Treguesi", "Indicator"), ValueKind.LONG_TEXT, 40),
    TemplateColumn("unit", Text("Njësia", "Unit"), ValueKind.CODE, 9),
    TemplateColumn("baseline", Text("Vlera bazë", "Baseline"), ValueKind.NUMBER, 11),
    TemplateColumn("target", Text("Synimi i vitit", "Target of the year"), ValueKind.NUMBER, 11),
    TemplateColumn("disaggregation", Text("Ndarja", "Breakdown"), ValueKind.CODE, 10),
    TemplateColumn(
        "actual",
        Text("Vlera e arritur", "Actual value"),
        ValueKind.ACTUAL,
        14,
        input=True,
        help=Text(
            "Vlera në fund të periudhës. Përqindje si numër 0-100; po/jo nga lista.",
            "Value at the end of the period. Percent as a number 0-100; yes/no from the list.",
        ),
    ),
    TemplateColumn(
        "actual_women",
        Text("Gra", "Women"),
        ValueKind.WHOLE,
        10,
        input=True,
        help=Text(
            "Numri i grave. Gra + burra = vlera e arritur.",
            "Number of women. Women + men = actual value.",
        ),
        applies=_sex_rows,
    ),
    TemplateColumn(
        "actual_men",
        Text("Burra", "Men"),
        ValueKind.WHOLE,
        10,
        input=True,
        help=Text(
            "Numri i burrave. Gra + burra = vlera e arritur.",
            "Number of men. Women + men = actual value.",
        ),
        applies=_sex_rows,
    ),
    TemplateColumn(
        "comment",
        Text("Koment", "Comment"),
        ValueKind.LONG_TEXT,
        30,
        input=True,
        help=Text(
            "I detyrueshëm kur vlera mungon: shpjegoni pse.",
            "Required when the actual value is left empty: say why.",
        ),
    ),
)

COVER_KEYS = ("field", "label", "value")

COVER_FIELDS: tuple[TemplateColumn, ...] = (
    TemplateColumn("strategy", Text("Strategjia", "Strategy"), ValueKind.TEXT, 0),
    TemplateColumn(
        "institution", Text("Institucioni (kodi)", "Institution (code)"), ValueKind.CODE, 0
    ),
    TemplateColumn("institution_name", Text("Institucioni", "Institution"), ValueKind.TEXT, 0),
    TemplateColumn("period", Text("Periudha", "Period"), ValueKind.CODE, 0),
    TemplateColumn("deadline", Text("Afati i dorëzimit", "Deadline"), ValueKind.DATE, 0),
    TemplateColumn(
        "template_id", Text("Identifikuesi i formularit", "Template id"), ValueKind.CODE, 0
    ),
    TemplateColumn("template_version", Text("Versioni", "Version"), ValueKind.CODE, 0),
    TemplateColumn("plan_version", Text("Versioni i planit", "Plan version"), ValueKind.CODE, 0),
    TemplateColumn(
        "reporter_name",
        Text("Emri i personit që raporton", "Name of the person reporting"),
        ValueKind.TEXT,
        0,
        input=True,
        required=True,
        help=Text("I detyrueshëm.", "Required."),
    ),
    TemplateColumn(
        "reporter_email",
        Text("E-maili", "E-mail"),
        ValueKind.EMAIL,
        0,
        input=True,
        required=True,
        help=Text(
            "I detyrueshëm, p.sh. emer@institucioni.gov.al", "Required, e.g. name@ministry.gov.al"
        ),
    ),
    TemplateColumn(
        "reporter_phone",
        Text("Telefoni", "Phone"),
        ValueKind.TEXT,
        0,
        input=True,
        help=Text("Opsional.", "Optional."),
    ),
    TemplateColumn(
        "submission_date",
        Text("Data e dorëzimit", "Submission date"),
        ValueKind.DATE,
        0,
        input=True,
        required=True,
        help=Text("E detyrueshme (dd.mm.vvvv).", "Required (dd.mm.yyyy)."),
        number_format=DATE_FORMAT,
    ),
    TemplateColumn(
        "remarks",
        Text("Vërejtje", "Remarks"),
        ValueKind.LONG_TEXT,
        0,
        input=True,
        help=Text("Opsionale.", "Optional."),
    ),
)
