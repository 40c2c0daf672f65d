"""The sheets an institution answers on: Cover (one field a row) and the Measures and Indicators
tables (one plan row a row), each below its banner, key row and header."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import cell_text
from nsm_excel.core.labels import YES_NO
from nsm_excel.core.vocab import units
from nsm_excel.core.words import Word
from nsm_excel.store.config import Config
from nsm_excel.template import sheet_setup
from nsm_excel.template.carry import PREFILLED
from nsm_excel.template.columns import DATE_FORMAT, TemplateColumn, ValueKind
from nsm_excel.template.content import Identity, TemplateContent
from nsm_excel.template.cover_fields import COVER_FIELDS, COVER_KEYS
from nsm_excel.template.layout import COVER_WIDTHS, FIRST_ROW, HEADER_ROW, fit_height
from nsm_excel.template.styles import (
    BORDER,
    CLOSED_FILL,
    LOCKED_FILL,
    WRAP,
    Looks,
    banner,
    header,
    shown,
    style,
    text,
)
from nsm_excel.template.validations import Validations

PLAN_VERSION = Word("template.cover.plan-version")
PLAN_CHECK = Word("template.cover.plan-check")
NO_COST = Word("template.no-cost")
COVER_HEADER = tuple(Word(f"template.cover-header.{key}") for key in ("field", "item", "value"))


def cover(ws: Worksheet, content: TemplateContent, identity: Identity, config: Config) -> None:
    lang = content.language
    banner(ws, content, config, len(COVER_KEYS))
    header(ws, COVER_KEYS, [h.shown(lang, "\n") for h in COVER_HEADER], COVER_WIDTHS)
    locked = cover_values(content, identity, config)
    validations = Validations(ws, content, config)
    for offset, field in enumerate(COVER_FIELDS):
        row = FIRST_ROW + offset
        key_cell = text(ws, row, 1, field.key)
        key_cell.font = Font(color="808080", size=9)
        key_cell.alignment = WRAP
        label = field.label.shown(lang)
        label_cell = text(ws, row, 2, label)
        label_cell.font = Font(bold=True)
        label_cell.alignment = WRAP
        cell = text(ws, row, 3, locked.get(field.key))
        style(cell, field, field.input)
        if field.kind is ValueKind.DATE:
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="left", vertical="top")
        lines = 3 if field.key == "remarks" else 1
        shown_value = shown(locked.get(field.key))
        ws.row_dimensions[row].height = fit_height([(label, 36), (shown_value, 60)], lines)
        if field.input:
            validations.add(field, cell.coordinate, {})
        for column in (1, 2):
            ws.cell(row=row, column=column).border = BORDER
            ws.cell(row=row, column=column).fill = LOCKED_FILL
    for letter, width in zip("ABC", COVER_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["A"].hidden = True  # the field keys, for programs
    ws.freeze_panes = f"A{FIRST_ROW}"
    sheet_setup.print_setup(ws, title_row=HEADER_ROW, landscape=False)


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
        "plan_version": plan_version(identity, lang),
    }


def plan_version(identity: Identity, lang: str) -> str:
    """The plan version as people know it (its number and first day), with its check code."""
    code = identity.plan_version
    if identity.plan_number and identity.plan_effective:
        day = identity.plan_effective.strftime("%d.%m.%Y")
        return PLAN_VERSION.get(lang, number=identity.plan_number, day=day, code=code)
    return PLAN_CHECK.get(lang, code=code)


def table(
    ws: Worksheet,
    columns: Sequence[TemplateColumn],
    rows: Sequence[dict[str, Any]],
    content: TemplateContent,
    config: Config,
    pages_wide: int = 1,
) -> None:
    """A table sheet, printed on landscape pages at most ``pages_wide`` across."""
    lang = content.language
    banner(ws, content, config, len(columns))
    texts = [c.label.shown(lang, "\n") for c in columns]
    header(ws, [c.key for c in columns], texts, [c.width for c in columns])
    validations = Validations(ws, content, config)
    looks = Looks()
    for offset, values in enumerate(rows):
        row = FIRST_ROW + offset
        unit = values.get("unit")
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index)
            open_here = column.is_input_on(values)
            if not column.input:
                cell_text.put(cell, values.get(column.key))
            elif open_here and column.key in (values.get(PREFILLED) or {}):
                cell_text.put(cell, _input_value(column, values[PREFILLED][column.key]))
            looks.give(cell, (index, open_here, unit), _look, column, open_here, unit, content)
            if open_here:
                validations.add(column, cell.coordinate, values)
        cells = [(shown(values.get(c.key)), c.width) for c in columns if not (c.input or c.hidden)]
        ws.row_dimensions[row].height = fit_height(cells, minimum_lines=2)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.column_dimensions[get_column_letter(index)].hidden = column.hidden
    ws.freeze_panes = f"B{FIRST_ROW}"
    sheet_setup.print_setup(ws, title_row=HEADER_ROW, landscape=True, pages_wide=pages_wide)


ANSWERED = ("baseline", "target", "previous_actual")  # a yes/no indicator's 0 or 1 from the plan


def _look(
    cell: Any, column: TemplateColumn, open_here: bool, unit: Any, content: TemplateContent
) -> None:
    """The look of a table's cell: its column's, its unit's number format, closed or open."""
    style(cell, column, open_here)
    if column.kind is ValueKind.ACTUAL and units.unit(unit).number_format:
        cell.number_format = units.unit(unit).number_format
    if column.input and not open_here:
        cell.fill = CLOSED_FILL
    if column.key == "planned_cost":
        cell.number_format = _cost_format(content)
    if column.key in ANSWERED and unit == "yes_no":
        cell.number_format = _answer_format(content.language)


def _answer_format(lang: str) -> str:
    """A yes/no indicator's 0 and 1 shown as the words its dropdown offers ("Jo", "Po")."""
    yes, no = (YES_NO[k].get(lang).replace('"', "") for k in ("yes", "no"))
    return f'[=1]"{yes}";[=0]"{no}";General'


def _cost_format(content: TemplateContent) -> str:
    """Lek, and a zero shown as 'no cost in 2026': the measure is still reported on."""
    none = NO_COST.get(content.language, year=content.period.year).replace('"', "")
    return f'#,##0;-#,##0;"{none}"'


def _input_value(column: TemplateColumn, value: Any) -> Any:
    """A pre-filled answer as its open cell takes it: a date kept as ISO text made a date again."""
    if column.kind is ValueKind.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value
