"""Write one reporting template (.xlsx bytes) from its content: the edge of generation.

Sheets in the contract's order: Instructions, Cover, Measures, Indicators, then the hidden helper
sheets Lists (dropdown values) and Identity. On Cover, Measures and Indicators: a banner (rows
1-2), the hidden key row (3), the visible header (4) and data from row 5. Every sheet is protected
with a SHA-512 password hash and the workbook structure is locked; input cells are unlocked and
yellow.

Each sheet is written by the module that owns it (:mod:`~nsm_excel.template.instructions_sheet`,
:mod:`~nsm_excel.template.table_sheets`, :mod:`~nsm_excel.template.helper_sheets`); this module
assembles them into one workbook.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from nsm_excel.store.config import Config
from nsm_excel.template import helper_sheets, instructions_sheet, sheet_setup, table_sheets
from nsm_excel.template.columns import INDICATOR_COLUMNS, MEASURE_COLUMNS
from nsm_excel.template.content import Identity, TemplateContent
from nsm_excel.template.layout import IDENTITY_SHEET, LISTS_SHEET
from nsm_excel.template.protection import PasswordHash
from nsm_excel.template.table_sheets import cover_values

__all__ = ["cover_values", "render"]


def render(
    content: TemplateContent, identity: Identity, config: Config, hashed: PasswordHash
) -> bytes:
    """The template workbook as .xlsx bytes."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Instructions"
    instructions_sheet.write(ws, content, config)
    table_sheets.cover(book.create_sheet("Cover"), content, identity, config)
    measures, indicators = book.create_sheet("Measures"), book.create_sheet("Indicators")
    table_sheets.table(measures, MEASURE_COLUMNS, content.measures, content, config, 2)
    table_sheets.table(indicators, INDICATOR_COLUMNS, content.indicators, content, config)
    helper_sheets.lists(book, book.create_sheet(LISTS_SHEET), content.language)
    helper_sheets.identity_sheet(book.create_sheet(IDENTITY_SHEET), identity)
    helper_sheets.identity_elsewhere(book, identity, content, config)
    for sheet in book.worksheets:
        sheet_setup.protect(sheet, hashed)
    sheet_setup.lock_structure(book, hashed)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
