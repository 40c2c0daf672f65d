"""The Instructions sheet of a template: the lines of :mod:`nsm_excel.template.instructions`,
styled, each row as high as its wrapped text."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.store.config import Config
from nsm_excel.template import instructions, sheet_setup
from nsm_excel.template.content import TemplateContent
from nsm_excel.template.layout import INSTRUCTIONS_WIDTH, fit_height
from nsm_excel.template.styles import NAVY, WRAP, Looks, shown, text


def write(ws: Worksheet, content: TemplateContent, config: Config) -> None:
    lang = content.language
    context = instructions.Context(
        strategy=config.strategy_name(lang),
        institution=content.institution,
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
    looks = Looks()
    for row, (style, line) in enumerate(instructions.lines(context, lang), start=1):
        looks.give(text(ws, row, 1, line), style, _look, fonts.get(style), style == "status")
        lines = 2 if style == "title" else 1
        height = fit_height([(shown(line), INSTRUCTIONS_WIDTH * 0.9)], lines)
        ws.row_dimensions[row].height = height
    sheet_setup.print_setup(ws, title_row=None, landscape=False)


def _look(cell: Any, font: Font | None, indented: bool) -> None:
    cell.alignment = WRAP
    if font is not None:
        cell.font = font
    if indented:
        cell.alignment = Alignment(wrap_text=True, indent=2)
