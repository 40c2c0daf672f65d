"""A file held open by another program (Excel, on Windows) stops a command cleanly: it names the
file to close, loses nothing, and the command run again after closing it completes."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.store import atomic
from nsm_excel.store.workspace import Workspace
from tests.recorded import nsm
from tests.returns import drop, filled, run

Replace = Callable[..., None]


def hold(monkeypatch: Any, held: Path, tries: int | None = None) -> list[tuple[str, str]]:
    """Windows as it is when ``held`` is open in Excel: replacing it, or moving it, is refused
    ("access denied"); after ``tries`` refusals, when given, the program has closed it."""
    real: Replace = os.replace
    calls: list[tuple[str, str]] = []

    def replace(source: Any, target: Any) -> None:
        calls.append((os.fspath(source), os.fspath(target)))
        refused = len(calls) <= tries if tries is not None else True
        if refused and held in (Path(source), Path(target)):
            raise PermissionError(errno.EACCES, "Access is denied", os.fspath(source))
        real(source, target)

    monkeypatch.setattr(atomic, "HOLDS_OPEN_FILES", True)
    monkeypatch.setattr(atomic, "RETRY_SECONDS", (0.0, 0.0, 0.0))
    monkeypatch.setattr(os, "replace", replace)
    return calls


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(atomic.TEMPORARY)]


def said(out: str) -> str:
    return " ".join(out.split())


def test_a_master_workbook_open_in_excel_is_named_and_kept(
    issued: Workspace, monkeypatch: Any
) -> None:
    assert nsm("consolidate", "-w", str(issued.root))[0] == 0
    master = issued.outbox / "2026-H1" / "NSM_master_2026-H1_sq.xlsx"
    before = master.read_bytes()
    calls = hold(monkeypatch, master)
    code, out = nsm("consolidate", "-w", str(issued.root))
    assert (code, "Traceback" in out) == (2, False), out
    assert (
        "Close NSM_master_2026-H1_sq.xlsx in Excel (or the program that holds it) and run the "
        "command again." in said(out)
    )
    assert len([c for c in calls if Path(c[1]) == master]) == 4  # tried again three times
    assert master.read_bytes() == before and leftovers(issued.outbox) == []
    monkeypatch.undo()
    assert nsm("consolidate", "-w", str(issued.root))[0] == 0


def test_a_file_closed_while_the_command_waits_is_replaced(
    issued: Workspace, monkeypatch: Any
) -> None:
    target = issued.outbox / "note.txt"
    atomic.write_bytes(target, b"old")
    hold(monkeypatch, target, tries=2)
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and leftovers(issued.outbox) == []


def test_elsewhere_a_refusal_is_a_permission_problem_and_not_tried_again(
    issued: Workspace, monkeypatch: Any
) -> None:
    target = issued.outbox / "note.txt"
    calls = hold(monkeypatch, target)
    monkeypatch.setattr(atomic, "HOLDS_OPEN_FILES", False)  # Linux and macOS: nothing holds
    with pytest.raises(PermissionError):
        atomic.write_bytes(target, b"new")
    assert len(calls) == 1 and not target.exists() and leftovers(issued.outbox) == []


def test_feedback_open_in_excel_stops_validate_and_nothing_is_lost(
    issued: Workspace, monkeypatch: Any
) -> None:
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB", 1, ("status-misspelled",)))
    first = run(issued).files[0]
    feedback = issued.root / first.feedback
    assert first.status == "rejected" and feedback.is_file()
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB", 2))
    hold(monkeypatch, feedback)
    code, out = nsm("validate", "-w", str(issued.root))
    assert (code, "Traceback" in out) == (2, False), out
    assert "Close MB_2026-H1_feedback.xlsx in Excel (or the program that holds it)" in said(out)
    assert feedback.is_file() and (issued.inbox / "MB_2026-H1.xlsx").is_file()
    monkeypatch.undo()
    again = run(issued).files
    assert [f.status for f in again] == ["accepted"]
    assert list((feedback.parent / "earlier").iterdir())  # the rejected one's feedback, moved


def test_a_template_open_in_excel_is_not_reissued_over(issued: Workspace, monkeypatch: Any) -> None:
    template = issued.template_path("MB", issued.current_period())
    before = template.read_bytes()
    hold(monkeypatch, template)
    code, out = nsm("generate", "-w", str(issued.root), "--force", "-i", "MB")
    assert (code, "Traceback" in out) == (2, False), out
    assert "Close MB_2026-H1.xlsx in Excel" in said(out)
    assert template.read_bytes() == before and list(template.parent.glob("superseded/*")) == []


def test_a_return_still_open_in_excel_stays_in_the_inbox_until_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nsm_excel.store import database, ledger
    from nsm_excel.store.workspace import DATABASE_NAME
    from nsm_excel.template.generate import generate
    from tests.conftest import make_workspace

    space = make_workspace(tmp_path / "ws")
    generate(space)
    held = drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    real = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if path == held:
            raise PermissionError(errno.EACCES, "Access is denied", os.fspath(path))
        real(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    first = run(space)
    assert [f.status for f in first.files] == ["accepted"]
    assert held.exists()  # recorded and archived, but Excel still holds it
    monkeypatch.setattr(Path, "unlink", real)
    second = run(space)
    assert second.files == [] and not held.exists()  # the next run takes it out, once
    with database.reading(space.root / DATABASE_NAME) as db:
        assert [r.status for r in ledger.all_records(db)] == ["accepted"]
        assert ledger.pending_removals(db) == []
