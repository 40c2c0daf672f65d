"""Cells in the plain spelling are read without expat, and exactly as expat reads them.

Each case is read twice: as ``parse_sheet`` reads it, and by expat alone (the plain reading
switched off). Both must give the same cells, formulas, rows, merges, far cells and percents,
or the same error; and the plain reading must be the one taken where the spelling is plain.
"""

from __future__ import annotations

from typing import Any

import pytest

from nsm_excel.demo import filler
from nsm_excel.intake.reading import sheet_data, worksheet_xml
from nsm_excel.intake.reading.safety import Limits, inspect
from nsm_excel.intake.reading.worksheet_xml import (
    MAIN,
    Extent,
    ParsedSheet,
    Styles,
    WorksheetError,
    parse_sheet,
)
from nsm_excel.store.workspace import Workspace

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
STYLES = Styles(dates=frozenset({2}), percents=frozenset({3}))
STRINGS = ["first", "", "Tiranë & Durrës"]


def sheet(rows: str, root: str = "", head: str = "", tail: str = "") -> bytes:
    return (
        f'{head}<worksheet xmlns="{MAIN}"{root}><sheetPr/><sheetData>{rows}</sheetData>'
        f'{tail}<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>'
    ).encode()


PLAIN = {
    "openpyxl": sheet(
        '<row r="1" ht="36" customHeight="1"><c r="A1" s="5" t="inlineStr"><is><t>Raporti'
        ' · 2026-H1</t></is></c></row><row r="3" hidden="1"><c r="A3" s="7" t="n" />'
        '<c r="B3" s="3" t="n"><v>0.45</v></c><c r="C3" s="2" t="n"><v>46203</v></c></row>'
    ),
    "excel": sheet(
        '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" s="1" t="s"><v>2</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e">'
        '<v>#N/A</v></c><c r="E1" t="str"><v>x &amp; y &lt; z</v></c><c r="F1"><v>12.5</v>'
        '</c><c r="G1" t="s"><v>1</v></c></row>',
        root=f' xmlns:x14ac="{X14}"',
        head='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    ),
    "spaced": sheet(
        '\n  <row r="2">\n    <c r="B2" t="inlineStr"><is><t xml:space="preserve">  two'
        " lines&#10;here </t></is></c>\n  </row>\n"
    ),
    "far and empty": sheet(
        '<row r="20000"><c r="A20000" t="inlineStr"><is><t></t></is></c><c r="B20000" s="1"/>'
        '</row><row r="5"><c r="DA5"><v>1</v></c><c r="C5"><v> </v></c></row>'
    ),
    "empty": sheet(""),
}
OTHER = {  # legal or not, each read by expat alone
    "formula": sheet('<row r="1"><c r="A1"><f>SUM(B1:B2)</f><v>3</v></c></row>'),
    "comment": sheet('<row r="1"><!-- a note --><c r="A1"><v>1</v></c></row>'),
    "rich text": sheet('<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>'),
    "other attribute": sheet('<row r="1"><c r="A1" cm="1"><v>1</v></c></row>'),
    "prefixed cell": sheet(
        '<x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c></x:row>', root=f' xmlns:x="{MAIN}"'
    ),
    "no reference": sheet("<row><c><v>1</v></c><c><v>2</v></c></row>"),
    "sheetData in a comment": sheet(
        '<row r="1"><c r="A1"><v>1</v></c></row>', head="<!-- <sheetData></sheetData> -->"
    ),
    "latin-1": f'<?xml version="1.0" encoding="ISO-8859-1"?><worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>\xeb</t></is></c></row></sheetData>'
    "</worksheet>".encode("latin-1"),
}
DAMAGED = {
    "unknown entity": sheet('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>'),
    "forbidden character reference": sheet('<row r="1"><c r="A1" t="str"><v>&#1;</v></c></row>'),
    "control character": sheet('<row r="1"><c r="A1" t="str"><v>a\x01b</v></c></row>'),
    "undeclared prefix": sheet('<row r="1" q:dy="1"><c r="A1"><v>1</v></c></row>'),
    "repeated attribute": sheet('<row r="1" r="2"><c r="A1"><v>1</v></c></row>'),
    "row beyond a sheet": sheet('<row r="1"><c r="A9999999"><v>1</v></c></row>'),
    "not a number": sheet('<row r="1"><c r="A1"><v>one</v></c></row>'),
    "shared text missing": sheet('<row r="1"><c r="A1" t="s"><v>9</v></c></row>'),
    "damaged after the cells": sheet('<row r="1"><c r="A1"><v>1</v></c></row>', tail="<x>"),
    "a row closed that was never opened": sheet('</row><c r="A1"><v>1</v></c>'),
    "a row left open": sheet('<row r="1"><c r="A1"><v>1</v></c>'),
    "one attribute under two prefixes of one namespace": sheet(
        '<row r="1" a:x="1" b:x="2"><c r="A1"><v>1</v></c></row>',
        root=' xmlns:a="urn:u" xmlns:b="urn:u"',
    ),
    "a name XML does not allow": sheet(
        '<row r="1" a:x\u00b2="1"><c r="A1"><v>1</v></c></row>', root=' xmlns:a="urn:u"'
    ),
}


def read(xml: bytes, plain: bool, monkeypatch: pytest.MonkeyPatch) -> ParsedSheet | str:
    with monkeypatch.context() as patch:
        if not plain:
            patch.setattr(sheet_data, "split", lambda _xml: None)
        try:
            return parse_sheet(xml, STRINGS, STYLES, Extent(rows=10_000, columns=100))
        except WorksheetError as exc:
            return f"error: {exc}"


@pytest.mark.parametrize("name", [*PLAIN, *OTHER, *DAMAGED])
def test_the_plain_reading_gives_what_expat_gives(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    xml = {**PLAIN, **OTHER, **DAMAGED}[name]
    assert read(xml, True, monkeypatch) == read(xml, False, monkeypatch)
    if name in DAMAGED:
        assert str(read(xml, True, monkeypatch)).startswith("error: ")


@pytest.mark.parametrize("name", list(PLAIN))
def test_the_plain_spelling_is_read_without_expat(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    plain_cell = worksheet_xml._Sheet.plain_cell
    monkeypatch.setattr(
        worksheet_xml._Sheet,
        "plain_cell",
        lambda self, ref, *rest: heard.append(ref) or plain_cell(self, ref, *rest),
    )
    parsed = read(PLAIN[name], True, monkeypatch)
    assert isinstance(parsed, ParsedSheet)
    assert set(heard) >= {f"{letters}{row}" for (row, _), letters in _letters(parsed)}
    assert parsed.merged == [(1, 1, 1, 3)]  # the rest of the part is still read


@pytest.mark.parametrize("name", list(OTHER))
def test_any_other_spelling_is_read_by_expat(name: str) -> None:
    parts = sheet_data.split(OTHER[name])
    heard = worksheet_xml._Sheet([], STYLES, Extent(), True)
    assert parts is None or sheet_data.scan(parts[1], heard) is None


def test_a_returned_workbook_is_read_alike_both_ways(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = next(issued.templates_dir(issued.current_period()).glob("*.xlsx"))
    data = filler.fill(
        template.read_bytes(), filler.Filling(seed=3, today=issued.current_period().last)
    )
    package, issues = inspect(data, "return.xlsx", Limits())
    assert package is not None and not issues
    parts = [x for name, x in package.xml.items() if name.startswith("xl/worksheets/")]
    assert parts
    for xml in parts:
        assert sheet_data.split(xml) is not None  # what a template's return is written as
        assert read(xml, True, monkeypatch) == read(xml, False, monkeypatch)


def _letters(parsed: ParsedSheet) -> list[tuple[tuple[int, int], str]]:
    return [((r, c), worksheet_xml.column_letters(c)) for r, c in parsed.cells]


@pytest.mark.parametrize("name", [*PLAIN, *OTHER, *DAMAGED])
def test_cells_read_a_row_at_a_time_are_read_alike(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    xml = {**PLAIN, **OTHER, **DAMAGED}[name]
    whole = read(xml, True, monkeypatch)
    monkeypatch.setattr(sheet_data, "_PIECE", 1)  # a piece ends at every row
    assert read(xml, True, monkeypatch) == whole == read(xml, False, monkeypatch)


class _Counted:
    """The expression of the tokens, its findall calls counted."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.real = sheet_data._TOKEN

    def findall(self, text: str, at: int, end: int) -> list[Any]:
        self.spans.append((at, end))
        return self.real.findall(text, at, end)


def test_a_part_in_another_spelling_is_left_after_its_first_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><f>SUM(B1:B9)</f><v>1</v></c></row>' for n in range(1, 20_000)
    )
    counted = _Counted()
    monkeypatch.setattr(sheet_data, "_TOKEN", counted)
    heard = worksheet_xml._Sheet([], STYLES, Extent(), True)
    assert sheet_data.scan(rows.encode(), heard) is None
    assert len(counted.spans) == 1  # not every character of 1 MB listed as a token first
    at, end = counted.spans[0]
    assert end - at < sheet_data._PIECE + 100 < len(rows)


def test_a_row_longer_than_any_a_spreadsheet_writes_is_read_by_expat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    xml = PLAIN["openpyxl"]
    plain = read(xml, True, monkeypatch)
    monkeypatch.setattr(sheet_data, "_PIECE", 1)
    monkeypatch.setattr(sheet_data, "_LONGEST_ROW", 40)
    parts = sheet_data.split(xml)
    assert parts is not None
    assert sheet_data.scan(parts[1], worksheet_xml._Sheet([], STYLES, Extent(), True)) is None
    assert read(xml, True, monkeypatch) == plain  # expat read it, the same
