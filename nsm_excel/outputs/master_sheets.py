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
)
from nsm_excel.core.labels import STATUSES, YES_NO
from nsm_excel.core.vocab import colours, statuses, units
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.vocab.terms import Aggregation, Direction, Funding
from nsm_excel.core.words import Word, in_language

T = TypeVar("T")
NO_REPORT = statuses.NO_REPORT.word
STATES = {code: Word(f"state.{code.replace(' ', '_')}") for code in colours.STATE_COLOURS}
LIGHTS = {code: light.word for code, light in colours.LIGHTS.items()}
DIRECTIONS = Direction.words()
AGGREGATIONS = Aggregation.words()
SOURCES = Funding.words()
SPENT_WORD = Word("outputs.master.spent-word")
# the colours of the conditional formats, from the vocabularies: rate bands, lights, states
BAND_FILLS = colours.BAND_COLOURS
LIGHT_FILLS = {code: light.colour for code, light in colours.LIGHTS.items()}
STATE_FILLS = colours.STATE_COLOURS
FILLS = (*BAND_FILLS.values(), colours.NO_FIGURE, statuses.NO_REPORT.colour)
_LOW, _MID, _TOP = (colours.BANDS[i].colour.fill for i in (-1, 2, 0))
SCALE = {"min_color": _LOW, "mid_color": _MID, "max_color": _TOP}


class Cell(NamedTuple):
    """A value whose kind is chosen per row (the Overview's key figures)."""

    value: object
    kind: K


@dataclass(frozen=True)
class Column(Generic[T]):
    key: str  # what the column holds, the same in every language
    header: Word
    kind: K
    width: float
    get: Callable[[T], object]


@dataclass(frozen=True)
class Table(Generic[T]):
    """One table of the master: its name, columns and rows, and the caption above it."""

    name: str
    columns: Sequence[Column[T]]
    rows: Sequence[T]
    caption: Word | None = None
    note: Word | None = None  # a line below the caption, on what the figures mean

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


def _cell(value: object, kind: K) -> Cell:
    return value if isinstance(value, Cell) else Cell(value, kind)


def column(key: str, kind: K, width: float, get: Callable[[T], object]) -> Column[T]:
    """A column whose header is the word ``outputs.column.<key>``."""
    return Column(key, Word(f"outputs.column.{key}"), kind, width, get)


def rate_cell(rate: float | None, lang: str, unreported: bool) -> object:
    """A rate, or "no report" in words when nothing it rests on was reported (never 0 %)."""
    return Cell(NO_REPORT.shown(lang), K.LONG_TEXT) if unreported else rate


def by_unit(value: float | None, unit: str, lang: str) -> object:
    """An indicator's figure with the number format of its unit (yes/no in words)."""
    if value is None:
        return None
    if unit == "yes_no" and value in (0, 1):
        return Cell(yes_no(bool(value), lang), K.TEXT)
    kinds = {"amount": K.AMOUNT, "percent": K.PERCENT}
    return Cell(value, kinds.get(unit, K.NUMBER))


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
        column("code", K.TEXT, 9, lambda m: m.code),
        column("goal", K.TEXT, 7, lambda m: m.goal),
        column("objective", K.TEXT, 9, lambda m: m.objective),
        column("gcm", K.LONG_TEXT, 10, lambda m: "; ".join(str(n) for n in m.gcm)),
        column("sdg", K.LONG_TEXT, 10, lambda m: "; ".join(m.sdg)),
        column("measure", K.LONG_TEXT, 30, title),
        column("lead", K.TEXT, 10, lambda m: m.lead),
        column("supporting", K.LONG_TEXT, 12, lambda m: "; ".join(m.supporting)),
        column("start", K.TEXT, 8, lambda m: m.start),
        column("end", K.TEXT, 10, lambda m: m.end),
        column("planned", K.AMOUNT, 13, lambda m: m.planned),
        column("funding_state", K.AMOUNT, 13, lambda m: m.funding_state),
        column("funding_donor", K.AMOUNT, 13, lambda m: m.funding_donor),
        column("gap", K.AMOUNT, 13, lambda m: m.funding_gap),
        column("status", K.LONG_TEXT, 16, lambda m: status_label(m.status, lang, m.reported)),
        column("progress", K.LONG_TEXT, 30, lambda m: m.progress),
        column("delay_reason", K.LONG_TEXT, 22, lambda m: m.delay_reason),
        column("next_steps", K.LONG_TEXT, 22, lambda m: m.next_steps),
        column("spent_state", K.AMOUNT, 13, lambda m: m.spent_state),
        column("spent_donor", K.AMOUNT, 13, lambda m: m.spent_donor),
        column("evidence", K.LONG_TEXT, 18, lambda m: m.evidence),
        column("completion_date", K.DATE, 11, lambda m: m.completion_date),
        column("source_file", K.TEXT, 18, lambda m: m.source_in(lang)),
        column("received_at", K.DATETIME, 14, lambda m: m.received_at),
        column("contributions", K.LONG_TEXT, 30, lambda m: contributions(m, lang)),
        column("is_due", K.TEXT, 9, lambda m: yes_no(m.due, lang)),
        column("is_implemented", K.TEXT, 9, lambda m: yes_no(m.implemented, lang)),
    ]


