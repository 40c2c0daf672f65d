"""The streaming worksheet reader: cells placed as a spreadsheet places them, in one pass."""

from __future__ import annotations

import datetime as dt

import pytest

from nsm_excel.intake.answers import CellError
from nsm_excel.intake.reading.worksheet_xml import (
    MAIN,
    MAX_MERGES,
    Extent,
    Styles,
    WorksheetError,
    parse_sheet,
    shared_strings,
)


def sheet(rows: str, after: str = "") -> bytes:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData>{after}</worksheet>'.encode()


def cells(rows: str, strings: tuple[str, ...] = (), styles: Styles | None = None) -> dict:
    return parse_sheet(sheet(rows), list(strings), styles or Styles(), Extent()).cells


def test_cells_without_references_follow_the_one_before() -> None:
    found = cells(
        '<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c>'
        "<v>4</v></c></row><row><c><v>5</v></c></row>"
    )
    assert found == {(1, 1): 1.0, (1, 2): 2.0, (2, 3): 3.0, (2, 4): 4.0, (3, 1): 5.0}


def test_each_cell_type_reads_as_its_value() -> None:
    found = cells(
        '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><r><t>in</t></r>'
        '<r><t xml:space="preserve"> line_x001B_</t></r></is></c><c r="C1" t="b"><v>1</v></c>'
        '<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><f>A1</f><v>x</v></c>'
        '<c r="F1" t="d"><v>2026-07-15T00:00:00</v></c><c r="G1"><v>1e400</v></c></row>',
        ("zero", "one"),
    )
    assert found == {
        (1, 1): "one",
        (1, 2): "in line\x1b",
        (1, 3): True,
        (1, 4): CellError("#DIV/0!"),
        (1, 5): "x",
        (1, 6): dt.date(2026, 7, 15),
        (1, 7): float("inf"),
    }


def test_date_styles_read_as_dates_in_both_date_systems() -> None:
    rows = '<row r="1"><c r="A1" s="1"><v>46218</v></c><c r="B1" s="1"><v>-5</v></c></row>'
    assert cells(rows, styles=Styles(dates=frozenset({1})))[(1, 1)] == dt.date(2026, 7, 15)
    assert cells(rows, styles=Styles(dates=frozenset({1})))[(1, 2)] == -5.0  # no date has it
    later = cells(rows, styles=Styles(dates=frozenset({1}), date1904=True))[(1, 1)]
    assert later == dt.date(2030, 7, 16)


def test_formulas_in_any_spelling_and_far_cells_are_found() -> None:
    parsed = parse_sheet(
        sheet(
            "<!-- <c r='A1'><f>hidden</f></c> -->"
            f"<row r='2'><x:c xmlns:x='{MAIN}' r = 'B2'><x:f>1000*2</x:f><x:v>5</x:v></x:c>"
            '<c r="&#67;2"><f t="shared" si="0"/><v>1</v></c></row>'
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
            '<c r="XFC1048576" s="3"/></row>',
            '<mergeCells><mergeCell ref="A1:B1"/></mergeCells><sheetProtection sheet="1"/>',
        ),
        [],
        Styles(),
        Extent(rows=100, columns=10),
    )
    assert parsed.formulas == {"B2": "=1000*2", "C2": "(shared formula)"}
    assert parsed.far == ["XFD1048576"]  # the empty styled cell holds nothing
    assert (1048576, 16384) not in parsed.cells and parsed.grid()[1][1] == 5.0
    assert parsed.merged == [(1, 1, 1, 2)] and parsed.protected


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"><c r="A0"><v>1</v></c></row>',
        '<row r="1"><c r="A1" t="s"><v>7</v></c></row>',
        '<row r="1"><c r="A1"><v>1_000</v></c></row>',
        '<row r="0"><c><v>1</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></row>',
    ],
)
def test_what_no_spreadsheet_could_open_is_an_error(rows: str) -> None:
    with pytest.raises(WorksheetError):
        parse_sheet(sheet(rows), [], Styles(), Extent())


def test_shared_strings_join_runs_and_leave_out_phonetic_guides() -> None:
    xml = (
        f'<sst xmlns="{MAIN}"><si><t>plain</t></si><si><r><t>rich </t></r><r><t>text</t></r>'
        "<rPh><t>guide</t></rPh></si><si><t/></si></sst>"
    ).encode()
    assert shared_strings(xml) == ["plain", "rich text", ""]


STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"


@pytest.mark.parametrize(
    "rows",
    [
        # a sheetData inside an extension of a row does not end the sheet's own
        '<row r="1"><c r="A1"><v>1</v></c><extLst><ext uri="x"><sheetData/></ext></extLst></row>'
        '<row r="2"><c r="B2" t="str"><f>HYPERLINK("http://example.invalid")</f><v>x</v></c></row>',
        # a cell inside markup a spreadsheet ignores does not close the cell around it
        '<row r="2"><c r="B2" t="str"><ig:x xmlns:ig="urn:ignored"><c/></ig:x>'
        '<f>HYPERLINK("http://example.invalid")</f><v>x</v></c></row>',
        # the strict namespace, or any other, is read by the elements' names
        f'<row r="2"><s:c xmlns:s="{STRICT}" r="B2"><s:f>HYPERLINK("x")</s:f></s:c></row>',
    ],
)
def test_a_formula_cannot_hide_in_nested_or_foreign_markup(rows: str) -> None:
    parsed = parse_sheet(sheet(rows), [], Styles(), Extent())
    assert list(parsed.formulas) == ["B2"]


def test_a_cell_with_two_values_and_a_flood_of_merged_ranges_are_refused() -> None:
    with pytest.raises(WorksheetError, match="two <v>"):
        parse_sheet(
            sheet('<row r="1"><c r="A1"><v>726000</v><v>9</v></c></row>'), [], Styles(), Extent()
        )
    merges = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(1, MAX_MERGES + 2))
    with pytest.raises(WorksheetError, match="merged ranges"):
        parse_sheet(sheet("", f"<mergeCells>{merges}</mergeCells>"), [], Styles(), Extent())


def test_dates_are_read_to_the_millisecond_as_excel_shows_them() -> None:
    rows = (
        '<row r="1"><c r="A1" s="1"><v>46000.9999999999</v></c><c r="B1" s="1"><v>0.5</v></c>'
        '<c r="C1" t="b"><v>TRUE</v></c></row>'
    )
    found = cells(rows, styles=Styles(dates=frozenset({1})))
    assert found[(1, 1)] == dt.date(2025, 12, 10)  # rounds up into the next day
    assert found[(1, 2)] == dt.time(12, 0)
    assert found[(1, 3)] is True


def test_a_format_with_a_colour_or_a_currency_shows_no_date() -> None:
    from nsm_excel.intake.reading.cell_styles import date_styles

    formats = ["#,##0;[Red]-#,##0", "[$USD-409]#,##0.00", "[h]:mm", "dd.mm.yyyy", "0.00"]
    xml = (
        f'<styleSheet xmlns="{MAIN}"><numFmts>'
        + "".join(f'<numFmt numFmtId="{164 + n}" formatCode="{f}"/>' for n, f in enumerate(formats))
        + "</numFmts><cellXfs>"
        + "".join(f'<xf numFmtId="{164 + n}"/>' for n in range(len(formats)))
        + '<xf numFmtId="30"/></cellXfs></styleSheet>'
    ).encode()
    assert date_styles(xml) == frozenset({2, 3, 5})  # [h]:mm, dd.mm.yyyy, built-in 30
