"""The sheets of a returned workbook against the template's: missing, renamed, added,
reordered, named twice or unprotected."""

from __future__ import annotations

from collections.abc import Sequence

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake.reading.reader import ReturnedWorkbook
from nsm_excel.intake.structure.examined import Examined, note
from nsm_excel.intake.structure.table_rows import key_row
from nsm_excel.template.layout import SHEET_KEYS, SHEET_ORDER

FEEDBACK_SHEET = "Feedback"  # added by the feedback workbook; ignored on resubmission


def check_sheets(book: ReturnedWorkbook, out: Examined) -> set[str]:
    """Sheets missing, renamed, added, reordered, named twice or unprotected; the names (case
    folded) that more than one sheet has, whose answers are not read (which copy is meant?)."""
    names, twice = _distinct(book.sheet_names)
    for name in twice.values():
        note(out, C.RETURN_SHEET_DUPLICATE, name, value=name)
    names = [n for n in names if n != FEEDBACK_SHEET]
    missing = [n for n in SHEET_ORDER if n not in names]
    extra = [n for n in names if n not in SHEET_ORDER]
    for name in missing:
        renamed = _renamed_as(book, name, extra)
        if renamed:
            extra.remove(renamed)
            note(out, C.RETURN_SHEET_RENAMED, renamed, value=renamed, expected=name)
        else:
            note(out, C.RETURN_SHEET_MISSING, value=name)
    for name in extra:
        note(out, C.RETURN_SHEET_ADDED, name, value=name)
    present = [n for n in names if n in SHEET_ORDER]
    if present != [n for n in SHEET_ORDER if n in present]:
        note(out, C.RETURN_SHEETS_REORDERED, value=", ".join(present))
    unprotected = [s.name for s in book.sheets if s.name in SHEET_ORDER and not s.protected]
    if not book.structure_locked and not book.saved_by_libreoffice:
        unprotected.append("the workbook structure")
    if unprotected:
        note(out, C.RETURN_PROTECTION_REMOVED, value=", ".join(unprotected))
    return set(twice)


def _distinct(names: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Each sheet name once, in workbook order; and the names more than one sheet has, as
    Excel compares them (capitals and small letters alike): folded name -> first spelling."""
    first: dict[str, str] = {}
    twice: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key in first:
            twice.setdefault(key, first[key])
        else:
            first[key] = name
    return list(first.values()), twice


def _renamed_as(book: ReturnedWorkbook, name: str, candidates: Sequence[str]) -> str:
    key = SHEET_KEYS.get(name)
    for candidate in candidates:
        grid = book.sheet(candidate)
        if grid is not None and key and key_row(grid, key) is not None:
            return candidate
    return ""
