"""The table sheets of the master workbook, and the small machinery that writes an Excel table.

Each sheet is a list of :class:`Column` (header in both languages, cell kind, width, how to read
the value from a line of :class:`~nsm_excel.consolidation.Consolidated`) written by
:func:`write_table` as an Excel table from A1 (header row frozen, autofilter, banded style).
Nothing is computed here: values come from the model as they are; rates given as percents
(0-100) are stored as fractions with a percent format, dates as Excel dates.

Text from the plan and from returns is always written with ``write_string``, as
:func:`nsm_excel.cell_text.shown` shows it: a progress note that reads ``=HYPERLINK(...)`` or
``http://...`` stays plain text, and text a spreadsheet would take for a formula gets the quote
prefix, so it stays text when the cell is edited.

The roll-ups are two sheets, *Goals* (policy goals) and *Objectives* (specific objectives), one
table each, so that every roll-up table has its own frozen header and filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from xlsxwriter.utility import xl_col_to_name

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.consolidation import (
    STATUS_ORDER,
    AcceptedWarning,
    Consolidated,
    Contribution,
    IndicatorLine,
    InstitutionLine,
    MeasureLine,
    Rollup,
)
from nsm_excel.core import cell_text
from nsm_excel.core.labels import STATUSES, YES_NO, Shown, Text
from nsm_excel.core.vocab import colours, statuses, units
from nsm_excel.core.vocab.colours import Colour
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.vocab.terms import Direction, Funding
from nsm_excel.core.words import Word

T = TypeVar("T")
TABLE_STYLE = "Table Style Medium 2"
LINE, MAX_LINES = 15.0, 20  # points a line of text; at most this many lines a row
NO_REPORT = statuses.NO_REPORT.word
STATES = {code: Word(f"state.{code.replace(' ', '_')}") for code in colours.STATE_COLOURS}
LIGHTS = {code: light.word for code, light in colours.LIGHTS.items()}
DIRECTIONS = Direction.words()
SOURCES = Funding.words()
SPENT_WORD = Text("shpenzuar", "spent")
# the colours of the conditional formats, from the vocabularies: rate bands, lights, states
BAND_FILLS = colours.BAND_COLOURS
LIGHT_FILLS = {code: light.colour for code, light in colours.LIGHTS.items()}
STATE_FILLS = colours.STATE_COLOURS
FILLS = (*BAND_FILLS.values(), colours.NO_FIGURE, statuses.NO_REPORT.colour)
_LOW, _MID, _TOP = (colours.BANDS[i].colour.fill for i in (-1, 2, 0))
SCALE = {"min_color": _LOW, "mid_color": _MID, "max_color": _TOP}


# the kinds of cell the workbook writes, in the order their formats are made
WRAP = K.LONG_TEXT
KINDS = (K.TEXT, WRAP, K.COUNT, K.NUMBER, K.AMOUNT, K.PERCENT, K.FRACTION, K.DATE, K.DATETIME)


def _format(kind: K) -> dict[str, object]:
    """The cell format of ``kind``: its number format; long text wrapped."""
    if kind.wrap:
        return {"text_wrap": True}
    return {"num_format": kind.number_format} if kind.number_format else {}


class Cell(NamedTuple):
    """A value whose kind is chosen per row (the Overview's key figures)."""

    value: object
    kind: K


@dataclass(frozen=True)
class Column(Generic[T]):
    header: Shown
    kind: K  # one of KINDS
    width: float
    get: Callable[[T], object]


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
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.note = book.add_format({"italic": True, "font_color": "#595959"})
        self._book, self._numbers = book, numbers
        self._quoted: dict[K, Any] = {}

    def quoted(self, kind: K) -> Any:
        """The format of ``kind`` with the quote prefix (made when first needed)."""
        if kind not in self._quoted:
            extra = self._numbers.get(kind, {})
            self._quoted[kind] = self._book.add_format(
                {"valign": "top", **extra, "quote_prefix": True}
            )
        return self._quoted[kind]


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
        write_cell(ws, styles, row, col, value.kind, value.value)
        return
    if value is None or value == "":
        return
    fmt = styles.cells[kind]
    when = moment(value) if kind in (K.DATE, K.DATETIME) else None
    if when is not None:
        ws.write_datetime(row, col, when, fmt)
    elif kind not in (K.TEXT, K.LONG_TEXT) and isinstance(value, int | float):
        ws.write_number(row, col, value / kind.scale if kind.scale != 1 else value, fmt)
    else:
        text = cell_text.shown(str(value))
        quoted = cell_text.formula_like(text)
        ws.write_string(row, col, text, styles.quoted(kind) if quoted else fmt)


def write_table(
    ws: Any,
    styles: Styles,
    lang: str,
    name: str,
    columns: Sequence[Column[T]],
    rows: Sequence[T],
    top: int = 0,
    left: int = 0,
) -> Span:
    """``rows`` as an Excel table with its header at (top, left); an empty table keeps one row.

    Rows with wrapped text get a height for their longest text: LibreOffice does not fit the
    height of a row itself when it opens the file.
    """
    headers = [column.header.shown(lang) for column in columns]
    ws.set_row(top, row_height(headers, [c.width for c in columns], bold=True))
    for r, item in enumerate(rows, start=top + 1):
        values = [column.get(item) for column in columns]
        for c, (column, value) in enumerate(zip(columns, values, strict=True), start=left):
            write_cell(ws, styles, r, c, column.kind, value)
        wrapped = [(v, c.width) for c, v in zip(columns, values, strict=True) if c.kind.wrap]
        if wrapped:
            ws.set_row(r, row_height([v for v, _ in wrapped], [w for _, w in wrapped]))
    last = top + max(1, len(rows))
    options: dict[str, object] = {"name": name, "style": TABLE_STYLE}
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


def status_label(status: str | None, lang: str, reported: bool = True) -> str:
    """The status as shown; "no report" when the lead sent none ('' is the model's key for it)."""
    if not reported or status == "":
        return NO_REPORT.shown(lang)
    if status is None:
        return ""
    known = STATUSES.get(status)
    return known.shown(lang) if known else status


def yes_no(flag: bool, lang: str) -> str:
    return YES_NO["yes" if flag else "no"].shown(lang)


def _contribution(c: Contribution, lang: str) -> str:
    status = STATUSES[c.status].get(lang) if c.status in STATUSES else (c.status or "")
    head = f"{c.institution} ({status})" if status else c.institution
    text = f"{head}: {c.progress}" if c.progress else head
    spent = c.spent_state + c.spent_donor
    amount = f"{spent:,.0f}".replace(",", " ")
    return f"{text} ({SPENT_WORD.get(lang)} {amount})" if spent else text


def contributions(line: MeasureLine, lang: str) -> str:
    """One line per supporting institution that reported: code, status, text, spending."""
    return "\n".join(_contribution(c, lang) for c in line.contributions)


CODE = Text("Kodi", "Code")
TITLE = Text("Titulli", "Title")
GOAL, OBJECTIVE = Text("Qëllimi", "Goal"), Text("Objektivi", "Objective")
INSTITUTION = Text("Institucioni", "Institution")
SOURCE_FILE = Text("Skedari burim", "Source file")
PLANNED = Text("Kosto e planifikuar e vitit (lekë)", "Planned cost of the year (lek)")
SPENT = Text("Shpenzuar (lekë)", "Spent (lek)")
EXECUTION = Text("Ekzekutimi i buxhetit", "Budget execution")
GAP = Text("Hendeku financiar sipas planit (lekë)", "Financing gap in the plan (lek)")
MEASURES = Text("Masa", "Measures")
DUE = Text("Masa që duhej të zbatoheshin", "Measures due")
IMPLEMENTED = Text("Masa të zbatuara", "Measures implemented")
RATE = Text("Shkalla e zbatimit", "Implementation rate")
BAND = Text("Kategoria e zbatimit", "Implementation band")


def measure_columns(lang: str) -> list[Column[MeasureLine]]:
    sq = lang == "sq"
    return [
        Column(CODE, K.TEXT, 9, lambda m: m.code),
        Column(GOAL, K.TEXT, 8, lambda m: m.goal),
        Column(OBJECTIVE, K.TEXT, 9, lambda m: m.objective),
        Column(Text("Masa", "Measure"), WRAP, 48, lambda m: m.title_sq if sq else m.title_en),
        Column(Text("Drejtuesi", "Lead"), K.TEXT, 10, lambda m: m.lead),
        Column(Text("Mbështetës", "Supporting"), WRAP, 14, lambda m: "; ".join(m.supporting)),
        Column(Text("Fillimi", "Start"), K.TEXT, 9, lambda m: m.start),
        Column(Text("Përfundimi", "End"), K.TEXT, 9, lambda m: m.end),
        Column(PLANNED, K.AMOUNT, 16, lambda m: m.planned),
        Column(Text("Financim shtetëror (lekë)", "State funding (lek)"), K.AMOUNT, 15,
               lambda m: m.funding_state),
        Column(Text("Financim nga donatorët (lekë)", "Donor funding (lek)"), K.AMOUNT, 15,
               lambda m: m.funding_donor),
        Column(GAP, K.AMOUNT, 15, lambda m: m.funding_gap),
        Column(Text("Objektivat GCM", "GCM objectives"), K.TEXT, 10,
               lambda m: "; ".join(str(n) for n in m.gcm)),
        Column(Text("Statusi", "Status"), K.TEXT, 22,
               lambda m: status_label(m.status, lang, m.reported)),
        Column(Text("Progresi", "Progress"), WRAP, 48, lambda m: m.progress),
        Column(Text("Arsyeja e vonesës", "Delay reason"), WRAP, 32, lambda m: m.delay_reason),
        Column(Text("Hapat e ardhshëm", "Next steps"), WRAP, 32, lambda m: m.next_steps),
        Column(Text("Shpenzuar nga shteti, drejtuesi dhe mbështetësit (lekë)",
                    "Spent, state, lead and supporting (lek)"), K.AMOUNT, 16,
               lambda m: m.spent_state),
        Column(Text("Shpenzuar nga donatorët, drejtuesi dhe mbështetësit (lekë)",
                    "Spent, donors, lead and supporting (lek)"), K.AMOUNT, 16,
               lambda m: m.spent_donor),
        Column(Text("Dëshmia", "Evidence"), WRAP, 28, lambda m: m.evidence),
        Column(Text("Data e përfundimit", "Completion date"), K.DATE, 12,
               lambda m: m.completion_date),
        Column(SOURCE_FILE, K.TEXT, 24, lambda m: m.source_file),
        Column(Text("Marrë më (UTC)", "Received (UTC)"), K.DATETIME, 16, lambda m: m.received_at),
        Column(Text("Kontributet e mbështetësve", "Supporting contributions"), WRAP, 48,
               lambda m: contributions(m, lang)),
        Column(Text("Duhej zbatuar", "Due"), K.TEXT, 10, lambda m: yes_no(m.due, lang)),
        Column(Text("Zbatuar", "Implemented"), K.TEXT, 11, lambda m: yes_no(m.implemented, lang)),
    ]  # fmt: skip


def write_measures(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    """Every measure of the plan with its lead's report; rows without a report are marked."""
    ws = book.add_worksheet("Measures")
    columns = measure_columns(lang)
    span = write_table(ws, styles, lang, "Measures", columns, data.measures)
    set_widths(ws, columns)
    ws.freeze_panes(1, 1)
    status = next(i for i, c in enumerate(columns) if c.header.get("en") == "Status")
    letter = xl_col_to_name(status)
    missing = NO_REPORT.shown(lang).replace('"', '""')
    rule = {"type": "formula", "criteria": f'=${letter}2="{missing}"'}
    rule["format"] = styles.fills[statuses.NO_REPORT.colour]
    ws.conditional_format(1, 0, span.last, len(columns) - 1, rule)


def _label_of(table: Mapping[str, Shown], key: str, lang: str) -> str:
    return table[key].shown(lang) if key in table else key


def _unit_label(code: str, lang: str) -> str:
    return units.UNITS[code].word.shown(lang) if code in units.UNITS else code


def indicator_columns(lang: str) -> list[Column[IndicatorLine]]:
    sq = lang == "sq"
    return [
        Column(CODE, K.TEXT, 11, lambda i: i.code),
        Column(Text("Kodi i lidhur", "Linked code"), K.TEXT, 9, lambda i: i.linked_code),
        Column(Text("Treguesi", "Indicator"), WRAP, 48, lambda i: i.name_sq if sq else i.name_en),
        Column(Text("Njësia", "Unit"), K.TEXT, 14, lambda i: _unit_label(i.unit, lang)),
        Column(Text("Drejtimi", "Direction"), K.TEXT, 12,
               lambda i: _label_of(DIRECTIONS, i.direction, lang)),
        Column(Text("Përgjegjës", "Responsible"), K.TEXT, 11, lambda i: i.responsible),
        Column(Text("Vlera bazë", "Baseline"), K.NUMBER, 11, lambda i: i.baseline),
        Column(Text("Synimi i vitit", "Target of the year"), K.NUMBER, 11, lambda i: i.target),
        Column(Text("Vlera aktuale", "Actual"), K.NUMBER, 11, lambda i: i.actual),
        Column(Text("Progresi (0-100 %)", "Progress (0-100 %)"), K.FRACTION, 12,
               lambda i: figures.capped(i.progress)),
        Column(Text("Progresi i pakufizuar", "Progress, raw (uncapped)"), K.FRACTION, 12,
               lambda i: i.progress),
        Column(Text("Gra", "Women"), K.NUMBER, 9, lambda i: i.women),
        Column(Text("Burra", "Men"), K.NUMBER, 9, lambda i: i.men),
        Column(Text("Koment", "Comment"), WRAP, 36, lambda i: i.comment),
        Column(SOURCE_FILE, K.TEXT, 24, lambda i: i.source_file),
        Column(Text("Semafori", "Traffic light"), K.TEXT, 16,
               lambda i: _label_of(LIGHTS, i.light, lang)),
    ]  # fmt: skip


def write_indicators(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    ws = book.add_worksheet("Indicators")
    columns = indicator_columns(lang)
    span = write_table(ws, styles, lang, "Indicators", columns, data.indicators)
    set_widths(ws, columns)
    ws.freeze_panes(1, 1)
    colour_labels(ws, styles, span, len(columns) - 1, LIGHT_FILLS, lang)


def rollup_columns(lang: str, key: Column[Rollup]) -> list[Column[Rollup]]:
    """A roll-up's counts, rates and money; then its measures by status."""
    sq = lang == "sq"
    columns: list[Column[Rollup]] = [
        key,
        Column(TITLE, WRAP, 48, lambda r: r.title_sq if sq else r.title_en),
        Column(MEASURES, K.COUNT, 9, lambda r: r.measures),
        Column(DUE, K.COUNT, 12, lambda r: r.due),
        Column(IMPLEMENTED, K.COUNT, 12, lambda r: r.implemented),
        Column(Text("Masa me raport", "Measures reported"), K.COUNT, 12, lambda r: r.reported),
        Column(RATE, K.PERCENT, 13, lambda r: r.implementation_rate),
        Column(BAND, K.TEXT, 13, lambda r: r.band),
        Column(PLANNED, K.AMOUNT, 16, lambda r: r.planned),
        Column(SPENT, K.AMOUNT, 16, lambda r: r.spent),
        Column(EXECUTION, K.PERCENT, 12, lambda r: r.execution),
        Column(GAP, K.AMOUNT, 16, lambda r: r.gap),
    ]
    return columns + status_columns(lang)


def status_columns(lang: str) -> list[Column[Rollup]]:
    """One count column per status, 'no report' last (the model's order)."""
    return [_status_column(status, lang) for status in STATUS_ORDER]


def _status_column(status: str, lang: str) -> Column[Rollup]:
    header = STATUSES.get(status, NO_REPORT)
    return Column(header, K.COUNT, 12, lambda r: r.statuses.get(status, 0))


def write_rollup(
    book: Any, styles: Styles, lang: str, sheet: str, key: Column[Rollup], rows: Sequence[Rollup]
) -> None:
    ws = book.add_worksheet(sheet)
    columns = rollup_columns(lang, key)
    span = write_table(ws, styles, lang, f"{sheet}Rollup", columns, rows)
    set_widths(ws, columns)
    ws.freeze_panes(1, 1)
    colour_rates(ws, span, 6)
    colour_labels(ws, styles, span, 7, BAND_FILLS)


def write_rollups(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    """The sheets Goals, Objectives and GCM (GCM numbers as numbers)."""
    goal: Column[Rollup] = Column(GOAL, K.TEXT, 10, lambda r: r.key)
    write_rollup(book, styles, lang, "Goals", goal, data.goals)
    objective: Column[Rollup] = Column(OBJECTIVE, K.TEXT, 10, lambda r: r.key)
    write_rollup(book, styles, lang, "Objectives", objective, data.objectives)
    number: Column[Rollup] = Column(
        Text("Objektivi GCM", "GCM objective"), K.COUNT, 10, lambda r: int(r.key)
    )
    write_rollup(book, styles, lang, "GCM", number, data.gcm)


def institution_columns(lang: str) -> list[Column[InstitutionLine]]:
    sq = lang == "sq"
    return [
        Column(CODE, K.TEXT, 10, lambda i: i.code),
        Column(INSTITUTION, WRAP, 40, lambda i: i.name_sq if sq else i.name_en),
        Column(Text("Gjendja e raportit", "Return status"), K.TEXT, 14,
               lambda i: _label_of(STATES, i.state, lang)),
        Column(Text("Skedarë", "Files"), K.COUNT, 9, lambda i: i.files),
        Column(Text("Të refuzuar", "Rejected"), K.COUNT, 10, lambda i: i.rejected),
        Column(Text("Marrë së fundi (UTC)", "Last received (UTC)"), K.DATETIME, 16,
               lambda i: i.last_received),
        Column(Text("Skedari i pranuar", "Accepted file"), K.TEXT, 26, lambda i: i.accepted_file),
        Column(Text("Pika e kontaktit", "Contact"), WRAP, 46, lambda i: i.contact),
        Column(Text("Problemet", "Problems"), WRAP, 60, lambda i: "\n".join(i.problems_in(lang))),
    ]  # fmt: skip


def write_institutions(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    ws = book.add_worksheet("Institutions")
    columns = institution_columns(lang)
    span = write_table(ws, styles, lang, "Institutions", columns, data.institutions)
    set_widths(ws, columns)
    ws.freeze_panes(1, 1)
    colour_labels(ws, styles, span, 2, STATE_FILLS, lang)


def issue_columns(lang: str) -> list[Column[AcceptedWarning]]:
    def message(w: AcceptedWarning) -> str:
        first, other = (w.message_sq, w.message_en) if lang == "sq" else (w.message_en, "")
        return first or other

    return [
        Column(INSTITUTION, K.TEXT, 12, lambda w: w.institution),
        Column(Text("Skedari", "File"), K.TEXT, 26, lambda w: w.file),
        Column(Text("Fleta", "Sheet"), K.TEXT, 12, lambda w: w.sheet),
        Column(Text("Qeliza", "Cell"), K.TEXT, 8, lambda w: w.cell),
        Column(Text("Kodi i problemit", "Issue code"), K.TEXT, 28, lambda w: w.code),
        Column(Text("Mesazhi", "Message"), WRAP, 80, message),
    ]


def write_issues(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    """Warnings in accepted returns (they did not stop the file, an analyst may check them)."""
    ws = book.add_worksheet("Issues")
    columns = issue_columns(lang)
    write_table(ws, styles, lang, "Issues", columns, data.warnings)
    set_widths(ws, columns)
    ws.freeze_panes(1, 0)
