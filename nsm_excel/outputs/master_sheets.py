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
from nsm_excel.core.labels import STATUSES, UNITS, YES_NO, Shown, Text

T = TypeVar("T")
TABLE_STYLE = "Table Style Medium 2"
LINE, MAX_LINES = 15.0, 20  # points a line of text; at most this many lines a row
NO_REPORT = Text("Pa raport", "No report")
STATES = {
    "on time": Text("Në afat", "On time"),
    "late": Text("Me vonesë", "Late"),
    "rejected": Text("Refuzuar", "Rejected"),
    "missing": Text("Mungon", "Missing"),
}
LIGHTS = {
    figures.GREEN: Text("jeshile", "green"),
    figures.AMBER: Text("portokalli", "amber"),
    figures.RED: Text("e kuqe", "red"),
    figures.GREY: Text("gri", "grey"),
}
DIRECTIONS = {"increase": Text("rritje", "increase"), "decrease": Text("ulje", "decrease")}
SOURCES = {
    "state": Text("Buxheti i shtetit", "State budget"),
    "donor": Text("Donatorët", "Donors"),
    "gap": Text("Hendeku financiar", "Financing gap"),
}
SPENT_WORD = Text("shpenzuar", "spent")
# (background, font) of the conditional formats
FILLS = {
    "good": ("#C6EFCE", "#006100"),
    "fair": ("#E2EFDA", "#375623"),
    "mid": ("#FFEB9C", "#9C5700"),
    "poor": ("#FCD5B4", "#974706"),
    "bad": ("#FFC7CE", "#9C0006"),
    "grey": ("#E7E6E6", "#3A3838"),
}
BAND_FILLS = dict(zip((label for _, label in figures.BANDS), FILLS, strict=False))
LIGHT_FILLS = {
    figures.GREEN: "good",
    figures.AMBER: "mid",
    figures.RED: "bad",
    figures.GREY: "grey",
}
STATE_FILLS = {"on time": "good", "late": "mid", "rejected": "bad", "missing": "bad"}
SCALE = {"min_color": "#F8696B", "mid_color": "#FFEB84", "max_color": "#63BE7B"}


class Cell(NamedTuple):
    """A value whose kind is chosen per row (the Overview's key figures)."""

    value: object
    kind: str


@dataclass(frozen=True)
class Column(Generic[T]):
    header: Shown
    kind: str  # text, wrap, int, number, amount, percent (0-100), fraction, date, datetime
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
        numbers: dict[str, dict[str, object]] = {
            "text": {},
            "wrap": {"text_wrap": True},
            "int": {"num_format": "0"},
            "number": {},
            "amount": {"num_format": "#,##0"},
            "percent": {"num_format": "0.0%"},
            "fraction": {"num_format": "0.0%"},
            "date": {"num_format": "dd.mm.yyyy"},
            "datetime": {"num_format": "dd.mm.yyyy hh:mm"},
        }
        self.cells = {kind: book.add_format({**top, **extra}) for kind, extra in numbers.items()}
        self.fills = {
            name: book.add_format({"bg_color": bg, "font_color": fg})
            for name, (bg, fg) in FILLS.items()
        }
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.note = book.add_format({"italic": True, "font_color": "#595959"})
        self._book, self._numbers = book, numbers
        self._quoted: dict[str, Any] = {}

    def quoted(self, kind: str) -> Any:
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


