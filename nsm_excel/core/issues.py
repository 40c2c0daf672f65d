"""Problems as data: an :class:`Issue` names a code from the catalogue, where it happened and
the facts its message is made of; the message is rendered when shown, in the language asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core import catalogue, words
from nsm_excel.core.catalogue import CELL, SHEET
from nsm_excel.core.issue_codes import IssueCode, Severity

__all__ = ["Issue", "IssueCode", "Report", "Severity", "shown"]

_FACTS = ("file", "sheet", "cell", "column", "value")
REMARK = "remark"  # the institution's remark on a warning's row, as typed
OVERRIDDEN = "overridden"  # the secretariat's reason for accepting an error, as typed
# what the institution and the secretariat said about an issue, shown after its message
_SAID = ((REMARK, "shown.remark", "remark"), (OVERRIDDEN, "shown.overridden", "reason"))


@dataclass(frozen=True, init=False)
class Issue:
    """One problem at one place. ``params`` fill the catalogue's message templates: facts, and
    words as :func:`nsm_excel.core.words.ref` (shown in the message's language).

    A code is given as an :class:`IssueCode`; a string equal to a member's value is taken as it.
    """

    code: IssueCode
    file: str
    sheet: str
    cell: str
    column: str
    value: str
    params: Mapping[str, Any]

    def __init__(
        self,
        code: IssueCode | str,
        file: str = "",
        sheet: str = "",
        cell: str = "",
        column: str = "",
        value: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        # an unknown code is a programmer's error, caught at once
        fields = (catalogue.code_of(code), file, sheet, cell, column, value, params or {})
        for name, given in zip(("code", *_FACTS, "params"), fields, strict=True):
            object.__setattr__(self, name, given)

    @property
    def severity(self) -> Severity:
        return catalogue.entry(self.code).severity

    @property
    def where(self) -> str:
        """``Sheet Measures, cell H14`` (English form); see :meth:`location`."""
        return self.location("en")

    def location(self, lang: str) -> str:
        parts = []
        if self.sheet:
            parts.append(f"{SHEET.get(lang)} {self.sheet}")
        if self.cell:
            parts.append(f"{CELL.get(lang)} {self.cell}")
        return ", ".join(parts)

    def message(self, lang: str = "en") -> str:
        """The full sentence a person reads: where, what is wrong, how to fix it."""
        text = catalogue.render(self.code, lang, {"value": self.value, **self.params})
        for param, key, name in _SAID:
            if self.params.get(param):
                text += " " + words.text(key, lang, **{name: self.params[param]})
        where = self.location(lang)
        return f"{where}: {text}" if where else text

    def to_dict(self) -> dict[str, Any]:
        """The facts, as the records keep them: code, severity, place and parameters."""
        facts = {name: getattr(self, name) for name in _FACTS}
        return (
            {"code": self.code.value, "severity": self.severity.value}
            | facts
            | {"params": dict(self.params)}
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Issue:
        """The issue :meth:`to_dict` gave."""
        facts = {name: str(data.get(name) or "") for name in _FACTS}
        return cls(catalogue.code_of(data["code"]), **facts, params=dict(data.get("params") or {}))

    def shown(self) -> dict[str, Any]:
        """As output shows it (``--json``): the place and the message in every language."""
        facts = {name: getattr(self, name) for name in _FACTS}
        return (
            {"code": self.code.value, "severity": self.severity.value}
            | facts
            | {
                "message_en": self.message("en"),
                "message_sq": self.message("sq"),
            }
        )


def shown(stored: Mapping[str, Any], lang: str) -> str:
    """The message of an issue the records keep, in ``lang``: rendered from its code and
    parameters; a record from before the records kept them shows the text stored then."""
    if "params" in stored:
        return Issue.from_dict(stored).message(lang)
    return str(stored.get(f"message_{lang}") or stored.get("message_en") or "")


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
            "issues": [i.shown() for i in self.issues],
        }
