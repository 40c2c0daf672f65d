"""Which cells show a percent: read from styles.xml and the sheet's cell styles."""

from __future__ import annotations

from nsm_excel.intake.reading.cell_styles import percent_styles
from nsm_excel.intake.reading.worksheet_xml import MAIN as SPREADSHEET
from nsm_excel.intake.reading.worksheet_xml import Extent, Styles, parse_sheet
from nsm_excel.intake.structure.table_rows import shown_percent

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def styles(formats: str, xfs: str, style_xfs: str = "") -> bytes:
    return (
        f"<styleSheet {MAIN}><numFmts>{formats}</numFmts>"
        f"<cellStyleXfs>{style_xfs}</cellStyleXfs><cellXfs>{xfs}</cellXfs></styleSheet>"
    ).encode()


def test_built_in_and_custom_percent_formats_are_found_by_cell_style_index() -> None:
    xml = styles(
        '<numFmt numFmtId="164" formatCode="0.0%"/>'
        '<numFmt numFmtId="165" formatCode="0.00&quot;%&quot;"/>'
        '<numFmt numFmtId="166" formatCode="#,##0"/>',
        '<xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"><alignment/></xf>'
        '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="10"/>',
        style_xfs='<xf numFmtId="9"/>',  # the named styles do not count: cells use cellXfs
    )
    assert percent_styles(xml) == frozenset({1, 2, 5})


def test_no_percent_anywhere_is_decided_without_parsing() -> None:
    assert percent_styles(styles("", '<xf numFmtId="0"/><xf numFmtId="14"/>')) == frozenset()
    assert percent_styles(b"") == frozenset()


def test_numbers_with_a_value_and_a_percent_style() -> None:
    sheet = (
        f'<worksheet xmlns="{SPREADSHEET}"><sheetData><row r="5"><c r="H5" s="2"><v>0.45</v></c>'
        '<c r="I5" s="2"/><c r="J5" s="12"><v>3</v></c><c r="K5" s="1" t="s"><v>0</v></c>'
        "</row></sheetData></worksheet>"
    ).encode()

    def shown(percents: frozenset[int]) -> set[str]:
        return parse_sheet(sheet, ["45%"], Styles(percents=percents), Extent()).percent_cells

    assert shown(frozenset({1, 2})) == {"H5"}  # a text styled as a percent is still text
    assert shown(frozenset()) == set()


def test_a_number_reads_as_the_percent_shown() -> None:
    assert [shown_percent(v) for v in (0.45, 0.455, 5e-7, 1, -0.5)] == [
        "45%",
        "45.5%",
        "0.00005%",
        "100%",
        "-50%",
    ]
    assert [shown_percent(v) for v in (True, "45", None)] == [True, "45", None]
