"""Fill a generated template the way a careful person at the institution would.

Used by the demo, the benchmark and the tests. The filler knows only the contract
(``shared/spec/reporting-template.md``): it finds each sheet's key row by its key in the first 10
rows, columns by key, data rows from below the visible header down to the first row whose first
cell is empty, the dropdown labels in the hidden ``Lists`` sheet. Everything else in the workbook
is left as openpyxl loads it (protection, validations, hidden sheets, names, custom properties).

Answers are drawn from ``random.Random`` seeded by text (the seed, the template id, the row), so
the same template and :class:`Filling` always give the same answers and rows do not depend on one
another. :data:`MISTAKES` names the deviations a filling can be asked to make, each once.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from dataclasses import dataclass
from typing import Any, cast

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core.periods import Period, parse_period
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.demo import filler_texts
from nsm_excel.template.layout import DATA_BELOW_KEYS, KEY_SEARCH_ROWS, LISTS_SHEET, SHEET_KEYS

__all__ = ["MISTAKES", "Filling", "answers", "fill"]

STATUS_CODES = ("completed", "partial", "on_track", "delayed", "not_started", "cancelled")
_STATUS_AND_TEXTS = ("status", "progress", "delay_reason", "next_steps", "evidence")
MEASURE_INPUTS = (*_STATUS_AND_TEXTS, "spent_state", "spent_donor", "completion_date")
NEEDS_REASON = frozenset({"delayed", "partial", "not_started"})
MISSING_SHARE = 1 / 12  # indicators left without a value (with a comment saying why)
SPENT_SHARE = (0.3, 1.1)  # a lead's spending, state + donor, as a share of the planned cost
SUPPORT_SHARE = (0.0, 0.1)  # a supporting institution's share
IDLE = frozenset({"not_started", "cancelled"})  # no spending
Row = dict[str, Any]  # one row of a sheet, or its answers: key -> value
DECIMAL_COMMA = 1250000.5  # what the decimal-comma mistake types, as "1250000,50"

MISTAKES: dict[str, str] = {  # each made once, on the first row where it applies
    "status-misspelled": "status 'Me vonese' ('Delayd' in English) on the first row with a status",
    "missing-delay-reason": "the first lead row delayed, with no delay_reason",
    "women-men-mismatch": "women + men = actual + 3 on the first indicator broken down by sex",
    "ambiguous-amount": "spent_state typed as the text '1,250' on the first measure",
    "decimal-comma": "spent_state typed '1250000,50' (valid) where the plan admits it, else 'N,50'",
    "number-as-text": "actual typed as text (e.g. '45') on the first numeric indicator",
    "formula": "spent_donor typed as the formula '=1000*2' on the first measure",
    "locked-cell-changed": "the locked title of the first measure changed",
    "completion-date-outside": "a completed row's completion_date one year after the measure's end",
    "missing-reporter": "reporter_name left empty on the Cover",
}


@dataclass(frozen=True)
class Filling:
    """How to fill one template: the seed of the answers, the submission date, the mistakes."""

    seed: int
    today: dt.date
    reporter: str = ""  # default: a plausible Albanian name chosen by the seed
    mistakes: tuple[str, ...] = ()  # names from MISTAKES


@dataclass
class _Table:
    """A table sheet found through the contract: key -> column, and the data rows."""

    ws: Worksheet
    columns: dict[str, int]
    rows: list[int]  # Excel row numbers of the data rows
    values: list[Row]  # each data row, key -> value as the template holds it


@dataclass(frozen=True)
class _Context:
    """What every answer depends on: the filling, the template's language, labels and period."""

    filling: Filling
    lang: str  # "sq" or "en"
    statuses: dict[str, str]  # status code -> dropdown label
    yes_no: tuple[str, str]
    period: Period
    salt: str  # the template id: different templates get different answers

    def rng(self, *parts: object) -> random.Random:
        """A generator seeded by text (stable across runs, unlike ``hash()``)."""
        return random.Random("|".join(str(p) for p in (self.filling.seed, self.salt, *parts)))


