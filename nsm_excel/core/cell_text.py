"""Every text the tool writes into a workbook, made safe to write and shown the same everywhere.

:func:`shown` is the text as a spreadsheet shows it, and the form in which a template's locked
cell is compared with the register:

- control characters (U+0000-U+001F but tab and line feed, and U+007F), raw or in Excel's
  ``_x0007_`` form, are made visible as their Unicode control pictures (``␇``, ``␛``, ``␀``): a
  workbook cannot hold them, and a person sees where one was pasted;
- line breaks are one line feed, however they came (CR LF, a lone CR or ``_x000D_``);
- characters no workbook can hold (U+FFFE, U+FFFF, lone surrogates) become U+FFFD;
- text is cut to 32,767 characters, the most a cell holds, ending with ``…``.

:func:`formula_like` tells text that a spreadsheet would take for a formula or a DDE call when it
is typed or imported (``=``, ``+``, ``-``, ``@``, a tab or a line break first, after leading
spaces too).
:func:`put` writes a value into an openpyxl cell: such text stays a text cell (never a formula)
with the quote prefix, so Excel and LibreOffice keep it text even when the cell is edited. The
master workbook writes with xlsxwriter's ``write_string`` and a ``quote_prefix`` format instead.
"""

from __future__ import annotations

import re
from typing import Any

MAX_CHARS = 32_767  # the most characters a spreadsheet cell holds
ELLIPSIS = "…"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")  # a line break ends a CSV record
LEADING_SPACES = " \u00a0"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # Excel's form of a character in cell XML
_BREAK = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab and line feed are text
_UNWRITABLE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_UNDERSCORE = 0x5F
DEL_PICTURE = "\u2421"


def _decode(match: re.Match[str]) -> str:
    """``_x0007_`` -> the character; ``_x005F_`` -> ``_``; any other escape is literal text."""
    code = int(match.group(1), 16)
    if code < 0x20 or code == 0x7F:
        return chr(code)
    return "_" if code == _UNDERSCORE else match.group(0)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return DEL_PICTURE if code == 0x7F else chr(0x2400 + code)


def shown(text: str) -> str:
    """``text`` as it is written into a workbook and shown there (see the module's rules)."""
    if len(text) <= MAX_CHARS and not _SPECIAL.search(text):
        return text  # the usual case, decided with one search
    text = _ESCAPE.sub(_decode, text)
    text = _BREAK.sub("\n", text)
    text = _CONTROL.sub(_picture, text)
    text = _UNWRITABLE.sub("\ufffd", text)
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - len(ELLIPSIS)] + ELLIPSIS
    return text


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character, raw or in Excel's ``_x0007_`` form."""
    return bool(_CONTROL.search(_ESCAPE.sub(_decode, text).replace("\r", "")))


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula or a DDE call if typed in."""
    return text.lstrip(LEADING_SPACES).startswith(FORMULA_STARTS)


def too_long(text: str) -> bool:
    return len(text) > MAX_CHARS


def sheet_ref(sheet: str, cell: str) -> str:
    """A reference to ``cell`` on ``sheet`` as a link location: ``'It''s'!A1``."""
    return "'" + sheet.replace("'", "''") + "'!" + cell


def _literal(text: str) -> str:
    """``_x0041_`` typed as text kept literal in cell XML (``_x005F_x0041_``), as Excel does."""
    return _ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)


def put(cell: Any, value: Any) -> None:
    """Write ``value`` into the openpyxl ``cell``: text shown safely and never as a formula.

    Other values (numbers, dates, ``None``) are written as they are.
    """
    if not isinstance(value, str):
        cell.value = value
        return
    text = shown(value)
    cell.value = _literal(text)
    if formula_like(text):
        cell.data_type = "s"  # openpyxl would otherwise write '=...' as a formula
        cell.quotePrefix = True
