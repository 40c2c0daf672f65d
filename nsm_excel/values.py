"""Tolerant reading of what people type into cells: numbers with separators, lists, codes.

Each reader returns a :class:`Reading`: the value when the text is unambiguous, else the name of
the problem (``"ambiguous"`` or ``"invalid"``), never a silent guess. Empty cells read as ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_THIN_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
# digits are 0-9 only (re.ASCII): '൫' or '٣' would be read as numbers nobody meant
_PLAIN = re.compile(r"^[+-]?(\d+)([.,]\d+)?$", re.ASCII)
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)  # 1.250.000 or 1.250.000,50
_COMMA_GROUPS = re.compile(
    r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII
)  # 1,250,000 or 1,250,000.50
_SPACE_GROUPS = re.compile(
    r"^[+-]?\d{1,3}( \d{3})+([.,]\d+)?$", re.ASCII
)  # 1 250 000 or 1 250 000,5
_LIST_SPLIT = re.compile(r"\s*[;,]\s*")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class Reading(Generic[T]):
    """The outcome of reading one cell: a value, nothing (empty), or a named problem."""

    value: T | None = None
    problem: str = ""  # "", "invalid" or "ambiguous"

    @property
    def ok(self) -> bool:
        return not self.problem


def is_blank(value: object) -> bool:
    """Empty cell: None, text holding only spaces, or the NaN a data frame puts for None."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return isinstance(value, str) and not value.strip()


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
    thousands separator or a decimal mark: it is ``ambiguous``.
    """
    if is_blank(value):
        return Reading()
    if isinstance(value, bool):
        return Reading(problem="invalid")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            return Reading(problem="invalid")
        return Reading(float(value))
    if not isinstance(value, str):
        return Reading(problem="invalid")
    return _read_number_text(value.strip())


def _read_number_text(text: str) -> Reading[float]:
    spaced = _THIN_SPACES.sub(" ", text)
    if _SPACE_GROUPS.match(spaced):
        return Reading(float(spaced.replace(" ", "").replace(",", ".")))
    if " " in spaced:
        return Reading(problem="invalid")  # '12 5' is no grouping we can be sure of
    compact = spaced
    plain = _PLAIN.match(compact)
    if plain:
        fraction = plain.group(2) or ""
        if len(fraction) == 4 and plain.group(1) != "0" and len(plain.group(1)) <= 3:
            return Reading(problem="ambiguous")  # 1,250 / 1.250: thousands or decimals?
        return Reading(float(compact.replace(",", ".")))
    if _DOT_GROUPS.match(compact):
        return Reading(float(compact.replace(".", "").replace(",", ".")))
    if _COMMA_GROUPS.match(compact):
        return Reading(float(compact.replace(",", "")))
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


def read_code(value: object) -> str:
    """A code as stored: trimmed, upper case."""
    return clean_text(value).upper()


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))
