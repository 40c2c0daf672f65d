"""How a template's sheets and workbook are protected and how each sheet prints."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.template.protection import PasswordHash


def protect(ws: Worksheet, hashed: PasswordHash) -> None:
    """The sheet locked with the password's hash; only unlocked cells can be selected."""
    ws.protection = SheetProtection(
        sheet=True,
        algorithmName=hashed.algorithm,
        hashValue=hashed.hash_value,
        saltValue=hashed.salt_value,
        spinCount=hashed.spin_count,
        formatColumns=False,
        formatRows=False,
        selectLockedCells=False,
        selectUnlockedCells=False,
    )


def lock_structure(book: Workbook, hashed: PasswordHash) -> None:
    """No sheet can be added, removed, renamed or moved without the password."""
    book.security = WorkbookProtection(
        lockStructure=True,
        workbookAlgorithmName=hashed.algorithm,
        workbookHashValue=hashed.hash_value,
        workbookSaltValue=hashed.salt_value,
        workbookSpinCount=hashed.spin_count,
    )


def print_setup(ws: Worksheet, title_row: int | None, landscape: bool, pages_wide: int = 1) -> None:
    """A4, ``pages_wide`` pages wide, without gridlines; ``title_row`` repeated on every page
    and, on a table printed on more than one page across, its first column too."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = pages_wide
    if pages_wide > 1:
        ws.print_title_cols = "A:A"
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
