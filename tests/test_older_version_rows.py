"""A return on an older template version is taken row by row: the rows the latest version did
not change are accepted and counted; the rows it changed, dropped or added are asked again in it."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.core import catalogue
from nsm_excel.core.issues import Issue
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.intake.structure import versions
from nsm_excel.plan import adoption
from nsm_excel.plan.loader import load_plan
from nsm_excel.store import database, ledger, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import Rows, small_plan
from tests.returns import drop, filled, found, locate, put, run, status_of

NAME = "MB_2026-H1.xlsx"


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def reissue(space: Workspace, rows: Rows) -> None:
    """The plan becomes ``rows`` and MB is issued version 2 of its template."""
    space.plan_path.write_bytes(plan_bytes(rows))
    adoption.adopt(space, effective=dt.date(min(space.config.years), 1, 1))
    generate(space, institutions=["MB"], force=True)


def changed_plan() -> Rows:
    """A.1.1 (MB's lead row) retitled, IO.A.2.1 handed to AKPA, a new indicator for MB;
    A.2.1 (MB's support row) and I.A.1.1.1 as they were."""
    rows = small_plan()
    rows["Measures"][0] |= {"title_sq": "Profili i ri", "title_en": "New profile"}
    rows["Indicators"][2]["responsible"] = "AKPA"
    new = dict(rows["Indicators"][0], code="I.A.1.1.2", name_en="Profile shared")
    rows["Indicators"].append(new | {"name_sq": "Profili i ndarë"})
    return rows


def accepted(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.current_accepted(db, "2026-H1")


def keys(values: dict[str, Any], sheet: str) -> list[tuple[str, ...]]:
    names = ("measure_code", "role", "indicator_code")
    return [tuple(row[k] for k in names if k in row) for row in values[sheet]]


def cell_of(data: bytes, sheet: str, code: str, key: str) -> str:
    return locate(load_workbook(io.BytesIO(data)), sheet, code, key)


def test_the_same_content_in_a_new_version_accepts_the_older_one_whole(space: Workspace) -> None:
    old = filled(space, "MB")
    generate(space, institutions=["MB"], force=True)
    drop(space, NAME, old)
    result = run(space)
    assert [c for _, _, c in found(result, NAME)] == ["return-older-version"]
    assert status_of(result, NAME) == "accepted"
    (record,) = accepted(space)
    values = record.accepted_values or {}
    assert keys(values, "Measures") == [("A.1.1", "lead"), ("A.2.1", "support")]
    assert keys(values, "Indicators") == [("I.A.1.1.1",), ("IO.A.2.1",)]


def test_changed_dropped_and_added_rows_are_warned_at_their_cells(space: Workspace) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, NAME, old)
    result = run(space)
    title = cell_of(old, "Measures", "A.1.1", "title")
    dropped = cell_of(old, "Indicators", "IO.A.2.1", "indicator_code")
    assert found(result, NAME) == [
        ("", "", "return-older-version"),
        ("Measures", title, "return-row-changed"),
        ("Indicators", dropped, "return-row-dropped"),
        ("Indicators", "", "return-rows-added"),
    ]
    assert status_of(result, NAME) == "accepted"
    (record,) = accepted(space)
    values = record.accepted_values or {}
    assert keys(values, "Measures") == [("A.2.1", "support")]
    assert keys(values, "Indicators") == [("I.A.1.1.1",)]
    item = result.files[0]
    changed = next(i for i in item.issues if i.code == "return-row-changed")
    assert "Profili i ri" in changed.message("en") and "version 2" in changed.message("en")
    added = next(i for i in item.issues if i.code == "return-rows-added")
    assert added.value == "I.A.1.1.2"


def test_a_changed_row_is_not_checked_since_it_is_not_counted(space: Workspace) -> None:
    old, cell = put(filled(space, "MB"), "Measures", "A.1.1", "spent_state", "a lot")
    reissue(space, changed_plan())
    drop(space, NAME, old)
    result = run(space)
    assert status_of(result, NAME) == "accepted"
    assert cell not in [c for _, c, _ in found(result, NAME)]


def test_consolidation_counts_the_unchanged_rows_only(space: Workspace) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, NAME, old)
    run(space)
    plan = load_plan(space.plan_path, space.config.years).plan
    assert plan is not None
    with database.connect(space.database) as db:
        issued = [t for t in register.for_period(db, "2026-H1") if t.current]
        records = ledger.all_records(db, "2026-H1")
    entry = space.calendar_period()
    made = consolidate(plan, entry.period, entry.deadline, issued, records)
    lines = {line.code: line for line in made.indicators}
    assert lines["I.A.1.1.1"].source_file == NAME  # unchanged: counted
    assert lines["I.A.1.1.1"].actual is not None
    assert lines["I.A.1.1.2"].source_file == ""  # asked in version 2 only
    measures = {line.code: line for line in made.measures}
    assert not measures["A.1.1"].reported  # changed in version 2: asked again
    contributions = {c.institution: c for c in measures["A.2.1"].contributions}
    assert contributions["MB"].progress  # MB's support row: unchanged, counted


def test_feedback_marks_the_changed_row(space: Workspace) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, NAME, old)
    item = run(space).files[0]
    book = load_workbook(space.root / item.feedback)
    marked = book["Measures"][cell_of(old, "Measures", "A.1.1", "title")]
    assert marked.comment is not None
    assert "Profili i ri" in marked.comment.text
    assert "versionin 2" in marked.comment.text and "version 2" in marked.comment.text
    assert marked.fill.fgColor.rgb.endswith("FFEB9C")  # a warning


