"""``make bench SECTIONS=generate``: the templates of 60 institutions against xlsxwriter's floor.

The sample plan grows to 60 institutions (:func:`wide_sheets`: each new one a copy of a sample
institution, with copies of the measures it leads and of the indicators it answers for). The
section times ``generate`` on a fresh workspace (median of three), then reads every template it
wrote with openpyxl (untimed) and times xlsxwriter writing the same cells, styles, widths,
merged ranges, validations and protection (:mod:`nsm_excel.demo.xlsx_floor`), and prints both,
their ratio and the milliseconds per template; last, openpyxl saving the same workbooks it
loaded (untimed): what generation cannot go below while openpyxl writes the templates.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import xlsx_floor
from nsm_excel.demo.sample_data import readme_lines, sample_sheets
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.store import workspace
from nsm_excel.template.generate import generate

INSTITUTIONS = 60
RUNS = 3
PERIOD = "2026-H1"
TODAY = dt.date(2026, 7, 20)
DEADLINE = dt.date(2026, 7, 31)
_Rows = list[dict[str, object]]


def wide_sheets(count: int = INSTITUTIONS) -> dict[str, _Rows]:
    """The sample plan's sheets with institutions added until there are ``count``."""
    sheets = sample_sheets()
    base = list(sheets["Institutions"])
    measures, indicators = list(sheets["Measures"]), list(sheets["Indicators"])
    for n in range(count - len(base)):
        source = base[n % len(base)]
        copy = f"{source['code']}{n // len(base) + 2}"
        sheets["Institutions"].append(_copied(source, copy))
        renamed = {}
        for measure in (m for m in measures if m["lead"] == source["code"]):
            renamed[measure["code"]] = f"{measure['code']}.{copy}"
            sheets["Measures"].append(measure | {"code": renamed[measure["code"]], "lead": copy})
        for indicator in indicators:
            linked = renamed.get(str(indicator["linked_code"]))
            if linked or indicator["responsible"] == source["code"]:
                sheets["Indicators"].append(
                    indicator
                    | {
                        "code": f"{indicator['code']}.{copy}",
                        "linked_code": linked or indicator["linked_code"],
                        "responsible": copy if indicator["responsible"] else "",
                    }
                )
    return sheets


def _copied(institution: dict[str, object], code: str) -> dict[str, object]:
    names = {k: f"{v} ({code})" for k, v in institution.items() if str(k).startswith("name_")}
    return institution | names | {"code": code, "contact_email": f"{code.lower()}@example.gov.al"}


def wide_workspace(root: Path, count: int = INSTITUTIONS) -> workspace.Workspace:
    """A new workspace at ``root`` on the plan of ``count`` institutions, the period open."""
    data = plan_bytes(wide_sheets(count), readme_lines())
    opening = (period_or_raise(PERIOD), DEADLINE)
    return workspace.init(root, workspace.default_config(TODAY), data, TODAY, opening).workspace


def generate_lines(folder: Path) -> Iterator[str]:
    """Median seconds of ``generate`` for 60 institutions, then of xlsxwriter's floor."""
    seconds, templates = [], []
    for run in range(RUNS):
        space = wide_workspace(folder / f"ws{run}")
        started = time.perf_counter()
        issued = generate(space)
        seconds.append(time.perf_counter() - started)
        templates = [space.root / line.file for line in issued.lines if line.file]
    made = statistics.median(seconds)
    count = len(templates)
    yield f"templates generated:   {count} in {made:.2f} s ({1000 * made / count:.1f} ms each)"
    books = [xlsx_floor.read(path) for path in templates]  # untimed: the facts to write
    cells = sum(len(sheet.cells) for book in books for sheet in book.sheets)
    floor = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for book in books:
            xlsx_floor.write(book)
        floor.append(time.perf_counter() - started)
    bare = statistics.median(floor)
    styles = max(book.styles for book in books)
    yield (
        f"xlsxwriter, same cells: {count} in {bare:.2f} s ({1000 * bare / count:.1f} ms each;"
        f" {cells} cells, at most {styles} formats a workbook)"
    )
    yield f"ratio generate / floor: {made / bare:.1f} (target: at most 2)"
    loaded = [load_workbook(path) for path in templates]  # untimed: openpyxl's own model
    saving = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for workbook in loaded:
            workbook.save(io.BytesIO())
        saving.append(time.perf_counter() - started)
    saved = statistics.median(saving)
    yield (
        f"openpyxl, save alone:   {count} in {saved:.2f} s ({1000 * saved / count:.1f} ms each;"
        f" {saved / bare:.1f} times xlsxwriter's whole write: the floor of an openpyxl writer)"
    )
