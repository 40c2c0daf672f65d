"""The issue catalogue: complete in both languages, and the only source of codes."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from nsm_excel.core import catalogue
from nsm_excel.core.issues import Issue, Report

PACKAGE = Path(__file__).resolve().parents[1] / "nsm_excel"


@pytest.mark.parametrize("code", sorted(catalogue.CATALOGUE))
def test_every_code_has_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = catalogue.CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    fields = [
        {f.removesuffix("_sq") for _, f, _, _ in string.Formatter().parse(t) if f}
        for t in (entry.en, entry.sq)
    ]
    assert fields[0] == fields[1]  # Albanian may use the '_sq' form of a placeholder
    assert entry.en.rstrip().endswith(".") and entry.sq.rstrip().endswith(".")


def test_every_code_the_package_raises_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        used |= set(
            re.findall(
                r'"((?:plan|file|return|workspace)-[a-z-]+)"', path.read_text(encoding="utf-8")
            )
        )
    assert used
    assert used <= set(catalogue.CATALOGUE)


def test_an_unknown_code_is_a_programmer_error() -> None:
    with pytest.raises(KeyError):
        Issue("no-such-code")


def test_report_validity_follows_severity() -> None:
    report = Report([Issue("plan-unknown-column", value="notes")])
    assert report.valid and len(report.warnings) == 1
    report.add(Issue("plan-required", sheet="Measures", cell="E4", params={"key": "lead"}))
    assert not report.valid
    data = report.to_dict()
    assert (data["valid"], data["errors"], data["warnings"]) == (False, 1, 1)
    assert data["issues"][1]["message_en"] == (
        "Sheet Measures, cell E4: 'lead' is required and the cell is empty. Fill it in."
    )


def test_the_documented_catalogue_is_up_to_date() -> None:
    doc = PACKAGE.parent / "docs" / "issue-codes.md"
    assert doc.read_text(encoding="utf-8") == catalogue.markdown(), (
        "run: nsm codes --markdown > docs/issue-codes.md"
    )
