"""The embedded sample plan: ``action_plan.xlsx`` written from :mod:`nsm_excel.demo.sample_data`.

Illustrative, realistic in shape, reproducible: the same bytes on every run. Regenerate a copy
with ``python -m nsm_excel.demo.sample_plan OUT.xlsx``.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import xlsxwriter

from nsm_excel.core.periods import Period
from nsm_excel.demo.sample_data import readme_lines, sample_sheets
from nsm_excel.plan.columns import (
    COLUMNS,
    OPTIONAL_SHEETS,
    SHEET_NAMES,
    YEARLY_PREFIX,
    yearly_column,
)
from nsm_excel.store import atomic, workspace

FIXED_TIME = dt.datetime(2024, 5, 30, 12, 0, 0)
AFTER = {"Measures": "end", "Indicators": "baseline_year"}  # where the yearly columns go


def column_order(sheet: str, rows: list[dict[str, object]]) -> list[str]:
    """The plan's fixed keys in contract order, with the yearly keys after ``AFTER[sheet]``."""
    keys = [c.key for c in COLUMNS[sheet]]
    if sheet in YEARLY_PREFIX:
        yearly = sorted({k for r in rows for k in r if yearly_column(sheet, k)})
        at = keys.index(AFTER[sheet]) + 1
        keys[at:at] = yearly
    return keys


def sample_plan_bytes() -> bytes:
    """The sample ``action_plan.xlsx``."""
    return plan_bytes(sample_sheets(), readme_lines())


def sample_workspace(
    root: Path, today: dt.date, period: Period, deadline: dt.date
) -> workspace.Workspace:
    """A new workspace at ``root`` on the sample plan, ``period`` open until ``deadline``."""
    settings = workspace.default_config(today)
    return workspace.init(root, settings, sample_plan_bytes(), today, (period, deadline)).workspace


def plan_bytes(data: dict[str, list[dict[str, object]]], readme: tuple[str, ...] = ()) -> bytes:
    """A plan workbook holding ``data`` (sheet name to rows of key to value), in plan format."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(
        {"title": "NSM Action Plan 2024-2026 (illustrative sample)", "created": FIXED_TIME}
    )
    header = book.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    if readme:
        notes = book.add_worksheet("ReadMe")
        notes.set_column(0, 0, 100)
        for row, line in enumerate(readme):
            notes.write_string(row, 0, line)
    for name in SHEET_NAMES + OPTIONAL_SHEETS:
        if name not in data:
            continue
        sheet = book.add_worksheet(name)
        keys = column_order(name, data[name])
        keys += sorted({k for r in data[name] for k in r} - set(keys))
        for col, key in enumerate(keys):
            sheet.write_string(0, col, key, header)
            wide = key.startswith(("title_", "name_", "output", "source"))
            sheet.set_column(col, col, 50 if wide else 14, wrap if wide else None)
        for row, record in enumerate(data[name], start=1):
            for col, key in enumerate(keys):
                value = record.get(key, "")
                if isinstance(value, int | float):
                    sheet.write_number(row, col, value)
                elif value != "":
                    sheet.write_string(row, col, str(value))
        sheet.freeze_panes(1, 1)
    book.close()
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m nsm_excel.demo.sample_plan OUT.xlsx", file=sys.stderr)
        return 2
    atomic.write_bytes(Path(argv[0]), sample_plan_bytes())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
