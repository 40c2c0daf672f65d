"""Helpers to make returned workbooks for intake tests: fill, edit a cell, drop in the inbox."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from nsm_excel.demo import filler
from nsm_excel.intake.run import IntakeResult, validate_inbox
from nsm_excel.store.workspace import Workspace

TODAY = dt.date(2026, 7, 15)
KEYS = {"Cover": "field", "Measures": "measure_code", "Indicators": "indicator_code"}


def clock() -> dt.datetime:
    return dt.datetime(2026, 7, 20, 9, 0, tzinfo=dt.UTC)


def template(space: Workspace, code: str) -> bytes:
    return space.template_path(code, space.current_period()).read_bytes()


def filled(space: Workspace, code: str, seed: int = 1, mistakes: tuple[str, ...] = ()) -> bytes:
    return filler.fill(template(space, code), filler.Filling(seed, TODAY, mistakes=mistakes))


def edit(data: bytes, change: Callable[[Workbook], Any]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def locate(book: Workbook, sheet: str, code: str, key: str) -> str:
    """The A1 cell of ``key`` on the row whose first cell is ``code`` (contract look-up)."""
    ws = book[sheet]
    at = next(r for r in range(1, 11) if KEYS[sheet] in [c.value for c in ws[r]])
    keys = [c.value for c in ws[at]]
    column = keys.index("value" if sheet == "Cover" else key) + 1
    for row in range(at + 2, ws.max_row + 1):
        if ws.cell(row, 1).value == code:
            return str(ws.cell(row, column).coordinate)
    raise KeyError(code)


def put(data: bytes, sheet: str, code: str, key: str, value: Any) -> tuple[bytes, str]:
    """``data`` with ``value`` typed into (row ``code``, column ``key``); and that cell.

    A person who changes a measure's status also writes what was done and, where the new
    status needs one, a reason: typing a status fills an empty progress and delay reason
    (a test that wants them empty empties them afterwards).
    """
    where: list[str] = []

    def change(book: Workbook) -> None:
        cell = locate(book, sheet, code, key)
        book[sheet][cell].value = value
        where.append(cell)
        if sheet == "Measures" and key == "status":
            for other, text in (("progress", "Work went on."), ("delay_reason", "Late tender.")):
                target = book[sheet][locate(book, sheet, code, other)]
                if target.value is None:
                    target.value = text

    return edit(data, change), where[0]


def drop(space: Workspace, name: str, data: bytes) -> Path:
    path = space.inbox / name
    path.write_bytes(data)
    return path


def run(space: Workspace) -> IntakeResult:
    return validate_inbox(space, clock=clock)


def found(result: IntakeResult, name: str) -> list[tuple[str, str, str]]:
    item = next(f for f in result.files if f.file == name)
    return [(i.sheet, i.cell, i.code) for i in item.issues]


def status_of(result: IntakeResult, name: str) -> str:
    return next(f.status for f in result.files if f.file == name)


def repack(data: bytes, changes: Mapping[str, bytes]) -> bytes:
    """``data`` with the package parts in ``changes`` replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in changes:
                target.writestr(info, source.read(info))
        for name, content in changes.items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def insert_row(book: Workbook) -> None:
    """A row for a measure the plan never had, inserted between the first two."""
    ws = book["Measures"]
    ws.insert_rows(6)
    ws["A6"] = "A.9.9"
    ws["K6"] = "a measure that was never in the plan"


def swap_rows(book: Workbook) -> None:
    """The first two measure rows swapped, every cell (as a sort would)."""
    ws = book["Measures"]
    for column in range(1, ws.max_column + 1):
        top, below = ws.cell(5, column), ws.cell(6, column)
        top.value, below.value = below.value, top.value
