"""The issue catalogue: complete in both languages, and the only source of codes."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from nsm_excel.core import catalogue, words
from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.core.issues import Issue, Report
from nsm_excel.core.values import LARGEST
from nsm_excel.store import audit

PACKAGE = Path(__file__).resolve().parents[1] / "nsm_excel"


def test_the_catalogue_covers_every_code_in_order() -> None:
    assert list(catalogue.CATALOGUE) == list(IssueCode)


@pytest.mark.parametrize("code", list(IssueCode))
def test_every_code_has_a_message_in_every_language_with_the_same_placeholders(
    code: IssueCode,
) -> None:
    entry = catalogue.CATALOGUE[code]
    assert entry.severity in ("error", "warning")
    texts = [entry.template(lang) for lang in words.languages()]
    fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in texts]
    assert all(f == fields[0] for f in fields)
    assert not any(f.endswith("_sq") for f in fields[0])  # parameters are facts, not words
    assert all(t.rstrip().endswith(".") for t in texts)


def test_the_largest_figure_is_the_one_the_values_allow() -> None:
    largest = f"{LARGEST:,}".replace(",", " ")
    for code in (IssueCode.PLAN_NUMBER_TOO_LARGE, IssueCode.RETURN_NUMBER_TOO_LARGE):
        assert all(largest in catalogue.entry(code).template(lang) for lang in words.languages())


def test_a_code_given_as_its_text_is_the_member() -> None:
    issue = Issue("plan-required")
    assert issue.code is IssueCode.PLAN_REQUIRED
    assert issue == Issue(IssueCode.PLAN_REQUIRED)


def test_the_package_names_codes_by_the_enum_and_each_is_in_the_catalogue() -> None:
    literals: set[str] = set()
    members: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("catalogue.py", "issue_codes.py", "audit.py"):  # audit: actions
            continue
        text = path.read_text(encoding="utf-8")
        literals |= set(re.findall(r'"((?:plan|file|return|workspace)-[a-z-]+)"', text))
        members |= set(re.findall(r"\bC\.([A-Z][A-Z0-9_]+)\b", text))
    literals -= set(audit.ACTIONS)  # the audit log's actions are not issue codes
    assert not literals, f"codes written as text instead of IssueCode members: {sorted(literals)}"
    assert len(members) > 100
    assert {IssueCode[name] for name in members} <= set(catalogue.CATALOGUE)


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
    assert data["issues"][1]["message_en"] == "Sheet Measures, cell E4: " + catalogue.render(
        IssueCode.PLAN_REQUIRED, "en", {"key": "lead"}
    )


def test_the_documented_catalogue_is_up_to_date() -> None:
    doc = PACKAGE.parent / "docs" / "issue-codes.md"
    assert doc.read_text(encoding="utf-8") == catalogue.markdown(), (
        "run: nsm codes --markdown > docs/issue-codes.md"
    )


def test_a_cover_field_a_message_names_is_the_template_s_own_word() -> None:
    from nsm_excel.intake.checks.engine import _field_label
    from nsm_excel.template.cover_fields import COVER_FIELDS

    for column in (c for c in COVER_FIELDS if c.input):
        param = _field_label(column.key)["label"]
        for lang in words.languages():
            assert words.resolve(param, lang) == column.label.get(lang)


def test_a_whole_number_read_as_a_float_is_shown_as_typed() -> None:
    issue = Issue(
        "return-copies-differ",
        sheet="Measures",
        cell="V6",
        params={"first": 59000.0, "second": 65000.5, "original": "MB_2026-H1.xlsx"},
    )
    said = issue.message("en")
    assert "'59000'" in said and "'65000.5'" in said and "59000.0" not in said


def test_a_time_from_the_records_is_shown_on_the_clock_not_as_stored() -> None:
    issue = Issue(
        "file-duplicate",
        "MB (2).xlsx",
        params={"original": "MB.xlsx", "received_at": "2026-07-28T10:15:00+00:00"},
    )
    said = issue.message("sq")
    assert "28.07.2026 12:15" in said and "2026-07-28T" not in said
