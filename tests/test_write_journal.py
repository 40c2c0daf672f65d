"""The journal of atomic writes in progress: what a killed write leaves is removed by name, with
no scan of the archive or the outbox (but once, for a workspace an older version wrote)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from nsm_excel.store import atomic, write_journal
from nsm_excel.store.lock import workspace_lock


def killed_write(root: Path, target: Path, locked: bool = True) -> tuple[Path, list[Path]]:
    """What a run killed while it wrote ``target`` leaves: its temporary file and its notes."""
    keep = root.parent / "kept"
    keep.mkdir(exist_ok=True)
    with (
        pytest.raises(KeyboardInterrupt),
        write_journal.journalled(root, locked),
        atomic.replacing(target) as out,
    ):
        out.write(b"half")
        temp = next(target.parent.glob(f".{target.name}.*.part"))
        notes = sorted((root / write_journal.FOLDER).glob("*.mark"))
        for path in (temp, *notes):
            shutil.copy(path, keep / path.name)
        raise KeyboardInterrupt
    for path in (temp, *notes):
        shutil.move(keep / path.name, path)
    return temp, notes


def swept(root: Path) -> Path:
    """A workspace the journal has swept once already."""
    root.mkdir(parents=True, exist_ok=True)
    write_journal.recover(root)
    assert (root / write_journal.FOLDER / write_journal.SWEPT).is_file()
    return root


def test_a_write_notes_its_temporary_file_and_the_note_goes_with_the_write(tmp_path: Path) -> None:
    root = swept(tmp_path / "ws")
    target = root / "archive" / "2026-H1" / "MB" / "return.xlsx"
    seen: list[str] = []
    with write_journal.journalled(root), atomic.replacing(target) as out:
        out.write(b"data")
        seen = [p.read_text() for p in (root / write_journal.FOLDER).glob("*.mark")]
    temp = next(iter(seen))
    assert temp.startswith("archive/2026-H1/MB/.return.xlsx.") and temp.endswith(".part")
    assert write_journal.LEFTOVER.match(Path(temp).name)
    assert target.read_bytes() == b"data"
    assert list((root / write_journal.FOLDER).glob("*.mark")) == []


def test_the_next_run_removes_the_temporary_file_a_killed_write_noted(tmp_path: Path) -> None:
    root = swept(tmp_path / "ws")
    temp, notes = killed_write(root, root / "outbox" / "2026-H1" / "feedback" / "MB.xlsx")
    assert temp.is_file() and len(notes) == 1
    with workspace_lock(root, "validate"):
        pass
    assert not temp.exists() and not notes[0].exists()
    assert not (root / "outbox" / "2026-H1" / "feedback" / "MB.xlsx").exists()


def test_a_temporary_file_no_note_names_is_not_searched_for_once_swept(tmp_path: Path) -> None:
    """The proof that no scan happens: a leftover with no note, planted after the one sweep,
    stays; the one the journal names beside it goes."""
    root = swept(tmp_path / "ws")
    folder = root / "archive" / "2026-H1" / "MB"
    folder.mkdir(parents=True)
    unnoted = folder / ".return.xlsx.abcd1234.part"
    unnoted.write_bytes(b"half")
    noted, _ = killed_write(root, folder / "other.xlsx")
    assert write_journal.recover(root) == [noted.relative_to(root).as_posix()]
    assert unnoted.is_file() and not noted.exists()


def test_a_workspace_an_older_version_wrote_is_swept_once(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    old = [
        root / "archive" / "2026-H1" / "MB" / ".a.xlsx.abcd1234.part",
        root / "outbox" / "2026-H1" / ".status.html.zz_9yx8w.part",
        root / ".nsm.toml.12345678.part",
    ]
    mine = root / "outbox" / ".my notes.part"  # a person's file, not an atomic write's
    inbox = root / "inbox" / ".x.xlsx.abcd1234.part"  # the inbox is the institutions'
    for path in (*old, mine, inbox):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    wanted = sorted(p.relative_to(root).as_posix() for p in old)
    assert sorted(write_journal.recover(root)) == wanted
    assert mine.is_file() and inbox.is_file() and not any(p.exists() for p in old)
    later = root / "archive" / "2026-H1" / "MB" / ".b.xlsx.abcd1234.part"
    later.write_bytes(b"x")
    assert write_journal.recover(root) == []
    assert later.is_file()


@pytest.mark.parametrize(
    "named",
    ["../outside/.a.xlsx.abcd1234.part", "{outside}/.a.xlsx.abcd1234.part", "nsm.toml"],
    ids=["climbs out", "absolute", "not a temporary file"],
)
def test_a_note_naming_no_temporary_file_of_the_workspace_removes_nothing(
    tmp_path: Path, named: str
) -> None:
    root = swept(tmp_path / "ws")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / ".a.xlsx.abcd1234.part").write_bytes(b"someone's")
    (root / "nsm.toml").write_text("[plan]\n")
    note = root / write_journal.FOLDER / "0123.mark"
    note.write_text(named.format(outside=outside.as_posix()))
    assert write_journal.recover(root) == []
    assert (outside / ".a.xlsx.abcd1234.part").is_file() and (root / "nsm.toml").is_file()
    assert not note.exists()


def test_writes_outside_the_workspace_or_the_journal_leave_no_note(tmp_path: Path) -> None:
    root = swept(tmp_path / "ws")
    notes = root / write_journal.FOLDER
    with write_journal.journalled(root), atomic.replacing(tmp_path / "elsewhere.xlsx") as out:
        out.write(b"x")
        assert list(notes.glob("*.mark")) == []
    with atomic.replacing(root / "outbox" / "page.html") as out:
        out.write(b"x")
        assert list(notes.glob("*.mark")) == []
    with workspace_lock(root, "consolidate"), atomic.replacing(root / "outbox" / "b.html") as out:
        out.write(b"x")
        assert len(list(notes.glob("*.mark"))) == 1


def test_a_write_made_without_the_lock_is_left_until_its_note_is_old(tmp_path: Path) -> None:
    root = swept(tmp_path / "ws")
    target = root / "outbox" / "review" / "review.html"
    temp, notes = killed_write(root, target, locked=False)  # as the review writes
    with workspace_lock(root, "validate"):
        pass  # perhaps still being written by the review: left
    assert temp.is_file() and all(n.is_file() for n in notes)
    old = time.time() - write_journal.STALE_SECONDS - 1
    for note in notes:
        os.utime(note, (old, old))
    with workspace_lock(root, "validate"):
        pass
    assert not temp.exists() and not any(n.exists() for n in notes)
