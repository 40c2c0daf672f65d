"""Read a returned workbook into plain data: cell values, formulas, protection, identity sources.

The edge of intake. Values come from python-calamine (fast, read-only, no formula evaluation);
what calamine does not report (formulas, hidden rows, protection, defined names, custom
properties) is read from the package's XML parts, which :mod:`nsm_excel.package_safety` has
already decompressed and checked (no DTD, bounded sizes).
"""

from __future__ import annotations

import io
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from python_calamine import CalamineError, CalamineWorkbook

from nsm_excel.package_safety import Package
from nsm_excel.sheets import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
_PROTECTED = re.compile(rb'<(?:\w+:)?sheetProtection\b[^>]*\bsheet="(?:1|true)"')
_LOCKED = re.compile(rb'<(?:\w+:)?workbookProtection\b[^>]*\blockStructure="(?:1|true)"')
_STYLE = re.compile(rb'\bs="([0-9]+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FIRST_DATE, _LAST_DATE = -693593.0, 2958465.0  # Excel serials of 1.1.0001 and 31.12.9999
_PERCENT_FORMAT_IDS = frozenset({"9", "10"})  # Excel's built-in 0% and 0.00%
_PERCENT_BUILT_IN = re.compile(rb'\bnumFmtId="(?:9|10)"')
_QUOTED = re.compile(r'"[^"]*"|\\.')
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>([^<]*)</(?:\w+:)?Application>")


class UnreadableReturn(Exception):
    """The package passed the safety checks but its content cannot be read as a workbook."""


class _ReaderPanic(Exception):
    """python-calamine's native code gave up on a value of ``sheet``."""

    def __init__(self, sheet: str, text: str) -> None:
        super().__init__(text)
        self.sheet = sheet


@dataclass(frozen=True)
class SheetGrid:
    """One worksheet: values from A1 (``None`` for empty), and what values alone do not show."""

    name: str
    state: str  # visible, hidden or veryHidden
    cells: list[list[Any]]
    formulas: Mapping[str, str] = field(default_factory=dict)  # A1 -> formula text
    hidden_rows: frozenset[int] = frozenset()
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first col, last row, last col)
    protected: bool = False
    percent_cells: frozenset[str] = frozenset()  # A1 of numbers shown as a percent (45% = 0.45)

    def value(self, row: int, column: int) -> Any:
        """The value at 1-based ``row`` and ``column``; ``None`` outside the grid."""
        if 0 < row <= len(self.cells):
            line = self.cells[row - 1]
            if 0 < column <= len(line):
                return line[column - 1]
        return None

    @property
    def last_row(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class ReturnedWorkbook:
    sheets: tuple[SheetGrid, ...]
    properties: Mapping[str, str]
    names: Mapping[str, str]
    structure_locked: bool
    application: str = ""  # the program that saved the file, from docProps/app.xml

    @property
    def saved_by_libreoffice(self) -> bool:
        """LibreOffice does not read a workbook's structure lock, so it never writes one back."""
        return self.application.startswith("LibreOffice")

    def sheet(self, name: str) -> SheetGrid | None:
        return next((s for s in self.sheets if s.name == name), None)

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]


