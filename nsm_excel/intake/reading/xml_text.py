"""The small readers of worksheet XML: cell references, escaped text, numbers and dates as a
date style shows them, the expat pass itself, and the shared string table."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any
from xml.parsers import expat

SEP = "\x1f"  # between namespace and local name in expat's names
MAX_ROW, MAX_COLUMN = 1048576, 16384  # the largest sheet Excel has
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
CANONICAL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
# a number as the format writes it; NaN and infinity too, for the value checks to report
NUMBER = re.compile(
    r"^\s*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|nan|inf|infinity)\s*$",
    re.ASCII | re.IGNORECASE,
)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_EPOCH_1900, _EPOCH_1904 = dt.datetime(1899, 12, 30), dt.datetime(1904, 1, 1)
_LAST_SERIAL = 2958465.0  # 31.12.9999


LOCAL: dict[str, str] = {}  # expat's names (namespace, separator, name) -> the local name


def local_name(name: str) -> str:
    """Elements are known by their local name, whatever their namespace (transitional, strict,
    or one a spreadsheet ignores): a formula hidden in any of them is still seen."""
    local = name.rpartition(SEP)[2]
    if len(LOCAL) < 4096:
        LOCAL[name] = local
    return local


class WorksheetError(Exception):
    """The part is not a worksheet a spreadsheet could open."""


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=1 << 16)
def parse_reference(text: str) -> tuple[int, int] | None:
    """(row, column) of ``B7``; None when no sheet has such a cell."""
    found = _REF.match(text.strip())
    if not found:
        return None
    row, column = int(found.group(2)), column_number(found.group(1))
    if not (1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN):
        return None
    return row, column


def unescape(text: str) -> str:
    """Text as stored in OOXML: ``_x0007_`` stands for the character U+0007."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def shared_strings(xml: bytes) -> list[str]:
    """The shared string table: each item's text, runs joined, phonetic guides left out."""
    if not xml:
        return []
    strings: list[str] = []
    parts: list[str] = []
    depth = {"si": 0, "rPh": 0, "t": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = name.rpartition(SEP)[2]
        if local in depth:
            depth[local] += 1

    def end(name: str) -> None:
        local = name.rpartition(SEP)[2]
        if local in depth:
            depth[local] -= 1
        if local == "si" and depth["si"] == 0:
            strings.append(unescape("".join(parts)))
            parts.clear()

    def text(data: str) -> None:
        if depth["t"] and depth["si"] and not depth["rPh"]:
            parts.append(data)

    run_expat(xml, start, end, text)
    return strings


def run_expat(xml: bytes, start: Any, end: Any, text: Any) -> None:
    parser = expat.ParserCreate(namespace_separator=SEP)
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = _refuse  # the byte checks refuse these already
    parser.EntityDeclHandler = _refuse
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise WorksheetError(f"its XML is damaged ({expat.ErrorString(exc.code)})") from None


def _refuse(*_args: object) -> None:
    raise WorksheetError("it declares a document type")


@lru_cache(maxsize=1 << 12)
def style_index(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 9 else -1


def iso_date(text: str) -> Any:
    try:
        moment = dt.datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        return text  # shown as typed: the date readers report it
    return moment.date() if moment.time() == dt.time() else moment


def serial_date(number: float, date1904: bool) -> Any:
    """A date-styled number as the date (or time of day) it shows, to the millisecond, as
    Excel shows it; the number itself when no date has it."""
    if number != number or number < 0 or number + (1462 if date1904 else 0) > _LAST_SERIAL:
        return number
    milliseconds = round(number * 86_400_000)
    if milliseconds < 86_400_000:  # a time of day alone
        return (dt.datetime.min + dt.timedelta(milliseconds=milliseconds)).time()
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if not date1904 and number < 60:
        milliseconds += 86_400_000  # Excel counts a 29 February 1900 that never was
    moment = epoch + dt.timedelta(milliseconds=milliseconds)
    return moment.date() if moment.time() == dt.time() else moment
