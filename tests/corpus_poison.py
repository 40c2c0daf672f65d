"""Corpus cases that once stopped a run or slipped past the checks: each made here from a filled
return by editing its XML, with what the validator must make of it (see :mod:`tests.corpus`).

Classes: cells far outside the report (the dense-range allocation), markup that makes a pattern
scan rescan (many ``<c`` inside a comment), formulas in other legal spellings of the same XML,
formulas outside the table, Strict OOXML, data connections, names the file system counts in
bytes, names that forge terminal lines, and XML a spreadsheet could not open.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from openpyxl import load_workbook

from tests.corpus_parts import content_types, parts
from tests.returns import locate, repack

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
FAR = "XFD1048576"


def sheet_part(data: bytes, sheet: str) -> str:
    """The package part of ``sheet``: from the workbook's listing and its relationships."""
    files = parts(data)
    listing = files["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', listing)
    assert rid, sheet
    rels = files["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(
        rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="'
        rf'{rid.group(1)}"',
        rels,
    )
    assert target
    found = target.group(1) or target.group(2)
    return found.lstrip("/") if found.startswith("/") else f"xl/{found}"


def edit_sheet(data: bytes, sheet: str, change: Callable[[str], str]) -> bytes:
    part = sheet_part(data, sheet)
    return repack(data, {part: change(parts(data)[part].decode()).encode()})


def cell_of(data: bytes, sheet: str, code: str, key: str) -> str:
    return locate(load_workbook(io.BytesIO(data)), sheet, code, key)


def before_end_of_data(xml: str, rows: str) -> str:
    return xml.replace("</sheetData>", rows + "</sheetData>", 1)


def far_cell(ref: str = FAR, content: str = "<is><t>x</t></is>", kind: str = "inlineStr") -> str:
    row = re.sub(r"[A-Z]", "", ref)
    return f'<row r="{row}"><c r="{ref}" t="{kind}">{content}</c></row>'


def replace_cell(xml: str, ref: str, new: str) -> str:
    """``xml`` with the element of cell ``ref`` (empty or not) replaced by ``new``."""
    pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', re.S)
    assert pattern.search(xml), ref
    return pattern.sub(lambda _m: new, xml, count=1)


def formula_spellings(ref: str) -> dict[str, str]:
    """The same formula cell (1000*2, its cached value 5) in legal spellings of the XML."""
    letters = "".join(f"&#{ord(c)};" for c in ref)
    return {
        "single-quotes": f"<c r='{ref}'><f>1000*2</f><v>5</v></c>",
        "spaced-equals": f'<c r = "{ref}" ><f >1000*2</f ><v>5</v></c>',
        "prefixed": f'<x:c xmlns:x="{MAIN}" r="{ref}"><x:f>1000*2</x:f><x:v>5</x:v></x:c>',
        "char-references": f'<c r="{letters}"><f>1000*2</f><v>5</v></c>',
        "shared-formula": f'<c r="{ref}"><f t="shared" si="0"/><v>5</v></c>',
        "array-formula": f'<c r="{ref}"><f t="array" ref="{ref}">1000*2</f><v>5</v></c>',
    }


def poison_cases(mb: bytes, case: Callable[..., Any]) -> list[Any]:
    """The cases; ``case`` is :class:`tests.corpus.Case` (passed in to avoid an import cycle)."""
    spent = cell_of(mb, "Measures", "A.1.1", "spent_state")
    far = edit_sheet(mb, "Measures", lambda x: before_end_of_data(x, far_cell()))
    four = mb
    for sheet, ref in (
        ("Cover", "XFC1048575"),
        ("Indicators", FAR),
        ("Instructions", FAR),
        ("Measures", "ZZ99999"),
    ):
        four = edit_sheet(four, sheet, lambda x, r=ref: before_end_of_data(x, far_cell(r)))
    comment = "<!-- " + '<c r="A1"><v>1</v>' * 60_000 + " -->"
    cases = [
        case(
            "far-cell",
            "far-cell.xlsx",
            far,
            ("return-far-cell",),
            about=f"one text cell at {FAR}: a reader that builds the range from A1 needs 512 GB",
        ),
        case(
            "far-cells-four",
            "far-cells-four.xlsx",
            four,
            ("return-far-cell",),
            about="far cells on four sheets, the instructions among them",
        ),
        case(
            "far-formula",
            "far-formula.xlsx",
            edit_sheet(
                mb,
                "Measures",
                lambda x: before_end_of_data(
                    x, '<row r="900000"><c r="AAA900000"><f>1+1</f><v>2</v></c></row>'
                ),
            ),
            ("return-far-cell",),
            about="a formula far away",
        ),
        case(
            "far-empty-styled",
            "far-empty-styled.xlsx",
            edit_sheet(
                mb,
                "Measures",
                lambda x: before_end_of_data(
                    x, f'<row r="1048576" hidden="1"><c r="{FAR}" s="1"/></row>'
                ),
            ),
            (),
            status="accepted",
            about="a styled empty cell far away holds nothing",
        ),
        case(
            "comment-of-cells",
            "comment-of-cells.xlsx",
            edit_sheet(
                mb, "Measures", lambda x: x.replace("<sheetData>", "<sheetData>" + comment, 1)
            ),
            (),
            status="accepted",
            about="60,000 cell tags inside an XML comment: ignored, in one linear pass",
        ),
        case(
            "formula-outside-table",
            "formula-outside-table.xlsx",
            edit_sheet(
                mb,
                "Measures",
                lambda x: before_end_of_data(
                    x,
                    '<row r="60"><c r="B60" t="str"><f>HYPERLINK("http://example.invalid","x")</f>'
                    "<v>x</v></c></row>",
                ),
            ),
            ("return-formula",),
            about="a HYPERLINK formula below the table",
        ),
        case(
            "formula-in-instructions",
            "formula-in-instructions.xlsx",
            edit_sheet(
                mb,
                "Instructions",
                lambda x: before_end_of_data(
                    x, '<row r="70"><c r="A70" t="str"><f>cmd|\' /C calc\'!A0</f><v>0</v></c></row>'
                ),
            ),
            ("return-formula",),
            about="a DDE formula on the instructions sheet",
        ),
        case(
            "strict-ooxml",
            "strict.xlsx",
            repack(
                mb,
                {
                    "xl/workbook.xml": parts(mb)["xl/workbook.xml"].replace(
                        MAIN.encode(), STRICT.encode()
                    )
                },
            ),
            ("file-strict-ooxml",),
            about="saved as Strict Open XML Spreadsheet",
        ),
        case(
            "data-connection",
            "data-connection.xlsx",
            _with_connection(mb),
            ("file-data-connections",),
            about="a web query refreshed on opening",
        ),
        case(
            "bad-shared-string",
            "bad-shared-string.xlsx",
            edit_sheet(
                mb,
                "Measures",
                lambda x: replace_cell(x, spent, f'<c r="{spent}" t="s"><v>99999</v></c>'),
            ),
            ("file-corrupt",),
            about="a cell naming a shared text that does not exist",
        ),
        case(
            "bad-reference",
            "bad-reference.xlsx",
            edit_sheet(mb, "Measures", lambda x: replace_cell(x, spent, '<c r="A0"><v>1</v></c>')),
            ("file-corrupt",),
            about="a cell reference no sheet has (row 0)",
        ),
        case(
            "number-with-underscores",
            "number-underscores.xlsx",
            edit_sheet(
                mb, "Measures", lambda x: replace_cell(x, spent, f'<c r="{spent}"><v>1_000</v></c>')
            ),
            ("file-corrupt",),
            about="a number the file format does not allow",
        ),
        case(
            "damaged-xml",
            "damaged-xml.xlsx",
            edit_sheet(mb, "Measures", lambda x: x.replace("</sheetData>", "<row>", 1)),
            ("file-corrupt",),
            about="a sheet whose XML does not close",
        ),
        case(
            "long-multibyte-name",
            "ë" * 122 + ".xlsx",
            _resaved(mb, 1),
            (),
            status="accepted",
            about="a 249-byte name in two-byte letters",
        ),
        case(
            "newline-name",
            "MB\n2026-H1.xlsx: accepted\x1b[2J\r.xlsx",
            _resaved(mb, 2),
            (),
            status="accepted",
            about="a name with a newline and an escape sequence",
        ),
    ]
    for spelling, cell in formula_spellings(spent).items():
        data = edit_sheet(mb, "Measures", lambda x, c=cell: replace_cell(x, spent, c))
        cases.append(
            case(
                f"formula-{spelling}",
                f"formula-{spelling}.xlsx",
                data,
                ("return-formula",),
                about=f"=1000*2 cached as 5, {spelling}",
            )
        )
    unidentified = {"file-corrupt", "file-strict-ooxml", "file-data-connections"}
    return [replace(c, institution="" if unidentified & set(c.codes) else "MB") for c in cases]


def _with_connection(data: bytes) -> bytes:
    connection = (
        f'<connections xmlns="{MAIN}"><connection id="1" name="Rates" type="4" '
        'refreshOnLoad="1"><webPr url="http://example.invalid/rates.html"/></connection>'
        "</connections>"
    ).encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"
    return repack(
        data,
        {
            "xl/connections.xml": connection,
            "[Content_Types].xml": content_types(data, ("xl/connections.xml", kind)),
        },
    )


def _resaved(data: bytes, n: int) -> bytes:
    """The same return with other bytes (another copy, not a duplicate of the first)."""
    core = parts(data)["docProps/core.xml"]
    mark = f"<!-- copy {n} --></cp:coreProperties>".encode()
    return repack(data, {"docProps/core.xml": core.replace(b"</cp:coreProperties>", mark)})
