"""The workspace lock: one run at a time, refused at once, naming who holds it, freed by a kill."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nsm_excel.store.lock import LOCK_NAME, WorkspaceBusy, quiet_lock, workspace_lock
from nsm_excel.store.workspace import Workspace

HOLD = """
import sys, time
from pathlib import Path
from nsm_excel.store.lock import workspace_lock
with workspace_lock(Path(sys.argv[1]), "generate"):
    print("held", flush=True)
    time.sleep(60)
"""


def holding(root: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock as `nsm generate` would, and keeps it."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "held\n"
    return child


def test_another_process_is_refused_at_once_and_told_who_holds_the_lock(space: Workspace) -> None:
    child = holding(space.root)
    try:
        for _ in range(2):  # a refused run leaves the holder's name for the next one
            with pytest.raises(WorkspaceBusy) as refused, workspace_lock(space.root, "validate"):
                pass
            assert f"(nsm generate, process {child.pid})" in str(refused.value)
        with pytest.raises(WorkspaceBusy, match="nsm generate"), quiet_lock(space.root):
            pass
    finally:
        child.kill()
        child.wait()
    with workspace_lock(space.root, "validate"):  # a killed holder blocks no one
        pass
    holder = (space.root / LOCK_NAME).read_bytes()
    assert holder[1:] == f"nsm validate, process {os.getpid()}\n".encode()


def test_a_run_in_the_same_process_is_refused_too(space: Workspace) -> None:
    busy = pytest.raises(WorkspaceBusy, match=r"\(nsm consolidate, process \d+\)")
    with workspace_lock(space.root, "consolidate"), busy, workspace_lock(space.root, "generate"):
        pass
    with workspace_lock(space.root, "generate"):
        pass


def test_the_quiet_lock_creates_and_writes_nothing(space: Workspace) -> None:
    lock = space.root / LOCK_NAME
    lock.unlink(missing_ok=True)
    with quiet_lock(space.root):
        assert not lock.exists()
    with workspace_lock(space.root, "generate"):
        pass
    before = (lock.read_bytes(), lock.stat().st_mtime_ns)
    with quiet_lock(space.root):
        pass
    assert (lock.read_bytes(), lock.stat().st_mtime_ns) == before
