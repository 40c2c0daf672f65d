"""The feedback workbook: the institution's own file, its values kept, every problem at its cell.

A first sheet, ``Feedback``, lists all problems with a link to each cell; each problem cell is
coloured (red for an error, amber for a warning, blue for an error the secretariat accepted) and
carries a comment with the message in the institution's language and in English. The institution
fixes the marked cells and sends the same file again; the validator ignores the ``Feedback`` sheet.

The copy holds no formula and no link the secretariat did not write: a formula in the returned
file is written back as its text (with the quote prefix, so it stays text), links to other files
and cell hyperlinks are dropped. Every text written (messages, the sheet names and values they
echo) goes through :mod:`nsm_excel.cell_text`.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import OVERRIDDEN, Issue, Severity
from nsm_excel.core.words import BESIDE, Word
from nsm_excel.intake.feedback import changes_list
from nsm_excel.intake.feedback.row_heights import grow_rows
from nsm_excel.intake.structure.sheet_names import FEEDBACK_SHEET
from nsm_excel.template.changes import Change
from nsm_excel.template.layout import fit_height

FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}
OVERRIDDEN_FILL = PatternFill("solid", fgColor="DDEBF7")  # an error the secretariat accepted
OVERRIDDEN_WORD = Word("feedback.overridden")
AUTHOR = "NSM secretariat"
_SHEET = r"(?:(?:'[^'\[\]\\/:*?]+'|[A-Za-z0-9_.]+)!)?"  # a sheet of this workbook, never a file
_CELL = r"\$?[A-Z]{1,3}\$?[0-9]{1,7}"
_SAFE_FORMULA = re.compile(
    rf"^\s*(?:-?[0-9]+(?:\.[0-9]+)?|\"[^\"]*\"|{_SHEET}{_CELL}(?::{_CELL})?"
    rf"|{_SHEET}\$?[0-9]+:\$?[0-9]+|[A-Za-z_][A-Za-z0-9_.]*)\s*$"
)
MAX_FLOAT = int(sys.float_info.max)
HEADINGS = tuple(
    Word(f"feedback.heading.{key}")
    for key in ("number", "sheet", "cell", "problem", "problem-beside", "severity", "code")
)
WIDTHS = (5.0, 12.0, 8.0, 60.0, 60.0, 9.0, 26.0)
TITLE = Word("feedback.title")
TITLE_ACCEPTED = Word("feedback.title_accepted")  # warnings only: the return is counted
TITLE_KEPT = Word("feedback.title_kept")  # rejected for the period's state only: nothing to correct
TITLE_CHANGES = Word("feedback.title_changes")  # no remark: a resend's changes taken
_PERIOD_CODES = frozenset({C.RETURN_PERIOD_CLOSED, C.RETURN_PERIOD_NOT_OPEN})


class NoFeedback(Exception):
    """The returned file cannot be opened as a workbook, so no feedback copy can be made."""


def build(
    data: bytes,
    issues: Sequence[Issue],
    lang: str,
    note: str = "",
    changes: Sequence[Change] = (),
) -> bytes:
    """The feedback workbook for the returned ``data``; ``note`` replaces its title;
    ``changes``, those of a resend against the return it replaces, listed below the problems."""
    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as exc:  # any failure to open means: no copy to annotate
        raise NoFeedback(str(exc)) from exc
    if FEEDBACK_SHEET in book.sheetnames:
        del book[FEEDBACK_SHEET]  # the list of an earlier round
    _neutralise(book)
    for issue in issues:
        _mark(book, issue, lang)
    for ws in book.worksheets:
        if isinstance(ws, Worksheet):
            grow_rows(ws)
    sheet = book.create_sheet(FEEDBACK_SHEET, 0)
    _list(sheet, issues, lang, note)
    if not issues and not note:  # only the changes to tell
        _only_changes(sheet, lang)
    changes_list.write(sheet, changes, lang, WIDTHS)
    book.active = 0
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = ws.title == FEEDBACK_SHEET
    out = io.BytesIO()
    try:
        book.save(out)
    except Exception as exc:  # a part of the return that openpyxl reads but cannot write back
        raise NoFeedback(str(exc)) from exc
    return out.getvalue()


def _only_changes(ws: Worksheet, lang: str) -> None:
    cell_text.put(ws["A1"], TITLE_CHANGES.shown(lang, "\n"))
    ws["A1"].font = Font(bold=True, size=13, color="1F4E78")
    for cell in ws[3]:
        cell.value = None


def _neutralise(book: Any) -> None:
    """Formulas become their text, hyperlinks and links to other workbooks are dropped, and so
    are the formulas the sender put elsewhere: in defined names, conditional formats and data
    validations, only references, numbers and quoted lists are kept."""
    book._external_links = []
    _keep_safe_names(book.defined_names)
    for ws in book.worksheets:
        _keep_safe_names(getattr(ws, "defined_names", {}))
        _keep_safe_rules(ws)
        for cell in list(getattr(ws, "_cells", {}).values()):  # a chart sheet has none
            if cell.hyperlink is not None:
                cell.hyperlink = None
            if cell.data_type == "f":
                cell_text.put(cell, _formula_text(cell.value) or None)


def safe_formula(text: Any) -> bool:
    """A number, a quoted text or list, a reference (to a cell, range or rows) or a name:
    nothing that calls a function, another program (DDE) or another file."""
    return text is None or bool(_SAFE_FORMULA.match(str(text)))


def _keep_safe_names(names: Any) -> None:
    for name in list(names):
        if not safe_formula(names[name].attr_text):
            del names[name]


def _keep_safe_rules(ws: Any) -> None:
    rules = getattr(getattr(ws, "conditional_formatting", None), "_cf_rules", {})
    for where, kept in list(rules.items()):  # iterating the list itself resets each range's rules
        rules[where] = [rule for rule in kept if all(map(safe_formula, rule.formula or ()))]
    validations = getattr(ws, "data_validations", None)
    if validations is not None:
        validations.dataValidation = [
            v
            for v in validations.dataValidation
            if safe_formula(v.formula1) and safe_formula(v.formula2)
        ]


def _formula_text(formula: Any) -> str:
    """A formula as typed: '=A1*2'; an array formula's text; '' for a data table."""
    if isinstance(formula, str):
        return formula
    text = getattr(formula, "text", None)
    return str(text) if text else ""