def answers(template: bytes, filling: Filling) -> dict[str, Any]:
    """What :func:`fill` types, by sheet, in row order (``None`` for a cell left empty).

    ``{"Cover": {field: value}, "Measures": [{key: value}], "Indicators": [{key: value}]}``.
    """
    book = _open(template)
    return _answers(book, _tables(book), filling)


def fill(template: bytes, filling: Filling) -> bytes:
    """The template filled with :func:`answers`, as .xlsx bytes; nothing else is changed."""
    book = _open(template)
    tables = _tables(book)
    typed = _answers(book, tables, filling)
    typed["Cover"] = [{"value": typed["Cover"].get(r["field"])} for r in tables["Cover"].values]
    for name, table in tables.items():
        for at, answer in zip(table.rows, typed[name], strict=True):
            for key, value in answer.items():
                if value is not None and key in table.columns:
                    table.ws.cell(at, table.columns[key]).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _open(template: bytes) -> Workbook:
    return load_workbook(io.BytesIO(template))


def _answers(book: Workbook, tables: dict[str, _Table], filling: Filling) -> dict[str, Any]:
    ctx = _context(book, tables["Cover"], filling)
    measures, indicators = tables["Measures"].values, tables["Indicators"].values
    result: dict[str, Any] = {
        "Cover": _cover_answer(ctx),
        "Measures": [_measure_answer(ctx, i, row) for i, row in enumerate(measures)],
        "Indicators": [_indicator_answer(ctx, i, row) for i, row in enumerate(indicators)],
    }
    _Mistakes(ctx, {k: t.values for k, t in tables.items()}, result).make()
    return result


def _sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    if not isinstance(ws, Worksheet):
        raise ValueError(f"sheet {name} is not a worksheet")
    return ws


def _tables(book: Workbook) -> dict[str, _Table]:
    return {name: _read_table(_sheet(book, name), key) for name, key in SHEET_KEYS.items()}


def _read_table(ws: Worksheet, key: str) -> _Table:
    """The contract's table: key row found by ``key``, data rows below the visible header."""
    key_row = next(
        (r for r in range(1, KEY_SEARCH_ROWS + 1) if key in [c.value for c in ws[r]]), None
    )
    if key_row is None:
        raise ValueError(f"sheet {ws.title}: no key row holding '{key}' in the first rows")
    columns = {c.value: c.column for c in ws[key_row] if isinstance(c.value, str) and c.value}
    rows: list[int] = []
    values: list[Row] = []
    at = key_row + DATA_BELOW_KEYS
    while at <= ws.max_row and not _blank(ws.cell(at, 1).value):  # no cell made past the end
        rows.append(at)
        values.append({k: ws.cell(at, column).value for k, column in columns.items()})
        at += 1
    return _Table(ws, columns, rows, values)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _context(book: Workbook, cover: _Table, filling: Filling) -> _Context:
    lists = _sheet(book, LISTS_SHEET)
    statuses = {
        code: str(lists.cell(row, 1).value) for row, code in enumerate(STATUS_CODES, start=2)
    }
    yes_no = (str(lists.cell(2, 2).value), str(lists.cell(3, 2).value))
    fields = {row["field"]: row.get("value") for row in cover.values}
    period = parse_period(fields.get("period"))
    if period is None:
        raise ValueError(f"Cover: '{fields.get('period')}' is not a period")
    lang = "en" if statuses["completed"].strip() == "Completed" else "sq"
    salt = str(fields.get("template_id") or "")
    return _Context(filling, lang, statuses, yes_no, period, salt)


def _cover_answer(ctx: _Context) -> Row:
    """The reporter's name, e-mail and phone, the submission date, sometimes a remark."""
    rng = ctx.rng("Cover")
    name = ctx.filling.reporter or filler_texts.person(rng)
    answer: Row = {"reporter_name": name, "reporter_email": filler_texts.email(name)}
    answer["reporter_phone"] = filler_texts.phone(rng)
    answer["remarks"] = filler_texts.remark(rng, ctx.lang)
    return {**answer, "submission_date": ctx.filling.today}


