"""Faults: a run killed between any two steps, two runs at once, a full disk. Nothing is lost.

A killed run is simulated in a forked process that ends with ``os._exit`` just before its k-th
step (a change to the disk or to the ledger): no ``finally`` block, rollback or clean-up runs, as
with ``kill -9``. The next run must then end with the same ledger, archive, outbox and inbox as a
run that was never interrupted, from an identical workspace.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.core.errors import DiskFull
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.run import validate_inbox
from nsm_excel.plan import stored_plan
from nsm_excel.store import atomic, database, ledger, record_backups, register, write_journal
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.returns import clock, drop, filled

KILLED = 70  # the exit code of a process killed at its step
FORK = multiprocessing.get_context("fork")
JULY = 1_784_116_800  # 2026-07-15 12:00, after the returns are dated and before the clock of
# the runs: the file's own time counts


def _dated(space: Workspace, name: str, data: bytes, seconds: int) -> None:
    os.utime(drop(space, name, data), (JULY + seconds, JULY + seconds))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace after one round (MB accepted, AIDA rejected), with a second round in the inbox.

    The second round has every kind of file: a resubmission that supersedes (MB), a rejected
    resubmission whose earlier feedback is moved aside for new feedback (AIDA), the same bytes
    twice in one run (AKPA), the first round's file again (a duplicate) and a file that is not a
    workbook (archived as unidentified).
    """
    space = make_workspace(tmp_path_factory.mktemp("faults") / "ws")
    generate(space)
    first = filled(space, "MB", seed=1)
    _dated(space, "MB_2026-H1.xlsx", first, 0)
    _dated(space, "AIDA_2026-H1.xlsx", filled(space, "AIDA", 1, ("status-misspelled",)), 10)
    validate_inbox(space, clock=clock)
    _dated(space, "MB_2026-H1.xlsx", filled(space, "MB", seed=2), 100)
    _dated(space, "AIDA_2026-H1.xlsx", filled(space, "AIDA", 2, ("missing-reporter",)), 110)
    akpa = filled(space, "AKPA", seed=1)
    _dated(space, "AKPA_2026-H1.xlsx", akpa, 120)
    _dated(space, "AKPA copy.xlsx", akpa, 130)
    _dated(space, "MB again.xlsx", first, 140)
    _dated(space, "notes.csv", b"measure;status\nA.1.1;done\n", 150)
    return space.root


def records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def copy_of(prepared: Path, target: Path) -> Workspace:
    shutil.copytree(prepared, target, symlinks=True)
    (target / ".nsm.lock").unlink(missing_ok=True)
    return Workspace.open(target)


def _content(path: Path) -> str:
    """A file's bytes as a hash; for a workbook, every part but the save time (core.xml)."""
    data = path.read_bytes()
    if path.suffix != ".xlsx" or not zipfile.is_zipfile(path):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if name != "docProps/core.xml":
                digest.update(name.encode() + b"\0" + package.read(name))
    return digest.hexdigest()


def _compared(root: Path, path: Path) -> bool:
    """Not the database, the lock, an automatic copy of the records (one a run, by time) or a
    kept reading of a plan copy (made again by whichever command misses it)."""
    if path.name.startswith(("nsm.sqlite", ".nsm.lock")) or not path.is_file():
        return False
    if path.parent == root / stored_plan.CACHE:
        return False
    return path.parent != root / "backups" or path not in record_backups.listing(root)


def state(root: Path) -> dict[str, Any]:
    """Every file of the workspace (but the database, the lock and the automatic copies of the
    records, whose names are times) and every ledger row."""
    files = {
        path.relative_to(root).as_posix(): _content(path)
        for path in sorted(root.rglob("*"))
        if _compared(root, path)
    }
    with contextlib.closing(sqlite3.connect(root / "nsm.sqlite")) as db:
        tables = {
            table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("received", "sightings", "issued_templates")
        }
    return {"files": files, **tables}


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    found = []
    for name in sorted(set(got["files"]) | set(want["files"])):
        if got["files"].get(name) != want["files"].get(name):
            where = "missing" if name not in got["files"] else "extra or different"
            found.append(f"file {name}: {where}")
    for table in ("received", "sightings", "issued_templates"):
        if got[table] != want[table]:
            found.append(f"table {table}: {got[table]} != {want[table]}")
    return found


