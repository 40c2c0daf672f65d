"""The changes a resend made, listed on the feedback sheet below its problems.

When an accepted return replaces the institution's earlier accepted return of the period, its
feedback lists every cell whose answer changed (sheet, cell, the row's code and the column,
before, after) and every row added or gone, so the institution sees what was taken. The list is
made from :func:`nsm_excel.template.changes.between`, worked out by the run from the records; the
section only lays it out, in the institution's language, with a link to each cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text
from nsm_excel.core.words import Word
from nsm_excel.template.changes import CHANGED, Change, shown_value, where
from nsm_excel.template.layout import fit_height

TITLE = Word("feedback.changes.title")
HEADINGS = tuple(
    Word(f"feedback.changes.heading.{key}")
    for key in ("number", "sheet", "cell", "before", "after", "kind", "what")
)
KIND = {kind: Word(f"feedback.changes.kind.{kind}") for kind in (CHANGED, "added", "gone")}
FILL = PatternFill("solid", fgColor="DDEBF7")


def write(ws: Worksheet, changes: Sequence[Change], lang: str, widths: Sequence[float]) -> None:
    """The section after the last row of ``ws`` (columns as the problems': A to G)."""
    if not changes:
        return
    top = ws.max_row + 2
    title = ws.cell(row=top, column=1)
    cell_text.put(title, TITLE.get(lang, count=len(changes)))
    title.font = Font(bold=True, size=12, color="1F4E78")
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(HEADINGS))
    for column, heading in enumerate(HEADINGS, start=1):
        cell = ws.cell(row=top + 1, column=column)
        cell_text.put(cell, heading.get(lang))
        cell.font, cell.fill = Font(bold=True), FILL
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, change in enumerate(changes, start=1):
        row = top + 1 + n
        before, after = _values(change, lang)
        values = (n, change.sheet, change.cell, before, after, KIND[change.kind].get(lang))
        for column, value in enumerate((*values, where(change, lang)), start=1):
            cell = ws.cell(row=row, column=column)
            cell_text.put(cell, value)
            cell.alignment = wrap
        link = ws.cell(row=row, column=3)
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location=cell_text.sheet_ref(change.sheet, change.cell)
        )
        link.font = Font(color="0563C1", underline="single")
        ws.row_dimensions[row].height = fit_height([(before, widths[3]), (after, widths[4])])


def _values(change: Change, lang: str) -> tuple[str, str]:
    if change.kind != CHANGED:
        return "", ""
    before = cell_text.shown(shown_value(change.before, lang))
    return before, cell_text.shown(shown_value(change.after, lang))
