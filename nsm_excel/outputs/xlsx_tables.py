"""The small machinery that writes a declared :class:`~nsm_excel.outputs.master_sheets.Table`
as an Excel table with xlsxwriter: header row, autofilter, banded style, cell formats by kind,
row heights for wrapped text, and the conditional formats that colour rates and labels.

Text from the plan and from returns is always written with ``write_string``, as
:func:`nsm_excel.core.cell_text.shown` shows it: a progress note that reads ``=HYPERLINK(...)``
or ``http://...`` stays plain text, and text a spreadsheet would take for a formula gets the
quote prefix, so it stays text when the cell is edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from nsm_excel.core import cell_text
from nsm_excel.core.vocab.colours import Colour
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.outputs.master_sheets import FILLS, LIGHTS, SCALE, STATES, Cell, Column, Table

TABLE_STYLE = "Table Style Medium 2"
# a plain number is shown with thousands grouped: whole as "#,##0", with a fraction as DECIMAL
NUMBER_FORMATS = {K.NUMBER: "#,##0"}
DECIMAL = "#,##0.0##"
PAD = "_)"  # a number keeps a space on its right: it never runs into the text beside it
LINE, MAX_LINES = 15.0, 20  # points a line of text; at most this many lines a row
# the kinds of cell the workbook writes, in the order their formats are made
KINDS = (
    K.TEXT,
    K.LONG_TEXT,
    K.COUNT,
    K.NUMBER,
    K.AMOUNT,
    K.PERCENT,
    K.FRACTION,
    K.DATE,
    K.DATETIME,
)


def _format(kind: K) -> dict[str, object]:
    """The cell format of ``kind``: its number format; long text wrapped."""
    if kind.wrap:
        return {"text_wrap": True}
    number_format = NUMBER_FORMATS.get(kind, kind.number_format)
    if kind in (K.DATE, K.DATETIME):
        return {"num_format": number_format}
    return {"num_format": number_format + PAD} if number_format else {}


class Span(NamedTuple):
    """Where a table landed: header row, first column, last data row."""

    top: int
    left: int
    last: int

    def col(self, offset: int) -> tuple[int, int, int, int]:
        """The data cells of the table's column ``offset``: first row, col, last row, col."""
        return self.top + 1, self.left + offset, self.last, self.left + offset


class Styles:
    """The workbook's cell formats, made once."""

    def __init__(self, book: Any) -> None:
        top: dict[str, object] = {"valign": "top"}
        numbers = {kind: _format(kind) for kind in KINDS}
        self.cells = {kind: book.add_format({**top, **extra}) for kind, extra in numbers.items()}
        self.fills = {
            colour: book.add_format({"bg_color": colour.fill, "font_color": colour.font})
            for colour in dict.fromkeys(FILLS)
        }
        self.decimal = book.add_format({**top, "num_format": DECIMAL + PAD})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.note = book.add_format({"italic": True, "font_color": "#595959"})
        self._book, self._numbers = book, numbers
        self._quoted: dict[K, Any] = {}
        self._ways: dict[K, Way] = {}

    def quoted(self, kind: K) -> Any:
        """The format of ``kind`` with the quote prefix (made when first needed)."""
        if kind not in self._quoted:
            extra = self._numbers.get(kind, {})
            self._quoted[kind] = self._book.add_format(
                {"valign": "top", **extra, "quote_prefix": True}
            )
        return self._quoted[kind]

    def way(self, kind: K) -> Way:
        """How a value of ``kind`` is written (worked out once per kind)."""
        found = self._ways.get(kind)
        if found is None:
            when, text = kind in (K.DATE, K.DATETIME), kind in (K.TEXT, K.LONG_TEXT)
            found = Way(kind, self.cells[kind], when, text, kind.scale, kind.wrap)
            self._ways[kind] = found
        return found


class Way(NamedTuple):
    """How a value of one kind is written: its format, and what the kind asks of the value."""

    kind: K
    fmt: Any
    when: bool  # a date or a time of day
    text: bool  # always text, whatever the value
    scale: float  # the value is stored divided by it
    wrap: bool


