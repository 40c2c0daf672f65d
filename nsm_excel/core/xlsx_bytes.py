"""What a workbook's bytes say before openpyxl reads them: which format the file is, and which
numeric cells hold a value openpyxl cannot read.

Both are pure functions of the bytes, used by :func:`nsm_excel.sheets.read_workbook`: a plan saved
as .ods, .xls or .csv is named for what it is, and a cell holding ``NaN`` or ``inf`` (as a script
writes them) is handed on as that non-finite number at its cell instead of stopping the read.
"""

from __future__ import annotations

import io
import math
import re
import zipfile

from openpyxl.utils import column_index_from_string

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CELL = re.compile(rb"<((?:\w+:)?c)\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_TYPE = re.compile(rb'\bt="([^"]*)"')
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")

Cells = dict[tuple[int, int], float]  # (row, column), 1-based -> the non-finite number there


def format_problem(data: bytes) -> str:
    """Why ``data`` is not an .xlsx workbook, as the key of its word (``unreadable.*`` in the
    ``core`` catalogues); '' when it may be one."""
    if not data:
        return "unreadable.empty"
    if data.startswith(OLE_MAGIC):
        return "unreadable.xls"
    if not data.startswith(b"PK"):
        if _looks_like_text(data[:4096]):
            return "unreadable.text"
        return "unreadable.not-zip"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "mimetype" in names and package.read("mimetype").strip() == ODS_MIMETYPE:
                return "unreadable.ods"
            if not any(name.startswith("xl/") for name in names):
                return "unreadable.no-workbook"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "unreadable.damaged-zip"
    return ""


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("cp1252", "replace")
    printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return bool(text) and printable / len(text) > 0.95


def unreadable_numbers(data: bytes) -> tuple[bytes, dict[str, Cells]]:
    """``data`` with numeric cells that openpyxl cannot read (``NaN``, ``inf``, garbage) marked
    as error cells, so that openpyxl reads them; and, per worksheet part, those cells' numbers
    (``nan`` when the text is no number at all). ``data`` itself when there are none."""
    found: dict[str, Cells] = {}
    changed: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not _SHEET_PART.match(name):
                continue
            cells, fixed = _marked(package.read(name))
            if cells:
                found[name], changed[name] = cells, fixed
        if not changed:
            return data, {}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                copy.writestr(info, changed.get(info.filename) or package.read(info))
    return out.getvalue(), found


def _marked(xml: bytes) -> tuple[Cells, bytes]:
    cells: Cells = {}
    return cells, _CELL.sub(lambda match: _mark(match, cells), xml)


def _mark(match: re.Match[bytes], cells: Cells) -> bytes:
    attributes, body = match.group(2), match.group(3)
    kind = _TYPE.search(attributes)
    value = _VALUE.search(body or b"")
    if value is None or (kind is not None and kind.group(1) != b"n"):
        return match.group(0)
    text = value.group(1).decode("utf-8", "replace").strip()
    if _openpyxl_reads(text):
        return match.group(0)
    ref = _REF.search(attributes)
    if ref is not None:
        column = column_index_from_string(ref.group(1).decode())
        cells[(int(ref.group(2)), column)] = _number(text)
    tag = match.group(1)
    typed = _TYPE.sub(b"", attributes) + b' t="e"'  # an error cell's value is read as text
    return b"<" + tag + typed + b">" + (body or b"") + b"</" + tag + b">"


def _openpyxl_reads(text: str) -> bool:
    """Whether openpyxl's reader turns ``text`` into a number (it raises on anything else)."""
    try:
        float(text) if any(mark in text for mark in ".eE") else int(text)
    except ValueError:
        return False
    return True


def _number(text: str) -> float:
    try:
        return float(text)  # nan, inf, -inf, Infinity in any case
    except ValueError:
        return math.nan
