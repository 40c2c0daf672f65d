"""The one sanitiser of text written into workbooks: what it shows, and what openpyxl writes."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from nsm_excel.core import cell_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Profili i migracionit", "Profili i migracionit"),
        ("Hapi\x07 tjetër\x1b[31m", "Hapi␇ tjetër␛[31m"),
        ("Hapi_x0007_ tjetër_x001B_[31m", "Hapi␇ tjetër␛[31m"),
        ("nul\x00 del\x7f", "nul␀ del␡"),
        ("rreshti 1\r\nrreshti 2\rrreshti 3", "rreshti 1\nrreshti 2\nrreshti 3"),
        ("rreshti 1_x000D_\nrreshti 2", "rreshti 1\nrreshti 2"),
        ("tab\tkept\nline kept", "tab\tkept\nline kept"),
        ("_x0041_ typed as text", "_x0041_ typed as text"),
        ("_x005F_x0041_ as Excel keeps it", "_x0041_ as Excel keeps it"),
        ("lone \ud800 surrogate \uffff", "lone \ufffd surrogate \ufffd"),
        ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),
    ],
)
def test_shown_makes_control_characters_visible_and_line_breaks_one(text: str, shown: str) -> None:
    assert cell_text.shown(text) == shown
    assert cell_text.shown(shown) == shown  # shown twice is shown once


def test_text_over_the_cell_limit_is_cut_with_an_ellipsis() -> None:
    shown = cell_text.shown("Puna vazhdon. " * 3000)
    assert len(shown) == cell_text.MAX_CHARS == 32_767 and shown.endswith("…")
    assert cell_text.shown("a" * 32_767) == "a" * 32_767


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        '   =HYPERLINK("x")',
        "\u00a0=1",
        "\t=1",
        "\r=1",
        "\n=1",
    ],
)
def test_text_a_spreadsheet_would_run_is_formula_like(text: str) -> None:
    assert cell_text.formula_like(text)


@pytest.mark.parametrize("text", ["Profili", "12 masa", "a=b", "", "’=quoted"])
def test_ordinary_text_is_not_formula_like(text: str) -> None:
    assert not cell_text.formula_like(text)


def test_control_characters_are_found_raw_or_escaped_but_not_tabs_or_breaks() -> None:
    assert cell_text.has_control("a\x07") and cell_text.has_control("a_x001B_")
    assert not cell_text.has_control("a\tb\r\nc") and not cell_text.has_control("a_x000D_")


def test_sheet_references_quote_apostrophes() -> None:
    assert cell_text.sheet_ref("Measures", "D5") == "'Measures'!D5"
    assert cell_text.sheet_ref("It's", "A1") == "'It''s'!A1"


def _written(*values: object) -> tuple[list[object], str, list[bool]]:
    """The values put in column A, read back by openpyxl; and the worksheet's XML."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row, value in enumerate(values, start=1):
        cell_text.put(ws.cell(row, 1), value)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    back = load_workbook(buffer).active
    assert back is not None
    cells = [back.cell(row, 1) for row in range(1, len(values) + 1)]
    return [c.value for c in cells], xml, [bool(c.quotePrefix) for c in cells]


def test_put_writes_formula_like_text_as_quoted_text_and_other_values_as_they_are() -> None:
    values, xml, quoted = _written("=cmd|' /C calc'!A0", "-2+3", "\r=1", "Profili", 12.5)
    assert values == ["=cmd|' /C calc'!A0", "-2+3", "\n=1", "Profili", 12.5]
    assert "<f>" not in xml and "<f " not in xml  # text cells, no formula
    assert quoted == [True, True, True, False, False]


def test_put_writes_what_shown_shows() -> None:
    values, xml, _ = _written("Bell\x07 here", "Bell_x0007_ here", "a\r\nb", "_x0041_")
    assert values[:3] == ["Bell␇ here", "Bell␇ here", "a\nb"]
    assert "_x005F_x0041_" in xml  # Excel shows '_x0041_', as typed, not 'A'
