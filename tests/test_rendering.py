"""What people see: every template and the master print on real pages in LibreOffice, and the
summary report loads in a browser without errors.

LibreOffice converts the files to PDF as it would print them; poppler rasterises each page and
a page with no ink is a blank page. The report is opened in headless Chromium, whose console
must stay silent.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.master_trends import trend_sheets
from tests.clients import calc, require
from tests.clients.pages import chromium, pdf_pages

MIN_INK = 0.002  # a page with less ink than this (0.2 % of its pixels) is blank


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return run_demo(tmp_path_factory.mktemp("render") / "demo")


@pytest.fixture(scope="module")
def pdfs(demo: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every template of the sample and the master workbook, printed to PDF by LibreOffice."""
    require("libreoffice", "pdftoppm")
    out = tmp_path_factory.mktemp("pdf")
    sources = sorted(demo.root.glob("templates/xlsx/*/*.xlsx"))
    sources += [demo.root / demo.reports.master]
    results = calc([{"source": str(s), "pdf_dir": str(out)} for s in sources], out / "work")
    assert results == ["ok"] * len(sources), results
    return {s.stem: out / f"{s.stem}.pdf" for s in sources}


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_every_template_prints_with_ink_on_every_page(demo: Any, pdfs: dict[str, Path]) -> None:
    templates = {k: v for k, v in pdfs.items() if not k.startswith("NSM_master")}
    assert len(templates) == 18
    for name, pdf in templates.items():
        pages = pdf_pages(pdf)
        # Instructions, Cover, Measures and Indicators each start a page; hidden sheets don't print;
        # the tables print two pages across (test_the_measures_print_readable below)
        assert 4 <= len(pages) <= 16, (name, len(pages))
        blank = [p.number for p in pages if p.ink < MIN_INK]
        assert not blank, f"{name}: blank pages {blank}"
        text = _text(pdf)
        institution = name.split("_")[0]
        assert institution in text
        assert "Udhëzime për plotësimin" in text or "How to fill in this report" in text, name
        assert "NSM_TEMPLATE_ID" not in text and "#REF!" not in text and "###" not in text


def _page_texts(pdf: Path) -> list[str]:
    texts = _text(pdf).split("\f")
    return [t for t in texts if t.strip()]


def _word_heights(pdf: Path, word: str) -> list[float]:
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    found = re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">' + re.escape(word) + "<",
        done.stdout.decode("utf-8"),
    )
    return [float(y1) - float(y0) for y0, y1 in found]


def test_the_measures_print_readable_in_the_institutions_language(pdfs: dict[str, Path]) -> None:
    """MB (Albanian, 41 measures): labels not codes, landscape pages, two pages across at most
    (the repeated code column shows a row on each page across), text no smaller than 55 %."""
    pdf = pdfs["MB_2026-H1"]
    pages = pdf_pages(pdf)
    assert sum(p.width > p.height for p in pages) >= 4  # Measures and Indicators, landscape
    text = _text(pdf)
    for shown in (
        "Roli juaj",
        "drejtues",
        "Rezultati i pritshëm",
        "Grupet e synuara",
        "pa kosto në 2026",
        "Ndarja",
        "Kodi i kontrollit",
        "Zbatuar plotësisht: rezultati",
        "Completed: the expected output",
    ):
        assert shown in text, shown
    for code in ("reporter_name", "plan_version", "yes_no", "Breakdow\n"):
        assert code not in text, code
    across = [t for t in _page_texts(pdf) if re.search(r"^\s*A\.1\.3\s", t, re.M)]
    assert 1 <= len(across) <= 2, len(across)
    heights = _word_heights(pdf, "A.1.3")
    assert heights and min(heights) >= 0.55 * 11, heights  # 11-point text at 55 % or more


def test_the_master_workbook_prints_with_ink_on_every_page(pdfs: dict[str, Path]) -> None:
    master = next(v for k, v in pdfs.items() if k.startswith("NSM_master"))
    pages = pdf_pages(master)
    # one sheet at least per page, Overview to Changes; each one page wide (no column strips);
    # the Passport sheet takes two; then the history sheets (each page's footer names its sheet)
    history = [t for t in _text(master).split("\f") if any(n in t for n in trend_sheets())]
    assert 10 <= len(pages) - len(history) <= 23, len(pages)
    assert 5 <= len(history) <= 20, len(history)
    assert [p.number for p in pages if p.ink < MIN_INK] == []
    text = _text(master)
    for title in ("Overview", "Measures", "Indicators", "Budget"):
        assert title in text
    assert "#REF!" not in text and "Err:" not in text


def test_the_summary_report_loads_in_chromium_without_console_errors(
    demo: Any, tmp_path: Path
) -> None:
    report = demo.root / demo.reports.summary
    shot = chromium(report.as_uri(), tmp_path / "report.png")
    assert shot.console == []
    assert shot.output.stat().st_size > 20_000  # a picture, not an empty page
    printed = chromium(report.as_uri(), tmp_path / "report.pdf", pdf=True)
    assert printed.console == []
    pages = pdf_pages(printed.output)
    assert len(pages) >= 3
    assert [p.number for p in pages if p.ink < MIN_INK] == []
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(printed.output), "-"], capture_output=True
    ).stdout.decode("utf-8")
    o = demo.reports.figures.overview
    said = " ".join(first.split())  # the headline opens the first page, above the key figures
    opening = f"Në periudhën {o.period} u zbatuan {o.implemented} nga {o.due} masat e afatuara"
    assert opening in said and said.index(opening) < said.index("Shifrat kryesore")


def test_the_console_check_sees_a_script_error(tmp_path: Path) -> None:
    """The browser check would catch a broken report: a page with an error is not silent."""
    page = tmp_path / "broken.html"
    page.write_text("<p>x</p><script>console.error('broken'); missing();</script>", "utf-8")
    shot = chromium(page.as_uri(), tmp_path / "broken.png")
    assert any("broken" in line for line in shot.console)
    assert any("missing is not defined" in line for line in shot.console)