def _mark(book: object, issue: Issue, lang: str) -> None:
    sheetnames = getattr(book, "sheetnames", [])
    if not issue.sheet or not issue.cell or issue.sheet not in sheetnames:
        return
    ws = book[issue.sheet]  # type: ignore[index]
    cell = ws[issue.cell]
    if isinstance(cell, MergedCell):  # only the first cell of a merged range holds anything
        merged = next(r for r in ws.merged_cells.ranges if issue.cell in r)
        cell = ws.cell(merged.min_row, merged.min_col)
    cell.fill = _fill(issue)
    if isinstance(cell.value, int) and abs(cell.value) > MAX_FLOAT:
        cell.value = str(
            cell.value
        )  # 400 digits: kept as the text they are, not written as a number
    text = _message(issue, lang)
    if cell.comment is not None and AUTHOR in (cell.comment.author or ""):
        text = f"{cell.comment.text}\n\n{text}"
    cell.comment = Comment(cell_text.shown(text), AUTHOR, width=360, height=160)


def _overridden(issue: Issue) -> bool:
    return bool(issue.params.get(OVERRIDDEN))


def _fill(issue: Issue) -> PatternFill:
    """Red for an error, amber for a warning, blue for an error the secretariat accepted."""
    return OVERRIDDEN_FILL if _overridden(issue) else FILLS[issue.severity]


def _severity(issue: Issue, lang: str) -> str:
    if _overridden(issue):
        return OVERRIDDEN_WORD.shown(lang)
    return Word(f"severity.{issue.severity.value}").shown(lang)


def _message(issue: Issue, lang: str) -> str:
    own = issue.message(lang)
    return own if lang == BESIDE else f"{own}\n\n{issue.message(BESIDE)}"


def _period_only(issues: Sequence[Issue]) -> bool:
    """Whether the only errors are the period's state: the file itself needs no correction."""
    errors = [i.code for i in issues if i.severity == Severity.ERROR]
    return bool(errors) and all(code in _PERIOD_CODES for code in errors)


def _list(ws: Worksheet, issues: Sequence[Issue], lang: str, note: str = "") -> None:
    title = TITLE_KEPT if _period_only(issues) else TITLE
    if not any(i.severity == Severity.ERROR and not _overridden(i) for i in issues):
        title = TITLE_ACCEPTED
    cell_text.put(ws["A1"], note or title.shown(lang, "\n"))
    ws["A1"].font = Font(bold=True, size=13, color="9C0006")
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A1:G1")
    ws.row_dimensions[1].height = 36
    for column, heading in enumerate(HEADINGS, start=1):
        cell = ws.cell(row=3, column=column)
        beside = heading.key.endswith("-beside")  # the column of English, when it is not the own
        cell_text.put(cell, "" if beside and lang == BESIDE else heading.get(lang))
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, issue in enumerate(issues, start=1):
        row = 3 + n
        own = cell_text.shown(issue.message(lang))
        english = cell_text.shown(issue.message(BESIDE)) if lang != BESIDE else ""
        values: tuple[int | str, ...] = (
            n,
            issue.sheet,
            issue.cell,
            own,
            english,
            _severity(issue, lang),
            issue.code,
        )
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=column)
            cell_text.put(cell, value)
            cell.alignment = wrap
        ws.cell(row=row, column=6).fill = _fill(issue)
        if issue.sheet and issue.cell:
            link = ws.cell(row=row, column=3)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=cell_text.sheet_ref(issue.sheet, issue.cell)
            )
            link.font = Font(color="0563C1", underline="single")
        ws.row_dimensions[row].height = fit_height([(own, WIDTHS[3]), (english, WIDTHS[4])])
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "3:3"
