"""The feedback workbook: the institution's own file, its values kept, every problem at its cell.

A first sheet, ``Feedback``, lists all problems with a link to each cell; each problem cell is
coloured (red for an error, amber for a warning) and carries a comment with the message in the
institution's language and in English. The institution fixes the marked cells and sends the same
file again; the validator ignores the ``Feedback`` sheet.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.issues import Issue, Severity
from nsm_excel.return_structure import FEEDBACK_SHEET

FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}
AUTHOR = "NSM secretariat"
HEADINGS = {
    "sq": ("Nr.", "Lloji", "Kodi", "Fleta", "Qeliza", "Problemi", "Problem (English)"),
    "en": ("No.", "Severity", "Code", "Sheet", "Cell", "Problem", ""),
}
TITLE = {
    "sq": "Vërejtje për raportin tuaj: korrigjoni qelizat e shënuara dhe ridërgoni të njëjtin "
    "skedar.",
    "en": "Remarks on your report: correct the marked cells and send the same file again.",
}


class NoFeedback(Exception):
    """The returned file cannot be opened as a workbook, so no feedback copy can be made."""


def build(data: bytes, issues: Sequence[Issue], lang: str) -> bytes:
    """The feedback workbook for the returned ``data``."""
    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as exc:  # any failure to open means: no copy to annotate
        raise NoFeedback(str(exc)) from exc
    if FEEDBACK_SHEET in book.sheetnames:
        del book[FEEDBACK_SHEET]  # the list of an earlier round
    for issue in issues:
        _mark(book, issue, lang)
    sheet = book.create_sheet(FEEDBACK_SHEET, 0)
    _list(sheet, issues, lang)
    book.active = 0
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = ws.title == FEEDBACK_SHEET
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mark(book: object, issue: Issue, lang: str) -> None:
    sheetnames = getattr(book, "sheetnames", [])
    if not issue.sheet or not issue.cell or issue.sheet not in sheetnames:
        return
    cell = book[issue.sheet][issue.cell]  # type: ignore[index]
    cell.fill = FILLS[issue.severity]
    text = _message(issue, lang)
    if cell.comment is not None and AUTHOR in (cell.comment.author or ""):
        text = f"{cell.comment.text}\n\n{text}"
    cell.comment = Comment(text, AUTHOR, width=360, height=160)


def _message(issue: Issue, lang: str) -> str:
    own = issue.message(lang)
    return own if lang == "en" else f"{own}\n\n{issue.message('en')}"


def _list(ws: Worksheet, issues: Sequence[Issue], lang: str) -> None:
    ws["A1"] = TITLE[lang] if lang == "en" else f"{TITLE['sq']}\n{TITLE['en']}"
    ws["A1"].font = Font(bold=True, size=13, color="9C0006")
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A1:G1")
    ws.row_dimensions[1].height = 36
    headings = HEADINGS[lang]
    for column, text in enumerate(headings, start=1):
        ws.cell(row=3, column=column, value=text).font = Font(bold=True)
    for n, issue in enumerate(issues, start=1):
        row = 3 + n
        ws.cell(row=row, column=1, value=n)
        severity = ws.cell(row=row, column=2, value=issue.severity.value)
        severity.fill = FILLS[issue.severity]
        ws.cell(row=row, column=3, value=issue.code)
        ws.cell(row=row, column=4, value=issue.sheet)
        link = ws.cell(row=row, column=5, value=issue.cell)
        if issue.sheet and issue.cell:
            link.hyperlink = f"#'{issue.sheet}'!{issue.cell}"
            link.font = Font(color="0563C1", underline="single")
        ws.cell(row=row, column=6, value=issue.message(lang)).alignment = Alignment(wrap_text=True)
        if lang != "en":
            english = ws.cell(row=row, column=7, value=issue.message("en"))
            english.alignment = Alignment(wrap_text=True)
    for letter, width in zip("ABCDEFG", (6, 10, 28, 12, 9, 70, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
