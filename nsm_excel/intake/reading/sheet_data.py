"""The cells of a worksheet in the spelling spreadsheets write, read without an XML parser.

Excel, LibreOffice and openpyxl write ``<sheetData>`` the same way: rows, cells with ``r``, ``s``
and ``t`` attributes in that order, a ``<v>`` value or one inline ``<t>`` text. :func:`scan`
reads that spelling with one regular expression whose matches must cover the element from end
to end, and hands each row and cell to the handlers of the expat pass, which decide a value, a
place, a far cell or a percent with the same code as for a cell expat read. The rest of the
part (merges, protection, and whether it is well formed) is still read by expat, with the
namespace prefixes the rows use declared where the rows are. Any other spelling, however legal
(a formula, a comment, CDATA, rich text, another attribute, an entity other than the five XML
ones, a character XML forbids, another encoding, a second ``sheetData``) makes the caller read
the whole part with expat: what this reading accepts, expat reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Protocol

_OPEN, _EMPTY, _CLOSE = b"<sheetData>", b"<sheetData/>", b"</sheetData>"
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml\s[^<>?]*\?>")
_UTF8 = re.compile(rb"""encoding\s*=\s*["'](?:utf-8|UTF-8)["']""")
_PREFIXED = r"[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*"
_TOKEN = re.compile(
    r'<c r="([A-Z]{1,3}[1-9][0-9]{0,6})"(?: s="([0-9]{1,8})")?(?: t="([a-zA-Z]{1,9})")?'
    r"(?: ?/>|>(?:<v>([^<]*)</v>|(<is>)<t(?: xml:space=\"preserve\")?>([^<]*)</t></is>)?</c>)"
    rf'|<(row)((?: (?:[A-Za-z]+|{_PREFIXED})="[^"<&]*")*) ?(/?)>'
    r"|(</row>)"
    r"|(\S)",  # anything else: not this spelling
    re.ASCII,  # names as XML spells them here: ASCII letters, digits, "_", "." and "-"
)
_ROW_END = "</row>"
_PIECE = 1 << 16  # characters read by one findall, then on to the end of a row
_LONGEST_ROW = 1 << 20
_ATTRIBUTE = re.compile(r'([\w.:-]+)="([^"]*)"', re.ASCII)
_PREFIX = re.compile(r" ([A-Za-z_][\w.-]*):", re.ASCII)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")  # or normalised
_REFERENCE = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class Handlers(Protocol):
    """What the expat pass does at a row's start, and at the end of a cell in this spelling."""

    def start_row(self, attrs: dict[str, str]) -> None: ...

    def plain_cell(
        self, ref: str, style: str | None, kind: str | None, value: str | None, inline: str | None
    ) -> None: ...


class _Other(Exception):
    """Content this reading does not cover: expat reads the part."""


def split(xml: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(before, inside, after) the one ``sheetData`` element of a UTF-8 part with no comment,
    CDATA, document type or processing instruction before it; None otherwise."""
    start = xml.find(_OPEN)
    end = xml.find(_CLOSE, start)
    if start < 0 or end < 0 or xml.count(b"sheetData") != 2:
        return None
    head = xml[:start]
    declaration = _DECLARATION.match(head)
    if declaration and b"encoding" in declaration.group() and not _UTF8.search(declaration.group()):
        return None
    rest = head[declaration.end() :] if declaration else head.removeprefix(b"\xef\xbb\xbf")
    if b"<!" in rest or b"<?" in rest:
        return None
    return head, xml[start + len(_OPEN) : end], xml[end + len(_CLOSE) :]


def outside(parts: tuple[bytes, bytes, bytes], prefixes: Collection[str] = ()) -> bytes:
    """The part with an empty ``sheetData``, for expat: an element in it carries an attribute
    in each of ``prefixes``, so that expat checks they are declared where the rows are."""
    used = "".join(f' {prefix}:p{n}=""' for n, prefix in enumerate(sorted(prefixes)))
    inside = f"<sheetData><prefixes{used}/></sheetData>".encode() if used else _EMPTY
    return parts[0] + inside + parts[2]


def scan(inside: bytes, handlers: Handlers) -> set[str] | None:
    """Every row and cell of ``inside`` through ``handlers``, and the namespace prefixes the
    rows' attributes use; None when ``inside`` is not all in this spelling (``handlers`` may
    have heard part of it: the caller starts again with expat)."""
    try:
        text = inside.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "]]>" in text or "xmlns" in text or _FORBIDDEN.search(text):
        return None  # not well formed, a namespace declared among the cells, or a character
        # XML forbids or changes
    prefixes: set[str] = set()
    depth = 0  # rows open, for the tags to be balanced as expat requires
    cell, start_row = handlers.plain_cell, handlers.start_row
    try:  # tokens as findall lists them (unmatched groups are "")
        for (
            reference,
            style,
            kind,
            value,
            inline,
            text_of,
            row,
            attributes,
            empty,
            end,
            other,
        ) in _tokens(text):
            if reference:
                if inline:
                    cell(reference, style or None, kind or None, None, _characters(text_of))
                elif value and not value.isspace():  # an empty cell is only a place, and
                    # every cell of this spelling names its own
                    cell(reference, style or None, kind or None, _characters(value), None)
            elif row:
                start_row(_row_attributes(attributes, prefixes))
                depth += 0 if empty else 1
            elif end:
                depth -= 1
                if depth < 0:
                    return None
            elif other:
                return None  # text or markup between the tokens
    except _Other:
        return None
    if depth:
        return None
    return prefixes - {"xml"}


def _tokens(text: str) -> Iterator[tuple[str, ...]]:
    """The tokens of ``text``, found by ``findall`` a piece at a time: each piece ends just
    after a row (no token holds ``</row>``, so none is cut), so that a part in another
    spelling, where nearly every character is a token of its own, is left after its first
    piece instead of being listed whole. A row longer than :data:`_LONGEST_ROW` ends the
    reading: expat reads the part."""
    at, size = 0, len(text)
    while at < size:
        found = text.find(_ROW_END, at + _PIECE)
        end = size if found < 0 else found + len(_ROW_END)
        if end - at > _LONGEST_ROW:
            raise _Other  # no spreadsheet writes such rows
        yield from _TOKEN.findall(text, at, end)
        at = end


def _row_attributes(text: str, prefixes: set[str]) -> dict[str, str]:
    found = _ATTRIBUTE.findall(text)
    attrs = dict(found)
    if len(attrs) != len(found):
        raise _Other  # a repeated attribute
    if "\t" in text or "\n" in text:
        raise _Other  # an attribute XML would normalise
    if ":" in text:
        local = {name.rpartition(":")[2] for name in attrs if ":" in name}
        if len(local) != sum(":" in n for n in attrs):
            raise _Other  # one attribute under two prefixes of one namespace
        prefixes.update(_PREFIX.findall(text))
    return attrs


def _characters(text: str) -> str:
    if "&" not in text:
        return text
    if "&" in _REFERENCE.sub("", text):
        raise _Other  # an entity no document type declares: expat refuses the part
    return _REFERENCE.sub(_referenced, text)


def _referenced(found: re.Match[str]) -> str:
    decimal, hexadecimal, named = found.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    if allowed or 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    raise _Other  # a character XML forbids: expat refuses the part
