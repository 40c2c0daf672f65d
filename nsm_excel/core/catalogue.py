"""The one catalogue of issue codes: each code's severity, and its message by key.

The messages live in the ``issues`` word catalogues (``nsm_excel/locale/<lang>/LC_MESSAGES/
issues.po``) under ``issue.<code>``: each says what is wrong and how to fix it; the location
("Sheet Measures, cell H14") is put in front by :meth:`nsm_excel.core.issues.Issue.message`.
Placeholders are filled from the issue's ``value`` and ``params``; a parameter given as a word
(:func:`nsm_excel.core.words.ref`) is shown in the language of the message. Tests compare
against this catalogue, never against hand-typed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nsm_excel.core import clock, words
from nsm_excel.core.issue_codes import IssueCode, Severity

SHEET, CELL = words.Word("issue.where.sheet"), words.Word("issue.where.cell")


@dataclass(frozen=True)
class Entry:
    """A code of the catalogue: how grave it is, and the key of its message."""

    code: IssueCode
    severity: Severity

    @property
    def key(self) -> str:
        return f"issue.{self.code}"

    def template(self, lang: str) -> str:
        """The message in ``lang`` with its placeholders as written."""
        return words.word(self.key, lang)


CATALOGUE: dict[IssueCode, Entry] = {code: Entry(code, code.severity) for code in IssueCode}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def code_of(code: str) -> IssueCode:
    """``code`` as a member of :class:`IssueCode`; an unknown code is a programmer error."""
    try:
        return IssueCode(code)
    except ValueError:
        raise KeyError(f"issue code {code!r} is not in the catalogue") from None


def entry(code: str) -> Entry:
    """The catalogue entry for ``code``; an unknown code is a programmer error."""
    return CATALOGUE[code_of(code)]


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """The message of ``code`` in ``lang``, placeholders filled from ``params`` (words shown in
    ``lang``; a placeholder without a value is left empty)."""
    shown = {name: _shown(name, words.resolve(value, lang)) for name, value in params.items()}
    return entry(code).template(lang).format_map(_Blank(shown))


def _shown(name: str, value: object) -> object:
    """A parameter as a message shows it: a whole number read as a float (65000.0) as the whole
    number typed (65000); a time the records keep (``received_at``: ISO, UTC) on the clock of
    :data:`~nsm_excel.core.clock.DEFAULT_ZONE`, as dd.mm.yyyy HH:MM."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if name.endswith("_at") and isinstance(value, str) and "T" in value:
        try:
            return clock.local_time(value, clock.DEFAULT_ZONE)
        except ValueError:
            return value
    return value


def markdown() -> str:
    """The catalogue as a Markdown table: the text of ``docs/issue-codes.md``."""
    lines = [
        "# Issue codes",
        "",
        "Every problem nsm-excel reports carries one of these codes. An error makes the input",
        "unusable; a warning is reported and accepted. Generated from",
        "`nsm_excel/core/catalogue.py` and the `issues` word catalogues in `nsm_excel/locale/`",
        "(`nsm codes --markdown > docs/issue-codes.md`); placeholders in braces are filled from",
        "the cell.",
        "",
        "| code | severity | message (English) | message (Albanian) |",
        "|---|---|---|---|",
    ]
    for code, item in CATALOGUE.items():
        lines.append(
            f"| `{code}` | {item.severity} | {item.template('en')} | {item.template('sq')} |"
        )
    return "\n".join(lines) + "\n"
