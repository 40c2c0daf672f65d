"""The feedback workbook prints readably: an institution's long answers are not cut off.

One return with a long progress text and a mistake goes through the intake; its feedback
workbook is printed to PDF by LibreOffice once, and the printed text is read back with poppler.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from nsm_excel.store.workspace import Workspace
from tests.clients import calc, require
from tests.returns import drop, filled, put, run

LONG = (
    "The working group met six times with the municipalities of the north and agreed the "
    "referral procedure for returned migrants, the shared register and the training plan; "
    "the last two meetings reviewed the draft guidance, which the ministry will publish in "
    "September after the consultation with the regional offices closes quietly."
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The feedback workbook of MB's return (long progress text, a misspelled status) and
    the text of its printed PDF."""
    require("libreoffice", "pdftoppm")
    from nsm_excel.template.generate import generate
    from tests.conftest import make_workspace

    root = tmp_path_factory.mktemp("feedback-print")
    space: Workspace = make_workspace(root / "ws")
    generate(space)
    data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", "Me vonese")
    data, _ = put(data, "Measures", "A.1.1", "progress", LONG)
    drop(space, "MB_2026-H1.xlsx", data)
    item = run(space).files[0]
    feedback = space.root / item.feedback
    out = root / "pdf"
    assert calc([{"source": str(feedback), "pdf_dir": str(out)}], out / "work") == ["ok"]
    pdf = out / f"{feedback.stem}.pdf"
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return feedback, " ".join(done.stdout.decode("utf-8").split())


def test_a_long_answer_prints_to_its_last_words(printed: tuple[Path, str]) -> None:
    _, text = printed
    assert "consultation with the regional offices closes quietly." in text


def test_the_rows_of_long_answers_are_grown_to_fit(printed: tuple[Path, str]) -> None:
    feedback, _ = printed
    ws = load_workbook(feedback)["Measures"]
    row = next(c.row for c in ws["A"] if c.value == "A.1.1")
    assert (ws.row_dimensions[row].height or 0) >= 4 * 15


def test_the_problem_list_prints_in_the_institution_s_language(
    printed: tuple[Path, str],
) -> None:
    _, text = printed
    for heading in ("Problemi", "Problem (English)", "Lloji", "gabim / error"):
        assert heading in text
    assert "nuk është status" in text and "is not a status" in text
