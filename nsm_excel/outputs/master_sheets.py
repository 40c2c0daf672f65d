"""The master workbook's tables, declared apart from any spreadsheet library.

A :class:`Table` is a name, its :class:`Column` s (key, header word, cell kind, width, how to
read the value from a line of :class:`~nsm_excel.consolidate.model.Consolidated`) and its rows
from the model. :mod:`nsm_excel.outputs.xlsx_tables` writes one as an Excel table; anything
else (a CSV file) reads :meth:`Table.headers` and :meth:`Table.lines`. Nothing is computed
here: values come from the model as they are; rates given as percents (0-100) have the kind
``percent``, fractions ``fraction``, dates ``date`` and ``datetime``.

The sheets Measures, Indicators, Goals, Objectives, GCM, Institutions and Issues are declared
here; the Overview's and the Budget's tables in :mod:`nsm_excel.outputs.master_tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import (
    STATUS_ORDER,
    AcceptedWarning,
    Contribution,
    IndicatorLine,
    InstitutionLine,
    MeasureLine,
    Rollup,
    in_language,
)
from nsm_excel.core.labels import STATUSES, UNITS, YES_NO
from nsm_excel.core.words import Word

T = TypeVar("T")
NO_REPORT = Word("outputs.master.no-report")
STATES = {state: Word(f"outputs.state.{state.replace(' ', '_')}") for state in
          ("on time", "late", "rejected", "missing")}  # fmt: skip
LIGHTS = {light: Word(f"outputs.light.{light}") for light in
          (figures.GREEN, figures.AMBER, figures.RED, figures.GREY)}  # fmt: skip
DIRECTIONS = {d: Word(f"outputs.direction.{d}") for d in ("increase", "decrease")}
SOURCES = {s: Word(f"outputs.source.{s}") for s in ("state", "donor", "gap")}
SPENT_WORD = Word("outputs.master.spent-word")
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
    key: str  # what the column holds, the same in every language
    header: Word
    kind: str  # text, wrap, int, number, amount, percent (0-100), fraction, date, datetime
    width: float
    get: Callable[[T], object]


@dataclass(frozen=True)
class Table(Generic[T]):
    """One table of the master: its name, columns and rows, and the caption above it."""

    name: str
    columns: Sequence[Column[T]]
    rows: Sequence[T]
    caption: Word | None = None

    def headers(self, lang: str) -> list[str]:
        return [column.header.shown(lang) for column in self.columns]

    def cells(self) -> list[list[Cell]]:
        """Each row's values with their kinds (a :class:`Cell` value keeps its own kind)."""
        return [[_cell(c.get(row), c.kind) for c in self.columns] for row in self.rows]

    def lines(self) -> list[list[object]]:
        """Each row's plain values, ``None`` where there is none."""
        return [[cell.value for cell in line] for line in self.cells()]

    def index(self, key: str) -> int:
        return next(n for n, column in enumerate(self.columns) if column.key == key)


def _cell(value: object, kind: str) -> Cell:
    return value if isinstance(value, Cell) else Cell(value, kind)


def column(key: str, kind: str, width: float, get: Callable[[T], object]) -> Column[T]:
    """A column whose header is the word ``outputs.column.<key>``."""
    return Column(key, Word(f"outputs.column.{key}"), kind, width, get)


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


def label_of(table: Mapping[str, Word], key: str, lang: str) -> str:
    return table[key].shown(lang) if key in table else key


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


def measure_columns(lang: str) -> list[Column[MeasureLine]]:
    def title(m: MeasureLine) -> object:
        return in_language(m, "title", lang)

    return [
        column("code", "text", 9, lambda m: m.code),
        column("goal", "text", 8, lambda m: m.goal),
        column("objective", "text", 9, lambda m: m.objective),
        column("measure", "wrap", 48, title),
        column("lead", "text", 10, lambda m: m.lead),
        column("supporting", "wrap", 14, lambda m: "; ".join(m.supporting)),
        column("start", "text", 9, lambda m: m.start),
        column("end", "text", 9, lambda m: m.end),
        column("planned", "amount", 16, lambda m: m.planned),
        column("funding_state", "amount", 15, lambda m: m.funding_state),
        column("funding_donor", "amount", 15, lambda m: m.funding_donor),
        column("gap", "amount", 15, lambda m: m.funding_gap),
        column("gcm", "text", 10, lambda m: "; ".join(str(n) for n in m.gcm)),
        column("status", "text", 22, lambda m: status_label(m.status, lang, m.reported)),
        column("progress", "wrap", 48, lambda m: m.progress),
        column("delay_reason", "wrap", 32, lambda m: m.delay_reason),
        column("next_steps", "wrap", 32, lambda m: m.next_steps),
        column("spent_state", "amount", 16, lambda m: m.spent_state),
        column("spent_donor", "amount", 16, lambda m: m.spent_donor),
        column("evidence", "wrap", 28, lambda m: m.evidence),
        column("completion_date", "date", 12, lambda m: m.completion_date),
        column("source_file", "text", 24, lambda m: m.source_file),
        column("received_at", "datetime", 16, lambda m: m.received_at),
        column("contributions", "wrap", 48, lambda m: contributions(m, lang)),
        column("is_due", "text", 10, lambda m: yes_no(m.due, lang)),
        column("is_implemented", "text", 11, lambda m: yes_no(m.implemented, lang)),
    ]


