"""The records (nsm.sqlite): damage is a clear message in every command, and copies are kept.

Every kind of damage (bytes that are not a database, a truncated file, a zeroed page, a dropped
table or column, a row that is not JSON) ends a command with exit code 2, a message naming the
file and the way back, no traceback, and the file as it was. Before a command writes, a copy
goes to backups/: the last five kept, none replacing another, none holding damage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.core.errors import RecordsDamaged
from nsm_excel.store import database, ledger, record_backups, schema_steps
from nsm_excel.store.workspace import Workspace
from tests.recorded import ONE_ACCEPTED_ONE_REJECTED, copy_of, nsm, recorded_in
from tests.returns import drop, filled, run

COMMANDS = (["validate"], ["generate"], ["consolidate"], ["status"], ["backup", "{out}"])


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with issued templates and two returns recorded (one with feedback)."""
    return recorded_in(tmp_path_factory.mktemp("records"), ONE_ACCEPTED_ONE_REJECTED)


@pytest.fixture
def space(recorded: Path, tmp_path: Path) -> Workspace:
    return copy_of(recorded, tmp_path)


def _sql(space: Workspace, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(space.database)) as db:
        for statement in statements:
            db.execute(statement)
        db.commit()


def damage(space: Workspace, kind: str) -> None:
    """Damage the records as a disk, a copy or a hand would."""
    path = space.database
    data = bytearray(path.read_bytes())
    page = 4096
    if kind == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "zeroed page":  # the page that holds the ledger's rows
        with contextlib.closing(sqlite3.connect(path)) as db:
            (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'received'")
        middle = root[0] - 1
        data[middle * page : (middle + 1) * page] = bytes(page)
        path.write_bytes(bytes(data))
    elif kind == "zeroed header":
        data[:page] = bytes(page)
        path.write_bytes(bytes(data))
    elif kind == "dropped table":
        _sql(space, "DROP TABLE received")
    elif kind == "dropped column":
        _sql(space, "ALTER TABLE issued_templates DROP COLUMN content")
    elif kind == "row not JSON":
        _sql(
            space,
            "UPDATE received_issues SET params = 'not json'",
            "UPDATE issued_templates SET content = '{cut'",
        )
    elif kind == "a folder":
        path.unlink()
        path.mkdir()
    elif kind == "emptied":
        path.write_bytes(b"")
    elif kind == "deleted":
        path.unlink()
    else:
        raise AssertionError(kind)


KINDS = (
    "garbage",
    "truncated",
    "zeroed page",
    "zeroed header",
    "dropped table",
    "dropped column",
    "row not JSON",
    "a folder",
    "emptied",
    "deleted",
)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_damaged_records_are_a_clear_message_in_every_command(
    space: Workspace, tmp_path: Path, kind: str, command: list[str]
) -> None:
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))  # work for validate to do
    damage(space, kind)
    before = _files(space.root)
    args = [a.format(out=tmp_path / "out") for a in command]
    code, out = nsm(*args, "-w", str(space.root))
    assert code == 2, out
    assert "Traceback" not in out
    assert out.startswith(f"Error: the records {space.database} are damaged (")
    assert "nsm restore" in out and "archive/" in out and "nsm doctor" in out
    after = _files(space.root)
    if kind == "row not JSON":  # met while working: only the inbox sightings were written
        del before["nsm.sqlite"], after["nsm.sqlite"]
    assert after == before  # no file written, no copy of the damage kept
    assert (space.inbox / "AKPA_2026-H1.xlsx").exists()


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith((".nsm.lock", "nsm.sqlite-"))
    }


@pytest.mark.parametrize("kind", ["garbage", "zeroed page", "dropped table"])
def test_the_copy_the_message_names_restores_the_records(space: Workspace, kind: str) -> None:
    want = _rows(space.database)
    damage(space, kind)
    code, out = nsm("status", "-w", str(space.root))
    latest = record_backups.latest(space.root)
    assert code == 2 and latest is not None
    command = f"nsm restore {latest.resolve()} -w {space.root.resolve()}"
    assert f"`{command}` puts back the latest automatic copy" in out.replace("\n", "")
    code, out = nsm("restore", str(latest), "-w", str(space.root))
    assert code == 0, out
    assert _rows(space.database) == want
    assert nsm("status", "-w", str(space.root))[0] == 0


