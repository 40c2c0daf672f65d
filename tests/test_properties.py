"""Properties: whatever is typed into the open cells of a valid return, validation never crashes,
and each typed value is either read as documented (docs/intake.md) or reported at its cell.

Values are typed with openpyxl, which refuses most control characters (``IllegalCharacterError``):
those are left out of the strategies; DEL (``\\x7f``), tab and line breaks, which it writes, stay.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from nsm_excel.core.labels import STATUSES, YES_NO
from nsm_excel.intake import checks as return_schema
from nsm_excel.intake.reading import reader as return_reader
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.run import validate_inbox
from nsm_excel.intake.structure.check import examine
from nsm_excel.intake.structure.examined import RegisterView
from nsm_excel.store import database, ledger, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.columns import ValueKind
from nsm_excel.template.layout import SHEET_KEYS as KEYS
from tests.conftest import make_workspace
from tests.returns import clock, filled

# openpyxl, which copies the return into its feedback workbook, warns of a date cell holding a
# serial beyond year 9999 (random numbers typed into date cells) and keeps it as an error value
pytestmark = pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
INSTITUTIONS = ("MB", "AKPA")  # between them: lead and support rows, every unit, sex breakdown
EPOCH = dt.date(1899, 12, 30)
MAX_TEXT = 4000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
FORMULA_LIKE = re.compile(r"^\s*(?:[=@\t\r\n]|[+-].*?(?:\||![$A-Za-z]*\d|[A-Za-z]\())", re.S)
LARGEST = 10**15
SUBMITTED = (dt.date(2026, 1, 1), clock().date())  # the period's start, the day received


@dataclass(frozen=True)
class Input:
    """An open cell of a template: where it is, what its column holds."""

    sheet: str
    cell: str
    row: int
    key: str
    kind: ValueKind
    unit: str = ""  # an indicator's unit, for the actual value


def open_cells(data: bytes) -> list[Input]:
    """The unlocked cells of the Cover, Measures and Indicators sheets, with their column keys."""
    book = load_workbook(io.BytesIO(data))
    found = []
    for sheet in ("Cover", "Measures", "Indicators"):
        ws = book[sheet]
        at = next(r for r in range(1, 11) if KEYS[sheet] in [c.value for c in ws[r]])
        keys = {c.column: c.value for c in ws[at]}
        kinds = {c.key: c.kind for c in return_schema.INPUTS[sheet]}
        for row in ws.iter_rows(min_row=at + 1):
            values = {keys.get(c.column): c.value for c in row}
            for cell in row:
                if cell.protection.locked:
                    continue
                key = values["field"] if sheet == "Cover" else keys[cell.column]
                unit = str(values.get("unit") or "")
                found.append(Input(sheet, cell.coordinate, cell.row, key, kinds[key], unit))
    return found


@pytest.fixture(scope="module")
def issued_space(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from nsm_excel.template.generate import generate

    space = make_workspace(tmp_path_factory.mktemp("properties") / "ws")
    generate(space)
    return space.root


@dataclass(frozen=True)
class Filled:
    """A valid return of one institution and its open cells."""

    code: str
    data: bytes = field(repr=False)
    cells: list[Input] = field(repr=False)


@pytest.fixture(scope="module")
def returns(issued_space: Path) -> dict[str, Filled]:
    space = Workspace.open(issued_space)
    out = {}
    for code in INSTITUTIONS:
        data = filled(space, code)
        out[code] = Filled(code, data, open_cells(data))
    return out


# What people type: anything, and above all what looks like what a cell expects.

legal_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40).map(
    lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)
)
number_text = st.one_of(
    st.from_regex(r"\A[+-]?\d{1,9}([.,]\d{1,4})?\Z"),
    st.from_regex(r"\A\d{1,3}([ .,\u00a0]\d{3}){1,3}([.,]\d{1,2})?\Z"),
    st.from_regex(r"\A\d{1,7}([.,]\d{1,2})? ?(lek|lekë|ALL|%)\Z"),
)
date_text = st.one_of(
    st.from_regex(r"\A\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})\Z"),
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"),
)
labels = st.sampled_from(
    [
        form
        for table in (STATUSES, YES_NO)
        for code, label in table.items()
        for form in (
            code,
            label.get("sq"),
            label.get("en").upper(),
            label.shown("sq"),
            f" {label.get('en')} ",
        )
    ]
    + ["po", "JO", "1", "0", "yes", "no", "Delayd", "Me vonese"]
)
formula_like = st.sampled_from(["=1+2", "=SUM(A1:A3)", "@SUM(1)", "+cmd|' /C calc'!A0", "-x()"])


def excel_float(number: float) -> float:
    """A number as a spreadsheet keeps it: 15 significant digits (openpyxl writes no more)."""
    return float(f"{number:.15g}")


values = st.one_of(
    st.none(),
    legal_text,
    st.builds(lambda c, n: c * n, st.sampled_from("aë😀ש"), st.integers(3990, 4010)),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True).map(excel_float),
    st.floats(-1.5, 101.5).map(excel_float),
    st.booleans(),
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    number_text,
    date_text,
    labels,
    formula_like,
    st.sampled_from(["", "   ", "\t", "a\x7fb", "x@y.al", " name@ministry.gov.al "]),
)


def typed_into(data: bytes, typed: list[tuple[Input, Any]]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for where, value in typed:
        book[where.sheet][where.cell].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The documented reading rules, written again independently of the readers.


def as_number(value: Any, suffixes: tuple[str, ...] = ()) -> float | None:
    """The number a cell means, or None when it is no number, could be read two ways or lies
    beyond 10^15 either way."""
    number = _as_number(value, suffixes)
    return number if number is None or abs(number) <= LARGEST else None


def _as_number(value: Any, suffixes: tuple[str, ...] = ()) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if not isinstance(value, str):
        return float(value) if abs(value) != float("inf") and value == value else None
    text = value.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    for suffix in suffixes:
        text = re.sub(rf"\s*{re.escape(suffix)}\.?\s*$", "", text, flags=re.I)
    sign, digits = ("-", text[1:]) if text[:1] in "+-" else ("", text)
    forms = [  # digits are 0-9: not other scripts' digits
        (r"[0-9]+", "", ""),
        (r"[0-9]+[.,][0-9]+", "", ","),
        (r"[0-9]{1,3}( [0-9]{3})+([.,][0-9]+)?", " ", ","),
        (r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?", ".", ","),
        (r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", ",", ""),
    ]
    for pattern, group, decimal in forms:
        if re.fullmatch(pattern, digits):
            plain = re.fullmatch(r"([0-9]{1,3})[.,]([0-9]{3})", digits)
            if plain and plain.group(1) != "0":
                return None  # 1,250: thousands or decimals?
            if group and re.search(r"[.,][0-9]{3}$", digits) and digits[-4] != group:
                return None  # 1 250.000: one more group, or decimals?
            number = digits.replace(group, "") if group else digits
            return float(sign + (number.replace(decimal, ".") if decimal else number))
    return None


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # a serial number in a date cell reads as the date the cell shows; below 1 it is a time
        return EPOCH + dt.timedelta(days=int(value)) if 1 <= value < 2958466 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    day_first = re.fullmatch(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})\.?", text)
    year_first = re.fullmatch(r"([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})", text)
    try:
        if day_first:
            return dt.date(*map(int, reversed(day_first.groups())))
        if year_first:
            return dt.date(*map(int, year_first.groups()))
    except ValueError:
        return None
    return None


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).upper()  # as a spreadsheet shows it
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        value = value.strftime("%d.%m.%Y")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")  # as XML reads a line end
    return CONTROL.sub("", text).strip()


def _forms(label: Any, code: str) -> set[str]:
    sq, en = label.get("sq"), label.get("en")
    texts = (code, sq, en, label.shown("sq"), f"{sq}/{en}")
    return {" ".join(t.replace("_", " ").casefold().split()) for t in texts} | {
        " ".join(f"{en} / {sq}".casefold().split())
    }


def _not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def reads_as(where: Input, typed: Any, stored: Any) -> bool:
    """Whether ``stored`` is what the documented rules read from ``typed`` in this cell."""
    if typed is None or (isinstance(typed, str) and not typed.strip()) or _not_finite(typed):
        return stored is None  # NaN and infinity are written as an empty cell (no client has them)
    kind, key = where.kind, " ".join(str(typed).replace("_", " ").casefold().split())
    if kind is ValueKind.STATUS:
        return stored in STATUSES and key in _forms(STATUSES[stored], stored)
    if kind is ValueKind.AMOUNT:
        number = as_number(typed, ("lekë", "leke", "lek", "ALL", "L"))
        return number is not None and number >= 0 and stored == number
    if kind is ValueKind.DATE:
        day = as_date(typed)
        if where.key == "submission_date" and not (day and SUBMITTED[0] <= day <= SUBMITTED[1]):
            return False  # from the period's start to the day received
        if day is not None and isinstance(typed, int | float) and typed < 61:
            return stored in (day.isoformat(), (day + dt.timedelta(days=1)).isoformat())
        return day is not None and stored == day.isoformat()  # 61: 1900-02-29 that never was
    if kind is ValueKind.WHOLE:
        number = as_number(typed)
        return number is not None and number >= 0 and number.is_integer() and stored == number
    if kind is ValueKind.ACTUAL and where.unit == "yes_no":
        if isinstance(typed, bool) or typed in (0, 1):
            return stored == int(typed)
        answers = _forms(YES_NO["yes" if stored else "no"], "yes" if stored else "no")
        numbers = {"1", "true"} if stored else {"0", "false"}
        return stored in (0, 1) and key in answers | numbers
    if kind is ValueKind.ACTUAL:
        if where.unit != "percent" and str(typed).strip().endswith("%"):
            return False  # a number indicator is no percent
        number = as_number(typed, ("%",))
        if number is None or stored != number:
            return False
        return where.unit != "percent" or number == 0 or 1 <= number <= 100  # 0.45: a warning
    text = as_text(typed)
    fine = len(str(typed)) <= MAX_TEXT and not FORMULA_LIKE.match(str(typed))
    if kind is ValueKind.EMAIL:
        fine = fine and bool(EMAIL.match(text))
    return fine and stored == text


def read_back(space: Workspace, data: bytes) -> dict[str, Any]:
    """The typed values of a return, as the ledger stores those of an accepted one."""
    package, _ = package_safety.inspect(data, "return.xlsx", package_safety.Limits())
    assert package is not None
    book = return_reader.read(package)
    with database.connect(space.database) as db:
        view = RegisterView(lambda i: register.by_id(db, i), lambda a, b: register.latest(db, a, b))
        examined = examine(book, "return.xlsx", view)
    return return_schema.accepted_values(examined)


def stored_at(found: dict[str, Any], where: Input) -> Any:
    if where.sheet == "Cover":
        return found["Cover"][where.key]
    return next(r for r in found[where.sheet] if r["_row"] == where.row)[where.key]


@st.composite
def typing(draw: st.DrawFn, returns: dict[str, Filled]) -> Any:
    code = draw(st.sampled_from(INSTITUTIONS))
    cells = returns[code].cells
    chosen = draw(st.lists(st.sampled_from(cells), min_size=1, max_size=3, unique=True))
    return code, [(where, draw(values)) for where in chosen]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_typed_value_is_read_as_typed_or_reported_at_its_cell(
    issued_space: Path,
    returns: dict[str, Filled],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    code, typed = data.draw(typing(returns))
    root = tmp_path_factory.mktemp("example") / "ws"
    shutil.copytree(issued_space, root)
    space = Workspace.open(root)
    sent = typed_into(returns[code].data, typed)
    (space.inbox / f"{code}_2026-H1.xlsx").write_bytes(sent)
    (result,) = validate_inbox(space, clock=clock).files
    reported = {(i.sheet, i.cell) for i in result.issues}
    assert result.institution == code and not [i for i in result.issues if not i.cell], result
    if result.status == "accepted":
        with database.connect(space.database) as db:
            (record,) = ledger.all_records(db)
        assert record.accepted_values is not None
        found = record.accepted_values
    else:
        found = read_back(space, sent)
    for where, value in typed:
        if (where.sheet, where.cell) not in reported:
            stored = stored_at(found, where)
            assert reads_as(where, value, stored), (where, value, stored, result.issues)
    shutil.rmtree(root)
