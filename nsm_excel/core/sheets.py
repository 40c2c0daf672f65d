"""Sheets as plain data: the header row and the data rows of a worksheet, with Excel row numbers.

The edge (:func:`read_workbook`) fills them from a file; the stage cores take them as input, so
tests can build sheets from Python literals.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from nsm_excel.core import words, xlsx_bytes

_A1 = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True)
class RawSheet:
    """Cell values of one sheet: ``header`` is row 1, ``rows`` are (Excel row, values) pairs."""

    name: str
    header: tuple[Any, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    @classmethod
    def from_lists(cls, name: str, header: Sequence[Any], *rows: Sequence[Any]) -> RawSheet:
        """A sheet whose data starts on row 2, as typed in a test."""
        return cls(name, tuple(header), tuple((n + 2, tuple(r)) for n, r in enumerate(rows)))


class UnreadableWorkbook(Exception):
    """The file is not a workbook that can be read. ``reason`` says why: a word
    (:func:`nsm_excel.core.words.ref`, shown in the language asked for) or, for what openpyxl
    reported, its own text; the exception's message is the English form."""

    def __init__(self, reason: words.Ref | str) -> None:
        super().__init__(words.resolve(reason, words.BESIDE))
        self.reason = reason


def cell_position(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address, both 1-based; (0, 0) for no address."""
    match = _A1.match(cell)
    if not match:
        return (0, 0)
    return (int(match.group(2)), int(column_index_from_string(match.group(1))))


def column_letter(index: int) -> str:
    """The Excel letter of a 0-based column index: 0 -> A, 27 -> AB."""
    return get_column_letter(index + 1)


def read_workbook(path: Path, wanted: Sequence[str]) -> dict[str, RawSheet]:
    """The ``wanted`` sheets of ``path`` that exist, values only (formulas as last computed).

    A number no spreadsheet can show (``NaN``, ``inf``) is read as that float at its cell.
    """
    from openpyxl import load_workbook  # the edge alone touches the spreadsheet library

    if not path.is_file():
        raise UnreadableWorkbook(words.ref("unreadable.missing"))
    try:
        data = path.read_bytes()
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise UnreadableWorkbook(words.ref("unreadable.os-error", why=why)) from exc
    problem = xlsx_bytes.format_problem(data)
    if problem:
        raise UnreadableWorkbook(words.ref(problem))
    try:
        data, odd = xlsx_bytes.unreadable_numbers(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise UnreadableWorkbook(_reason(exc)) from exc
    try:
        found: dict[str, RawSheet] = {}
        for name in wanted:
            if name in book.sheetnames:
                sheet = book[name]
                numbers = odd.get(getattr(sheet, "_worksheet_path", ""), {})
                found[name] = _read_sheet(name, sheet.iter_rows(values_only=True), numbers)
        return found
    except Exception as exc:  # a part openpyxl cannot parse
        raise UnreadableWorkbook(_reason(exc)) from exc
    finally:
        book.close()


def _read_sheet(
    name: str, rows: Any, odd: Mapping[tuple[int, int], float] | None = None
) -> RawSheet:
    """The sheet's rows; ``odd`` holds numbers openpyxl could not read, by (row, column)."""
    header: tuple[Any, ...] = ()
    data: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(rows, start=1):
        values = _with_numbers(number, tuple(values), odd) if odd else tuple(values)
        if number == 1:
            header = values
        else:
            data.append((number, values))
    return RawSheet(name, header, tuple(data))


def _with_numbers(
    row: int, values: tuple[Any, ...], numbers: Mapping[tuple[int, int], float]
) -> tuple[Any, ...]:
    cells = list(values)
    for (at, column), number in numbers.items():
        if at == row:
            cells += [None] * (column - len(cells))
            cells[column - 1] = number
    return tuple(cells)


def _reason(exc: Exception) -> words.Ref | str:
    if isinstance(exc, zipfile.BadZipFile):
        return words.ref("unreadable.not-zip")
    return f"{type(exc).__name__}: {exc}"
