"""What the structure check learns about a returned file, and how it notes a problem.

:class:`Examined` holds a file's issued record, its issues and its table rows matched to the
register (:class:`Row`), which the value checks (:mod:`nsm_excel.intake.checks`) read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core import cell_text
from nsm_excel.core.issues import Issue
from nsm_excel.intake.answers import Formula
from nsm_excel.store.register import IssuedTemplate


@dataclass(frozen=True)
class RowCells(Mapping[str, str]):
    """The A1 cells of one table row, made on demand from the table's column letters."""

    letters: Mapping[str, str]
    row: int

    def __getitem__(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def __iter__(self) -> Iterator[str]:
        return iter(self.letters)

    def __len__(self) -> int:
        return len(self.letters)


@dataclass(frozen=True)
class Row:
    """A data row matched to the register: its Excel row, what was issued, what is there now."""

    excel_row: int
    issued: dict[str, Any]
    values: dict[str, Any]  # input keys -> raw value (a Formula for a formula cell)
    cells: Mapping[str, str]  # key -> A1


@dataclass
class Examined:
    """What the structure check learnt about one file."""

    file: str
    record: IssuedTemplate | None = None
    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, list[Row]] = field(default_factory=dict)  # Measures, Indicators, Cover


class RegisterView:
    """The register look-ups the check needs, remembered for the run (the register is fixed),
    and the calendar's state of a period (None for one not in the calendar)."""

    def __init__(
        self,
        by_id: Callable[[str], IssuedTemplate | None],
        latest: Callable[[str, str], IssuedTemplate | None],
        period_state: Callable[[str], str | None] = lambda _: "open",
        contact: str = "",
    ) -> None:
        self._by_id = by_id
        self._latest = latest
        self.period_state = period_state
        self.contact = contact  # whom a refused institution asks: the secretariat
        self._ids: dict[str, IssuedTemplate | None] = {}
        self._latests: dict[tuple[str, str], IssuedTemplate | None] = {}

    def by_id(self, template_id: str) -> IssuedTemplate | None:
        if template_id not in self._ids:
            self._ids[template_id] = self._by_id(template_id)
        return self._ids[template_id]

    def latest(self, institution: str, period: str) -> IssuedTemplate | None:
        if (institution, period) not in self._latests:
            self._latests[(institution, period)] = self._latest(institution, period)
        return self._latests[(institution, period)]


def note(out: Examined, code: str, sheet: str = "", cell: str = "", **params: Any) -> None:
    value = params.pop("value", "")
    column = params.pop("column", "")
    text = value if isinstance(value, str) else shown(value)
    out.issues.append(Issue(code, out.file, sheet, cell, column, text, params))


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return str(value.strftime("%d.%m.%Y"))
    return cell_text.shown(str(value))  # as a template shows it: line breaks, control characters


def same(found: Any, issued: Any) -> bool:
    if type(found) is type(issued) and found == issued:
        return True  # the usual case: the cell as issued (NaN, never equal, is compared below)
    if (found is None or found == "") and (issued is None or issued == ""):
        return True
    if hasattr(found, "isoformat") and isinstance(issued, str):  # a date kept as ISO text
        day = found.date() if hasattr(found, "date") else found
        return bool(day.isoformat() == issued[:10])
    if isinstance(issued, int | float) and not isinstance(found, bool | Formula):
        try:
            return float(found) == float(issued)
        except (TypeError, ValueError):
            return False
    return shown(found).strip() == shown(issued).strip()