def indicator_columns(lang: str) -> list[Column[IndicatorLine]]:
    return [
        column("code", K.TEXT, 11, lambda i: i.code),
        column("linked_code", K.TEXT, 9, lambda i: i.linked_code),
        column("indicator", K.LONG_TEXT, 48, lambda i: in_language(i, "name", lang)),
        column("unit", K.LONG_TEXT, 16, lambda i: _unit_label(i.unit, lang)),
        column("direction", K.TEXT, 12, lambda i: label_of(DIRECTIONS, i.direction, lang)),
        column("responsible", K.TEXT, 11, lambda i: i.responsible),
        column("baseline", K.NUMBER, 15, lambda i: by_unit(i.baseline, i.unit, lang)),
        column("target", K.NUMBER, 15, lambda i: by_unit(i.target, i.unit, lang)),
        column("actual", K.NUMBER, 15, lambda i: by_unit(i.actual, i.unit, lang)),
        column("progress_capped", K.FRACTION, 12, lambda i: figures.capped(i.progress)),
        column("progress_raw", K.FRACTION, 12, lambda i: i.progress),
        column("aggregation", K.TEXT, 14, lambda i: label_of(AGGREGATIONS, i.aggregation, lang)),
        column("year_value", K.NUMBER, 15, lambda i: by_unit(i.year_value, i.unit, lang)),
        column("year_periods", K.TEXT, 12, lambda i: ", ".join(i.year_periods)),
        column("mid_year", K.TEXT, 10, lambda i: yes_no(i.mid_year, lang)),
        column("target_final", K.NUMBER, 15, lambda i: by_unit(i.target_final, i.unit, lang)),
        column("progress_final", K.FRACTION, 12, lambda i: figures.capped(i.progress_final)),
        column("women", K.NUMBER, 9, lambda i: i.women),
        column("men", K.NUMBER, 9, lambda i: i.men),
        column("women_share", K.PERCENT, 10, lambda i: i.women_share),
        column("comment", K.LONG_TEXT, 36, lambda i: i.comment),
        column("source_file", K.TEXT, 24, lambda i: i.source_in(lang)),
        column("light", K.TEXT, 16, lambda i: label_of(LIGHTS, i.light, lang)),
    ]


