"""The hidden helper sheets of a template (the dropdowns' Lists, the Identity) and its identity
stated again in the custom properties and defined names."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text, labels
from nsm_excel.store.config import Config
from nsm_excel.template.content import Identity, TemplateContent
from nsm_excel.template.layout import (
    IDENTITY_PREFIX,
    LISTS_KEYS,
    LISTS_SHEET,
    STATUS_LIST,
    YES_NO_LIST,
)
from nsm_excel.template.styles import text


def lists(book: Workbook, ws: Worksheet, lang: str) -> None:
    """The dropdowns' labels in ``lang``, statuses in column A and yes/no in B, each named."""
    for column, key in enumerate(LISTS_KEYS, start=1):
        text(ws, 1, column, key)
    for row, label in enumerate(labels.STATUSES.values(), start=2):
        text(ws, row, 1, label.shown(lang))
    for row, label in enumerate(labels.YES_NO.values(), start=2):
        text(ws, row, 2, label.shown(lang))
    last_status = 1 + len(labels.STATUSES)
    last_yes_no = 1 + len(labels.YES_NO)
    book.defined_names[STATUS_LIST] = DefinedName(
        STATUS_LIST, attr_text=f"{LISTS_SHEET}!$A$2:$A${last_status}"
    )
    book.defined_names[YES_NO_LIST] = DefinedName(
        YES_NO_LIST, attr_text=f"{LISTS_SHEET}!$B$2:$B${last_yes_no}"
    )
    ws.column_dimensions["A"].width = 48
    ws.sheet_state = "hidden"


def identity_sheet(ws: Worksheet, identity: Identity) -> None:
    """One identity field a row, its key beside its value."""
    text(ws, 1, 1, "key")
    text(ws, 1, 2, "value")
    for row, (key, value) in enumerate(identity.as_dict().items(), start=2):
        text(ws, row, 1, key)
        text(ws, row, 2, value)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def identity_elsewhere(
    book: Workbook, identity: Identity, content: TemplateContent, config: Config
) -> None:
    """The identity again as custom properties and defined names, and the file's title."""
    for key, value in identity.as_dict().items():
        prop = StringProperty(name=IDENTITY_PREFIX + key, value=value)
        book.custom_doc_props.append(prop)  # type: ignore[attr-defined]
        name = (IDENTITY_PREFIX + key).upper()
        book.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')
    book.properties.creator = "nsm-excel"
    title = f"{config.strategy_code} {content.period.code} {content.institution.code}"
    book.properties.title = cell_text.shown(title)