class Steps:
    """The steps of a run that change what a kill leaves behind, counted; the process killed at one.

    A step creates a file (an atomic write's note in the journal, its temporary file), moves or
    replaces one, removes one, or commits a transaction; between two steps nothing that survives
    a kill changes (an open transaction is rolled back, a folder may be created). So killing the
    process just before each step, and letting one run finish, covers every state a kill can
    leave. Patched in a forked child only: the parent keeps the real functions.
    """

    def __init__(self, root: Path, kill_at: int, log: Path) -> None:
        self.root, self.kill_at, self.log = str(root), kill_at, log
        self.count = 0

    def step(self, what: str) -> None:
        self.count += 1
        with self.log.open("a", encoding="utf-8") as out:
            out.write(what + "\n")
        if self.count == self.kill_at:
            os._exit(KILLED)

    def short(self, path: Any) -> str | None:
        """``path`` relative to the workspace; None outside it."""
        text = os.fspath(path)
        return os.path.relpath(text, self.root) if text.startswith(self.root) else None

    def install(self) -> None:
        for name in ("replace", "rename", "unlink"):
            setattr(os, name, self._path_step(name, getattr(os, name)))
        real_open = os.open

        def create(path: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
            where = self.short(path)  # an atomic write's note in the journal, its temporary file
            if where is not None and flags & os.O_CREAT:
                self.step(f"create {where}")
            return real_open(path, flags, *args, **kwargs)

        os.open = create  # type: ignore[assignment]
        real_transaction = database.transaction

        @contextlib.contextmanager
        def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
            with real_transaction(db):
                yield db
                self.step("commit a transaction")

        database.transaction = transaction  # type: ignore[assignment]

    def _path_step(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Any:
            where = self.short(path)
            if where is not None and os.path.lexists(path):  # removing nothing changes nothing
                self.step(f"{name} {where}")
            return real(path, *args, **kwargs)

        return wrapper


Job = Callable[[Workspace], Any]


def intake(space: Workspace) -> Any:
    return validate_inbox(space, clock=clock)


def _child(root: Path, kill_at: int, log: Path, job: Job) -> None:
    try:
        Steps(root, kill_at, log).install()
        job(Workspace.open(root))
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def killed_run(root: Path, kill_at: int, log: Path, job: Job = intake) -> int:
    """Run ``job`` in a child killed just before step ``kill_at``; its exit code."""
    process = FORK.Process(target=_child, args=(root, kill_at, log, job))
    process.start()
    process.join(60)
    assert process.exitcode is not None, "the run did not end"
    return process.exitcode


def kills(
    prepared: Path,
    tmp_path: Path,
    job: Job = intake,
    seen: Callable[[Path], dict[str, Any]] = state,
    again: Job | None = None,
) -> tuple[Workspace, list[str], dict[str, list[str]]]:
    """Kill ``job`` just before each of its steps, in a fresh copy of ``prepared``, run it once
    more (or ``again``), and compare with a run never killed: the reference, its steps and what
    differed."""
    reference = copy_of(prepared, tmp_path / "reference")
    steps_log = tmp_path / "steps.log"
    assert killed_run(reference.root, 0, steps_log, job) == 0  # counts the steps, kills at none
    steps = steps_log.read_text(encoding="utf-8").splitlines()
    want = seen(reference.root)
    problems: dict[str, list[str]] = {}
    for k, step in enumerate(steps, start=1):
        space = copy_of(prepared, tmp_path / f"killed-{k}")
        assert killed_run(space.root, k, tmp_path / f"log-{k}", job) == KILLED, step
        (again or job)(space)  # the next run
        found = differences(seen(space.root), want)
        if found:
            problems[f"killed before step {k} ({step})"] = found
        shutil.rmtree(space.root)
    return reference, steps, problems


def _said(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{at}: {found}" for at, found in problems.items())


def test_a_run_killed_between_any_two_steps_loses_nothing(prepared: Path, tmp_path: Path) -> None:
    reference, steps, problems = kills(prepared, tmp_path)
    assert [(r.original_name, r.status) for r in records(reference)] == [
        ("MB_2026-H1.xlsx", "accepted"),
        ("AIDA_2026-H1.xlsx", "rejected"),
        ("MB_2026-H1.xlsx", "accepted"),  # supersedes the first
        ("AIDA_2026-H1.xlsx", "rejected"),  # its earlier feedback moved aside
        ("AKPA_2026-H1.xlsx", "accepted"),
        ("AKPA copy.xlsx", "duplicate"),
        ("MB again.xlsx", "duplicate"),
        ("notes.csv", "rejected"),
    ]
    assert len(steps) > 20 and list(reference.inbox.iterdir()) == []
    assert not problems, _said(problems)


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MB's feedback on record, then two more MB returns with mistakes for one run: the run
    moves the recorded feedback to earlier/, writes a.xlsx's, then moves that one aside too."""
    space = make_workspace(tmp_path_factory.mktemp("twice") / "ws")
    generate(space)
    _dated(space, "MB_2026-H1.xlsx", filled(space, "MB", 5, ("status-misspelled",)), 0)
    validate_inbox(space, clock=clock)
    _dated(space, "a.xlsx", filled(space, "MB", 6, ("missing-reporter",)), 60)
    _dated(space, "b.xlsx", filled(space, "MB", 7, ("formula",)), 120)
    return space.root


def test_a_run_killed_while_it_moves_feedback_aside_leaves_no_orphan(
    twice: Path, tmp_path: Path
) -> None:
    reference, steps, problems = kills(twice, tmp_path)
    earlier = reference.outbox / "2026-H1" / "feedback" / "earlier"
    by_name = {r.original_name: r for r in records(reference)}
    assert sorted(p.name for p in earlier.iterdir()) == [
        "MB_2026-H1_feedback_20260715T120100.xlsx",  # the first return's, aside for a.xlsx's
        "MB_2026-H1_feedback_20260715T120200.xlsx",  # a.xlsx's, aside for b.xlsx's
    ]
    assert feedback_codes(reference, by_name["a.xlsx"].feedback_path) == ["return-required"]
    assert feedback_codes(reference, by_name["b.xlsx"].feedback_path) == ["return-formula"]
    assert sum("replace outbox/2026-H1/feedback/MB" in step for step in steps) == 2
    assert not problems, _said(problems)


def issued_state(root: Path) -> dict[str, Any]:
    """:func:`state` without what differs from one issue to the next (a template's random id,
    its time, so its bytes): the files by name, the register by institution and version, and
    whether each current template on disk is the one registered."""
    found = state(root)
    found["files"] = {
        name: "a template" if name.startswith("templates/") else content
        for name, content in found["files"].items()
    }
    with contextlib.closing(sqlite3.connect(root / "nsm.sqlite")) as db:
        rows = db.execute(
            "SELECT institution, period, version, plan_version, language, file, sha256, "
            "superseded_by IS NULL FROM issued_templates ORDER BY institution, version"
        ).fetchall()
    found["issued_templates"] = [
        (*row[:6], bool(row[7]) and (root / row[5]).is_file() and _sha(root / row[5]) == row[6])
        for row in rows
    ]
    return found


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generate_killed_between_any_two_steps_ends_as_a_run_never_killed(
    tmp_path: Path,
) -> None:
    fresh = make_workspace(tmp_path / "fresh")
    reference, steps, problems = kills(fresh.root, tmp_path / "kills", _two, issued_state)
    assert not problems, _said(problems)
    assert sum(step.startswith("replace templates/") for step in steps) == 2
    assert [row[-1] for row in issued_state(reference.root)["issued_templates"]] == [True] * 2


def _two(space: Workspace) -> Any:
    return generate(space, institutions=("MB", "AKPA"))


def _reissue_mb(space: Workspace) -> Any:
    return generate(space, institutions=("MB",), force=True)


def _reissue_mb_unless_done(space: Workspace) -> Any:
    """What a person runs after a killed reissue: ``--force`` again unless v2 was recorded (a
    forced run issues one more version each time)."""
    with database.connect(space.database) as db:
        latest = register.latest(db, "MB", "2026-H1")
    done = latest is not None and latest.version == 2
    return generate(space, institutions=("MB",), force=not done)


def test_a_forced_reissue_killed_between_any_two_steps_ends_as_a_run_never_killed(
    issued: Workspace, tmp_path: Path
) -> None:
    reference, steps, problems = kills(
        issued.root, tmp_path, _reissue_mb, issued_state, again=_reissue_mb_unless_done
    )
    assert not problems, _said(problems)
    assert "replace templates/xlsx/2026-H1/MB_2026-H1.xlsx" in steps  # to superseded/
    mb = [row for row in issued_state(reference.root)["issued_templates"] if row[0] == "MB"]
    assert [(row[2], row[-1]) for row in mb] == [(1, False), (2, True)]


def _consolidate(space: Workspace) -> Any:
    from nsm_excel.outputs.reports import build_reports

    return build_reports(space)


def reported_state(root: Path) -> dict[str, Any]:
    """:func:`state` with the master workbook and the report by name (they hold their time)."""
    found = state(root)
    found["files"] = {
        name: "an output" if "/NSM_" in name else content
        for name, content in found["files"].items()
    }
    return found


def test_consolidate_killed_between_any_two_steps_ends_as_a_run_never_killed(
    prepared: Path, tmp_path: Path
) -> None:
    validated = copy_of(prepared, tmp_path / "validated")
    intake(validated)
    _consolidate(validated)  # outputs there before: each kill leaves old and new ones mixed
    reference, steps, problems = kills(validated.root, tmp_path, _consolidate, reported_state)
    assert not problems, _said(problems)
    assert sum(step.startswith("replace outbox/2026-H1/.NSM_") for step in steps) == 4
    leftovers = [n for n in reported_state(reference.root)["files"] if n.endswith(".part")]
    assert leftovers == []


# Focused cases the kills above found, each in one workspace.


def test_a_non_utf8_name_killed_after_recording_is_not_taken_for_a_duplicate(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = os.fsencode(str(issued.inbox)) + b"/MB_2026-H1_\xe9.xlsx"
    with open(raw, "wb") as handle:
        handle.write(filled(issued, "MB"))
    real_unlink = Path.unlink

    def killed(self: Path, missing_ok: bool = False) -> None:
        if self.parent.name == "inbox":
            raise KeyboardInterrupt
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", killed)
    with pytest.raises(KeyboardInterrupt):
        validate_inbox(issued, clock=clock)
    monkeypatch.undo()
    assert validate_inbox(issued, clock=clock).files == []
    assert list(issued.inbox.iterdir()) == []
    assert [(r.status, r.inbox_removed) for r in records(issued)] == [("accepted", 1)]


def feedback_codes(space: Workspace, relative: str | None) -> list[str]:
    """The issue codes a feedback workbook lists (column G of its Feedback sheet)."""
    assert relative is not None
    book = load_workbook(space.root / relative, read_only=True)
    codes = [row[6] for row in book["Feedback"].iter_rows(min_row=4, values_only=True)]
    book.close()
    return [str(code) for code in codes]


def test_feedback_moved_aside_by_a_killed_run_stays_with_its_record(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _dated(issued, "MB_2026-H1.xlsx", filled(issued, "MB", 5, ("status-misspelled",)), 0)
    validate_inbox(issued, clock=clock)
    _dated(issued, "MB_2026-H1.xlsx", filled(issued, "MB", 6, ("missing-reporter",)), 60)

    def killed(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ledger, "retire_feedback", killed)  # moved aside, records not updated
    with pytest.raises(KeyboardInterrupt):
        validate_inbox(issued, clock=clock)
    monkeypatch.undo()
    validate_inbox(issued, clock=clock)
    first, second = records(issued)
    assert first.feedback_path is not None and "/earlier/" in first.feedback_path
    assert feedback_codes(issued, first.feedback_path) == ["return-bad-status"]
    assert second.feedback_path == "outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx"
    assert feedback_codes(issued, second.feedback_path) == ["return-required"]
    assert len(list(issued.outbox.rglob("*.xlsx"))) == 2


def test_two_returns_of_one_institution_in_one_run_keep_their_own_feedback(
    issued: Workspace,
) -> None:
    _dated(issued, "a.xlsx", filled(issued, "MB", 5, ("status-misspelled",)), 0)
    _dated(issued, "b.xlsx", filled(issued, "MB", 6, ("missing-reporter",)), 60)
    validate_inbox(issued, clock=clock)
    first, second = records(issued)
    assert feedback_codes(issued, first.feedback_path) == ["return-bad-status"]
    assert feedback_codes(issued, second.feedback_path) == ["return-required"]
    assert first.feedback_path != second.feedback_path


def test_a_killed_move_aside_then_another_return_overwrites_no_feedback(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A's feedback is moved aside by B's killed run; C, received before B, comes next."""
    _dated(issued, "a.xlsx", filled(issued, "MB", 5, ("status-misspelled",)), 0)
    validate_inbox(issued, clock=clock)
    _dated(issued, "b.xlsx", filled(issued, "MB", 6, ("missing-reporter",)), 120)

    def killed(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ledger, "retire_feedback", killed)
    with pytest.raises(KeyboardInterrupt):
        validate_inbox(issued, clock=clock)
    monkeypatch.undo()
    _dated(issued, "c.xlsx", filled(issued, "MB", 7, ("formula",)), 60)
    validate_inbox(issued, clock=clock)
    by_name = {r.original_name: r for r in records(issued)}
    assert feedback_codes(issued, by_name["a.xlsx"].feedback_path) == ["return-bad-status"]
    assert feedback_codes(issued, by_name["c.xlsx"].feedback_path) == ["return-formula"]
    assert feedback_codes(issued, by_name["b.xlsx"].feedback_path) == ["return-required"]
    assert len(list(issued.outbox.rglob("*.xlsx"))) == 3


def test_a_feedback_workbook_no_record_holds_is_moved_aside_not_deleted(
    issued: Workspace,
) -> None:
    """Records restored from a backup, a file someone put in earlier/: nothing is lost."""
    _dated(issued, "a.xlsx", filled(issued, "MB", 5, ("status-misspelled",)), 0)
    validate_inbox(issued, clock=clock)
    with database.connect(issued.database) as db:
        db.execute("UPDATE received SET feedback_path = NULL")
    earlier = issued.outbox / "2026-H1" / "feedback" / "earlier"
    earlier.mkdir()
    # the name b.xlsx's run chooses for the workbook it retires: b's time of receipt
    stamp = dt.datetime.fromtimestamp(JULY + 120, dt.UTC).strftime("%Y%m%dT%H%M%S")
    (earlier / f"MB_2026-H1_feedback_{stamp}.xlsx").write_bytes(b"kept by hand")
    _dated(issued, "b.xlsx", filled(issued, "MB", 6, ("missing-reporter",)), 120)
    validate_inbox(issued, clock=clock)
    assert (earlier / f"MB_2026-H1_feedback_{stamp}.xlsx").read_bytes() == b"kept by hand"
    moved = earlier / f"MB_2026-H1_feedback_{stamp} (2).xlsx"
    assert feedback_codes(issued, moved.relative_to(issued.root).as_posix()) == [
        "return-bad-status"
    ]


# Two runs at once.


def nsm(*args: str) -> subprocess.Popen[str]:
    """The nsm command in its own process, as a user starts it."""
    command = [sys.executable, "-c", "from nsm_excel.cli import main; main()", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _held_run(root: Path, started: Any, go: Any) -> None:
    def pause(done: int, _total: int, _name: str) -> None:
        if done == 0:
            started.set()
            go.wait(60)

    try:
        result = validate_inbox(Workspace.open(root), progress=pause, clock=clock)
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0 if result.count("accepted") == 3 else 3)


def three_returns(space: Workspace) -> set[str]:
    """Three good returns in the inbox; their hashes."""
    hashes = set()
    for n, code in enumerate(("MB", "AKPA", "AIDA")):
        data = filled(space, code)
        _dated(space, f"{code}_2026-H1.xlsx", data, n)
        hashes.add(hashlib.sha256(data).hexdigest())
    return hashes


def test_a_second_run_while_one_works_is_told_to_wait_and_changes_nothing(
    issued: Workspace,
) -> None:
    hashes = three_returns(issued)
    started, go = FORK.Event(), FORK.Event()
    first = FORK.Process(target=_held_run, args=(issued.root, started, go))
    first.start()
    try:
        assert started.wait(60), "the first run did not start"
        second = nsm("validate", "-w", str(issued.root))
        out, err = second.communicate(timeout=120)
        assert second.returncode == 2, (out, err)
        assert out == "" and "Traceback" not in err
        assert err == (
            f"Error: another nsm run is working in {issued.root} (nsm validate, process "
            f"{first.pid}); wait for it to finish and run the command again.\n"
        )
        assert len(list(issued.inbox.iterdir())) == 3 and records(issued) == []
    finally:
        go.set()
        first.join(60)
    assert first.exitcode == 0
    assert sorted(r.sha256 for r in records(issued)) == sorted(hashes)
    assert list(issued.inbox.iterdir()) == []
    assert len(list((issued.root / "archive").rglob("*.xlsx"))) == 3


def test_two_runs_started_together_take_each_file_once(issued: Workspace) -> None:
    hashes = three_returns(issued)
    runs = [nsm("validate", "-w", str(issued.root)) for _ in range(2)]
    outcomes = sorted((run.wait(120), *run.communicate()) for run in runs)
    assert [code for code, *_ in outcomes] in ([0, 0], [0, 2])  # 2: it found the other at work
    assert sum("3 accepted" in out for _, out, _ in outcomes) == 1, outcomes
    for code, out, err in outcomes:
        assert "Traceback" not in err
        if code == 2:
            assert out == "" and "another nsm run is working in" in err
        elif "3 accepted" not in out:  # it started after the other had finished
            assert "is empty: nothing to validate" in out
    assert sorted(r.sha256 for r in records(issued)) == sorted(hashes)
    assert list(issued.inbox.iterdir()) == []


# A full disk.


class _FullDisk:
    """A file on a disk with ``room`` bytes left: the write that does not fit fails midway."""

    def __init__(self, real: Any, room: int) -> None:
        self.real, self.room = real, room

    def write(self, data: bytes) -> int:
        if len(data) > self.room:
            self.real.write(data[: self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return int(self.real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *_: object) -> None:
        self.real.close()


def fill_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, room: int = 1000) -> None:
    """Writes of new files under ``folder`` run out of space after ``room`` bytes."""
    real_temporary, real_fdopen = atomic._temporary, os.fdopen
    made: dict[int, Path] = {}

    def temporary(path: Path) -> tuple[int, Path, Path | None]:
        handle, name, marker = real_temporary(path)
        made[handle] = name
        return handle, name, marker

    def fdopen(handle: int, *args: Any, **kwargs: Any) -> Any:
        real = real_fdopen(handle, *args, **kwargs)
        path = made.pop(handle, None)
        return _FullDisk(real, room) if path and path.is_relative_to(folder) else real

    monkeypatch.setattr(atomic, "_temporary", temporary)
    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.parametrize(
    ("full", "written"),
    [
        ("archive", "archive/2026-H1/MB/20260715T120140Z_{mb}_MB_2026-H1.xlsx"),
        ("outbox", "outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx"),  # the resend's changes
    ],
    ids=["archive", "outbox"],
)
def test_a_full_disk_stops_with_a_clear_message_and_loses_nothing(
    prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: str, written: str
) -> None:
    from click.testing import CliRunner

    from nsm_excel.cli.app import main

    reference = copy_of(prepared, tmp_path / "reference")
    validate_inbox(reference, clock=clock)
    space = copy_of(prepared, tmp_path / "ws")
    before = state(space.root)
    fill_disk(monkeypatch, space.root / full)
    result = CliRunner().invoke(main, ["validate", "-w", str(space.root)])
    mb = hashlib.sha256((space.inbox / "MB_2026-H1.xlsx").read_bytes()).hexdigest()[:12]
    target = space.root / written.format(mb=mb)
    assert (result.exit_code, type(result.exception)) == (2, SystemExit), result.output
    assert result.output == (
        f"Error: the disk is full: {target.name} could not be written in {target.parent}. "
        "Nothing was lost: the half-written file was removed. The files stay in the inbox and "
        "none was recorded. Free some space on that disk and run the command again.\n"
    )
    after = state(space.root)
    assert [row[:3] for row in after["received"]] == [row[:3] for row in before["received"]]
    assert {n: c for n, c in after["files"].items() if n.startswith("inbox/")} == {
        n: c for n, c in before["files"].items() if n.startswith("inbox/")
    }
    assert not [n for n in after["files"] if n.endswith(atomic.TEMPORARY)]
    monkeypatch.undo()  # space freed
    validate_inbox(space, clock=clock)
    got, want = state(space.root), state(reference.root)
    for found in (got, want):  # the command saw the files first at its own time, not the clock's
        found["sightings"] = [row[:2] for row in found["sightings"]]
    assert differences(got, want) == []


def test_only_the_temporary_files_of_atomic_writes_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "outbox" / "2026-H1"
    folder.mkdir(parents=True)
    mine = folder / ".my notes.part"
    mine.write_text("a person's file")
    with pytest.raises(KeyboardInterrupt), atomic.replacing(folder / "x.xlsx") as out:
        out.write(b"half")
        leftover = next(folder.glob(".x.xlsx.*.part"))
        shutil.copy(leftover, folder / "copy")  # what a kill at this moment leaves
        raise KeyboardInterrupt
    (folder / "copy").rename(leftover)
    assert write_journal.remove_leftovers(tmp_path / "outbox") == [leftover]
    assert mine.exists() and not leftover.exists()


@pytest.mark.parametrize("change", ["removed", "rewritten"])
def test_a_file_changed_before_its_archive_copy_waits_and_the_run_goes_on(
    issued: Workspace, change: str
) -> None:
    """Files are copied from the inbox, hashed as they are copied: a file that changes after its
    checks is never archived as the one checked; it waits, and the others are taken in."""
    good = filled(issued, "MB")
    _dated(issued, "MB_2026-H1.xlsx", good, 0)
    _dated(issued, "big.xlsx", b"PK" + b"x" * len(good), 60)

    def meanwhile(done: int, _total: int, name: str) -> None:
        if name == "big.xlsx":
            big = issued.inbox / "big.xlsx"
            big.unlink() if change == "removed" else big.write_bytes(b"PK" + b"y" * len(good))

    limits = package_safety.Limits(max_file_bytes=len(good))
    first = validate_inbox(issued, clock=clock, limits=limits, progress=meanwhile)
    assert sorted((f.file, f.status) for f in first.files) == [
        ("MB_2026-H1.xlsx", "accepted"),
        ("big.xlsx", "waiting"),
    ]
    assert [r.original_name for r in records(issued)] == ["MB_2026-H1.xlsx"]
    assert [p.name for p in issued.root.joinpath("archive").rglob("*big*")] == []
    result = validate_inbox(issued, clock=clock, limits=limits)
    assert [f.status for f in result.files] == ([] if change == "removed" else ["rejected"])


def test_a_full_disk_under_the_records_is_a_clear_error_and_changes_no_record(
    issued: Workspace,
) -> None:
    with database.connect(issued.database) as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow, as on a full disk
        before = db.execute("SELECT count(*) FROM issued_templates").fetchone()[0]
        full = pytest.raises(DiskFull, match=r"nsm\.sqlite could not be written")
        with full as caught, database.transaction(db):
            for n in range(2000):
                db.execute("INSERT INTO sightings VALUES (?, ?, ?)", (str(n), "x" * 500, ""))
        assert str(issued.root) in str(caught.value)
        assert not db.in_transaction
        assert db.execute("SELECT count(*) FROM sightings").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM issued_templates").fetchone()[0] == before
