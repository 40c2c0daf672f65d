"""Read a returned workbook into plain data: cell values, formulas, protection, identity sources.

The edge of intake. Every worksheet part is parsed once, streaming
(:mod:`nsm_excel.worksheet_xml`), from the XML parts that :mod:`nsm_excel.package_safety` has
already decompressed and checked (no DTD, bounded sizes). Nothing is allocated for a cell beyond
the sheets' :class:`~nsm_excel.worksheet_xml.Extent`: such cells are listed as ``far_cells``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from nsm_excel.intake.reading import worksheet_xml
from nsm_excel.intake.reading.cell_styles import dates_and_percents
from nsm_excel.intake.reading.safety import Package
from nsm_excel.intake.reading.worksheet_xml import Extent, Styles, WorksheetError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"

_TRUE = ("1", "true")
_APPLICATION = re.compile(rb"<(?:\w+:)?Application>([^<]*)</(?:\w+:)?Application>")


class UnreadableReturn(Exception):
    """The package passed the safety checks but its content cannot be read as a workbook."""


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
    far_cells: tuple[str, ...] = ()  # A1 of cells holding something beyond the sheets' extent

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
    package: Package,
    skip_cells: Collection[str] = ("Instructions", "Lists"),
    extent: Extent | None = None,
) -> ReturnedWorkbook:
    """The workbook in ``package``; :class:`UnreadableReturn` when its content cannot be read.

    Sheets named in ``skip_cells`` keep their formulas, far cells and protection, not their values.
    """
    try:
        workbook_xml = package.xml["xl/workbook.xml"]
        workbook = _parse(workbook_xml)
        listing = _sheet_listing(package, workbook)
        styles_xml = package.xml.get("xl/styles.xml", b"")
        date1904 = _flag(workbook, "workbookPr", "date1904")
        styles = Styles(*dates_and_percents(styles_xml), date1904)
        strings = worksheet_xml.shared_strings(_shared_strings_part(package))
        bounds = extent or Extent()
        sheets = tuple(
            _grid(
                name, state, _part(package, part), strings, styles, bounds, name not in skip_cells
            )
            for name, state, part in listing
        )
        return ReturnedWorkbook(
            sheets=sheets,
            properties=_custom_properties(package.xml.get("docProps/custom.xml", b"")),
            names=_defined_names(workbook),
            structure_locked=_flag(workbook, "workbookProtection", "lockStructure"),
            application=_application(package.xml.get("docProps/app.xml", b"")),
        )
    except _SheetError as exc:
        raise UnreadableReturn(str(exc)) from exc
    except (WorksheetError, ElementTree.ParseError, ValueError, KeyError) as exc:
        raise UnreadableReturn(f"the workbook's {_part_words(exc)}") from exc


class _SheetError(Exception):
    """A worksheet part that cannot be read, named by its sheet."""


def _part_words(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"part {exc.args[0] if exc.args else ''} is missing"
    return f"XML is damaged ({exc})"


def _shared_strings_part(package: Package) -> bytes:
    for name, content in package.xml.items():
        if name.lower() == "xl/sharedstrings.xml":
            return content
    return b""


def _application(xml: bytes) -> str:
    found = _APPLICATION.search(xml)
    return found.group(1).decode("utf-8", "replace").strip() if found else ""


def _parse(xml: bytes) -> Element:
    return ElementTree.fromstring(xml)  # type: ignore[no-any-return,unused-ignore]


def _flag(workbook: Element, element: str, attribute: str) -> bool:
    """An on/off attribute of the workbook's ``element``, as parsed (never from a comment)."""
    found = workbook.find(f"{{{MAIN}}}{element}")
    return found is not None and found.get(attribute, "").strip().lower() in _TRUE


def _part(package: Package, name: str) -> bytes:
    """The XML part ``name``; part names are case-insensitive in a package, and a sheet the
    workbook lists without its part is damage, not an empty sheet."""
    found = package.xml.get(name)
    if found is None:
        lowered = name.lower()
        found = next((v for k, v in package.xml.items() if k.lower() == lowered), None)
    if found is None:
        raise _SheetError(f"part {name[:80]} of a sheet is missing")
    return found


def _sheet_listing(package: Package, workbook: Element) -> list[tuple[str, str, str]]:
    """(name, state, part) of every worksheet, in workbook order."""
    rels = _parse(package.xml.get("xl/_rels/workbook.xml.rels", b"<Relationships/>"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    listing = []
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        target = unquote(targets.get(sheet.get(f"{{{REL}}}id"), ""))
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        listing.append((sheet.get("name", ""), sheet.get("state", "visible"), part))
    return listing


def _grid(
    name: str,
    state: str,
    xml: bytes,
    strings: list[str],
    styles: Styles,
    extent: Extent,
    cells: bool,
) -> SheetGrid:
    try:
        parsed = worksheet_xml.parse_sheet(xml, strings, styles, extent, values=cells)
    except WorksheetError as exc:
        raise _SheetError(f"sheet {name}: {exc}") from exc
    return SheetGrid(
        name=name,
        state=state,
        cells=parsed.grid(),
        formulas=parsed.formulas,
        hidden_rows=frozenset(parsed.hidden_rows),
        merged=tuple(parsed.merged),
        protected=parsed.protected,
        percent_cells=frozenset(parsed.percent_cells),
        far_cells=tuple(parsed.far),
    )


def _defined_names(workbook: Element) -> dict[str, str]:
    names = {}
    for item in workbook.iter(f"{{{MAIN}}}definedName"):
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
    return f"{worksheet_xml.column_letters(column)}{row}"
