"""The master's tables are data: the same declarations the workbook is written from can be
written as CSV with the standard library alone, and the outputs hold no words of their own."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from nsm_excel.consolidate.model import Consolidated
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs import master_tables, master_workbook
from nsm_excel.outputs.master_sheets import Table
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store.workspace import Workspace

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
PACKAGE = Path(master_tables.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Consolidated:
    root = tmp_path_factory.mktemp("tables") / "demo"
    run_demo(root, reports=False)
    space = Workspace.open(root)
    return figures_for(space, space.current_period())


def as_csv(table: Table[object], lang: str) -> str:
    """A table as CSV, knowing nothing of any spreadsheet library."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers(lang))
    writer.writerows(["" if v is None else v for v in line] for line in table.lines())
    return out.getvalue()


@pytest.mark.parametrize("lang", ["sq", "en"])
def test_every_table_of_the_master_writes_as_csv_as_the_workbook_holds_it(
    data: Consolidated, lang: str
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(master_workbook.render(data, lang, MADE)))
    sheets = master_tables.sheets(data, lang)
    assert list(sheets) == book.sheetnames
    for sheet, tables in sheets.items():
        ws = book[sheet]
        for table in tables:
            rows = list(csv.reader(io.StringIO(as_csv(table, lang))))
            cells = ws[ws.tables[table.name].ref]
            assert [c.value for c in cells[0]] == rows[0], table.name
            assert len(rows) - 1 == len(table.rows) and len(cells) - 1 == max(1, len(rows) - 1)
    measures = list(csv.reader(io.StringIO(as_csv(sheets["Measures"][0], lang))))
    assert [r[0] for r in measures[1:]] == [m.code for m in data.measures]
    assert [c.value for c in book["Measures"]["A"][1:]] == [m.code for m in data.measures]


def test_the_tables_are_declared_without_a_spreadsheet_library() -> None:
    code = (
        "import sys, nsm_excel.outputs.master_tables\n"
        "assert not [m for m in sys.modules if m.startswith(('xlsxwriter', 'openpyxl'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_outputs_and_consolidation_hold_no_words_of_their_own() -> None:
    """Every word is in the catalogues: no text in two languages, no branch on a language."""
    smells = re.compile(r"\bText\(|lang\s*==\s*['\"]sq|['\"]sq['\"]\s*:|_sq\s*:\s*str\s*=")
    for folder in ("outputs", "consolidate"):
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.suffix in (".py", ".j2"):
                found = smells.findall(path.read_text(encoding="utf-8"))
                assert not found, f"{path.name}: {found}"


SMALL = [p for folder in ("outputs", "consolidate", "cli") for p in (PACKAGE / folder).glob("*.py")]


@pytest.mark.parametrize("path", sorted(SMALL), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_module_of_the_outputs_consolidation_and_command_line_stays_small(
    path: Path,
) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 300
