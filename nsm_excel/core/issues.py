"""Problems as data: an :class:`Issue` names a code from the catalogue and where it happened."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core import catalogue
from nsm_excel.core.vocab.terms import Severity as Severity  # the vocabulary of severities


@dataclass(frozen=True)
class Issue:
    """One problem at one place. ``params`` fill the catalogue's message templates."""

    code: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    column: str = ""
    value: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        catalogue.entry(self.code)  # unknown codes are programmer errors, caught at once

    @property
    def severity(self) -> Severity:
        return Severity(catalogue.entry(self.code).severity)

    @property
    def where(self) -> str:
        """``Sheet Measures, cell H14`` (English form); see :meth:`location`."""
        return self.location("en")

    def location(self, lang: str) -> str:
        words = catalogue.WHERE_WORDS[lang]
        parts = []
        if self.sheet:
            parts.append(f"{words['sheet']} {self.sheet}")
        if self.cell:
            parts.append(f"{words['cell']} {self.cell}")
        return ", ".join(parts)

    def message(self, lang: str = "en") -> str:
        """The full sentence a person reads: where, what is wrong, how to fix it."""
        text = catalogue.render(self.code, lang, {"value": self.value, **self.params})
        where = self.location(lang)
        return f"{where}: {text}" if where else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "column": self.column,
            "value": self.value,
            "message_en": self.message("en"),
            "message_sq": self.message("sq"),
        }


@dataclass
class Report:
    """Every issue found in one input, in the order found; ``valid`` when none is an error."""

    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def codes(self) -> list[tuple[str, str, str]]:
        """Compact ``(sheet, cell, code)`` tuples, for tests and quick looks."""
        return [(i.sheet, i.cell, i.code) for i in self.issues]

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_dict() for i in self.issues],
        }
