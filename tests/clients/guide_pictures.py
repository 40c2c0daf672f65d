"""The secretariat guide's pictures, made with the real clients from the project's own demo.

    python -m tests.clients.guide_pictures docs/guide/pictures

runs the demo in a temporary folder and prints, in LibreOffice, the plan with a mistake
marked, a template (its Instructions and Measures pages), a feedback workbook (its list of
problems and a marked sheet) and the master workbook's Overview; poppler keeps one page of each
as PNG and headless Chromium takes a screenshot of the summary report. ``make pictures`` does the
same.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.worksheet.page import PageMargins

from nsm_excel.demo.run import run_demo
from tests.clients import calc
from tests.clients.pages import pdf_page_png
from tests.clients.pictures import page_with, report_picture

DAY = dt.date(2026, 8, 20)  # the demo reports on 2026-H1, after its deadline
INSTITUTION = "AKPA"  # whose template is shown
MISTAKEN = "MASR"  # whose feedback workbook is shown (a delay unexplained, an amount unclear)
WRONG_CELL, WRONG_CODE = "E4", "MBB"  # the plan's mistake: an institution code mistyped


def plan_with_mistake(plan: Path, target: Path) -> Path:
    """A copy of ``plan`` with one institution code mistyped and marked, printing its first rows."""
    book = openpyxl.load_workbook(plan)
    for sheet in book.worksheets:
        sheet.sheet_state = "visible" if sheet.title == "Measures" else "hidden"
    measures = book["Measures"]
    book.active = book.worksheets.index(measures)
    measures[WRONG_CELL] = WRONG_CODE
    measures[WRONG_CELL].fill = PatternFill("solid", fgColor="FFC7CE")
    measures.print_area = "A1:H8"
    measures.page_setup.orientation = "landscape"
    measures.page_setup.paperSize = measures.PAPERSIZE_A4
    measures.page_setup.fitToWidth = 1
    measures.page_setup.fitToHeight = 1
    measures.sheet_properties.pageSetUpPr.fitToPage = True
    measures.page_margins = PageMargins(left=0.4, right=0.4, top=0.4, bottom=0.4)
    measures.print_options.gridLines = True
    measures.print_options.headings = True
    for row in range(2, 9):
        measures.row_dimensions[row].height = 30
    book.save(target)
    return target


def band_of_page(
    pdf: Path, page: int, target: Path, band: tuple[float, float], resolution: int = 80
) -> Path:
    """Page ``page`` of ``pdf``, from ``band[0]`` to ``band[1]`` of its height, as PNG."""
    full = pdf_page_png(pdf, page, target, resolution)
    width_px, height_px = _png_size(full)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page),
         "-x", "0", "-y", str(round(height_px * band[0])), "-W", str(width_px),
         "-H", str(round(height_px * (band[1] - band[0]))),
         "-singlefile", str(pdf), str(target.with_suffix(""))],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    return target


def _png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def make(target: Path) -> list[Path]:
    """Every picture of the guide, in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = run_demo(work / "demo", today=DAY)
        assert demo.reports is not None
        plan = plan_with_mistake(demo.root / "action_plan.xlsx", work / "action_plan_mistake.xlsx")
        template = next(demo.root.glob(f"templates/xlsx/*/{INSTITUTION}_*.xlsx"))
        feedback = demo.root / next(f for f in demo.feedback if Path(f).name.startswith(MISTAKEN))
        master = demo.root / demo.reports.master
        sources = (plan, template, feedback, master)
        results = calc([{"source": str(s), "pdf_dir": str(work)} for s in sources], work / "calc")
        if results != ["ok"] * len(sources):
            raise RuntimeError(f"LibreOffice could not print: {results}")
        pdf = {s: work / f"{s.stem}.pdf" for s in sources}
        made = [
            band_of_page(
                pdf[plan],
                page_with(pdf[plan], WRONG_CODE),
                target / "plan-mistake.png",
                (0, 0.3),
                110,
            ),
            pdf_page_png(pdf[template], 1, target / "template-instructions.png"),
            band_of_page(
                pdf[template],
                page_with(pdf[template], "Mbështetës"),
                target / "template-measures.png",
                (0.1, 0.66),
                130,
            ),
            band_of_page(pdf[feedback], 1, target / "feedback-problems.png", (0.1, 0.3), 110),
            band_of_page(
                pdf[feedback],
                page_with(pdf[feedback], "Mbështetës"),
                target / "feedback-measures.png",
                (0.1, 0.45),
                150,
            ),
            pdf_page_png(pdf[master], 1, target / "master-overview.png", 110),
        ]
        made.append(report_picture(demo.root / demo.reports.summary, target / "report.png"))
    return made


if __name__ == "__main__":
    for path in make(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/guide/pictures")):
        print(path)
