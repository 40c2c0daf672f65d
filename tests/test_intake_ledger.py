"""Nothing lost: archive, ledger, resubmissions, duplicates, interrupted and concurrent runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.intake import inbox as inbox_module
from nsm_excel.intake import run as intake
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store import database, ledger
from nsm_excel.store.lock import WorkspaceBusy, workspace_lock
from nsm_excel.store.workspace import Workspace
from tests.returns import clock, drop, filled, run


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def inbox(space: Workspace) -> list[str]:
    return sorted(p.name for p in space.inbox.iterdir())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_file_is_archived_byte_for_byte_and_recorded(space: Workspace) -> None:
    good = filled(space, "MB")
    drop(space, "MB raporti ë 2026.xlsx", good)
    drop(space, "notes.csv", b"measure;status\nA.1.1;done\n")
    (space.inbox / ".gitkeep").write_bytes(b"")
    (space.inbox / "~$MB_2026-H1.xlsx").write_bytes(b"owner")
    result = run(space)
    assert inbox(space) == [".gitkeep", "~$MB_2026-H1.xlsx"]  # hidden and lock files stay
    by_name = {f.file: f for f in result.files}
    assert by_name["MB raporti ë 2026.xlsx"].status == "accepted"
    assert by_name["notes.csv"].status == "rejected"
    for item in result.files:
        assert sha((space.root / item.archived).read_bytes()) == item.sha256
    assert by_name["notes.csv"].archived.startswith("archive/unidentified/")
    assert by_name["MB raporti ë 2026.xlsx"].archived.startswith("archive/2026-H1/MB/")
    rows = {r.original_name: r for r in records(space)}
    assert rows["MB raporti ë 2026.xlsx"].sha256 == sha(good)
    assert rows["MB raporti ë 2026.xlsx"].received_at == "2026-07-20T09:00:00+00:00"
    assert rows["notes.csv"].issues[0]["code"] == "file-not-excel"
    assert all(r.inbox_removed for r in rows.values())


def test_a_resubmission_supersedes_and_both_stay(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB", seed=1))
    run(space)
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB", seed=2))
    run(space)
    first, second = records(space)
    assert (first.status, second.status) == ("accepted", "accepted")
    assert first.superseded_by == second.id and second.superseded_by is None
    with database.connect(space.database) as db:
        assert [r.id for r in ledger.current_accepted(db, "2026-H1")] == [second.id]
    assert (space.root / first.archive_path).exists() and (
        space.root / second.archive_path
    ).exists()


def test_the_same_file_sent_twice_is_a_duplicate(space: Workspace) -> None:
    data = filled(space, "MB")
    drop(space, "MB_2026-H1.xlsx", data)
    run(space)
    drop(space, "MB_2026-H1 (2).xlsx", data)
    result = run(space)
    assert [(f.status, [i.code for i in f.issues]) for f in result.files] == [
        ("duplicate", ["file-duplicate"])
    ]
    first, second = records(space)
    assert second.duplicate_of == first.id and first.superseded_by is None
    assert (space.root / second.archive_path).read_bytes() == data


def test_two_files_in_one_run_same_bytes_and_same_institution(space: Workspace) -> None:
    earlier, later = filled(space, "AKPA", seed=1), filled(space, "AKPA", seed=2)
    os.utime(drop(space, "b_later.xlsx", later), (1_784_300_000, 1_784_300_000))
    os.utime(drop(space, "a_earlier.xlsx", earlier), (1_784_200_000, 1_784_200_000))
    drop(space, "copy.xlsx", earlier)
    result = run(space)
    statuses = {f.file: f.status for f in result.files}
    assert statuses == {
        "a_earlier.xlsx": "accepted",
        "b_later.xlsx": "accepted",
        "copy.xlsx": "duplicate",
    }
    with database.connect(space.database) as db:
        current = ledger.current_accepted(db, "2026-H1")
    assert [r.original_name for r in current] == ["b_later.xlsx"]  # received last wins


def test_running_again_changes_nothing(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    run(space)
    before = records(space)
    assert run(space).files == []
    assert records(space) == before


def test_a_run_killed_before_recording_loses_nothing(space: Workspace, monkeypatch: Any) -> None:
    data = filled(space, "MB")
    drop(space, "MB_2026-H1.xlsx", data)

    def crash(*_: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(ledger, "record", crash)
    with pytest.raises(KeyboardInterrupt):
        run(space)
    assert inbox(space) == ["MB_2026-H1.xlsx"] and records(space) == []
    monkeypatch.undo()
    later = lambda: dt.datetime(2026, 8, 2, 9, 0, tzinfo=dt.UTC)  # noqa: E731
    result = validate_inbox(space, clock=later)
    assert [f.status for f in result.files] == ["accepted"]
    assert inbox(space) == []
    (record,) = records(space)
    assert record.received_at == "2026-07-20T09:00:00+00:00"  # first seen, not the rerun
    copies = list((space.root / "archive").rglob("*.xlsx"))
    assert len(copies) == 1 and copies[0].read_bytes() == data


def test_a_run_killed_after_recording_is_completed_by_the_next(
    space: Workspace, monkeypatch: Any
) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    real_unlink = Path.unlink

    def crash(self: Path, missing_ok: bool = False) -> None:
        if self.parent.name == "inbox":
            raise KeyboardInterrupt
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", crash)
    with pytest.raises(KeyboardInterrupt):
        run(space)
    monkeypatch.undo()
    assert inbox(space) == ["MB_2026-H1.xlsx"]
    assert [r.inbox_removed for r in records(space)] == [0]
    assert run(space).files == []  # completed, not taken for a duplicate
    assert inbox(space) == []
    assert [(r.status, r.inbox_removed) for r in records(space)] == [("accepted", 1)]


def test_two_runs_at_once_are_refused(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    with workspace_lock(space.root, "validate"), pytest.raises(WorkspaceBusy):
        run(space)
    assert inbox(space) == ["MB_2026-H1.xlsx"]


def test_a_file_still_being_written_waits_for_the_next_run(
    space: Workspace, monkeypatch: Any
) -> None:
    path = drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    real = inbox_module.chunks

    def growing(stream: Any) -> Any:
        yield from real(stream)
        with path.open("ab") as handle:  # the copy goes on while the file is read
            handle.write(b"more")

    monkeypatch.setattr(inbox_module, "chunks", growing)
    result = run(space)
    assert [(f.status, [i.code for i in f.issues]) for f in result.files] == [
        ("waiting", ["file-still-writing"])
    ]
    assert path.exists() and records(space) == []


def test_a_file_that_changes_after_it_was_read_waits_too(
    space: Workspace, monkeypatch: Any
) -> None:
    first = filled(space, "MB")
    path = drop(space, "MB_2026-H1.xlsx", first[:1000])  # a copy in progress
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))
    real = intake._values

    def copy_goes_on(*args: Any) -> None:
        real(*args)
        with path.open("ab") as handle:
            handle.write(first[1000:])

    monkeypatch.setattr(intake, "_values", copy_goes_on)
    result = run(space)
    assert sorted((f.file, f.status, [i.code for i in f.issues]) for f in result.files) == [
        ("AKPA_2026-H1.xlsx", "accepted", []),
        ("MB_2026-H1.xlsx", "waiting", ["file-still-writing"]),
    ]
    assert [r.original_name for r in records(space)] == ["AKPA_2026-H1.xlsx"]
    assert inbox(space) == ["MB_2026-H1.xlsx"]
    assert not list((space.root / "archive").glob("**/*MB_2026-H1.xlsx"))
    monkeypatch.undo()
    assert [(f.file, f.status) for f in run(space).files] == [("MB_2026-H1.xlsx", "accepted")]


def test_a_read_only_file_is_processed(space: Workspace) -> None:
    path = drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))
    path.chmod(0o444)
    assert [f.status for f in run(space).files] == ["accepted"]
    assert not path.exists()


def test_inbox_listing_skips_folders(space: Workspace) -> None:
    (space.inbox / "sub").mkdir()
    drop(space, "x.xlsx", b"")
    assert [p.name for p in intake.inbox_files(space.inbox)] == ["x.xlsx"]
    result = run(space)
    assert [i.code for i in result.files[0].issues] == ["file-empty"]
    assert clock()  # the fixed clock is what the run used


def test_an_unreadable_file_waits_with_its_reason(space: Workspace, monkeypatch: Any) -> None:
    path = drop(space, "MB_2026-H1.xlsx", filled(space, "MB"))

    def denied(_path: Path) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(inbox_module, "_hash", denied)
    result = run(space)
    assert [(f.status, [i.code for i in f.issues]) for f in result.files] == [
        ("waiting", ["file-unreadable"])
    ]
    assert "Permission denied" in result.files[0].issues[0].params["reason"]
    assert path.exists() and records(space) == []


def test_unsafe_files_are_rejected_archived_and_recorded(space: Workspace) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w") as package,
        zipfile.ZipFile(io.BytesIO(filled(space, "MB"))) as source,
    ):
        for item in source.infolist():
            package.writestr(item, source.read(item))
        package.writestr("xl/vbaProject.bin", b"\x00macro")
    drop(space, "MB_2026-H1.xlsm", buffer.getvalue())
    drop(space, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = run(space)
    assert {f.file: [i.code for i in f.issues] for f in result.files} == {
        "MB_2026-H1.xlsm": ["file-macro-enabled"],
        "old.xls": ["file-legacy-xls"],
    }
    assert all(f.archived.startswith("archive/unidentified/") for f in result.files)
    assert len(records(space)) == 2 and inbox(space) == []


def test_a_file_replaced_during_the_run_stays_for_the_next(space: Workspace) -> None:
    first, second = filled(space, "MB", seed=1), filled(space, "MB", seed=2)
    path = drop(space, "MB_2026-H1.xlsx", first)

    def replace_it(*_: Any) -> None:
        path.write_bytes(second)
        os.utime(path, (1_790_000_000, 1_790_000_000))

    result = validate_inbox(space, progress=replace_it, clock=clock)
    # the first bytes are gone before they could be archived: nothing recorded, the new file waits
    assert [(f.status, [i.code for i in f.issues]) for f in result.files] == [
        ("waiting", ["file-still-writing"])
    ]
    assert path.read_bytes() == second and records(space) == []
    assert [f.sha256 for f in run(space).files] == [sha(second)]


def test_a_file_name_that_is_not_utf8_is_taken_in(space: Workspace) -> None:
    raw = os.fsencode(str(space.inbox)) + b"/MB_2026-H1_\xe9.xlsx"
    with open(raw, "wb") as handle:
        handle.write(filled(space, "MB"))
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))
    result = run(space)
    assert sorted(f.status for f in result.files) == ["accepted", "accepted"]
    assert "MB_2026-H1_\ufffd.xlsx" in {r.original_name for r in records(space)}
    assert inbox(space) == []


def test_an_older_file_processed_later_does_not_replace_the_newer(space: Workspace) -> None:
    newer, older = filled(space, "MB", seed=1), filled(space, "MB", seed=2)
    os.utime(drop(space, "corrected.xlsx", newer), (1_784_300_000, 1_784_300_000))
    run(space)
    os.utime(drop(space, "original.xlsx", older), (1_784_200_000, 1_784_200_000))
    run(space)
    with database.connect(space.database) as db:
        assert [r.original_name for r in ledger.current_accepted(db, "2026-H1")] == [
            "corrected.xlsx"
        ]


def test_retired_feedback_is_followed_by_the_earlier_record(space: Workspace) -> None:
    from tests.returns import put

    for value in ("Me vonese", "Delayd"):
        data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", value)
        drop(space, "MB_2026-H1.xlsx", data)
        run(space)
    first, second = records(space)
    assert first.feedback_path is not None and "/earlier/" in first.feedback_path
    assert (space.root / first.feedback_path).exists()
    assert second.feedback_path == "outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx"
