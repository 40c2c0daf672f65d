"""One streaming pass over a worksheet part: values, formulas, styles, rows, merges, protection.

Cells in the plain spelling spreadsheets write are read by
:mod:`nsm_excel.intake.reading.sheet_data` and the rest of the part by expat; a part in any other
spelling is parsed once by expat alone (linear in its size, comments and odd spellings included:
single quotes, spaces around ``=``, character references, any namespace prefix). Each cell is
placed by its reference, or after the previous one when it has none, exactly as a spreadsheet
places it. A cell that holds a value or a formula beyond :class:`Extent` is not stored: its
reference is kept in ``far`` so the caller can report it; nothing is allocated for it. Values
come out as the readers of :mod:`nsm_excel.intake.answers` expect them: ``str``, ``float``,
``bool``, ``datetime.date`` / ``datetime.datetime`` for date-styled numbers, and
:class:`~nsm_excel.intake.answers.CellError` for a cell of error type.

Malformed content (a reference no sheet has, a number that is not one, a shared string that
does not exist) is :class:`WorksheetError`, naming the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nsm_excel.intake.answers import CellError
from nsm_excel.intake.reading import sheet_data
from nsm_excel.intake.reading.parsed_sheet import Extent, ParsedSheet, Styles
from nsm_excel.intake.reading.xml_text import (
    CANONICAL,
    LOCAL,
    MAX_ROW,
    NUMBER,
    WorksheetError,
    column_letters,
    column_number,
    iso_date,
    local_name,
    parse_reference,
    run_expat,
    serial_date,
    shared_strings,
    style_index,
    unescape,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MAX_MERGES = 2000  # merged ranges in one sheet; a report has a handful

__all__ = [
    "MAIN",
    "MAX_MERGES",
    "Extent",
    "ParsedSheet",
    "Styles",
    "WorksheetError",
    "column_letters",
    "column_number",
    "parse_reference",
    "parse_sheet",
    "shared_strings",
    "unescape",
]


class _Sheet:
    """The expat handlers of :func:`parse_sheet`; state of the cell being read."""

    def __init__(self, strings: Sequence[str], styles: Styles, extent: Extent, values: bool):
        self.strings, self.styles, self.extent, self.values = strings, styles, extent, values
        self.out = ParsedSheet()
        self.row = 0
        self.column = 0
        self.last_ref = ""  # the reference of the last empty cell, read when needed
        self.in_data = 0  # how many sheetData elements are open (one may hide in another)
        self.nested = 0  # cells open inside the cell being read
        self.cell: dict[str, str] | None = None
        self.capture = ""  # v, f or t while one is being read
        self.texts: dict[str, list[str]] = {}
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = LOCAL.get(name) or local_name(name)
        if self.cell is not None:
            self._start_in_cell(local)
        elif local == "c":
            if self.in_data:
                self.cell, self.texts, self.nested = attrs, {}, 0
        elif local == "row":
            if self.in_data:
                self.start_row(attrs)
        elif local == "sheetData":
            self.in_data += 1
        else:
            self._around(local, attrs)

    def start_outside(self, name: str, attrs: dict[str, str]) -> None:
        """:meth:`start` for the part around a ``sheetData`` already read (:mod:`.sheet_data`):
        no cell or row is left in it, so only merges and protection are heard."""
        self._around(LOCAL.get(name) or local_name(name), attrs)

    def _around(self, local: str, attrs: dict[str, str]) -> None:
        if local == "mergeCell":
            self._merge(attrs.get("ref", ""))
        elif local == "sheetProtection":
            self.out.protected = attrs.get("sheet", "").strip() in ("1", "true")

    def _start_in_cell(self, local: str) -> None:
        """Inside a cell: its value, formula and text, in whatever element they are wrapped."""
        if local == "c":
            self.nested += 1  # a cell inside a cell (in markup a spreadsheet ignores)
        elif local == "rPh":
            self.phonetic += 1
        elif self.phonetic or local not in ("v", "f", "t"):
            return
        elif local != "t" and local in self.texts:
            where = (self.cell or {}).get("r", "")[:20]
            raise WorksheetError(f"cell {where} holds two <{local}> elements")
        else:
            self.capture = local
            self.texts.setdefault(local, [])

    def end(self, name: str) -> None:
        local = LOCAL.get(name) or local_name(name)
        if self.cell is not None:
            if local == "c":
                if self.nested:
                    self.nested -= 1
                else:
                    self._end_cell(self.cell)
                    self.cell = None
            elif local == self.capture:
                self.capture = ""
            elif local == "rPh":
                self.phonetic = max(0, self.phonetic - 1)
        elif local == "sheetData":
            self.in_data = max(0, self.in_data - 1)

    def text(self, data: str) -> None:
        if self.capture:
            self.texts[self.capture].append(data)

    def start_row(self, attrs: dict[str, str]) -> None:
        number = attrs.get("r", "").strip()
        if number:
            if not number.isdigit() or not 1 <= int(number) <= MAX_ROW:
                raise WorksheetError(f"row number '{number[:20]}' is not one a sheet has")
            self.row = int(number)
        else:
            self.row += 1
        self.column, self.last_ref = 0, ""
        if attrs.get("hidden", "").strip() in ("1", "true") and self.row <= self.extent.rows:
            self.out.hidden_rows.add(self.row)

    def _merge(self, ref: str) -> None:
        if len(self.out.merged) >= MAX_MERGES:
            raise WorksheetError(f"it holds more than {MAX_MERGES} merged ranges")
        first, _, last = ref.partition(":")
        start, end = parse_reference(first), parse_reference(last or first)
        if start and end:
            self.out.merged.append((start[0], start[1], end[0], end[1]))

    def _end_cell(self, attrs: dict[str, str]) -> None:
        texts = self.texts
        ref = attrs.get("r", "")
        if "f" not in texts and "t" not in texts and not "".join(texts.get("v", ())).strip():
            self._skip(ref)  # a styled empty cell: nothing there, wherever it is
            return
        row, column = self._place(ref)
        a1 = ref if CANONICAL.match(ref) else f"{column_letters(column)}{row}"
        if row > self.extent.rows or column > self.extent.columns:
            self.out.far.append(a1)
            return
        if "f" in texts:
            formula = unescape("".join(texts["f"])).strip()
            self.out.formulas[a1] = f"={formula}" if formula else "(shared formula)"
        if not self.values:
            return
        style = style_index(attrs.get("s", ""))
        kind = attrs.get("t", "n").strip() or "n"
        value_text = "".join(texts.get("v", ()))
        value = self._value(kind, value_text, "".join(texts.get("t", ())), style, a1)
        if value is None:
            return
        self.out.cells[(row, column)] = value
        if style in self.styles.percents and isinstance(value, float):
            self.out.percent_cells.add(a1)

    def plain_cell(
        self, ref: str, style: str | None, kind: str | None, value: str | None, inline: str | None
    ) -> None:
        """:meth:`end_cell` of a cell in the plain spelling (:mod:`.sheet_data`): a canonical
        reference, no formula, a value or an inline text (``None`` when it has none)."""
        if inline is None and (value is None or not value.strip()):
            self.last_ref = ref  # a styled empty cell, as _skip does
            return
        row, column = self._place(ref)
        if row > self.extent.rows or column > self.extent.columns:
            self.out.far.append(ref)
            return
        if not self.values:
            return
        index = int(style) if style else -1  # at most 8 digits: style_index's reading
        found = self._value(kind or "n", value or "", inline or "", index, ref)
        if found is None:
            return
        self.out.cells[(row, column)] = found
        if index in self.styles.percents and isinstance(found, float):
            self.out.percent_cells.add(ref)

    def _skip(self, ref: str) -> None:
        """An empty cell: only where it is matters, for a next cell without a reference."""
        if ref:
            self.last_ref = ref
        else:
            self.column = self._column() + 1

    def _column(self) -> int:
        if self.last_ref:
            place = parse_reference(self.last_ref)
            self.column = place[1] if place else self.column
            self.last_ref = ""
        return self.column

    def _place(self, ref: str) -> tuple[int, int]:
        if ref:
            place = parse_reference(ref)
            if place is None:
                raise WorksheetError(f"cell reference '{ref[:20]}' is not one a sheet has")
            self.column, self.last_ref = place[1], ""
            return place
        self.column = self._column() + 1
        return max(self.row, 1), self.column

    def _value(self, kind: str, text: str, inline: str, style: int, a1: str) -> Any:
        if kind == "inlineStr":
            return unescape(inline) if inline != "" else None
        if text == "":
            return None
        if kind == "s":
            index = text.strip()
            if not index.isdigit() or int(index) >= len(self.strings):
                raise WorksheetError(f"cell {a1} names a shared text that does not exist")
            return self.strings[int(index)] or None
        if kind in ("str", "e"):
            value = unescape(text)
            return CellError(value.strip()) if kind == "e" else value
        if kind == "b":
            return text.strip().lower() in ("1", "true")
        if kind == "d":
            return iso_date(text.strip())
        if not NUMBER.match(text):
            raise WorksheetError(f"cell {a1} holds '{text[:20]}', which is not a number")
        number = float(text)
        if style in self.styles.dates:
            return serial_date(number, self.styles.date1904)
        return number


def parse_sheet(
    xml: bytes, strings: Sequence[str], styles: Styles, extent: Extent, values: bool = True
) -> ParsedSheet:
    """Everything :class:`ParsedSheet` holds, in one pass; ``values=False`` keeps formulas,
    far cells and protection only (for sheets whose text is not read)."""
    parts = sheet_data.split(xml) if xml else None
    if parts is not None:
        sheet = _Sheet(strings, styles, extent, values)
        try:
            prefixes = sheet_data.scan(parts[1], sheet)
            if prefixes is not None:
                run_expat(sheet_data.outside(parts, prefixes), sheet.start_outside, None, None)
                return sheet.out
        except WorksheetError:
            pass  # damage: the whole part is read again, for expat to name what it meets first
    sheet = _Sheet(strings, styles, extent, values)
    if xml:
        run_expat(xml, sheet.start, sheet.end, sheet.text)
    return sheet.out
