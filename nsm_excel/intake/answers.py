"""Reading what institutions type into a return: statuses, yes/no, dates, percents, amounts, text.

Each reader takes a raw cell value (as the reader gives it: float, str, bool, date, datetime, a
:class:`Formula` or a :class:`CellError`) and returns a :class:`nsm_excel.values.Reading`.
Unambiguous forms are read as meant; ambiguous or unreadable ones name their problem. A formula
is never a value (``"formula"``), nor is an error value or a NaN (``"error"``), and neither is
ever taken for an empty cell. Results are cached: the same typed value is read once per run,
however many checks ask.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nsm_excel.core.labels import STATUSES, YES_NO
from nsm_excel.core.values import Reading, is_blank, read_amount, read_number
from nsm_excel.core.vocab.kinds import MAX_TEXT, ValueKind
from nsm_excel.core.vocab.units import unit

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CURRENCY = re.compile(r"^\s*(?:ALL|L)\s+|\s*(?:lekë|leke|lek|ALL|L)\.?\s*$", re.I)
_DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?$", re.ASCII)
_DATE_YMD = re.compile(r"^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$", re.ASCII)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# = or @ first; or + or - first and then a DDE call (|), a reference to a sheet (!A1) or a
# function call: "-2+3+cmd|' /C calc'!A0", "+SUM(A1)"; a tab or line break first too
_FORMULA_LIKE = re.compile(r"^\s*(?:[=@\t\r\n]|[+-].*?(?:\||![$A-Za-z]*\d|[A-Za-z]\())", re.S)


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula: never read as a value."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class CellError:
    """A cell that holds a spreadsheet error value (``#DIV/0!``, ``#N/A``, ``#VALUE!``...):
    never read as a value, never as empty."""

    text: str

    def __str__(self) -> str:
        return self.text


def error_value(value: Any) -> bool:
    """A cell holding no value at all: a spreadsheet error value, or a number cell's NaN."""
    return isinstance(value, CellError) or (isinstance(value, float) and math.isnan(value))


def blank(value: Any) -> bool:
    """An empty cell: nothing, or only spaces (a formula or an error value is not empty)."""
    if value is None or type(value) is str:  # the usual cases, without a test of classes
        return value is None or not value.strip()
    return not isinstance(value, Formula | CellError) and is_blank(value)


def _no_value(value: Any) -> Reading[Any] | None:
    """The problem of a cell that holds no value to read (a formula, an error value), or None."""
    if isinstance(value, Formula):
        return Reading(problem="formula")
    if error_value(value):
        return Reading(problem="error")
    return None


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


def _status_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for code, label in STATUSES.items():
        for text in (
            code,
            label.get("sq"),
            label.get("en"),
            label.shown("sq"),
            f"{label.get('sq')}/{label.get('en')}",
        ):
            forms[_key(text)] = code
        forms[_key(f"{label.get('en')} / {label.get('sq')}")] = code
    return forms


_STATUS_FORMS = _status_forms()
_YES_NO_FORMS = {
    _key(form): int(code == "yes")
    for code, label in YES_NO.items()
    for form in (
        code,
        label.get("sq"),
        label.get("en"),
        label.shown("sq"),
        f"{label.get('sq')}/{label.get('en')}",
    )
} | {"1": 1, "0": 0, "true": 1, "false": 0}


@lru_cache(maxsize=65536, typed=True)
def read_status(value: Any) -> Reading[str]:
    """A status code from the code, the Albanian or English label, or both, in any case."""
    if blank(value):
        return Reading()
    if (unread := _no_value(value)) is not None:
        return unread
    code = _STATUS_FORMS.get(_key(str(value)))
    return Reading(code) if code else Reading(problem="invalid")


def closest_status(value: Any, lang: str) -> str:
    """The status label closest to a misspelled ``value``, as the dropdown shows it."""
    return STATUSES[closest_status_code(value)].shown(lang)


def closest_status_code(value: Any) -> str:
    """The code of the status closest to a misspelled ``value`` (its code or either label)."""
    typed = _key(str(value))
    scores = {
        code: max(
            difflib.SequenceMatcher(None, typed, _key(form)).ratio()
            for form in (code, label.get("sq"), label.get("en"), label.shown("sq"))
        )
        for code, label in STATUSES.items()
    }
    return max(scores, key=lambda code: scores[code])


@lru_cache(maxsize=4096, typed=True)
def read_yes_no(value: Any) -> Reading[int]:
    if blank(value):
        return Reading()
    if (unread := _no_value(value)) is not None:
        return unread
    if isinstance(value, bool):
        return Reading(int(value))
    if isinstance(value, int | float) and value in (0, 1):
        return Reading(int(value))
    found = _YES_NO_FORMS.get(_key(str(value)))
    return Reading(found) if found is not None else Reading(problem="invalid")


@lru_cache(maxsize=65536, typed=True)
def read_spent(value: Any) -> Reading[float]:
    """An amount in lek; 'lek', 'lekë' or 'ALL' around the number are allowed."""
    if (unread := _no_value(value)) is not None:
        return unread
    if isinstance(value, str):
        value = _CURRENCY.sub("", value)
    return read_amount(value)


@lru_cache(maxsize=65536, typed=True)
def read_value(value: Any) -> Reading[float]:
    """A number (an indicator's value); a trailing '%' is allowed (see :func:`typed_percent`)."""
    if (unread := _no_value(value)) is not None:
        return unread
    if typed_percent(value):
        value = value.strip()[:-1]
    return read_number(value)


def typed_percent(value: Any) -> bool:
    """Text ending in '%': 45% typed as text, or a number the cell showed as a percent."""
    return isinstance(value, str) and value.strip().endswith("%")


def typed_percent_fraction(value: Any) -> bool:
    """A percent indicator's value typed as a fraction (0.45): read as 0.45 %, with a warning."""
    if isinstance(value, str) and "%" in value:
        return False
    reading = read_value(value)
    return reading.value is not None and 0 < reading.value < 1


@lru_cache(maxsize=65536, typed=True)
def read_whole_count(value: Any) -> Reading[int]:
    if (unread := _no_value(value)) is not None:
        return unread
    reading = read_number(value)
    if reading.value is None:
        return Reading(problem=reading.problem)
    if not float(reading.value).is_integer() or reading.value < 0:
        return Reading(problem="invalid")
    return Reading(int(reading.value))


@lru_cache(maxsize=65536, typed=True)
def read_date(value: Any) -> Reading[dt.date]:
    """A date: a date cell, an Excel serial number, or text as 15.03.2025, 15/03/2025, 2025-03-15.

    Text is read day first (the Albanian convention); a two-digit year is not accepted.
    """
    if blank(value):
        return Reading()
    if (unread := _no_value(value)) is not None:
        return unread
    if isinstance(value, dt.datetime):
        return Reading(value.date())
    if isinstance(value, dt.date):
        return Reading(value)
    if isinstance(value, bool):
        return Reading(problem="invalid")
    if isinstance(value, int | float):
        if 20000 <= value <= 80000 and float(value).is_integer():
            return Reading(_EXCEL_EPOCH + dt.timedelta(days=int(value)))
        return Reading(problem="invalid")
    return _date_text(str(value).strip())


def _date_text(text: str) -> Reading[dt.date]:
    dmy = _DATE_DMY.match(text)
    ymd = _DATE_YMD.match(text)
    try:
        if dmy:
            return Reading(dt.date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1))))
        if ymd:
            return Reading(dt.date(int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3))))
    except ValueError:
        return Reading(problem="invalid")  # 31.02.2025
    return Reading(problem="invalid")


