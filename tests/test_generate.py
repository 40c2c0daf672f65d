"""Generation as a stage: never overwrite, --force versions, the register, bad plans."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import period_or_raise
from nsm_excel.store import calendar, database, register
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace, small_plan


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generating_again_keeps_every_issued_file(space: Workspace) -> None:
    generate(space)
    path = space.template_path("MB", space.current_period())
    before = digest(path)
    again = generate(space)
    assert {line.outcome for line in again.lines} == {"kept", "no rows"}
    assert digest(path) == before
    with database.connect(space.database) as db:
        assert len(register.for_period(db, "2026-H1")) == 3


def test_force_issues_a_new_version_and_keeps_the_old_file(space: Workspace) -> None:
    generate(space)
    path = space.template_path("MB", space.current_period())
    first = digest(path)
    result = generate(space, institutions=["mb"], force=True)
    assert [(line.institution, line.outcome, line.version) for line in result.lines] == [
        ("MB", "reissued", 2)
    ]
    old = path.parent / "superseded" / "MB_2026-H1_v1.xlsx"
    assert digest(old) == first
    assert digest(path) != first
    with database.connect(space.database) as db:
        versions = [t for t in register.for_period(db, "2026-H1") if t.institution == "MB"]
    assert [(t.version, t.current) for t in versions] == [(1, False), (2, True)]
    assert versions[0].superseded_by == versions[1].template_id
    assert versions[1].sha256 == digest(path)


def test_a_file_that_differs_from_the_register_is_moved_aside_and_reissued(
    space: Workspace,
) -> None:
    generate(space)
    path = space.template_path("AKPA", space.current_period())
    path.write_bytes(b"edited by hand")
    result = generate(space, institutions=["AKPA"])
    line = result.lines[0]
    assert (line.outcome, line.version) == ("reissued", 2)
    assert "not the registered v1" in line.note
    assert (path.parent / "superseded" / "AKPA_2026-H1_v1.xlsx").read_bytes() == b"edited by hand"


def test_a_missing_file_is_reissued(space: Workspace) -> None:
    generate(space)
    path = space.template_path("AIDA", space.current_period())
    path.unlink()
    line = generate(space, institutions=["AIDA"]).lines[0]
    assert (line.outcome, line.version) == ("reissued", 2)
    assert path.exists()


def test_an_institution_with_no_rows_gets_no_template_and_a_line(space: Workspace) -> None:
    result = generate(space, institutions=["BSH"])
    assert [(line.institution, line.outcome, line.file) for line in result.lines] == [
        ("BSH", "no rows", "")
    ]
    assert not space.template_path("BSH", space.current_period()).exists()


def test_another_period_goes_to_its_own_folder(space: Workspace) -> None:
    with database.connect(space.database) as db:
        calendar.open_period(db, "2025")
    result = generate(space, period=period_or_raise("2025"), institutions=["MB"])
    assert result.lines[0].file == "templates/xlsx/2025/MB_2025.xlsx"
    assert (space.root / result.lines[0].file).exists()


def test_unknown_institution_codes_are_a_clear_error(space: Workspace) -> None:
    with pytest.raises(NsmError, match="not in the plan's Institutions sheet: XYZ"):
        generate(space, institutions=["XYZ"])


def test_a_plan_with_errors_generates_nothing(tmp_path: Path) -> None:
    rows = small_plan()
    rows["Measures"][0]["lead"] = "NOPE"
    space = make_workspace(tmp_path / "ws", rows)
    result = generate(space)
    assert result.plan.plan is None
    assert not result.plan.report.valid
    assert result.lines == []
    assert not (space.root / "templates" / "xlsx" / "2026-H1").exists()


def test_a_second_run_waits_for_no_one_but_refuses_while_locked(space: Workspace) -> None:
    with workspace_lock(space.root, "test"), pytest.raises(NsmError, match="another nsm run"):
        generate(space)
    assert generate(space).lines  # the lock is released with the first run


def test_the_register_keeps_the_prefilled_content(space: Workspace) -> None:
    generate(space)
    with database.connect(space.database) as db:
        record = register.latest(db, "AKPA", "2026-H1")
    assert record is not None
    assert record.plan_version and record.language == "sq"
    assert record.file == "templates/xlsx/2026-H1/AKPA_2026-H1.xlsx"
    assert [r["measure_code"] for r in record.content["measures"]] == ["A.2.1", "A.1.1"]
    assert record.content["indicators"][0]["disaggregation"] == "sex"
