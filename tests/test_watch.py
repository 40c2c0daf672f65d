"""`nsm watch`: files judged once they settle, the lock held only while a batch is judged, a
stop after N looks or on Ctrl-C with the records intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from nsm_excel.desk import watch as watching
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store import database, ledger
from nsm_excel.store.lock import WorkspaceBusy, workspace_lock
from nsm_excel.store.workspace import Workspace
from tests import returns
from tests.test_lock import holding


def _received(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database, backup=False) as db:
        return ledger.all_records(db)


def test_a_file_copied_in_two_steps_is_judged_once_and_only_once_complete(
    issued: Workspace,
) -> None:
    data = returns.filled(issued, "MB")
    target = issued.inbox / "MB.xlsx"
    target.write_bytes(data[: len(data) // 2])  # the copy has begun
    pauses: list[int] = []

    def sleep(_seconds: float) -> None:
        pauses.append(1)
        if len(pauses) == 1:
            with target.open("ab") as out:  # the copy ends after the first look
                out.write(data[len(data) // 2 :])

    done = watching.watch(issued, interval=0.2, looks=5, sleep=sleep)
    assert done.looks == 5 and len(pauses) == 4
    assert done.batches == 1  # at the third look: the second saw it grow
    assert [(f.file, f.status) for f in done.files] == [("MB.xlsx", "accepted")]
    assert [r.original_name for r in _received(issued)] == ["MB.xlsx"]
    assert not target.exists()


def test_the_lock_is_held_while_a_batch_is_judged_and_free_between_batches(
    issued: Workspace,
) -> None:
    returns.drop(issued, "MB.xlsx", returns.filled(issued, "MB"))
    seen: list[str] = []

    def probe(*_: object) -> None:  # called as each file is settled, the lock held
        try:
            with workspace_lock(issued.root, "status"):
                seen.append("free during the batch")
        except WorkspaceBusy:
            seen.append("held during the batch")

    def validate(space: Workspace, **options: Any) -> Any:
        return validate_inbox(space, progress=probe, **options)

    def sleep(_seconds: float) -> None:
        with workspace_lock(issued.root, "consolidate"):  # another command between batches
            seen.append("taken between batches")
        if seen.count("held during the batch") == 1 and not (issued.inbox / "AKPA.xlsx").exists():
            returns.drop(issued, "AKPA.xlsx", returns.filled(issued, "AKPA"))

    done = watching.watch(issued, interval=0.2, looks=6, sleep=sleep, validate=validate)
    assert done.batches == 2
    assert seen.count("held during the batch") == 2 and "free during the batch" not in seen
    assert seen.count("taken between batches") == 5
    assert sorted(f.file for f in done.files) == ["AKPA.xlsx", "MB.xlsx"]


def test_files_wait_while_another_command_holds_the_workspace(issued: Workspace) -> None:
    returns.drop(issued, "MB.xlsx", returns.filled(issued, "MB"))
    child = holding(issued.root)
    heard: list[watching.Batch] = []

    def on_batch(batch: watching.Batch) -> None:
        heard.append(batch)
        if batch.busy:
            child.kill()
            child.wait()

    try:
        done = watching.watch(
            issued, interval=0.2, looks=3, on_batch=on_batch, sleep=lambda _: None
        )
    finally:
        child.kill()
        child.wait()
    assert [b.busy for b in heard] == [True, False]
    assert [f.status for f in done.files] == ["accepted"]
    assert done.batches == 1


def test_the_watch_stops_after_the_looks_asked_or_when_told(space: Workspace) -> None:
    pauses: list[float] = []
    done = watching.watch(space, interval=1.0, looks=3, sleep=pauses.append)
    assert done.looks == 3 and done.batches == 0
    assert pauses == [0.2] * 10  # two waits of one second, in short steps
    told = iter([False, False, True])
    done = watching.watch(space, interval=0.2, stop=lambda: next(told), sleep=lambda _: None)
    assert done.looks == 1


def test_a_file_that_never_settles_is_never_judged(issued: Workspace) -> None:
    target = issued.inbox / "MB.xlsx"
    target.write_bytes(b"PK")

    def sleep(_seconds: float) -> None:
        with target.open("ab") as out:
            out.write(b"more")

    done = watching.watch(issued, interval=0.2, looks=4, sleep=sleep)
    assert done.batches == 0 and _received(issued) == []
    assert target.exists()


def test_ctrl_c_stops_the_watch_with_exit_0_and_the_records_intact(issued: Workspace) -> None:
    returns.drop(issued, "MB.xlsx", returns.filled(issued, "MB"))
    command = [sys.executable, "-m", "nsm_excel", "watch", "-w", str(issued.root)]
    command += ["--interval", "0.5", "--lang", "en"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    lines = []
    for line in child.stdout:  # until the batch has written its status page
        lines.append(line)
        if line.startswith("Status page:"):
            break
    child.send_signal(signal.SIGINT)
    rest, errors = child.communicate(timeout=60)
    assert child.returncode == 0, errors
    assert "Traceback" not in errors
    assert rest.strip().splitlines()[-1].startswith("Stopped watching after 1 batches and 1 files")
    assert any("MB.xlsx" in line and "accepted" in line for line in lines)
    assert [r.status for r in _received(issued)] == ["accepted"]
    assert not (issued.inbox / "MB.xlsx").exists()
    left = [p for p in issued.root.rglob("*.part")]
    assert left == []
    assert (issued.outbox / "2026-H1" / "status.html").is_file()
    assert os.listdir(issued.inbox) == []