def _span(row: Row) -> tuple[dt.date, dt.date] | None:
    """First day of the measure's ``start`` to last day of its ``end``; None when unreadable."""
    start, end = parse_period(row.get("start")), parse_period(row.get("end"))
    return (start.first, end.last) if start and end else None


def _can_complete(ctx: _Context, days: tuple[dt.date, dt.date] | None) -> bool:
    """Whether a completion date within the span and not after the submission exists."""
    return days is not None and days[0] <= ctx.filling.today


def _measure_answer(ctx: _Context, index: int, row: Row) -> Row:
    """One Measures row: a status fitting the measure's timing, then what goes with it."""
    rng = ctx.rng("Measures", index, row.get("measure_code"))
    status = None
    if row.get("role") == "lead" or rng.random() < 0.5:
        weights = _weights(ctx, _span(row))
        status = rng.choices(list(weights), list(weights.values()))[0]
    return _measure_as(ctx, row, status, rng)


def _weights(ctx: _Context, days: tuple[dt.date, dt.date] | None) -> dict[str, float]:
    if days is None:
        return {"on_track": 5, "partial": 2, "delayed": 2}
    if days[1] < ctx.period.first:  # ended before the period: mostly completed
        weights = {"completed": 75.0, "partial": 10, "delayed": 12, "cancelled": 3}
    elif days[0] > ctx.period.last:  # starts after the period
        weights = {"not_started": 65.0, "on_track": 35}
    else:
        weights = {"on_track": 40.0, "partial": 18, "delayed": 16, "completed": 12}
        weights.update({"not_started": 8, "cancelled": 3})
    if not _can_complete(ctx, days):
        weights.pop("completed", None)
    return weights


def _measure_as(ctx: _Context, row: Row, status: str | None, rng: random.Random) -> Row:
    """The row's answers for a given status (``None``: a supporting institution's row)."""
    days = _span(row)
    answer: Row = dict.fromkeys(MEASURE_INPUTS)
    answer["status"] = ctx.statuses[status] if status else None
    answer["progress"] = filler_texts.progress(rng, ctx.lang, status, row.get("role") == "lead")
    if status in NEEDS_REASON:
        due = status == "not_started" and days is not None and days[0] > ctx.period.last
        answer["delay_reason"] = filler_texts.delay_reason(rng, ctx.lang, due, row.get("start"))
    if status not in ("completed", "cancelled") and rng.random() < 0.6:
        answer["next_steps"] = filler_texts.say(rng, filler_texts.NEXT_STEPS, ctx.lang)
    share = SUPPORT_SHARE if row.get("role") == "support" else SPENT_SHARE
    if status in IDLE:
        share = (0.0, 0.0)
    answer["spent_state"], answer["spent_donor"] = _spending(row.get("planned_cost"), rng, share)
    if status == "completed" and days is not None:
        day = _completion_day(ctx, days, rng)
        answer["completion_date"] = day
        answer["evidence"] = filler_texts.evidence(rng, ctx.lang, day)
    return answer


def _completion_day(ctx: _Context, days: tuple[dt.date, dt.date], rng: random.Random) -> dt.date:
    first, last = days
    high = min(last, ctx.filling.today)
    if last < ctx.period.first:  # finished some time before the period began
        low = max(first, last - dt.timedelta(days=120))
    else:  # finished within the period, if the measure had started by then
        low = max(first, min(ctx.period.first, high))
    low = min(low, high)
    return low + dt.timedelta(days=rng.randint(0, (high - low).days))


def _spending(
    planned: object, rng: random.Random, share: tuple[float, float] = SPENT_SHARE
) -> tuple[int, int]:
    """State and donor spending, whole lek, together within ``share`` of ``planned``."""
    cost = _number(planned) or 0.0
    low, high = math.ceil(cost * share[0]), math.floor(cost * share[1])
    if cost <= 0 or low > high:
        return 0, 0
    total = rng.randint(low, high)
    rounded = round(total, -3)
    total = rounded if low <= rounded <= high else total
    donor = 0
    if rng.random() < 0.4:
        donor = min(total, int(round(total * rng.uniform(0.1, 0.6), -3)))
    return total - donor, donor