def rollup_columns(lang: str, key: Column[Rollup], links: bool = False) -> list[Column[Rollup]]:
    """A roll-up's counts, rates and money; then its measures by status. With ``links`` (goals
    and objectives) its GCM objectives and SDG targets after the title."""
    linked: list[Column[Rollup]] = [
        column("gcm", K.LONG_TEXT, 10, lambda r: "; ".join(str(n) for n in r.gcm)),
        column("sdg", K.LONG_TEXT, 10, lambda r: "; ".join(r.sdg)),
    ]
    columns: list[Column[Rollup]] = [
        key,
        column("title", K.LONG_TEXT, 40, lambda r: in_language(r, "title", lang)),
        *(linked if links else []),
        *implementation_columns(lang),
        column("planned", K.AMOUNT, 16, lambda r: r.planned),
        column("spent", K.AMOUNT, 16, lambda r: r.spent),
        column("execution", K.PERCENT, 12, lambda r: r.execution),
        column("gap", K.AMOUNT, 16, lambda r: r.gap),
    ]
    return columns + status_columns()


def implementation_columns(lang: str) -> list[Column[Rollup]]:
    """Measures, due, implemented, reported, due and reported, the rate ("no report" when none
    due was reported) and its band."""
    return [
        column("measures", K.COUNT, 9, lambda r: r.measures),
        column("due", K.COUNT, 12, lambda r: r.due),
        column("implemented", K.COUNT, 12, lambda r: r.implemented),
        column("reported", K.COUNT, 12, lambda r: r.reported),
        column("due_reported", K.COUNT, 12, lambda r: r.reported_due),
        column(
            "rate", K.PERCENT, 15, lambda r: rate_cell(r.implementation_rate, lang, r.no_report)
        ),
        column("band", K.TEXT, 15, lambda r: "" if r.no_report else r.band),
    ]


def status_columns() -> list[Column[Rollup]]:
    """One count column per status, 'no report' last (the model's order)."""
    return [_status_column(status) for status in STATUS_ORDER]


def _status_column(status: str) -> Column[Rollup]:
    header = STATUSES.get(status, NO_REPORT)
    return Column(f"status_{status or 'none'}", header, K.COUNT, 12,
                  lambda r: r.statuses.get(status, 0))  # fmt: skip


def rollup_keys() -> dict[str, Column[Rollup]]:
    """The first column of each roll-up sheet, by sheet (GCM numbers as numbers)."""
    return {
        "Goals": column("goal", K.TEXT, 10, lambda r: r.key),
        "Objectives": column("objective", K.TEXT, 10, lambda r: r.key),
        "GCM": column("gcm_objective", K.COUNT, 10, lambda r: int(r.key)),
    }


def institution_columns(lang: str) -> list[Column[InstitutionLine]]:
    return [
        column("code", K.TEXT, 10, lambda i: i.code),
        column("institution", K.LONG_TEXT, 40, lambda i: in_language(i, "name", lang)),
        column("return_status", K.TEXT, 14, lambda i: label_of(STATES, i.state, lang)),
        column("files", K.COUNT, 9, lambda i: i.files),
        column("rejected", K.COUNT, 10, lambda i: i.rejected),
        column("last_received", K.DATETIME, 16, lambda i: i.last_received),
        column("accepted_file", K.TEXT, 26, lambda i: i.accepted_file),
        column("contact", K.LONG_TEXT, 46, lambda i: i.contact),
        column("problems", K.LONG_TEXT, 60, lambda i: "\n".join(i.problems_in(lang))),
    ]


def issue_columns(lang: str) -> list[Column[AcceptedWarning]]:
    def message(w: AcceptedWarning) -> object:
        return getattr(w, f"message_{lang}", "") or w.message_en

    return [
        column("institution", K.TEXT, 12, lambda w: w.institution),
        column("file", K.TEXT, 26, lambda w: w.file),
        column("sheet", K.TEXT, 12, lambda w: w.sheet),
        column("cell", K.TEXT, 8, lambda w: w.cell),
        column("issue_code", K.TEXT, 28, lambda w: w.code),
        column("message", K.LONG_TEXT, 80, message),
    ]


def _unit_label(code: str, lang: str) -> str:
    """The unit's word, asked of the vocabulary when shown (a unit added later shows too)."""
    return units.UNITS[code].word.shown(lang) if code in units.UNITS else code