def _rows(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT id, sha256, status, feedback_path FROM received").fetchall()


def test_damage_met_while_a_command_works_is_reported_and_its_copy_dropped(
    space: Workspace,
) -> None:
    copies = record_backups.listing(space.root)
    _sql(space, "INSERT INTO sightings VALUES ('x', 'y', 'z')")  # changed since the last copy
    raised = pytest.raises(RecordsDamaged, match=r"no such table: no_such_table")
    with raised, database.connect(space.database) as db:
        assert len(record_backups.listing(space.root)) == len(copies) + 1
        db.execute("SELECT * FROM no_such_table")
    assert record_backups.listing(space.root) == copies


def test_a_programmer_error_is_not_taken_for_damage(space: Workspace) -> None:
    with pytest.raises(sqlite3.ProgrammingError), database.connect(space.database) as db:
        db.execute("SELECT ?", (1, 2))


def test_a_newer_schema_asks_for_a_newer_nsm_excel(space: Workspace) -> None:
    _sql(space, f"PRAGMA user_version = {len(schema_steps.SCHEMA) + 1}")
    code, out = nsm("status", "-w", str(space.root))
    assert code == 2 and "written by a newer nsm-excel" in out and "upgrade nsm-excel" in out


# --- automatic copies ---


def _received(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM received").fetchone()[0])


def _only_the_latest_copy(space: Workspace) -> None:
    """Room below the number of copies kept, so each new copy shows in the count."""
    for path in record_backups.listing(space.root)[:-1]:
        path.unlink()


def test_a_copy_is_taken_before_a_command_writes_and_only_when_something_changed(
    space: Workspace,
) -> None:
    _only_the_latest_copy(space)
    drop(space, "AKPA_2026-H1.xlsx", filled(space, "AKPA"))
    before = record_backups.listing(space.root)
    run(space)
    after = record_backups.listing(space.root)
    assert len(after) == len(before) + 1  # the records before it are the last copy already
    assert [_received(p) for p in after[-2:]] == [2, 3] and _received(space.database) == 3
    _sql(space, "INSERT INTO sightings VALUES ('by', 'hand', 'now')")
    drop(space, "MB_2026-H1.xlsx", filled(space, "MB", seed=2))
    run(space)  # changed since the last copy: copied before and after
    assert len(record_backups.listing(space.root)) == len(after) + 2
    with contextlib.closing(sqlite3.connect(after[-1])) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # a file alone
    copies = record_backups.listing(space.root)
    assert nsm("status", "-w", str(space.root))[0] == 0  # reads only: no copy
    run(space)  # an empty inbox: the records are the last copy
    assert record_backups.listing(space.root) == copies


def test_a_command_that_wrote_nothing_since_its_copy_is_not_copied_again(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies: list[int] = []
    take = record_backups.take

    def counted(connection: sqlite3.Connection, root: Path, keep: int = 5) -> Path | None:
        copies.append(_received(space.database))
        return take(connection, root, keep)

    monkeypatch.setattr(record_backups, "take", counted)
    with database.connect(space.database) as db:
        db.execute("SELECT count(*) FROM received").fetchone()
    assert len(copies) == 1  # the copy before only: the records are that copy
    with database.connect(space.database) as db:
        db.execute("DELETE FROM sightings")
    assert len(copies) == 3  # this one wrote: copied after as well
    with database.connect(space.database) as db, database.connect(space.database, False) as other:
        other.execute("INSERT INTO sightings VALUES ('by', 'hand', 'now')")
    assert len(copies) == 5  # another connection wrote meanwhile: copied after


def test_the_last_five_copies_are_kept(space: Workspace) -> None:
    for n in range(8):
        _sql(space, f"INSERT INTO sightings VALUES ('{n}', 'x', 'now')")
        with database.connect(space.database):
            pass
    copies = record_backups.listing(space.root)
    assert len(copies) == record_backups.KEEP == 5
    with contextlib.closing(sqlite3.connect(copies[-1])) as newest:
        assert newest.execute("SELECT count(*) FROM sightings WHERE name = 'x'").fetchone() == (8,)
    assert not [p for p in (space.root / "backups").iterdir() if p not in copies]


def test_a_copy_never_replaces_another(space: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    moment = dt.datetime(2026, 7, 20, 9, 0, 0, 123456, tzinfo=dt.UTC)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            return cls.fromtimestamp(moment.timestamp(), tz)

    _only_the_latest_copy(space)
    monkeypatch.setattr(record_backups.dt, "datetime", Frozen)
    taken = space.root / "backups" / "nsm-20260720T090000.123456Z.sqlite"
    taken.write_bytes(b"someone's file")
    _sql(space, "INSERT INTO sightings VALUES ('new', 'x', 'now')")
    with database.connect(space.database):
        pass
    assert taken.read_bytes() == b"someone's file"
    assert (taken.parent / "nsm-20260720T090000.123456Z (2).sqlite").is_file()


def test_damaged_records_never_push_a_good_copy_out(space: Workspace) -> None:
    copies = {p: p.read_bytes() for p in record_backups.listing(space.root)}
    damage(space, "zeroed page")
    for _ in range(record_backups.KEEP + 1):
        with pytest.raises(RecordsDamaged), database.connect(space.database):
            pass
    assert {p: p.read_bytes() for p in record_backups.listing(space.root)} == copies


def test_a_copy_is_taken_before_a_schema_step(space: Workspace) -> None:
    steps = len(schema_steps.SCHEMA)
    space.database.unlink()  # records one schema step behind
    with contextlib.closing(sqlite3.connect(space.database, isolation_level=None)) as old:
        for step in schema_steps.SCHEMA[: steps - 1]:
            old.execute(step)
        old.execute(f"PRAGMA user_version = {steps - 1}")
    with database.connect(space.database, backup=False) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == steps
    latest = record_backups.latest(space.root)
    assert latest is not None
    with contextlib.closing(sqlite3.connect(latest)) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == steps - 1


def test_the_guard_and_the_copy_cost_milliseconds(space: Workspace) -> None:
    started = time.perf_counter()
    for n in range(10):
        _sql(space, f"INSERT INTO sightings VALUES ('t{n}', 'x', 'now')")  # a copy each time
        with database.connect(space.database) as db:
            ledger.all_records(db)
    assert (time.perf_counter() - started) / 10 < 0.2
    assert record_backups.latest(space.root) is not None


def test_validate_after_a_restore_records_the_files_received_since(space: Workspace) -> None:
    """The copy before a run, restored: the run's files are in the archive, put back in."""
    akpa = filled(space, "AKPA")
    drop(space, "AKPA_2026-H1.xlsx", akpa)
    first = run(space).files[0]
    copy = record_backups.listing(space.root)[-2]  # the records before the run
    assert _received(copy) == 2
    code, out = nsm("restore", str(copy), "-w", str(space.root), "--requeue")
    assert code == 2 and "hold 1 received file and 0 issued templates that" in out
    code, out = nsm("restore", str(copy), "-w", str(space.root), "--requeue", "--force")
    assert code == 0, out
    assert f"  inbox/{first.file}" in out
    assert (space.inbox / first.file).read_bytes() == akpa
    again = run(space).files[0]
    assert (again.status, again.received_at, again.archived) == (
        first.status,
        first.received_at,
        first.archived,
    )
    assert _received(space.database) == 3


def _copies_made(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The copies ``take`` writes from now on, kept or found identical and dropped."""
    made: list[Path] = []
    replacing = record_backups.atomic.replacing_file

    def counted(path: Path) -> Any:
        made.append(path)
        return replacing(path)

    monkeypatch.setattr(record_backups.atomic, "replacing_file", counted)
    return made


def _noted(space: Workspace, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A copy and its note, the files' times trusted at once; the copies made from then on."""
    monkeypatch.setattr(record_backups, "_SETTLED_NS", 0)
    with database.connect(space.database):
        pass
    return _copies_made(monkeypatch)


def test_records_unchanged_since_the_latest_copy_are_not_copied_at_all(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _noted(space, monkeypatch)  # a copy, and the note of what the records were
    for _ in range(2):
        with database.connect(space.database) as db:
            db.execute("SELECT count(*) FROM received").fetchone()
    assert made == []  # the latest copy is these records: none made, none compared
    time.sleep(0.05)  # the writes below fall in a later step of the files' clock
    with contextlib.closing(sqlite3.connect(space.database)) as other:
        other.execute("INSERT INTO sightings VALUES ('open', 'log', 'now')")
        other.commit()
        with database.connect(space.database):
            pass  # the write is in the log still
    assert len(made) == 1
    time.sleep(0.05)
    _sql(space, "INSERT INTO sightings VALUES ('closed', 'log', 'now')")  # moved into the file
    with database.connect(space.database):
        pass
    assert len(made) == 2
    with contextlib.closing(sqlite3.connect(record_backups.listing(space.root)[-1])) as newest:
        found = {value for row in newest.execute("SELECT * FROM sightings") for value in row}
    assert {"open", "closed"} <= found


def test_a_note_that_does_not_hold_only_means_a_copy(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _noted(space, monkeypatch)
    latest = record_backups.listing(space.root)[-1]
    state = space.root / "backups" / record_backups.STATE
    state.write_bytes(b"\xff garbage")
    with database.connect(space.database):
        pass
    assert len(made) == 1  # a note that cannot be read: copied, and found identical
    latest.unlink()  # the latest copy gone: the records are copied again
    with database.connect(space.database):
        pass
    assert len(made) == 2 and record_backups.listing(space.root)


def test_records_changed_a_moment_ago_are_copied_whatever_the_note(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sql(space, "INSERT INTO sightings VALUES ('just', 'now', 'now')")
    made = _copies_made(monkeypatch)
    for _ in range(2):
        with database.connect(space.database):
            pass
    assert len(made) == 2  # a change in the same step of the files' clock would not show
    assert not (space.root / "backups" / record_backups.STATE).exists()


def test_the_empty_log_sqlite_makes_anew_on_each_opening_is_no_change(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    time.sleep(0.3)  # the records settled; the log, made anew at each opening, never is
    monkeypatch.setattr(record_backups, "_SETTLED_NS", 200_000_000)
    with database.connect(space.database):
        pass  # a copy, and the note
    made = _copies_made(monkeypatch)
    with database.connect(space.database):
        pass
    assert made == []


def test_records_whose_times_alone_moved_are_copied(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _noted(space, monkeypatch)
    found = space.database.stat()
    os.utime(space.database, ns=(found.st_atime_ns, found.st_mtime_ns + 1))  # bytes the same
    with database.connect(space.database):
        pass
    assert len(made) == 1  # a commit inside a log's size moves its times alone


@pytest.mark.parametrize("kind", ["folder", "link", "pipe"])
def test_a_note_that_is_no_file_is_never_read_and_never_stops_a_command(
    space: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    made = _noted(space, monkeypatch)
    state = space.root / "backups" / record_backups.STATE
    holding = state.read_bytes()  # a note that holds
    state.unlink()
    if kind == "folder":
        state.mkdir()
    elif kind == "link":
        (tmp_path / "elsewhere").write_bytes(holding)
        state.symlink_to(tmp_path / "elsewhere")
    else:
        os.mkfifo(state)  # opening it to read would wait for a writer
    with database.connect(space.database):
        pass
    assert len(made) == 1  # copied, and compared: the command went on


def test_records_written_during_their_copy_leave_no_note(
    space: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_backups, "_SETTLED_NS", 0)
    _only_the_latest_copy(space)
    same = record_backups._same

    def written_meanwhile(path: Path, copy: Path) -> bool:
        time.sleep(0.02)  # in a later step of the files' clock
        _sql(space, "INSERT INTO sightings VALUES ('during', 'the copy', 'now')")
        return same(path, copy)

    monkeypatch.setattr(record_backups, "_same", written_meanwhile)
    _sql(space, "INSERT INTO sightings VALUES ('before', 'the copy', 'now')")
    with database.connect(space.database, backup=False) as db:
        record_backups.take(db, space.root)
    assert not (space.root / "backups" / record_backups.STATE).exists()


def test_on_windows_no_note_is_trusted(space: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_backups, "_SETTLED_NS", 0)
    monkeypatch.setattr(record_backups.sys, "platform", "win32")
    made = _copies_made(monkeypatch)
    for _ in range(2):
        with database.connect(space.database):
            pass
    assert len(made) == 2  # its change time is the creation time; its write time may lag


def test_a_pipe_or_a_link_in_place_of_a_records_file_is_never_waited_on_nor_trusted(
    tmp_path: Path,
) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "file").write_bytes(b"records")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    for name in ("pipe", "link"):
        state, moved = record_backups._file_state(tmp_path / name)
        assert state == "?" and moved is not None  # as if changed this very moment
    assert record_backups._file_state(tmp_path / "file")[0].startswith("7:")
