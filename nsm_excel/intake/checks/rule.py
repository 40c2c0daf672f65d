"""What a value check of a return is, declared: the kinds of check and the register they join.

A :class:`CellCheck` tests one cell of a column by the kind of value the column holds; a
:class:`RowRule` tests a row, reading the row's cells and the :class:`Fact` columns it names;
a :class:`Fact` is a helper column the rules compare, computed once per sheet. Each declares
its issue code and the parameters of its message. A family module (``cells``, ``cover``,
``measures``, ``indicators``) declares its checks and registers them with :func:`register`;
:mod:`.engine` runs whatever is registered. Adding a check is one declaration in its family.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from nsm_excel.template.columns import ValueKind

SHEETS = ("Cover", "Measures", "Indicators")
Params = Callable[["Found"], dict[str, Any]]


@dataclass(frozen=True)
class Found:
    """What a message's parameters are made from: the cell as typed and its row's facts."""

    raw: Any
    facts: pd.Series


def no_params(_found: Found) -> dict[str, Any]:
    return {}


def as_is(value: str) -> str:
    return value


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the file: the period being collected and today's date (the
    day a file was received, for a file whose own day the checks are not given)."""

    period_first: dt.date
    period_last: dt.date
    today: dt.date


@dataclass(frozen=True)
class RowContext:
    """What a row's given facts are made from: the row as issued, the run, the file's days."""

    issued: dict[str, Any]
    run: Context
    sent: dt.date | None  # the submission date the file's Cover states
    received: dt.date  # the day the file was received


@dataclass(frozen=True)
class Fact:
    """A helper column: ``given`` per row from what was issued, or ``derived`` from the frame.

    Derived facts are computed in the order declared, after every given one has been through
    its ``then`` (``pd.to_datetime`` for days, for instance).
    """

    sheet: str
    name: str
    given: Callable[[RowContext], Any] | None = None
    derived: Callable[[pd.DataFrame], pd.Series] | None = None
    then: Callable[[pd.Series], pd.Series] | None = None


@dataclass(frozen=True)
class CellCheck:
    """A cell-by-cell check of every column of ``kinds`` (all kinds when empty).

    ``accepts`` is True for a fine value; empty cells are not checked unless ``empty_too``.
    ``shown`` shortens the value as its message quotes it.
    """

    code: str
    accepts: Callable[[Any], bool]
    kinds: tuple[ValueKind, ...] = ()
    empty_too: bool = False
    params: Params = no_params
    shown: Callable[[str], str] = as_is

    def applies_to(self, kind: ValueKind) -> bool:
        return not self.kinds or kind in self.kinds


@dataclass(frozen=True)
class RowRule:
    """A contract rule over a sheet's rows: ``holds`` is True where the row is fine; a row
    where it is not gets the issue ``code`` at its cell of ``column``."""

    sheet: str
    code: str
    column: str
    holds: Callable[[pd.DataFrame], pd.Series]
    params: Params = no_params
    shown: Callable[[str], str] = as_is

    @property
    def name(self) -> str:
        return f"{self.code}@{self.column}"


@dataclass
class Register:
    """Every declared check and fact, in the order declared (the order issues are found in)."""

    cells: list[CellCheck]
    rows: list[RowRule]
    facts: list[Fact]

    def rules(self, sheet: str) -> list[RowRule]:
        return [rule for rule in self.rows if rule.sheet == sheet]

    def facts_of(self, sheet: str) -> list[Fact]:
        return [fact for fact in self.facts if fact.sheet == sheet]


REGISTER = Register([], [], [])


def register(*declared: CellCheck | RowRule | Fact | Iterable[CellCheck | RowRule | Fact]) -> None:
    """Add declarations to the register; a rule named twice on a sheet is a programmer's error."""
    for item in declared:
        if isinstance(item, CellCheck | RowRule | Fact):
            _add(item)
        else:
            for one in item:
                _add(one)


def _add(item: CellCheck | RowRule | Fact) -> None:
    if isinstance(item, CellCheck):
        REGISTER.cells.append(item)
    elif isinstance(item, RowRule):
        if any(r.sheet == item.sheet and r.name == item.name for r in REGISTER.rows):
            raise ValueError(f"{item.sheet}: rule {item.name} declared twice")
        REGISTER.rows.append(item)
    else:
        REGISTER.facts.append(item)
