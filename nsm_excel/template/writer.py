"""Write one reporting template (.xlsx bytes) from its content: the edge of generation.

Sheets in the contract's order: Instructions, Cover, Measures, Indicators, then the hidden helper
sheets Lists (dropdown values) and Identity. On Cover, Measures and Indicators: a banner (rows
1-2), the hidden key row (3), the visible header (4) and data from row 5. Every sheet is protected
with a SHA-512 password hash and the workbook structure is locked; input cells are unlocked and
yellow.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text, labels
from nsm_excel.core.labels import Text
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import TEXT_ENTRY, Entry, EntryType
from nsm_excel.store.config import Config
from nsm_excel.template import instructions
from nsm_excel.template.columns import (
    COVER_FIELDS,
    COVER_KEYS,
    DATE_FORMAT,
    INDICATOR_COLUMNS,
    MEASURE_COLUMNS,
    TemplateColumn,
    ValueKind,
)
from nsm_excel.template.content import Identity, TemplateContent
from nsm_excel.template.layout import (
    COVER_WIDTHS,
    FIRST_ROW,
    HEADER_ROW,
    IDENTITY_PREFIX,
    INSTRUCTIONS_WIDTH,
    KEY_ROW,
    STATUS_LIST,
    YES_NO_LIST,
    fit_height,
)
from nsm_excel.template.protection import PasswordHash

NAVY = "1F3864"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
CLOSED_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def render(
    content: TemplateContent, identity: Identity, config: Config, hashed: PasswordHash
) -> bytes:
    """The template workbook as .xlsx bytes."""
    book = Workbook()
    lang = content.language
    ws = book.active
    assert ws is not None
    ws.title = "Instructions"
    _instructions(ws, content, config)
    _cover(book.create_sheet("Cover"), content, identity, config)
    _table(book.create_sheet("Measures"), MEASURE_COLUMNS, content.measures, content, config)
    _table(book.create_sheet("Indicators"), INDICATOR_COLUMNS, content.indicators, content, config)
    _lists(book, book.create_sheet("Lists"), lang)
    _identity_sheet(book.create_sheet("Identity"), identity)
    _identity_elsewhere(book, identity, content, config)
    for sheet in book.worksheets:
        _protect(sheet, hashed)
    book.security = WorkbookProtection(
        lockStructure=True,
        workbookAlgorithmName=hashed.algorithm,
        workbookHashValue=hashed.hash_value,
        workbookSaltValue=hashed.salt_value,
        workbookSpinCount=hashed.spin_count,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(ws: Worksheet, content: TemplateContent, config: Config) -> None:
    lang = content.language
    context = instructions.Context(
        strategy=Text(config.strategy_name_sq, config.strategy_name_en),
        institution=Text(
            f"{content.institution.code} · {content.institution.name_sq}",
            f"{content.institution.code} · {content.institution.name_en}",
        ),
        period=content.period.code,
        deadline=content.deadline,
        contact_name=config.secretariat_name,
        contact_email=config.secretariat_email,
        contact_phone=config.secretariat_phone,
        measures=len(content.measures),
        indicators=len(content.indicators),
    )
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    fonts = {
        "title": Font(bold=True, size=16, color=NAVY),
        "heading": Font(bold=True, size=12, color=NAVY),
        "status": Font(italic=True),
    }
    for row, (style, line) in enumerate(instructions.lines(context, lang), start=1):
        cell = _text(ws, row, 1, line)
        cell.alignment = WRAP
        if style in fonts:
            cell.font = fonts[style]
        if style == "status":
            cell.alignment = Alignment(wrap_text=True, indent=2)
        lines = 2 if style == "title" else 1
        height = fit_height([(_shown(line), INSTRUCTIONS_WIDTH * 0.9)], lines)
        ws.row_dimensions[row].height = height
    _print_setup(ws, title_row=None, landscape=False)


def _banner(ws: Worksheet, content: TemplateContent, config: Config, last_column: int) -> None:
    lang = content.language
    strategy = config.strategy_name(lang)
    banner = labels.BANNER.shown(lang, " · ", period=content.period.code)
    _text(ws, 1, 1, f"{strategy} · {banner}").font = Font(bold=True, size=14, color=NAVY)
    institution = f"{content.institution.code} · {content.institution.name(lang)}"
    deadline = content.deadline.strftime("%d.%m.%Y")
    subtitle = labels.SUBTITLE.get(lang, institution=institution, deadline=deadline)
    _text(ws, 2, 1, subtitle).font = Font(italic=True, color="404040")
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 30


def _header(
    ws: Worksheet, keys: Sequence[str], texts: Sequence[str], widths: Sequence[float]
) -> None:
    for index, (key, text) in enumerate(zip(keys, texts, strict=True), start=1):
        _text(ws, KEY_ROW, index, key).font = Font(color="808080", size=8)
        cell = _text(ws, HEADER_ROW, index, text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BORDER
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = fit_height(
        list(zip(texts, [w * 0.85 for w in widths], strict=True))
    )


def _cover(ws: Worksheet, content: TemplateContent, identity: Identity, config: Config) -> None:
    lang = content.language
    _banner(ws, content, config, len(COVER_KEYS))
    header = [
        labels.Text("Fusha", "Field"),
        labels.Text("Përshkrimi", "Item"),
        labels.Text("Vlera", "Value"),
    ]
    _header(ws, COVER_KEYS, [h.shown(lang, "\n") for h in header], COVER_WIDTHS)
    locked = cover_values(content, identity, config)
    validations = _Validations(ws, content, config)
    for offset, field in enumerate(COVER_FIELDS):
        row = FIRST_ROW + offset
        key_cell = _text(ws, row, 1, field.key)
        key_cell.font = Font(color="808080", size=9)
        key_cell.alignment = WRAP
        label_cell = _text(ws, row, 2, field.label.shown(lang))
        label_cell.font = Font(bold=True)
        label_cell.alignment = WRAP
        cell = _text(ws, row, 3, locked.get(field.key))
        _style(cell, field, field.input)
        if field.kind is ValueKind.DATE:
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left", vertical="top")
        label = field.label.shown(lang)
        ws.row_dimensions[row].height = fit_height(
            [(label, 36)], 3 if field.key == "remarks" else 1
        )
        if field.input:
            validations.add(field, cell.coordinate, {})
        for column in (1, 2):
            ws.cell(row=row, column=column).border = BORDER
            ws.cell(row=row, column=column).fill = LOCKED_FILL
    for letter, width in zip("ABC", COVER_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"
    _print_setup(ws, title_row=HEADER_ROW, landscape=False)


def cover_values(content: TemplateContent, identity: Identity, config: Config) -> dict[str, Any]:
    """The Cover's locked values, as written (the register keeps them to check returns)."""
    lang = content.language
    return {
        "strategy": config.strategy_name(lang),
        "institution": content.institution.code,
        "institution_name": content.institution.name(lang),
        "period": content.period.code,
        "deadline": content.deadline,
        "template_id": identity.template_id,
        "template_version": str(identity.version),
        "plan_version": identity.plan_version,
    }


