"""Plan edits after returns were accepted: answers must stay with the measure they were given for.

A measure's (or an indicator's) identity is its code together with a fingerprint of its titles:
the text casefolded, with whitespace and line breaks collapsed. What institutions answered is
data here (:class:`Answered`, read from the records by :mod:`nsm_excel.plan_history`): the code and
the title in the language of the template they answered.

- An answered code whose title now matches ANOTHER code's title (two codes swapped, a code
  moved to another row) is an error: the accepted answers would move to another measure.
- Any other change of an answered code's title is a warning: the answers stay with the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import cell_text, words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.plan.columns import INDICATORS, MEASURES
from nsm_excel.plan.frames import SheetRows

TITLES = {MEASURES: "title", INDICATORS: "name"}  # title_sq / title_en, name_sq / name_en
KINDS = {MEASURES: words.ref("issue.kind.measure"), INDICATORS: words.ref("issue.kind.indicator")}
PREVIEW = 120  # characters of an answered title echoed in a message


@dataclass(frozen=True)
class Answered:
    """A row of a template an accepted return answered: its sheet, code, language and title."""

    sheet: str  # Measures or Indicators
    code: str
    language: str  # sq or en
    title: str


def fingerprint(text: object) -> str:
    """A title as compared: casefolded, whitespace and line breaks collapsed."""
    if not isinstance(text, str):
        return ""
    return " ".join(cell_text.shown(text).casefold().split())


def check_edits(sheet: SheetRows, answered: Iterable[Answered], file: str) -> Iterator[Issue]:
    """Issues of the edited ``sheet`` (Measures or Indicators) against what was answered."""
    if sheet.name not in TITLES or "code" not in sheet.letters:
        return
    rows = {r["code"]: r for r in sheet.rows if r.get("code")}
    titles = _codes_by_title(sheet, rows)
    seen: set[tuple[str, str]] = set()
    for item in _distinct(answered, sheet.name):
        current = rows.get(item.code)
        old = fingerprint(item.title)
        now = fingerprint(current.get(_key(sheet, item.language))) if current else ""
        if current is None or not now or now == old:
            continue  # a removed code or an empty title is not this check's business
        others = sorted(titles.get((item.language, old), set()) - {item.code})
        code = C.PLAN_ACCEPTED_CODE_MOVED if others else C.PLAN_ACCEPTED_TITLE_CHANGED
        key = "code" if others else _key(sheet, item.language)
        issue = _issue(sheet, file, current, code, key, item, ", ".join(others))
        if (issue.code, issue.cell) not in seen:  # once a cell, whatever the history
            seen.add((issue.code, issue.cell))
            yield issue


def _codes_by_title(
    sheet: SheetRows, rows: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], set[str]]:
    """(language, title fingerprint) -> the codes whose title it is in the edited plan."""
    titles: dict[tuple[str, str], set[str]] = {}
    for code, row in rows.items():
        for lang in ("sq", "en"):
            titles.setdefault((lang, fingerprint(row.get(_key(sheet, lang)))), set()).add(code)
    return titles


def _key(sheet: SheetRows, lang: str) -> str:
    return f"{TITLES[sheet.name]}_{lang}"


def _distinct(answered: Iterable[Answered], sheet: str) -> list[Answered]:
    found: dict[tuple[str, str, str], Answered] = {}
    for item in answered:
        if item.sheet == sheet:
            found.setdefault((item.code, item.language, fingerprint(item.title)), item)
    return list(found.values())


def _issue(
    sheet: SheetRows,
    file: str,
    row: dict[str, Any],
    code: str,
    key: str,
    item: Answered,
    others: str,
) -> Issue:
    title = cell_text.shown(item.title)
    if len(title) > PREVIEW:
        title = title[:PREVIEW] + cell_text.ELLIPSIS
    params = {"key": key, "answered": title, "other": others, "kind": KINDS[sheet.name]}
    cell = sheet.cell(key, row["_row"])
    return Issue(code, file, sheet.name, cell, key, item.code, params)