def _number(value: object) -> float | None:
    """A numeric cell's value as a float; None for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _indicator_answer(ctx: _Context, index: int, row: Row, keep_value: bool = False) -> Row:
    """One Indicators row; about 1 in 12 left empty with a comment (never with ``keep_value``)."""
    texts, lang = filler_texts, ctx.lang
    rng = ctx.rng("Indicators", index, row.get("indicator_code"))
    by_sex = row.get("disaggregation") == "sex"
    answer: Row = {"actual": None}
    if by_sex:
        answer.update(actual_women=None, actual_men=None)
    answer["comment"] = None
    if rng.random() < MISSING_SHARE and not keep_value:
        answer["comment"] = texts.say(rng, texts.MISSING_VALUE, lang, year=ctx.period.year)
        return answer
    actual = _actual(ctx, row, by_sex, rng)
    answer["actual"] = actual
    if by_sex and isinstance(actual, int):
        women = round(actual * rng.uniform(0.35, 0.65))
        answer.update(actual_women=women, actual_men=actual - women)
    if rng.random() < 0.2:
        answer["comment"] = texts.say(rng, texts.COMMENTS, lang)
    return answer


def _actual(ctx: _Context, row: Row, whole: bool, rng: random.Random) -> int | float | str:
    unit = units.unit(row.get("unit"))
    baseline, target = _number(row.get("baseline")), _number(row.get("target"))
    if unit.entry is ValueKind.YES_NO:
        chance = 0.85 if target == 1 else 0.9 if baseline == 1 else 0.3
        return ctx.yes_no[0] if rng.random() < chance else ctx.yes_no[1]
    start = baseline or 0.0
    goal = target if target is not None else start * rng.uniform(1.0, 1.2)
    value = max(0.0, start + rng.uniform(0.5, 1.1) * (goal - start))
    if unit.high is not None:
        value = min(unit.high, value)
    if unit.percent:
        return round(value) if whole else round(value, 1)
    return round(value)  # counts and amounts in lek are whole


class _Mistakes:
    """Makes the filling's mistakes on the answers, each on the first row where it applies.

    Mistakes asked for together never share a cell: each takes the first row whose cells no
    earlier one has taken.
    """

    def __init__(self, ctx: _Context, rows: dict[str, list[Row]], result: Row) -> None:
        unknown = sorted(set(ctx.filling.mistakes) - set(MISTAKES))
        if unknown:
            raise ValueError(f"unknown mistakes {unknown}; known: {sorted(MISTAKES)}")
        self.ctx, self.rows, self.result = ctx, rows, result
        self.measures, self.indicators = rows["Measures"], rows["Indicators"]
        self.every = [True] * len(self.measures)
        self.claimed: set[tuple[str, int, str]] = set()

    def make(self) -> None:
        for name in MISTAKES:  # in a fixed order, whatever the order asked
            if name in self.ctx.filling.mistakes:
                getattr(self, "_" + name.replace("-", "_"))()

    def _first(self, sheet: str, cells: tuple[str, ...], *candidates: list[bool]) -> int:
        """The first row flagged (each list tried in turn) whose cells are free; -1 if none."""
        for flags in candidates:
            for index, flag in enumerate(flags):
                wanted = {(sheet, index, cell) for cell in cells}
                if flag and not wanted & self.claimed:
                    self.claimed |= wanted
                    return index
        return -1

    def _type(self, flags: list[bool], **values: object) -> None:
        """Type ``values`` on the first Measures row flagged whose cells are free."""
        at = self._first("Measures", tuple(values), flags)
        if at >= 0:
            self.result["Measures"][at].update(values)

    def _force(self, index: int, status: str) -> Row:
        """The Measures answer of row ``index``, redrawn with ``status`` unless it has it."""
        answers, row = self.result["Measures"], self.measures[index]
        if answers[index]["status"] != self.ctx.statuses[status]:
            rng = self.ctx.rng("Measures", index, row.get("measure_code"), status)
            answers[index] = _measure_as(self.ctx, row, status, rng)
        return cast(Row, answers[index])

    def _valued(self, index: int) -> Row:
        """The Indicators answer of row ``index``, redrawn with a value if it had none."""
        answers = self.result["Indicators"]
        if answers[index]["actual"] is None:
            answers[index] = _indicator_answer(self.ctx, index, self.indicators[index], True)
        return cast(Row, answers[index])

    def _status_misspelled(self) -> None:
        has_status = [a["status"] is not None for a in self.result["Measures"]]
        at = self._first("Measures", ("status",), has_status, self.every)
        if at >= 0:
            typo = "Delayd" if self.ctx.lang == "en" else "Me vonese"
            self._force(at, "delayed")["status"] = typo

    def _missing_delay_reason(self) -> None:
        at = self._first("Measures", ("status",), [r.get("role") == "lead" for r in self.measures])
        if at >= 0:
            self._force(at, "delayed")["delay_reason"] = None

    def _completion_date_outside(self) -> None:
        done = [a["status"] == self.ctx.statuses["completed"] for a in self.result["Measures"]]
        possible = [_can_complete(self.ctx, _span(r)) for r in self.measures]
        at = self._first("Measures", ("status",), done, possible)
        days = _span(self.measures[at]) if at >= 0 else None
        if days is not None:
            end = days[1]  # a period's last day: never 29 February
            self._force(at, "completed")["completion_date"] = end.replace(year=end.year + 1)

    def _women_men_mismatch(self) -> None:
        by_sex = [r.get("disaggregation") == "sex" for r in self.indicators]
        at = self._first("Indicators", ("actual", "actual_men"), by_sex)
        if at >= 0 and isinstance(self._valued(at).get("actual_men"), int):
            self._valued(at)["actual_men"] += 3

    def _number_as_text(self) -> None:
        numeric = [units.unit(r.get("unit")).entry is not ValueKind.YES_NO for r in self.indicators]
        answers = self.result["Indicators"]
        valued = [n and a["actual"] is not None for n, a in zip(numeric, answers, strict=True)]
        at = self._first("Indicators", ("actual",), valued, numeric)
        if at >= 0:
            self._valued(at)["actual"] = str(self._valued(at)["actual"])

    def _ambiguous_amount(self) -> None:
        self._type(self.every, spent_state="1,250")

    def _decimal_comma(self) -> None:
        low, high = SPENT_SHARE
        idle = {self.ctx.statuses[s] for s in IDLE}
        spending = [  # lead rows that spend: there the lead's share applies
            r.get("role") == "lead" and a["status"] not in idle
            for r, a in zip(self.measures, self.result["Measures"], strict=True)
        ]
        costs = [
            (_number(r.get("planned_cost")) or 0.0) if ok else 0.0
            for r, ok in zip(self.measures, spending, strict=True)
        ]
        fits = [c > 0 and c * low <= DECIMAL_COMMA <= c * high for c in costs]
        at = self._first("Measures", ("spent_state", "spent_donor"), fits, [c >= 10 for c in costs])
        if at >= 0:  # else 70 % of the planned cost, with the same ',50'
            whole = int(DECIMAL_COMMA) if fits[at] else round(costs[at] * (low + high) / 2)
            self.result["Measures"][at].update(spent_state=f"{whole},50", spent_donor=0)

    def _formula(self) -> None:
        self._type(self.every, spent_donor="=1000*2")

    def _locked_cell_changed(self) -> None:
        at = self._first("Measures", ("title",), self.every)
        if at >= 0:
            suffix = " (changed)" if self.ctx.lang == "en" else " (ndryshuar)"
            self.result["Measures"][at]["title"] = f"{self.measures[at].get('title')}{suffix}"

    def _missing_reporter(self) -> None:
        self.result["Cover"]["reporter_name"] = None