def write_cell(ws: Any, styles: Styles, row: int, col: int, kind: str, value: object) -> None:
    """One value; ``None`` and ``""`` leave the cell empty, text is never read as a formula."""
    if isinstance(value, Cell):
        write_cell(ws, styles, row, col, value.kind, value.value)
        return
    if value is None or value == "":
        return
    fmt = styles.cells[kind]
    when = moment(value) if kind in ("date", "datetime") else None
    if when is not None:
        ws.write_datetime(row, col, when, fmt)
    elif kind not in ("text", "wrap") and isinstance(value, int | float):
        ws.write_number(row, col, value / 100 if kind == "percent" else value, fmt)
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
        wrapped = [(v, c.width) for c, v in zip(columns, values, strict=True) if c.kind == "wrap"]
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
    ws: Any, styles: Styles, span: Span, offset: int, fills: dict[str, str], lang: str = ""
) -> None:
    """Colour the cells of a column by their text: ``fills`` maps a label to a fill name.

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
        Column(CODE, "text", 9, lambda m: m.code),
        Column(GOAL, "text", 8, lambda m: m.goal),
        Column(OBJECTIVE, "text", 9, lambda m: m.objective),
        Column(Text("Masa", "Measure"), "wrap", 48, lambda m: m.title_sq if sq else m.title_en),
        Column(Text("Drejtuesi", "Lead"), "text", 10, lambda m: m.lead),
        Column(Text("Mbështetës", "Supporting"), "wrap", 14, lambda m: "; ".join(m.supporting)),
        Column(Text("Fillimi", "Start"), "text", 9, lambda m: m.start),
        Column(Text("Përfundimi", "End"), "text", 9, lambda m: m.end),
        Column(PLANNED, "amount", 16, lambda m: m.planned),
        Column(Text("Financim shtetëror (lekë)", "State funding (lek)"), "amount", 15,
               lambda m: m.funding_state),
        Column(Text("Financim nga donatorët (lekë)", "Donor funding (lek)"), "amount", 15,
               lambda m: m.funding_donor),
        Column(GAP, "amount", 15, lambda m: m.funding_gap),
        Column(Text("Objektivat GCM", "GCM objectives"), "text", 10,
               lambda m: "; ".join(str(n) for n in m.gcm)),
        Column(Text("Statusi", "Status"), "text", 22,
               lambda m: status_label(m.status, lang, m.reported)),
        Column(Text("Progresi", "Progress"), "wrap", 48, lambda m: m.progress),
        Column(Text("Arsyeja e vonesës", "Delay reason"), "wrap", 32, lambda m: m.delay_reason),
        Column(Text("Hapat e ardhshëm", "Next steps"), "wrap", 32, lambda m: m.next_steps),
        Column(Text("Shpenzuar nga shteti, drejtuesi dhe mbështetësit (lekë)",
                    "Spent, state, lead and supporting (lek)"), "amount", 16,
               lambda m: m.spent_state),
        Column(Text("Shpenzuar nga donatorët, drejtuesi dhe mbështetësit (lekë)",
                    "Spent, donors, lead and supporting (lek)"), "amount", 16,
               lambda m: m.spent_donor),
        Column(Text("Dëshmia", "Evidence"), "wrap", 28, lambda m: m.evidence),
        Column(Text("Data e përfundimit", "Completion date"), "date", 12,
               lambda m: m.completion_date),
        Column(SOURCE_FILE, "text", 24, lambda m: m.source_file),
        Column(Text("Marrë më (UTC)", "Received (UTC)"), "datetime", 16, lambda m: m.received_at),
        Column(Text("Kontributet e mbështetësve", "Supporting contributions"), "wrap", 48,
               lambda m: contributions(m, lang)),
        Column(Text("Duhej zbatuar", "Due"), "text", 10, lambda m: yes_no(m.due, lang)),
        Column(Text("Zbatuar", "Implemented"), "text", 11, lambda m: yes_no(m.implemented, lang)),
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
    rule["format"] = styles.fills["bad"]
    ws.conditional_format(1, 0, span.last, len(columns) - 1, rule)


def _label_of(table: Mapping[str, Shown], key: str, lang: str) -> str:
    return table[key].shown(lang) if key in table else key


def indicator_columns(lang: str) -> list[Column[IndicatorLine]]:
    sq = lang == "sq"
    return [
        Column(CODE, "text", 11, lambda i: i.code),
        Column(Text("Kodi i lidhur", "Linked code"), "text", 9, lambda i: i.linked_code),
        Column(Text("Treguesi", "Indicator"), "wrap", 48, lambda i: i.name_sq if sq else i.name_en),
        Column(Text("Njësia", "Unit"), "text", 14, lambda i: _label_of(UNITS, i.unit, lang)),
        Column(Text("Drejtimi", "Direction"), "text", 12,
               lambda i: _label_of(DIRECTIONS, i.direction, lang)),
        Column(Text("Përgjegjës", "Responsible"), "text", 11, lambda i: i.responsible),
        Column(Text("Vlera bazë", "Baseline"), "number", 11, lambda i: i.baseline),
        Column(Text("Synimi i vitit", "Target of the year"), "number", 11, lambda i: i.target),
        Column(Text("Vlera aktuale", "Actual"), "number", 11, lambda i: i.actual),
        Column(Text("Progresi (0-100 %)", "Progress (0-100 %)"), "fraction", 12,
               lambda i: figures.capped(i.progress)),
        Column(Text("Progresi i pakufizuar", "Progress, raw (uncapped)"), "fraction", 12,
               lambda i: i.progress),
        Column(Text("Gra", "Women"), "number", 9, lambda i: i.women),
        Column(Text("Burra", "Men"), "number", 9, lambda i: i.men),
        Column(Text("Koment", "Comment"), "wrap", 36, lambda i: i.comment),
        Column(SOURCE_FILE, "text", 24, lambda i: i.source_file),
        Column(Text("Semafori", "Traffic light"), "text", 16,
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
        Column(TITLE, "wrap", 48, lambda r: r.title_sq if sq else r.title_en),
        Column(MEASURES, "int", 9, lambda r: r.measures),
        Column(DUE, "int", 12, lambda r: r.due),
        Column(IMPLEMENTED, "int", 12, lambda r: r.implemented),
        Column(Text("Masa me raport", "Measures reported"), "int", 12, lambda r: r.reported),
        Column(RATE, "percent", 13, lambda r: r.implementation_rate),
        Column(BAND, "text", 13, lambda r: r.band),
        Column(PLANNED, "amount", 16, lambda r: r.planned),
        Column(SPENT, "amount", 16, lambda r: r.spent),
        Column(EXECUTION, "percent", 12, lambda r: r.execution),
        Column(GAP, "amount", 16, lambda r: r.gap),
    ]
    return columns + status_columns(lang)


def status_columns(lang: str) -> list[Column[Rollup]]:
    """One count column per status, 'no report' last (the model's order)."""
    return [_status_column(status, lang) for status in STATUS_ORDER]


def _status_column(status: str, lang: str) -> Column[Rollup]:
    header = STATUSES.get(status, NO_REPORT)
    return Column(header, "int", 12, lambda r: r.statuses.get(status, 0))


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
    goal: Column[Rollup] = Column(GOAL, "text", 10, lambda r: r.key)
    write_rollup(book, styles, lang, "Goals", goal, data.goals)
    objective: Column[Rollup] = Column(OBJECTIVE, "text", 10, lambda r: r.key)
    write_rollup(book, styles, lang, "Objectives", objective, data.objectives)
    number: Column[Rollup] = Column(
        Text("Objektivi GCM", "GCM objective"), "int", 10, lambda r: int(r.key)
    )
    write_rollup(book, styles, lang, "GCM", number, data.gcm)


def institution_columns(lang: str) -> list[Column[InstitutionLine]]:
    sq = lang == "sq"
    return [
        Column(CODE, "text", 10, lambda i: i.code),
        Column(INSTITUTION, "wrap", 40, lambda i: i.name_sq if sq else i.name_en),
        Column(Text("Gjendja e raportit", "Return status"), "text", 14,
               lambda i: _label_of(STATES, i.state, lang)),
        Column(Text("Skedarë", "Files"), "int", 9, lambda i: i.files),
        Column(Text("Të refuzuar", "Rejected"), "int", 10, lambda i: i.rejected),
        Column(Text("Marrë së fundi (UTC)", "Last received (UTC)"), "datetime", 16,
               lambda i: i.last_received),
        Column(Text("Skedari i pranuar", "Accepted file"), "text", 26, lambda i: i.accepted_file),
        Column(Text("Pika e kontaktit", "Contact"), "wrap", 46, lambda i: i.contact),
        Column(Text("Problemet", "Problems"), "wrap", 60, lambda i: "\n".join(i.problems_in(lang))),
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
        Column(INSTITUTION, "text", 12, lambda w: w.institution),
        Column(Text("Skedari", "File"), "text", 26, lambda w: w.file),
        Column(Text("Fleta", "Sheet"), "text", 12, lambda w: w.sheet),
        Column(Text("Qeliza", "Cell"), "text", 8, lambda w: w.cell),
        Column(Text("Kodi i problemit", "Issue code"), "text", 28, lambda w: w.code),
        Column(Text("Mesazhi", "Message"), "wrap", 80, message),
    ]


def write_issues(book: Any, styles: Styles, data: Consolidated, lang: str) -> None:
    """Warnings in accepted returns (they did not stop the file, an analyst may check them)."""
    ws = book.add_worksheet("Issues")
    columns = issue_columns(lang)
    write_table(ws, styles, lang, "Issues", columns, data.warnings)
    set_widths(ws, columns)
    ws.freeze_panes(1, 0)
