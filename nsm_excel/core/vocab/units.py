"""The units of an indicator: everything about each, in one table.

A :class:`Unit` says how its value is typed in a template (the kind whose validation and error
message its cell gets, and the cell's number format), how intake reads it (the reader of
:mod:`nsm_excel.intake.answers` and the issue code of each problem that reader names), the
values it can hold (the plan's baseline and targets and a return's value), and how the outputs
show it. A new unit is one more row here and its word ``unit.<code>`` in the ``labels``
catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.core.vocab.terms import Aggregation
from nsm_excel.core.words import Word

# the issue code of each problem a number reader names, read as an indicator's value
NUMBER_PROBLEMS: Mapping[str, str] = MappingProxyType(
    {
        "invalid": C.RETURN_BAD_NUMBER,
        "ambiguous": C.RETURN_AMBIGUOUS_NUMBER,
        "mixed": C.RETURN_MIXED_SEPARATORS,
        "too-large": C.RETURN_NUMBER_TOO_LARGE,
    }
)
WHOLE_PROBLEMS: Mapping[str, str] = MappingProxyType(
    {
        "invalid": C.RETURN_BAD_WHOLE,
        "ambiguous": C.RETURN_BAD_WHOLE,
        "mixed": C.RETURN_MIXED_SEPARATORS,
        "too-large": C.RETURN_NUMBER_TOO_LARGE,
    }
)
YES_NO_PROBLEMS: Mapping[str, str] = MappingProxyType({"invalid": C.RETURN_BAD_YES_NO})


@dataclass(frozen=True)
class Unit:
    code: str
    entry: ValueKind  # the validation and error message of its value's cell in a template
    problems: Mapping[str, str] = field(
        default_factory=lambda: NUMBER_PROBLEMS
    )  # reader's problem -> code
    number_format: str = ""  # of its value's cell in a template
    low: float | None = None  # the values it can hold, in the plan and in a return
    high: float | None = None
    whole: bool = False
    percent: bool = False  # '45%' typed is meant; a fraction such as 0.45 is queried
    directional: bool = True  # its targets rise or fall (a yes/no indicator's do not)
    plan_issue: str = ""  # the code of a plan figure it cannot hold ('': not checked)
    return_issue: str = ""  # the code of a return's value outside low-high ('': not checked)
    summable: bool = True  # values of several periods can be added (a share or a yes/no cannot)

    @property
    def aggregation(self) -> Aggregation:
        """How its values of several periods make a year's figure when the plan says nothing."""
        return Aggregation.SUM if self.summable else Aggregation.LATEST

    @property
    def word(self) -> Word:
        return Word(f"unit.{self.code}")

    @property
    def reader(self) -> str:
        """The function of :mod:`nsm_excel.intake.answers` that reads its value."""
        return (
            "read_value"
            if self.entry in (ValueKind.AMOUNT, ValueKind.PERCENT)
            else self.entry.reader
        )

    def holds(self, value: float) -> bool:
        """Whether a figure of the plan is one this unit can hold."""
        if self.whole and not float(value).is_integer():
            return False
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


UNITS: dict[str, Unit] = {
    unit.code: unit
    for unit in (
        Unit("number", ValueKind.NUMBER),
        Unit("percent", ValueKind.PERCENT, low=0, high=100, percent=True,
             plan_issue=C.PLAN_PERCENT_RANGE, return_issue=C.RETURN_PERCENT_RANGE, summable=False),
        Unit("amount", ValueKind.AMOUNT),
        Unit("yes_no", ValueKind.YES_NO, YES_NO_PROBLEMS, low=0, high=1, whole=True,
             directional=False, plan_issue=C.PLAN_YES_NO_VALUE, summable=False),
    )
}  # fmt: skip
DEFAULT = "number"  # the unit of a row that names none


def unit(code: object) -> Unit:
    """The unit of ``code``; a number for a code that names none."""
    return UNITS.get(str(code), UNITS[DEFAULT]) if code else UNITS[DEFAULT]


def codes() -> tuple[str, ...]:
    return tuple(UNITS)


def with_reader(reader: str) -> tuple[str, ...]:
    """The codes of the units whose value ``reader`` reads."""
    return tuple(code for code, u in UNITS.items() if u.reader == reader)