def moment(value: object) -> dt.datetime | dt.date | None:
    """A date or a naive UTC time from an ISO text, a date or a time; ``None`` otherwise."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment(parsed) if "T" in value or " " in value.strip() else parsed.date()


def write_cell(ws: Any, styles: Styles, row: int, col: int, kind: K, value: object) -> None:
    """One value; ``None`` and ``""`` leave the cell empty, text is never read as a formula."""
    if isinstance(value, Cell):
        kind, value = _own(value)
    if value is None or value == "":
        return
    _put(ws, styles, row, col, styles.way(kind), value)


def _own(cell: Cell) -> tuple[K, object]:
    """The kind and value a :class:`Cell` brings (a Cell in a Cell: the innermost)."""
    value: object = cell
    while isinstance(value, Cell):
        kind, value = value.kind, value.value
    return kind, value


def _put(ws: Any, styles: Styles, row: int, col: int, way: Way, value: object) -> None:
    """``value`` (neither empty nor a :class:`Cell`) written the way of its kind."""
    when = moment(value) if way.when else None
    if when is not None:
        ws.write_datetime(row, col, when, way.fmt)
    elif not way.text and isinstance(value, int | float):
        fmt = way.fmt
        if way.kind is K.NUMBER and not float(value).is_integer():
            fmt = styles.decimal
        ws.write_number(row, col, value / way.scale if way.scale != 1 else value, fmt)
    else:
        text = cell_text.shown(str(value))
        quoted = cell_text.formula_like(text)
        ws.write_string(row, col, text, styles.quoted(way.kind) if quoted else way.fmt)


def write_table(
    ws: Any, styles: Styles, lang: str, table: Table[Any], top: int = 0, left: int = 0
) -> Span:
    """``table`` as an Excel table with its header at (top, left); an empty table keeps one row.

    Rows with wrapped text get a height for their longest text: LibreOffice does not fit the
    height of a row itself when it opens the file. Each column's way of writing is worked out
    once; a :class:`Cell` value brings its own.
    """
    columns = table.columns
    headers = table.headers(lang)
    ws.set_row(top, row_height(headers, [c.width for c in columns], bold=True))
    plan = [(c.get, styles.way(c.kind), c.width) for c in columns]
    for r, line in enumerate(table.rows, start=top + 1):
        texts: list[object] = []
        widths: list[float] = []
        for c, (get, way, width) in enumerate(plan, start=left):
            value = get(line)
            if isinstance(value, Cell):
                kind, value = _own(value)
                way = styles.way(kind)
            if way.wrap:
                texts.append(value)
                widths.append(width)
            if value is not None and value != "":
                _put(ws, styles, r, c, way, value)
        if texts:
            ws.set_row(r, row_height(texts, widths))
    last = top + max(1, len(table.rows))
    options: dict[str, object] = {"name": table.name, "style": TABLE_STYLE}
    options["columns"] = [{"header": h, "header_format": styles.header} for h in headers]
    ws.add_table(top, left, last, left + len(columns) - 1, options)
    return Span(top, left, last)


def row_height(
    values: Sequence[object], widths: Sequence[float], bold: bool = False
) -> float | None:
    """Points for the most lines any text needs in its column, wrapped at spaces as a client
    wraps it (about 1.2 characters a width unit, 1.0 in bold)."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1, int(width * (1.0 if bold else 1.2)))
            if len(value) <= per_line and "\n" not in value:
                continue  # one line, however its words fall
            lines = max(lines, sum(_wrapped_lines(part, per_line) for part in value.split("\n")))
    return LINE * min(lines, MAX_LINES) if lines > 1 else None


def _wrapped_lines(text: str, per_line: int) -> int:
    """Lines ``text`` takes when words are moved whole to the next line (long words split)."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > per_line:
            lines, used = lines + 1, 0
        if used:
            used += 1
        while size > per_line:
            lines, size = lines + 1, size - per_line
        used += size
    return lines


def set_widths(ws: Any, columns: Sequence[Column[Any]], left: int = 0) -> None:
    for c, column in enumerate(columns, start=left):
        ws.set_column(c, c, column.width)


def colour_rates(ws: Any, span: Span, offset: int) -> None:
    """A red-yellow-green scale from 0 % to 100 % on a rate column."""
    scale = {"type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num"}
    scale |= {"mid_value": 0.5, "max_type": "num", "max_value": 1, **SCALE}
    ws.conditional_format(*span.col(offset), scale)


def colour_labels(
    ws: Any, styles: Styles, span: Span, offset: int, fills: Mapping[str, Colour], lang: str = ""
) -> None:
    """Colour the cells of a column by their text: ``fills`` maps a label to its colour.

    With ``lang`` the keys are looked up among the state, light and status labels first.
    """
    for key, fill in fills.items():
        label = _label(key, lang) if lang else key
        quoted = '"' + label.replace('"', '""') + '"'
        rule = {"type": "cell", "criteria": "==", "value": quoted, "format": styles.fills[fill]}
        ws.conditional_format(*span.col(offset), rule)


def _label(key: str, lang: str) -> str:
    for table in (STATES, LIGHTS):
        if key in table:
            return table[key].shown(lang)
    return key
