"""Tolerant reading of what people type into cells: numbers with separators, lists, codes.

Each reader returns a :class:`Reading`: the value when the text is unambiguous, else the name of
the problem (``"ambiguous"``, ``"mixed"``, ``"too-large"`` or ``"invalid"``), never a silent
guess. Empty cells read as ``None``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The largest figure (amount, cost, indicator value, count) any sheet may hold: beyond it a
# number is a slip of the keyboard, and a float no longer keeps every whole number exactly
# (2**53 is about 9 * 10**15).
LARGEST = 10**15

_THIN_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
# digits are 0-9 only (re.ASCII): '൫' or '٣' would be read as numbers nobody meant
_PLAIN = re.compile(r"^[+-]?(\d+)([.,]\d+)?$", re.ASCII)
# groups of three digits after one separator (space, dot or comma), then maybe a decimal mark
# of another kind: 1 250 000, 1.250.000,50, 1,250,000.50, 1 250 000,5
_GROUPS = re.compile(
    r"^[+-]?\d{1,3}(?P<group>[ .,])\d{3}(?:(?P=group)\d{3})*(?:(?P<mark>[.,])(?P<decimals>\d+))?$",
    re.ASCII,
)
_NUMBER_LIKE = re.compile(r"^[+-]?\d[\d .,]*\d$", re.ASCII)
_LIST_SPLIT = re.compile(r"\s*[;,]\s*")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Reading(Generic[T]):
    """The outcome of reading one cell: a value, nothing (empty), or a named problem."""

    value: T | None = None
    problem: str = ""  # "", "invalid", "ambiguous", "mixed", "too-large" (or a reader's own)

    @property
    def ok(self) -> bool:
        return not self.problem


def is_blank(value: object) -> bool:
    """Empty cell: None or text holding only spaces (a NaN is a value no number has, not empty)."""
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: object) -> str:
    """Cell content as trimmed text ('' for an empty cell); whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_number(value: object) -> Reading[float]:
    """A number, from a numeric cell or from text in the forms people type.

    Accepted text: ``1250000``, ``12.5``, ``12,5`` (decimal comma), ``1 250 000``, ``1.250.000``,
    ``1,250,000.50``, ``1.250.000,50``. A single group such as ``1,250`` or ``1.250`` could be a
    thousands separator or a decimal mark: it is ``ambiguous``. Separators of more than one kind
    that do not read one way only (``1 250.000``, ``1.250,000``, ``1 250.000,5``) are ``mixed``.
    A number beyond :data:`LARGEST` either way (or infinite) is ``too-large``; NaN is ``invalid``.
    """
    if is_blank(value):
        return Reading()
    if isinstance(value, bool):
        return Reading(problem="invalid")
    if isinstance(value, int) and abs(value) > LARGEST:
        return Reading(problem="too-large")  # before float(), which a 400-digit int overflows
    if isinstance(value, int | float):
        return _bounded(float(value))
    if not isinstance(value, str):
        return Reading(problem="invalid")
    reading = _read_number_text(_THIN_SPACES.sub(" ", value.strip()))
    return _bounded(reading.value) if reading.value is not None else reading


def _bounded(number: float) -> Reading[float]:
    if math.isnan(number):
        return Reading(problem="invalid")
    if abs(number) > LARGEST:  # infinity too: 400 digits read as a float
        return Reading(problem="too-large")
    return Reading(number)


def _read_number_text(text: str) -> Reading[float]:
    plain = _PLAIN.match(text)
    if plain:
        fraction = plain.group(2) or ""
        if len(fraction) == 4 and plain.group(1) != "0" and len(plain.group(1)) <= 3:
            return Reading(problem="ambiguous")  # 1,250 / 1.250: thousands or decimals?
        return Reading(float(text.replace(",", ".")))
    grouped = _GROUPS.match(text)
    if grouped:
        group, mark, decimals = grouped.group("group", "mark", "decimals")
        if mark == group:
            return Reading(problem="invalid")  # 1.250.5
        if decimals is not None and len(decimals) == 3:
            return Reading(problem="mixed")  # 1 250.000: 1250, or 1250000 with two separators?
        whole = text[: grouped.start("mark")] if mark else text
        return Reading(float(whole.replace(group, "") + (f".{decimals}" if mark else "")))
    if _NUMBER_LIKE.match(text) and len(set(text) & set(" .,")) > 1:
        return Reading(problem="mixed")  # 1 250.000,5 or 1.250 000: no one way to read it
    return Reading(problem="invalid")


def read_amount(value: object) -> Reading[float]:
    """An amount in lek: a number (see :func:`read_number`); a negative amount is ``negative``."""
    reading = read_number(value)
    if reading.value is not None and reading.value < 0:
        return Reading(problem="negative")
    return reading


def read_whole(value: object) -> Reading[int]:
    """A whole number, from a numeric cell or text."""
    reading = read_number(value)
    if not reading.ok or reading.value is None:
        return Reading(problem=reading.problem)
    if not float(reading.value).is_integer():
        return Reading(problem="invalid")
    return Reading(int(reading.value))


def split_list(value: object) -> list[str]:
    """Items of a list cell separated by ';' or ',' (spaces allowed); empty items dropped."""
    text = clean_text(value)
    return [item for item in _LIST_SPLIT.split(text) if item] if text else []


def read_choice(value: object) -> str:
    """A vocabulary code as typed in a list: lower case, spaces and hyphens as underscores
    (``Asylum seekers`` is ``asylum_seekers``)."""
    return re.sub(r"[\s\-]+", "_", clean_text(value).lower())


def read_code(value: object) -> str:
    """A code as stored: trimmed, upper case."""
    return clean_text(value).upper()


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def read_day(value: object) -> dt.date | None:
    """A day as Excel or a person gives it: a date cell, 2026-03-01 or 01.03.2026."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean_text(value)
    for form in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
