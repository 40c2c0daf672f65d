"""Which cell styles of a workbook show a date or a percent, read from ``xl/styles.xml``.

A cell names its style by index (``s="…"``) into ``cellXfs``; the style's number format, built
in or custom, decides whether its number shows a date or a percent. The part is read in one
streaming expat pass that keeps only the custom formats and the styles' format ids; a part
with other than one ``cellXfs`` element, or one expat cannot read, is read as a tree instead,
so that what the pass accepts the tree reads the same and damage is named as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from defusedxml import ElementTree

from nsm_excel.intake.reading.worksheet_xml import MAIN
from nsm_excel.intake.reading.xml_text import SEP, WorksheetError, run_expat

# bracketed sections of a number format ([Red], [$USD-409], [>=100]) show no date; [h], [mm]
# and [ss] (elapsed time) do
_BRACKETS = re.compile(r"\[(?![hms]+\])[^\]]*\]", re.IGNORECASE)
_DATE_FORMAT_IDS = frozenset(
    str(n) for n in (*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59))
)
_PERCENT_FORMAT_IDS = frozenset({"9", "10"})  # Excel's built-in 0% and 0.00%
# a built-in percent format however the attribute is spelt (quotes, spaces, a reference)
_PERCENT_BUILT_IN = re.compile(rb"""\bnumFmtId\s*=\s*["'](?:9|10|&)""")
_QUOTED = re.compile(r'"[^"]*"|\\.')
_NUMBER_FORMAT, _CELL_STYLES, _STYLE = (f"{MAIN}{SEP}{n}" for n in ("numFmt", "cellXfs", "xf"))


@dataclass(frozen=True)
class _Formats:
    """The custom number formats (id, code) in order, and the format id of each cell style of
    each ``cellXfs`` element (a style's index counts within its element)."""

    custom: tuple[tuple[str, str], ...]
    styles: tuple[tuple[str, ...], ...]


def percent_styles(xml: bytes) -> frozenset[int]:
    """Indexes of the cell styles (``s="…"``) whose number format shows a percent.

    Excel and LibreOffice store a value typed as ``45%`` as 0.45 and give its cell such a
    style; the value alone cannot tell 45 % from 0.45.
    """
    if not xml or (b"%" not in xml and not _PERCENT_BUILT_IN.search(xml)):
        return frozenset()  # the usual case, decided without parsing
    return _showing(_formats(xml), _PERCENT_FORMAT_IDS, lambda code: "%" in code)


def date_styles(xml: bytes) -> frozenset[int]:
    """Indexes of the cell styles whose number format shows a date or a time."""
    if not xml:
        return frozenset()
    return _showing(_formats(xml), _DATE_FORMAT_IDS, _shows_a_date)


def dates_and_percents(xml: bytes) -> tuple[frozenset[int], frozenset[int]]:
    """:func:`date_styles` and :func:`percent_styles` of one part, read once."""
    if not xml:
        return frozenset(), frozenset()
    formats = _formats(xml)  # read once: both come from it
    dates = _showing(formats, _DATE_FORMAT_IDS, _shows_a_date)
    return dates, _showing(formats, _PERCENT_FORMAT_IDS, lambda code: "%" in code)


def _shows_a_date(code: str) -> bool:
    lower = _BRACKETS.sub("", code).lower()
    return any(letter in lower for letter in "dmyhs") and "general" not in lower


def _showing(
    formats: _Formats, built_in: frozenset[str], custom: Callable[[str], bool]
) -> frozenset[int]:
    """Indexes of the cell styles whose number format is one of ``built_in`` or a custom
    format whose code (quoted text and escaped characters left out) satisfies ``custom``."""
    ids = set(built_in)
    ids.update(number for number, code in formats.custom if custom(_QUOTED.sub("", code)))
    return frozenset(
        index for listed in formats.styles for index, number in enumerate(listed) if number in ids
    )


def _formats(xml: bytes) -> _Formats:
    """The formats of the part, streamed; read as a tree when the pass cannot vouch for them."""
    try:
        streamed = _streamed(xml)
    except WorksheetError:
        streamed = None  # damage: the tree names it, as it always has
    return streamed if streamed is not None else _from_tree(xml)


def _streamed(xml: bytes) -> _Formats | None:
    custom: list[tuple[str, str]] = []
    styles: list[str] = []
    lists = [0, 0]  # cellXfs elements seen, and open

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == _NUMBER_FORMAT:
            custom.append((attrs.get("numFmtId", ""), attrs.get("formatCode", "")))
        elif name == _CELL_STYLES:
            lists[0] += 1
            lists[1] += 1
        elif name == _STYLE and lists[1]:
            styles.append(attrs.get("numFmtId", "0"))

    def end(name: str) -> None:
        if name == _CELL_STYLES:
            lists[1] -= 1

    run_expat(xml, start, end, None)
    return _Formats(tuple(custom), (tuple(styles),)) if lists[0] == 1 else None


def _from_tree(xml: bytes) -> _Formats:
    root = ElementTree.fromstring(xml)
    custom = tuple(
        (item.get("numFmtId", ""), item.get("formatCode", ""))
        for item in root.iter(f"{{{MAIN}}}numFmt")
    )
    styles = tuple(
        tuple(xf.get("numFmtId", "0") for xf in listed.iter(f"{{{MAIN}}}xf"))
        for listed in root.iter(f"{{{MAIN}}}cellXfs")
    )
    return _Formats(custom, styles)
