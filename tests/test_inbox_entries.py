"""Nothing outside the workspace is read through the inbox, and one file never stops a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nsm_excel.store import archive, calendar, database, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import clock, drop, filled, run


def records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    return secret


def _link_to_outside(space: Workspace, tmp_path: Path) -> Path:
    link = space.inbox / "passwd.xlsx"
    link.symlink_to(_outside(tmp_path))
    return link


def _link_to_records(space: Workspace, _tmp_path: Path) -> Path:
    link = space.inbox / "records.xlsx"
    link.symlink_to(space.database)
    return link


def _link_to_folder(space: Workspace, tmp_path: Path) -> Path:
    link = space.inbox / "folder.xlsx"
    link.symlink_to(_outside(tmp_path).parent, target_is_directory=True)
    return link


def _hard_link(space: Workspace, tmp_path: Path) -> Path:
    link = space.inbox / "hard.xlsx"
    os.link(_outside(tmp_path), link)
    return link


def _pipe(space: Workspace, _tmp_path: Path) -> Path:
    pipe = space.inbox / "pipe.xlsx"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    return pipe


@pytest.mark.parametrize(
    "make", [_link_to_outside, _link_to_records, _link_to_folder, _hard_link, _pipe]
)
def test_links_and_special_files_are_reported_and_left_alone(
    issued: Workspace, tmp_path: Path, make: object
) -> None:
    entry = make(issued, tmp_path)  # type: ignore[operator]
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    result = run(issued)
    status = {f.file: (f.status, [i.code for i in f.issues]) for f in result.files}
    assert status[entry.name] == ("waiting", ["file-not-regular"])
    assert status["MB_2026-H1.xlsx"] == ("accepted", [])
    assert os.path.lexists(entry)  # left where it is
    assert [r.original_name for r in records(issued)] == ["MB_2026-H1.xlsx"]
    archived = [p for p in (issued.root / "archive").rglob("*") if p.is_file()]
    assert len(archived) == 1 and "MB_2026-H1" in archived[0].name


def test_a_rejection_for_a_closed_period_is_not_final(issued: Workspace) -> None:
    data = filled(issued, "MB")
    with database.connect(issued.database) as db:
        calendar.close(db, "2026-H1")
    drop(issued, "MB_2026-H1.xlsx", data)
    wrong = run(issued)
    assert [i.code for i in wrong.files[0].issues] == ["return-period-closed"]
    with database.connect(issued.database) as db:
        calendar.reopen(db, "2026-H1", "a return was late")
    drop(issued, "MB_2026-H1.xlsx", data)  # the same bytes sent again: judged, not a duplicate
    again = run(issued)
    assert [(f.status, f.issues) for f in again.files] == [("accepted", [])]
    assert [r.status for r in records(issued)] == [ledger.REJECTED, ledger.ACCEPTED]


def test_archive_names_are_cut_by_bytes_within_a_letter_never(tmp_path: Path) -> None:
    name = "ë" * 122 + ".xlsx"  # 249 bytes
    target = archive.archive_path(tmp_path, "2026-07-20T09:00:00+00:00", "ab" * 32, name, "P", "I")
    assert len(target.name.encode()) <= 255 and target.name.endswith("ë.xlsx")
    target.parent.mkdir(parents=True)
    target.write_bytes(b"x")  # the file system takes it
    dotted = archive.archive_path(
        tmp_path, "2026-07-20T09:00:00+00:00", "ab" * 32, "a. . .", "", ""
    )
    assert not dotted.name.endswith((".", " "))


def test_a_flood_of_problems_is_listed_up_to_a_bound_and_counted(issued: Workspace) -> None:
    from nsm_excel.intake.rules import MAX_ISSUES
    from tests.corpus_poison import before_end_of_data, edit_sheet

    rows = "".join(
        f'<row r="{n}"><c r="B{n}"><f>1+1</f><v>2</v></c></row>' for n in range(100, 700)
    )
    data = edit_sheet(filled(issued, "MB"), "Measures", lambda x: before_end_of_data(x, rows))
    drop(issued, "flood.xlsx", data)
    drop(issued, "AKPA_2026-H1.xlsx", filled(issued, "AKPA"))
    result = run(issued)
    flood = next(f for f in result.files if f.file == "flood.xlsx")
    assert len(flood.issues) == MAX_ISSUES + 1
    assert flood.issues[-1].code == "file-many-problems"
    assert int(flood.issues[-1].params["count"]) >= 600 - MAX_ISSUES  # and the rows added
    assert {f.file: f.status for f in result.files}["AKPA_2026-H1.xlsx"] == "accepted"


def test_a_file_changed_before_its_copy_takes_its_twins_with_it(issued: Workspace) -> None:
    """Two copies of the same bytes: when the first changes before it is archived, both wait."""
    data = filled(issued, "MB")
    first = drop(issued, "a.xlsx", data)
    drop(issued, "b.xlsx", data)
    from nsm_excel.intake.run import validate_inbox

    def meanwhile(_done: int, _total: int, name: str) -> None:
        if name == "a.xlsx":
            first.write_bytes(filled(issued, "MB", seed=2))

    result = validate_inbox(issued, clock=clock, progress=meanwhile)
    assert sorted((f.file, f.status) for f in result.files) == [
        ("a.xlsx", "waiting"),
        ("b.xlsx", "waiting"),
    ]
    assert records(issued) == []
    assert sorted(f.status for f in run(issued).files) == ["accepted", "accepted"]