def _table(
    ws: Worksheet,
    columns: Sequence[TemplateColumn],
    rows: Sequence[dict[str, Any]],
    content: TemplateContent,
    config: Config,
) -> None:
    lang = content.language
    _banner(ws, content, config, len(columns))
    texts = [c.label.shown(lang, "\n") for c in columns]
    _header(ws, [c.key for c in columns], texts, [c.width for c in columns])
    validations = _Validations(ws, content, config)
    for offset, values in enumerate(rows):
        row = FIRST_ROW + offset
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index)
            open_here = column.is_input_on(values)
            if not column.input:
                cell_text.put(cell, values.get(column.key))
            _style(cell, column, open_here)
            if column.kind is ValueKind.ACTUAL and units.unit(values.get("unit")).number_format:
                cell.number_format = units.unit(values.get("unit")).number_format
            if column.input and not open_here:
                cell.fill = CLOSED_FILL
            if open_here:
                validations.add(column, cell.coordinate, values)
        cells = [(_shown(values.get(c.key)), c.width) for c in columns if not c.input]
        ws.row_dimensions[row].height = fit_height(cells, minimum_lines=2)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"B{FIRST_ROW}"
    _print_setup(ws, title_row=HEADER_ROW, landscape=True)


def _text(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """The cell at (``row``, ``column``) holding ``value``, text written safely."""
    cell = ws.cell(row=row, column=column)
    cell_text.put(cell, value)
    return cell


def _shown(value: Any) -> Any:
    return cell_text.shown(value) if isinstance(value, str) else value


def _style(cell: Any, column: TemplateColumn, open_here: bool) -> None:
    cell.border = BORDER
    cell.alignment = WRAP
    if column.number_format:
        cell.number_format = column.number_format
    if open_here:
        cell.fill = INPUT_FILL
        cell.protection = UNLOCKED
    else:
        cell.fill = LOCKED_FILL


class _Validations:
    """Data validations of one sheet, one per kind of rule, each covering many cells."""

    def __init__(self, ws: Worksheet, content: TemplateContent, config: Config) -> None:
        self.ws = ws
        self.lang = content.language
        self.first_day = dt.date(min(config.years), 1, 1)
        self.last_day = max(content.deadline, dt.date(max(config.years), 12, 31))
        self.rules: dict[tuple[str, ValueKind], DataValidation] = {}

    def add(self, column: TemplateColumn, coordinate: str, row: dict[str, Any]) -> None:
        kind = _entry_kind(column, row)
        key = (column.key, kind)
        if key not in self.rules:
            self.rules[key] = self._make(column, kind)
            self.ws.add_data_validation(self.rules[key])
        self.rules[key].add(coordinate)

    def _make(self, column: TemplateColumn, kind: ValueKind) -> DataValidation:
        entry = kind.entry or TEXT_ENTRY
        rule = self._rule(kind, entry)
        rule.showInputMessage = True
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
        rule.promptTitle = column.label.get(self.lang)[:32]
        rule.prompt = (column.help.shown(self.lang, "\n") if column.help else "")[:255]
        rule.errorTitle = labels.INPUT_ERROR_TITLE.get(self.lang)[:32]
        rule.error = entry.error_word.shown(self.lang, "\n")[:225]
        return rule

    def _rule(self, kind: ValueKind, entry: Entry) -> DataValidation:
        """The validation of ``entry``: a dropdown, a range, a lower or an upper bound."""
        if entry.type == "list":
            return DataValidation("list", formula1=LISTS[kind], allow_blank=True)
        low, high = entry.low, entry.high
        if entry.type == "date":
            low, high = str(_serial(self.first_day)), str(_serial(self.last_day))
        if low is not None and high is not None:
            return _between(entry.type, low, high)
        if low is not None:
            return DataValidation(entry.type, operator="greaterThanOrEqual", formula1=low)
        return DataValidation(entry.type, operator="lessThanOrEqual", formula1=high)


LISTS = {ValueKind.STATUS: STATUS_LIST, ValueKind.YES_NO: YES_NO_LIST}


def _entry_kind(column: TemplateColumn, row: dict[str, Any]) -> ValueKind:
    """The kind whose validation a cell gets: an indicator's value gets its unit's."""
    return units.unit(row.get("unit")).entry if column.kind is ValueKind.ACTUAL else column.kind


def _between(kind: EntryType, low: str, high: str) -> DataValidation:
    rule = DataValidation(kind, operator="between", formula1=low, formula2=high)
    rule.allow_blank = True
    return rule


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _lists(book: Workbook, ws: Worksheet, lang: str) -> None:
    _text(ws, 1, 1, "status")
    _text(ws, 1, 2, "yes_no")
    for row, label in enumerate(labels.STATUSES.values(), start=2):
        _text(ws, row, 1, label.shown(lang))
    for row, label in enumerate(labels.YES_NO.values(), start=2):
        _text(ws, row, 2, label.shown(lang))
    last_status = 1 + len(labels.STATUSES)
    last_yes_no = 1 + len(labels.YES_NO)
    book.defined_names[STATUS_LIST] = DefinedName(
        STATUS_LIST, attr_text=f"Lists!$A$2:$A${last_status}"
    )
    book.defined_names[YES_NO_LIST] = DefinedName(
        YES_NO_LIST, attr_text=f"Lists!$B$2:$B${last_yes_no}"
    )
    ws.column_dimensions["A"].width = 48
    ws.sheet_state = "hidden"


def _identity_sheet(ws: Worksheet, identity: Identity) -> None:
    _text(ws, 1, 1, "key")
    _text(ws, 1, 2, "value")
    for row, (key, value) in enumerate(identity.as_dict().items(), start=2):
        _text(ws, row, 1, key)
        _text(ws, row, 2, value)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def _identity_elsewhere(
    book: Workbook, identity: Identity, content: TemplateContent, config: Config
) -> None:
    for key, value in identity.as_dict().items():
        prop = StringProperty(name=IDENTITY_PREFIX + key, value=value)
        book.custom_doc_props.append(prop)  # type: ignore[attr-defined]
        name = (IDENTITY_PREFIX + key).upper()
        book.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')
    book.properties.creator = "nsm-excel"
    title = f"{config.strategy_code} {content.period.code} {content.institution.code}"
    book.properties.title = cell_text.shown(title)


def _protect(ws: Worksheet, hashed: PasswordHash) -> None:
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


def _print_setup(ws: Worksheet, title_row: int | None, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
