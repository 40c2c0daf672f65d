"""The master workbook as LibreOffice prints it: what was clipped before is printed whole, the
list of measures prints one page wide, and the whole workbook stays within a bound of pages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.master_trends import trend_sheets
from tests.clients import calc, require
from tests.clients.pages import pdf_pages

HISTORY_SHEETS = trend_sheets()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's master workbook (Albanian, English beside), printed to PDF once."""
    require("libreoffice", "pdftoppm", "pdftotext")
    demo = run_demo(tmp_path_factory.mktemp("print") / "demo")
    assert demo.reports is not None
    out = tmp_path_factory.mktemp("pdf")
    source = demo.root / demo.reports.master
    assert calc([{"source": str(source), "pdf_dir": str(out)}], out / "work") == ["ok"]
    return out / f"{source.stem}.pdf"


def _raw(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")


def _pages(pdf: Path) -> list[str]:
    return [" ".join(page.split()) for page in _raw(pdf)]


def test_labels_once_clipped_print_whole(pdf: Path) -> None:
    pages = _pages(pdf)
    text = " ".join(pages)
    measures = " ".join(p for p in pages if "Fillimi" in p)  # the pages of the Measures sheet
    # a measure's status wraps in its cell instead of being cut to "... / Complet"
    assert len(re.findall(r"\bCompleted\b", measures)) >= 10
    assert not re.search(r"\bComplet\b", measures)
    assert text.count("Buxheti i shtetit / State budget") >= 2  # the chart's and the table's
    for whole in (
        "Institucione që duhej të raportonin / Institutions expected to report",
        "Hendeku financiar: nuk është burim financimi / Financing gap: not a source",
        "Pa raport / No report",
        "Pjesa e grave / Women's share",
    ):
        assert whole in text, whole
    assert "#REF!" not in text and "###" not in text


def test_measures_print_one_page_wide_within_a_bound_of_pages(pdf: Path) -> None:
    # the period's sheets, then the history sheets (each page's footer names its sheet)
    history = [p for p in _raw(pdf) if any(name in p for name in HISTORY_SHEETS)]
    assert 12 <= len(pdf_pages(pdf)) - len(history) <= 24
    assert 5 <= len(history) <= 20
    # the header row repeats on each page of measures (its "Fillimi / Start" column is theirs
    # only); each holds the first column (the codes) and the last two (due, implemented: yes or
    # no), so no column is cut off onto another page
    measures = [p for p in _raw(pdf) if "Fillimi" in p]
    assert 2 <= len(measures) <= 8
    for page in measures:
        assert re.search(r"\b[A-D]\.\d\.\d\b", page)
        assert "Po / Yes" in page or "Jo / No" in page


def test_headers_break_between_words_not_inside_them(pdf: Path) -> None:
    """'Implementation rate' and 'Implementation band' head the roll-ups on the Overview, the
    Goals, Objectives, GCM and SDG sheets: their columns are wide enough for the whole word."""
    text = " ".join(_pages(pdf))
    assert "Implementation rate" in text and "Implementation band" in text
    assert not re.search(r"Implementatio n\b", text)


def test_the_overview_prints_no_smaller_than_the_other_sheets(pdf: Path) -> None:
    """The Overview's tables and charts fit one page's width with its 11-point text at 55 % of
    its size or more (an A4 page shrank it below half)."""
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, check=True
    )
    boxes = re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Periudha<', done.stdout.decode("utf-8")
    )
    heights = [float(y1) - float(y0) for y0, y1 in boxes]
    assert heights and min(heights) >= 0.55 * 11, heights