def test_all_rows_changed_rejects_the_return_as_before(space: Workspace) -> None:
    old = filled(space, "MB")
    rows = small_plan()
    for measure in rows["Measures"]:
        measure["title_sq"] = measure["title_en"] = f"{measure['code']} renamed"
    for indicator in rows["Indicators"]:
        indicator["name_sq"] = indicator["name_en"] = f"{indicator['code']} renamed"
    reissue(space, rows)
    drop(space, NAME, old)
    result = run(space)
    assert [c for _, _, c in found(result, NAME)] == ["return-superseded-version"]
    assert status_of(result, NAME) == "rejected"


def test_an_older_version_after_an_accepted_newer_one_is_refused(space: Workspace) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, "MB_v2.xlsx", filled(space, "MB", seed=3))
    assert status_of(run(space), "MB_v2.xlsx") == "accepted"
    drop(space, "MB_v1.xlsx", old)
    result = run(space)
    assert "return-newer-version-answered" in [c for _, _, c in found(result, "MB_v1.xlsx")]
    assert status_of(result, "MB_v1.xlsx") == "rejected"
    (record,) = accepted(space)
    assert (record.original_name, record.version) == ("MB_v2.xlsx", 2)


def _received(space: Workspace, name: str, stamp: int) -> None:
    os.utime(space.inbox / name, (stamp, stamp))


def test_both_versions_in_one_run_newer_first_refuses_the_older(space: Workspace) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, "MB_v2.xlsx", filled(space, "MB", seed=3))
    drop(space, "MB_v1.xlsx", old)
    _received(space, "MB_v2.xlsx", 1_784_200_000)
    _received(space, "MB_v1.xlsx", 1_784_200_600)
    result = run(space)
    assert status_of(result, "MB_v2.xlsx") == "accepted"
    assert status_of(result, "MB_v1.xlsx") == "rejected"
    (record,) = accepted(space)
    assert record.version == 2


def test_both_versions_in_one_run_older_first_is_superseded_by_the_newer(
    space: Workspace,
) -> None:
    old = filled(space, "MB")
    reissue(space, changed_plan())
    drop(space, "MB_v1.xlsx", old)
    drop(space, "MB_v2.xlsx", filled(space, "MB", seed=3))
    _received(space, "MB_v1.xlsx", 1_784_200_000)
    _received(space, "MB_v2.xlsx", 1_784_200_600)
    result = run(space)
    assert status_of(result, "MB_v1.xlsx") == status_of(result, "MB_v2.xlsx") == "accepted"
    (record,) = accepted(space)
    assert (record.original_name, record.version) == ("MB_v2.xlsx", 2)


def test_the_row_comparison_ignores_what_is_no_change_to_the_clerk() -> None:
    old = {
        "language": "sq",
        "measures": [
            {"measure_code": "A.1", "role": "lead", "title": "T", "planned_cost": 5, "end": None},
            {"measure_code": "A.2", "role": "lead", "title": "U", "planned_cost": 1},
        ],
        "indicators": [{"indicator_code": "I.1", "target": 3}],
    }
    new = {
        "language": "en",
        "measures": [
            {"measure_code": "A.2", "role": "lead", "title": "U", "planned_cost": 2},
            {"measure_code": "A.1", "role": "lead", "title": "T ", "planned_cost": 5.0, "end": ""},
        ],
        "indicators": [{"indicator_code": "I.2", "target": 3}],
    }
    found = versions.decisions(old, new)
    measures, indicators = found["Measures"], found["Indicators"]
    assert measures.unchanged == {("A.1", "lead")}
    assert dict(measures.changed[("A.2", "lead")].now) == {"planned_cost": 2}
    assert (indicators.dropped, indicators.added) == ({("I.1",)}, (("I.2",),))
    assert versions.any_unchanged(found)
    assert not versions.any_unchanged(versions.decisions(old, {"measures": [], "indicators": []}))


def test_the_warnings_read_in_both_languages() -> None:
    from nsm_excel.intake.structure.older_rows import changes

    what = changes(
        {"title": "New profile", "planned_cost": 2000}, {"title": "D9", "planned_cost": "I9"}
    )
    issue = Issue(
        "return-row-changed",
        "f.xlsx",
        "Measures",
        "D9",
        "title",
        "A.1.1 lead",
        {"changes": what, "latest": 2},
    )
    english, albanian = issue.message("en"), issue.message("sq")
    assert "(column D) now reads 'New profile'" in english
    assert "planned_cost" not in english  # named by its label, in the message's language
    assert "(column I) now reads '2000'" in english
    assert "(kolona D) tani shkruan 'New profile'" in albanian
    assert "versionin 2" in albanian and "now reads" not in albanian
    for code in ("return-older-version", "return-row-dropped", "return-rows-added"):
        assert catalogue.render(code, "sq", {}) != catalogue.render(code, "en", {})
