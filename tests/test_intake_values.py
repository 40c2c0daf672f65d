"""Values of returns: each mistake an institution can make is reported at its cell."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from nsm_excel.core.catalogue import entry
from nsm_excel.core.issues import Issue
from nsm_excel.demo import filler
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, edit, filled, found, locate, put, run, status_of


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def test_a_correct_return_is_accepted_with_exactly_the_values_typed(space: Workspace) -> None:
    data = filled(space, "AKPA", seed=3)
    drop(space, "AKPA_2026-H1.xlsx", data)
    result = run(space)
    assert [(f.file, f.status, f.issues) for f in result.files] == [
        ("AKPA_2026-H1.xlsx", "accepted", [])
    ]
    typed = filler.answers(filled(space, "AKPA", seed=3), filler.Filling(3, dt.date(2026, 7, 15)))
    with database.connect(space.database) as db:
        values = ledger.current_accepted(db, "2026-H1")[0].accepted_values
    assert values is not None
    assert values["Cover"]["reporter_name"] == typed["Cover"]["reporter_name"]
    assert values["Cover"]["submission_date"] == "2026-07-15"
    for row, answer in zip(values["Measures"], typed["Measures"], strict=True):
        assert row["spent_state"] == answer["spent_state"]
        assert row["progress"] == answer["progress"]
        assert row["status"] in (None, *filler.STATUS_CODES)
    sex_row = values["Indicators"][0]
    assert (sex_row["actual_women"] or 0) + (sex_row["actual_men"] or 0) == (sex_row["actual"] or 0)


# (sheet, row code, key, typed value, expected code)
MISTYPED = [
    ("Measures", "A.1.1", "status", "Me vonese", "return-bad-status"),
    ("Measures", "A.1.1", "spent_state", "1,250", "return-ambiguous-number"),
    ("Measures", "A.1.1", "spent_state", "a lot", "return-bad-amount"),
    ("Measures", "A.1.1", "spent_state", -100, "return-negative-amount"),
    ("Measures", "A.1.1", "spent_donor", "=1000*2", "return-formula"),
    ("Measures", "A.1.1", "completion_date", "31.02.2026", "return-bad-date"),
    ("Measures", "A.1.1", "progress", "x" * 4001, "return-text-too-long"),
    ("Measures", "A.1.1", "next_steps", "bell_x0007_here", "return-control-characters"),
    ("Measures", "A.1.1", "evidence", '=HYPERLINK("http://x")', "return-formula"),
    ("Measures", "A.1.1", "evidence", "@SUM(A1)", "return-formula-like-text"),
    ("Measures", "A.1.1", "spent_state", 99_000_000, "return-overspent"),
    ("Indicators", "I.A.1.1.1", "actual", "perhaps", "return-bad-yes-no"),
    ("Indicators", "IO.A.2.1", "actual", 145, "return-percent-range"),
    ("Indicators", "IO.A.2.1", "actual", 0.45, "return-percent-fraction"),
    ("Indicators", "IO.A.2.1", "actual", "forty", "return-bad-number"),
    ("Cover", "reporter_email", "value", "not-an-address", "return-bad-email"),
    ("Cover", "reporter_name", "value", None, "return-required"),
    ("Cover", "submission_date", "value", "yesterday", "return-bad-date"),
]


@pytest.mark.parametrize(("sheet", "code", "key", "typed", "expected"), MISTYPED)
def test_each_mistyped_value_is_reported_at_its_cell(
    space: Workspace, sheet: str, code: str, key: str, typed: Any, expected: str
) -> None:
    data, cell = put(filled(space, "MB", seed=5), sheet, code, key, typed)
    drop(space, "MB_2026-H1.xlsx", data)
    result = run(space)
    assert (sheet, cell, expected) in found(result, "MB_2026-H1.xlsx")
    rejected = entry(expected).severity == "error"
    assert status_of(result, "MB_2026-H1.xlsx") == ("rejected" if rejected else "accepted")


def _lead_row(space: Workspace, status: str, **values: Any) -> tuple[bytes, dict[str, str]]:
    data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", status)
    cells = {}
    for key, value in values.items():
        data, cells[key] = put(data, "Measures", "A.1.1", key, value)
    return data, cells


def test_rules_that_depend_on_the_status(space: Workspace) -> None:
    data, cells = _lead_row(space, "Me vonesë / Delayed", delay_reason=None)
    drop(space, "a.xlsx", data)
    data, more = _lead_row(space, "completed", evidence=None, completion_date=None, next_steps="x")
    drop(space, "b.xlsx", data)
    data, late = _lead_row(
        space, "Completed", completion_date=dt.date(2027, 12, 31), evidence="doc"
    )
    drop(space, "c.xlsx", data)
    data, blank = _lead_row(space, "on_track", progress=None)
    drop(space, "d.xlsx", data)
    data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", None)
    drop(space, "e.xlsx", data)
    result = run(space)
    assert ("Measures", cells["delay_reason"], "return-required-delay-reason") in found(
        result, "a.xlsx"
    )
    assert ("Measures", more["evidence"], "return-required-evidence") in found(result, "b.xlsx")
    assert ("Measures", more["completion_date"], "return-required-completion-date") in found(
        result, "b.xlsx"
    )
    assert ("Measures", late["completion_date"], "return-date-out-of-range") in found(
        result, "c.xlsx"
    )
    assert ("Measures", blank["progress"], "return-required-progress") in found(result, "d.xlsx")
    assert [c for _, _, c in found(result, "e.xlsx")] == ["return-required-status"]


def test_sex_disaggregation_rules(space: Workspace) -> None:
    base = filled(space, "AKPA", seed=2)
    data, actual = put(base, "Indicators", "I.A.2.1.1", "actual", 100)
    data, women = put(data, "Indicators", "I.A.2.1.1", "actual_women", 40)
    data, _ = put(data, "Indicators", "I.A.2.1.1", "actual_men", 50)
    drop(space, "sum.xlsx", data)
    data, _ = put(base, "Indicators", "I.A.2.1.1", "actual", 100)
    data, missing = put(data, "Indicators", "I.A.2.1.1", "actual_men", None)
    drop(space, "men.xlsx", data)
    data, _ = put(base, "Indicators", "I.A.2.1.1", "actual", None)
    data, _ = put(data, "Indicators", "I.A.2.1.1", "comment", None)
    drop(space, "comment.xlsx", data)
    result = run(space)
    assert ("Indicators", actual, "return-sex-sum") in found(result, "sum.xlsx")
    assert ("Indicators", missing, "return-required-sex") in found(result, "men.xlsx")
    item = next(f for f in result.files if f.file == "sum.xlsx")
    issue = next(i for i in item.issues if i.code == "return-sex-sum")
    assert (issue.value, dict(issue.params)) == ("100", {"women": "40", "men": "50", "sum": "90"})
    assert [c for _, _, c in found(result, "comment.xlsx")][:1] == ["return-required-comment"]
    assert women


def test_tolerant_reading_accepts_what_people_type(space: Workspace) -> None:
    data = filled(space, "MB", seed=8)
    data, _ = put(data, "Measures", "A.1.1", "spent_state", "1 250 000 lekë")
    data, _ = put(data, "Measures", "A.1.1", "spent_donor", "12,5")
    data, _ = put(data, "Measures", "A.2.1", "spent_state", "0")
    data, _ = put(data, "Indicators", "IO.A.2.1", "actual", "45%")
    data, _ = put(data, "Indicators", "I.A.1.1.1", "actual", "po")
    data, _ = put(data, "Cover", "submission_date", "value", "15.07.2026")
    drop(space, "MB_2026-H1.xlsx", data)
    result = run(space)
    assert status_of(result, "MB_2026-H1.xlsx") == "accepted", found(result, "MB_2026-H1.xlsx")
    with database.connect(space.database) as db:
        values = ledger.current_accepted(db, "2026-H1")[0].accepted_values
    assert values is not None
    first = values["Measures"][0]
    assert (first["spent_state"], first["spent_donor"]) == (1_250_000, 12.5)
    indicators = {r["indicator_code"]: r["actual"] for r in values["Indicators"]}
    assert indicators == {"I.A.1.1.1": 1, "IO.A.2.1": 45}


@pytest.mark.parametrize("mistake", sorted(filler.MISTAKES))
def test_the_fillers_mistakes_are_each_caught(space: Workspace, mistake: str) -> None:
    code = "AKPA" if mistake in ("women-men-mismatch",) else "MB"
    drop(space, "return.xlsx", filled(space, code, seed=4, mistakes=(mistake,)))
    result = run(space)
    codes = [c for _, _, c in found(result, "return.xlsx")]
    if mistake in ("decimal-comma", "number-as-text"):  # both read as meant
        assert status_of(result, "return.xlsx") == "accepted", codes
    else:
        assert status_of(result, "return.xlsx") == "rejected", (mistake, codes)


def test_json_ready_issue_records(space: Workspace) -> None:
    data, cell = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", "Delayd")
    drop(space, "MB_2026-H1.xlsx", data)
    item = run(space).files[0]
    record = item.issues[0].to_dict()
    assert json.loads(json.dumps(record)) == record
    assert (record["code"], record["cell"], record["value"]) == (
        "return-bad-status",
        cell,
        "Delayd",
    )
    assert record["params"] == {"closest": {"word": "status.delayed"}}  # a word, not a label
    assert Issue.from_dict(record) == item.issues[0]
    shown = item.issues[0].shown()
    assert json.loads(json.dumps(shown)) == shown
    assert [shown[f"message_{lang}"] for lang in ("en", "sq")] == [
        item.issues[0].message(lang) for lang in ("en", "sq")
    ]


@pytest.mark.parametrize(
    ("shown_as", "stored", "actual", "codes"),
    [
        ("0%", 0.45, 45, []),  # 45% typed in Excel or Calc: 0.45 shown as a percent
        ("0.0%", 0.455, 45.5, []),
        ('0.00"%"', 0.455, 0.455, ["return-percent-fraction"]),  # a quoted sign: not a percent
        ("0.00", 0.455, 0.455, ["return-percent-fraction"]),
    ],
)
def test_a_number_shown_as_a_percent_is_read_as_the_percent_shown(
    space: Workspace, shown_as: str, stored: float, actual: float, codes: list[str]
) -> None:
    def percent(book: Any) -> None:
        cell = book["Indicators"][locate(book, "Indicators", "IO.A.2.1", "actual")]
        cell.value = stored
        cell.number_format = shown_as

    drop(space, "MB_2026-H1.xlsx", edit(filled(space, "MB", seed=8), percent))
    result = run(space)
    assert [i[2] for i in found(result, "MB_2026-H1.xlsx")] == codes
    with database.connect(space.database) as db:
        values = ledger.current_accepted(db, "2026-H1")[0].accepted_values
    assert values is not None
    indicators = {r["indicator_code"]: r["actual"] for r in values["Indicators"]}
    assert indicators["IO.A.2.1"] == actual


def test_a_percent_on_a_number_indicator_is_an_error_at_its_cell(space: Workspace) -> None:
    """A number indicator's value shown as a percent (45% typed, or the cell's format) or typed
    with a percent sign is no number of the indicator: reported, never read as 0.45 or 45."""
    base = filled(space, "AKPA", seed=3)

    def styled(book: Any) -> None:
        cell = book["Indicators"][locate(book, "Indicators", "I.A.2.1.1", "actual")]
        cell.value, cell.number_format = 0.45, "0%"  # 45% typed (the filler may leave it empty)
        for key, part in (("actual_women", 20), ("actual_men", 25)):  # the breakdown it asks for
            book["Indicators"][locate(book, "Indicators", "I.A.2.1.1", key)].value = part

    drop(space, "styled.xlsx", edit(base, styled))
    typed, cell = put(base, "Indicators", "I.A.2.1.1", "actual", "45%")
    drop(space, "typed.xlsx", typed)
    result = run(space)
    for name in ("styled.xlsx", "typed.xlsx"):
        assert found(result, name) == [("Indicators", cell, "return-percent-on-number")], name
        assert status_of(result, name) == "rejected"
    issue = next(f for f in result.files if f.file == "typed.xlsx").issues[0]
    assert (issue.value, dict(issue.params)) == ("45%", {})


def test_a_date_cell_no_date_can_have_is_reported_at_its_cell(
    space: Workspace, capfd: pytest.CaptureFixture[str]
) -> None:
    """A date cell holding -1e12 (before year 1) is no date: an error at that cell."""
    base = filled(space, "MB", seed=8)
    broken, cell = put(base, "Cover", "submission_date", "value", -1e12)
    drop(space, "broken.xlsx", broken)
    drop(space, "MB_2026-H1.xlsx", base)
    result = run(space)
    assert found(result, "broken.xlsx") == [("Cover", cell, "return-bad-date")]
    assert "panicked" not in capfd.readouterr().err  # no native stack for a person to read
    assert status_of(result, "MB_2026-H1.xlsx") == "accepted"


def test_a_misspelled_status_names_the_closest_in_the_message_s_language(
    space: Workspace,
) -> None:
    data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", "Delayd")
    drop(space, "MB_2026-H1.xlsx", data)
    issue = next(i for i in run(space).files[0].issues if i.code == "return-bad-status")
    assert "the closest is 'Delayed'" in issue.message("en")
    assert "Me vonesë" not in issue.message("en")
    assert "më i afërti është 'Me vonesë'" in issue.message("sq")
