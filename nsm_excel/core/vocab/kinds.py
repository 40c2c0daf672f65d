"""The kinds of value a cell holds: one system for the plan register, the template, the return
and the master workbook.

Each :class:`ValueKind` carries how Excel checks the cell as it is typed (:class:`Entry`), the
number format it is shown with, and the name of the reader in :mod:`nsm_excel.intake.answers`
that reads what an institution typed into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from nsm_excel.core.words import Word

MAX_TEXT = 4000
LEK = "#,##0"
DAY = "dd.mm.yyyy"


EntryType = Literal["list", "decimal", "whole", "date", "textLength"]


@dataclass(frozen=True)
class Entry:
    """An Excel data validation: its type, its bounds (``None``: none that side; a date's bounds
    are the template's reporting days) and the word of its error message."""

    type: EntryType
    low: str | None = None
    high: str | None = None
    error: str = "template.text-error"

    @property
    def error_word(self) -> Word:
        return Word(self.error)


TEXT_ENTRY = Entry("textLength", high=str(MAX_TEXT))


@dataclass(frozen=True)
class KindSpec:
    name: str
    entry: Entry | None = TEXT_ENTRY  # None: no validation of its own (the unit's, the plan's)
    number_format: str = ""
    reader: str = "text_of"  # the function of intake.answers that reads it
    wrap: bool = False
    scale: float = 1.0  # the master workbook stores value / scale (a percent 0-100 as a fraction)


class ValueKind(Enum):
    """What a cell holds, everywhere a cell is read or written."""

    TEXT = KindSpec("text")
    LONG_TEXT = KindSpec("long text", wrap=True)  # wrapped, up to MAX_TEXT characters
    CODE = KindSpec("code")  # in the plan: any non-empty code, stored upper case
    EMAIL = KindSpec("e-mail")
    STATUS = KindSpec("status", Entry("list", error="template.status-error"), reader="read_status")
    YES_NO = KindSpec("yes/no", Entry("list", error="template.yes-no-error"), reader="read_yes_no")
    AMOUNT = KindSpec(  # lek, >= 0
        "amount", Entry("decimal", low="0", error="template.amount-error"), LEK, "read_spent"
    )
    NUMBER = KindSpec(
        "number",
        Entry("decimal", "-1000000000000", "1000000000000", "template.number-error"),
        reader="read_value",
    )
    PERCENT = KindSpec(  # 0-100
        "percent",
        Entry("decimal", "0", "100", "template.percent-error"),
        "0.0%",
        "read_value",
        scale=100.0,
    )
    FRACTION = KindSpec("fraction", None, "0.0%", "read_value")  # 0-1, shown as a percent
    WHOLE = KindSpec(  # a whole number >= 0 typed in a return
        "whole", Entry("whole", low="0", error="template.whole-error"), reader="read_whole_count"
    )
    COUNT = KindSpec("count", None, "0", "read_whole_count")  # a whole number the tool counted
    DATE = KindSpec("date", Entry("date", error="template.date-error"), DAY, "read_date")
    DATETIME = KindSpec("date and time", None, "dd.mm.yyyy hh:mm", "read_date")
    ACTUAL = KindSpec("actual", None, reader="")  # the indicator's value: by its unit
    # the plan register's own kinds
    INSTITUTION_CODE = KindSpec("institution code", None)  # 2-12 of A-Z 0-9 _
    INSTITUTION_LIST = KindSpec("list of institution codes", None)
    CHOICE = KindSpec("choice", None)
    CHOICE_LIST = KindSpec("list of choices", None)  # each one a code of the column's vocabulary
    PERIOD = KindSpec("period", None)
    YEAR = KindSpec("year", None)
    GCM_LIST = KindSpec("list of GCM objectives", None)
    TEXT_LIST = KindSpec("list", None)

    @property
    def entry(self) -> Entry | None:
        return self.value.entry

    @property
    def number_format(self) -> str:
        return self.value.number_format

    @property
    def reader(self) -> str:
        return self.value.reader

    @property
    def wrap(self) -> bool:
        return self.value.wrap

    @property
    def scale(self) -> float:
        return self.value.scale