def read(
    data: bytes, package: Package, skip_cells: Collection[str] = ("Instructions", "Lists")
) -> ReturnedWorkbook:
    """The workbook in ``data``; :class:`UnreadableReturn` when its content cannot be read.

    Sheets named in ``skip_cells`` are listed with their state and protection, without cells.
    """
    try:
        listing = _sheet_listing(package)
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        styles = package.xml.get("xl/styles.xml", b"")
        percent = percent_styles(styles)
        sheets = tuple(
            _grid(book, name, state, package.xml.get(part, b""), name not in skip_cells, percent)
            for name, state, part in listing
        )
    except _ReaderPanic as panic:
        where = _impossible_date(panic.sheet, package, listing, styles)
        raise UnreadableReturn(where or f"a value the reader cannot convert ({panic})") from panic
    except (CalamineError, ValueError, KeyError, IndexError, ElementTree.ParseError) as exc:
        raise UnreadableReturn(f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # calamine raises its own exception types for malformed parts
        if type(exc).__module__.startswith("python_calamine"):
            raise UnreadableReturn(f"{type(exc).__name__}: {exc}") from exc
        raise
    workbook_xml = package.xml.get("xl/workbook.xml", b"")
    return ReturnedWorkbook(
        sheets=sheets,
        properties=_custom_properties(package.xml.get("docProps/custom.xml", b"")),
        names=_defined_names(workbook_xml),
        structure_locked=bool(_LOCKED.search(workbook_xml)),
        application=_application(package.xml.get("docProps/app.xml", b"")),
    )


def _application(xml: bytes) -> str:
    found = _APPLICATION.search(xml)
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


def _parse(xml: bytes) -> Element:
    return ElementTree.fromstring(xml)  # type: ignore[no-any-return,unused-ignore]


def _sheet_listing(package: Package) -> list[tuple[str, str, str]]:
    """(name, state, part) of every worksheet, in workbook order."""
    workbook = _parse(package.xml["xl/workbook.xml"])
    rels = _parse(package.xml.get("xl/_rels/workbook.xml.rels", b"<Relationships/>"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    listing = []
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        listing.append((sheet.get("name", ""), sheet.get("state", "visible"), part))
    return listing


@contextmanager
def _native_errors_silenced() -> Iterator[None]:
    """Standard error closed to native code for a moment: a panic of python-calamine prints its
    stack to it, which a person would take for a crash; the panic is reported as an issue."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _grid(
    book: CalamineWorkbook,
    name: str,
    state: str,
    xml: bytes,
    cells: bool,
    percent: frozenset[int] = frozenset(),
) -> SheetGrid:
    if not cells:
        return SheetGrid(name, state, [], protected=bool(_PROTECTED.search(xml)))
    try:
        sheet = book.get_sheet_by_name(name)
    except Exception as exc:  # a chart sheet or dialog sheet has no cells
        if "not found" in str(exc).lower() or "WorksheetNotFound" in type(exc).__name__:
            return SheetGrid(name, state, [])
        raise
    try:
        with _native_errors_silenced():
            values = sheet.to_python(skip_empty_area=False)
    except BaseException as exc:  # its native code panics on some values (a date of -1e12)
        if type(exc).__name__ == "PanicException":
            raise _ReaderPanic(name, str(exc)) from exc
        raise
    grid = [[None if v == "" else v for v in row] for row in values]
    merged = tuple(
        (r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
    )
    return SheetGrid(
        name=name,
        state=state,
        cells=grid,
        formulas=_formulas(xml),
        hidden_rows=_hidden_rows(xml),
        merged=merged,
        protected=bool(_PROTECTED.search(xml)),
        percent_cells=_cells_styled(xml, percent),
    )


def percent_styles(xml: bytes) -> frozenset[int]:
    """Indexes of the cell styles (``s="…"``) whose number format shows a percent.

    Excel and LibreOffice store a value typed as ``45%`` as 0.45 and give its cell such a
    style; the value alone cannot tell 45 % from 0.45.
    """
    if not xml or (b"%" not in xml and not _PERCENT_BUILT_IN.search(xml)):
        return frozenset()  # the usual case, decided without parsing
    return _styles_showing(xml, _PERCENT_FORMAT_IDS, lambda code: "%" in code)


def date_styles(xml: bytes) -> frozenset[int]:
    """Indexes of the cell styles whose number format shows a date or a time."""
    if not xml:
        return frozenset()
    built_in = frozenset(str(n) for n in (*range(14, 23), *range(45, 48)))
    return _styles_showing(xml, built_in, _shows_a_date)


def _shows_a_date(code: str) -> bool:
    lower = code.lower()
    return any(letter in lower for letter in "dmyhs") and "general" not in lower


def _styles_showing(
    xml: bytes, built_in: frozenset[str], custom: Callable[[str], bool]
) -> frozenset[int]:
    """Indexes of the cell styles whose number format is one of ``built_in`` or a custom
    format whose code (quoted text and escaped characters left out) satisfies ``custom``."""
    root = _parse(xml)
    ids = set(built_in)
    for item in root.iter(f"{{{MAIN}}}numFmt"):
        if custom(_QUOTED.sub("", item.get("formatCode", ""))):
            ids.add(item.get("numFmtId", ""))
    return frozenset(
        index
        for styles in root.iter(f"{{{MAIN}}}cellXfs")
        for index, xf in enumerate(styles.iter(f"{{{MAIN}}}xf"))
        if xf.get("numFmtId", "0") in ids
    )


def _impossible_date(
    sheet: str, package: Package, listing: list[tuple[str, str, str]], styles: bytes
) -> str:
    """Where a date cell of ``sheet`` holds a number no date has (before year 1 or after 9999),
    the value python-calamine cannot convert; '' when there is none."""
    part = next((p for n, _, p in listing if n == sheet), "")
    try:
        wanted = {str(s).encode() for s in date_styles(styles)}
    except ElementTree.ParseError:
        return ""
    for match in _CELL.finditer(package.xml.get(part, b"")):
        style, ref = _STYLE.search(match.group(1)), _REF.search(match.group(1))
        value = _VALUE.search(match.group(2) or b"")
        if not (style and ref and value) or style.group(1) not in wanted:
            continue
        try:
            number = float(value.group(1))
        except ValueError:
            continue
        if not _FIRST_DATE <= number <= _LAST_DATE:
            cell, shown = ref.group(1).decode(), value.group(1).decode()
            return f"sheet {sheet}, cell {cell}: {shown} is a date before year 1 or after 9999"
    return ""


def _cells_styled(xml: bytes, styles: frozenset[int]) -> frozenset[str]:
    """A1 of the cells with a value whose style is one of ``styles``."""
    if not styles:
        return frozenset()
    wanted = {str(s).encode() for s in styles}
    found = set()
    for match in _CELL.finditer(xml):
        style = _STYLE.search(match.group(1))
        if style and style.group(1) in wanted and match.group(2):
            ref = _REF.search(match.group(1))
            if ref:
                found.add(ref.group(1).decode())
    return frozenset(found)


def _formulas(xml: bytes) -> dict[str, str]:
    if not _ANY_FORMULA.search(xml):
        return {}
    found: dict[str, str] = {}
    for match in _CELL.finditer(xml):
        body = match.group(2)
        if not body:
            continue
        formula = _FORMULA.search(body)
        ref = _REF.search(match.group(1))
        if formula and ref:
            text = (formula.group(1) or b"").decode("utf-8", "replace")
            found[ref.group(1).decode()] = "=" + _unescape(text) if text else "(shared formula)"
    return found


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _hidden_rows(xml: bytes) -> frozenset[int]:
    rows = set()
    for match in _ROW.finditer(xml):
        attributes = match.group(1)
        number = _ROW_NUMBER.search(attributes)
        if number and _HIDDEN.search(attributes):
            rows.add(int(number.group(1)))
    return frozenset(rows)


def _defined_names(xml: bytes) -> dict[str, str]:
    if not xml:
        return {}
    names = {}
    for item in _parse(xml).iter(f"{{{MAIN}}}definedName"):
        if item.get("localSheetId") is None:
            names[item.get("name", "")] = (item.text or "").strip()
    return names


def _custom_properties(xml: bytes) -> dict[str, str]:
    if not xml:
        return {}
    found = {}
    for item in _parse(xml).iter(f"{{{CUSTOM}}}property"):
        value = next((child.text for child in item), None)
        found[item.get("name", "")] = (value or "").strip()
    return found


def cell_ref(row: int, column: int) -> str:
    """``H14`` for 1-based ``row`` and ``column``."""
    return f"{column_letter(column - 1)}{row}"
