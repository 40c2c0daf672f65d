"""The README's pictures, made with the real clients from the project's own demo.

    python -m tests.clients.pictures docs/pictures

runs the demo in a temporary folder, prints a template and the master workbook to PDF in
LibreOffice, keeps one page of each as PNG, and takes a screenshot of the summary report in
headless Chromium; the master of the six periods of the strategy over time gives the picture of
a history sheet (an indicator's chart by period). ``make pictures`` does the same.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.master_trends import CHART_SHEET
from nsm_excel.outputs.reports import build_reports
from tests.clients import calc
from tests.clients.pages import chromium, pdf_page_png

INSTITUTION = "AKPA"
DAY = dt.date(2026, 8, 20)  # the demo reports on 2026-H1, after its deadline


def page_with(pdf: Path, text: str) -> int:
    """The first page of ``pdf`` whose text holds ``text``."""
    number = 1
    while True:
        done = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise LookupError(f"{text!r} is on no page of {pdf}")
        if text in done.stdout.decode("utf-8"):
            return number
        number += 1


def make(target: Path) -> list[Path]:
    """template.png, master-overview.png, master-history.png and report.png in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = run_demo(work / "demo", today=DAY)
        assert demo.reports is not None
        template = next(demo.root.glob(f"templates/xlsx/*/{INSTITUTION}_*.xlsx"))
        master = demo.root / demo.reports.master
        results = calc(
            [{"source": str(s), "pdf_dir": str(work)} for s in (template, master)], work / "calc"
        )
        if results != ["ok", "ok"]:
            raise RuntimeError(f"LibreOffice could not print: {results}")
        template_pdf = work / f"{template.stem}.pdf"
        made = [
            pdf_page_png(
                template_pdf, page_with(template_pdf, "Mbështetës"), target / "template.png"
            ),
            pdf_page_png(work / f"{master.stem}.pdf", 1, target / "master-overview.png", 110),
        ]
        made.append(history_picture(work / "story", target / "master-history.png"))
        made.append(report_picture(demo.root / demo.reports.summary, target / "report.png"))
        made.append(review_picture(demo.root, target / "review.png"))
    return made


def history_picture(folder: Path, png: Path) -> Path:
    """The "Indicator chart" sheet of the six periods' master, as LibreOffice prints it."""
    from tests import test_strategy_over_time as over_time

    story = over_time.Story(folder / "ws")
    over_time.test_six_periods_one_amendment_and_late_returns(story)
    master = story.space.root / build_reports(story.space, period_or_raise("2026"), "sq").master
    if calc([{"source": str(master), "pdf_dir": str(folder)}], folder / "calc") != ["ok"]:
        raise RuntimeError(f"LibreOffice could not print {master.name}")
    pdf = folder / f"{master.stem}.pdf"
    return pdf_page_png(pdf, page_with(pdf, CHART_SHEET), png, 110)


def report_picture(report: Path, png: Path) -> Path:
    """The summary report as Chromium shows it; a report that writes to the console is refused."""
    shot = chromium(report.as_uri(), png, size="1100,1500")
    if shot.console:
        raise RuntimeError(f"the report wrote to the browser console: {shot.console}")
    return shot.output


def review_picture(root: Path, png: Path) -> Path:
    """The first page of the demo's mid-term review in English, as Chromium prints it."""
    from nsm_excel.outputs.review import build_review
    from nsm_excel.store.workspace import Workspace

    found = build_review(Workspace.open(root), lang="en")
    pdf = next(root / f for f in found.files if f.endswith(".pdf"))
    return pdf_page_png(pdf, 1, png, 80)


if __name__ == "__main__":
    for path in make(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/pictures")):
        print(path)