def text_of(value: Any) -> str:
    """A text cell as stored: numbers and dates as they read, control characters removed."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a TRUE/FALSE cell reads as Excel shows it, not as Python's
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.strftime("%d.%m.%Y")
    return _CONTROL.sub("", str(value)).strip()


def has_control_characters(value: Any) -> bool:
    return isinstance(value, str) and bool(_CONTROL.search(value))


def formula_like(value: Any) -> bool:
    """Text a spreadsheet could run as a formula if exported: =..., @..., +cmd|..., -SUM(...)."""
    return isinstance(value, str) and bool(_FORMULA_LIKE.match(value))


def too_long(value: Any) -> bool:
    return isinstance(value, str) and len(value) > MAX_TEXT


Reader = Callable[[Any], Reading[Any]]
READERS: dict[str, Reader] = {
    "read_status": read_status,
    "read_yes_no": read_yes_no,
    "read_spent": read_spent,
    "read_value": read_value,
    "read_whole_count": read_whole_count,
    "read_date": read_date,
}  # the readers the vocabularies name (``nsm_excel.core.vocab``)


def reader(kind: ValueKind) -> Reader:
    """The reader of a cell of ``kind``; text is read as text."""
    return READERS.get(kind.reader) or (lambda value: Reading(text_of(value)))


def unit_reader(code: object) -> Reader:
    """The reader of an indicator's value in the unit ``code``."""
    return READERS[unit(code).reader]