def indicator_columns(lang: str) -> list[Column[IndicatorLine]]:
    return [
        column("code", "text", 11, lambda i: i.code),
        column("linked_code", "text", 9, lambda i: i.linked_code),
        column("indicator", "wrap", 48, lambda i: in_language(i, "name", lang)),
        column("unit", "text", 14, lambda i: label_of(UNITS, i.unit, lang)),
        column("direction", "text", 12, lambda i: label_of(DIRECTIONS, i.direction, lang)),
        column("responsible", "text", 11, lambda i: i.responsible),
        column("baseline", "number", 11, lambda i: i.baseline),
        column("target", "number", 11, lambda i: i.target),
        column("actual", "number", 11, lambda i: i.actual),
        column("progress_capped", "fraction", 12, lambda i: figures.capped(i.progress)),
        column("progress_raw", "fraction", 12, lambda i: i.progress),
        column("women", "number", 9, lambda i: i.women),
        column("men", "number", 9, lambda i: i.men),
        column("comment", "wrap", 36, lambda i: i.comment),
        column("source_file", "text", 24, lambda i: i.source_file),
        column("light", "text", 16, lambda i: label_of(LIGHTS, i.light, lang)),
    ]


def rollup_columns(lang: str, key: Column[Rollup]) -> list[Column[Rollup]]:
    """A roll-up's counts, rates and money; then its measures by status."""
    columns: list[Column[Rollup]] = [
        key,
        column("title", "wrap", 48, lambda r: in_language(r, "title", lang)),
        column("measures", "int", 9, lambda r: r.measures),
        column("due", "int", 12, lambda r: r.due),
        column("implemented", "int", 12, lambda r: r.implemented),
        column("reported", "int", 12, lambda r: r.reported),
        column("rate", "percent", 13, lambda r: r.implementation_rate),
        column("band", "text", 13, lambda r: r.band),
        column("planned", "amount", 16, lambda r: r.planned),
        column("spent", "amount", 16, lambda r: r.spent),
        column("execution", "percent", 12, lambda r: r.execution),
        column("gap", "amount", 16, lambda r: r.gap),
    ]
    return columns + status_columns()


def status_columns() -> list[Column[Rollup]]:
    """One count column per status, 'no report' last (the model's order)."""
    return [_status_column(status) for status in STATUS_ORDER]


def _status_column(status: str) -> Column[Rollup]:
    header = STATUSES.get(status, NO_REPORT)
    return Column(f"status_{status or 'none'}", header, "int", 12,
                  lambda r: r.statuses.get(status, 0))  # fmt: skip


def rollup_keys() -> dict[str, Column[Rollup]]:
    """The first column of each roll-up sheet, by sheet (GCM numbers as numbers)."""
    return {
        "Goals": column("goal", "text", 10, lambda r: r.key),
        "Objectives": column("objective", "text", 10, lambda r: r.key),
        "GCM": column("gcm_objective", "int", 10, lambda r: int(r.key)),
    }


def institution_columns(lang: str) -> list[Column[InstitutionLine]]:
    return [
        column("code", "text", 10, lambda i: i.code),
        column("institution", "wrap", 40, lambda i: in_language(i, "name", lang)),
        column("return_status", "text", 14, lambda i: label_of(STATES, i.state, lang)),
        column("files", "int", 9, lambda i: i.files),
        column("rejected", "int", 10, lambda i: i.rejected),
        column("last_received", "datetime", 16, lambda i: i.last_received),
        column("accepted_file", "text", 26, lambda i: i.accepted_file),
        column("contact", "wrap", 46, lambda i: i.contact),
        column("problems", "wrap", 60, lambda i: "\n".join(i.problems_in(lang))),
    ]


def issue_columns(lang: str) -> list[Column[AcceptedWarning]]:
    def message(w: AcceptedWarning) -> object:
        return getattr(w, f"message_{lang}", "") or w.message_en

    return [
        column("institution", "text", 12, lambda w: w.institution),
        column("file", "text", 26, lambda w: w.file),
        column("sheet", "text", 12, lambda w: w.sheet),
        column("cell", "text", 8, lambda w: w.cell),
        column("issue_code", "text", 28, lambda w: w.code),
        column("message", "wrap", 80, message),
    ]
