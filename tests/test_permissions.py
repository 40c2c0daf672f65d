"""What nsm writes gets the permissions the user's umask allows: 0644 (folders 0755) under
022, 0600 (0700) under 077, never the 0600 of a temporary file whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from nsm_excel.outputs import status_page
from nsm_excel.outputs.package.writer import export
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store import atomic, permissions
from nsm_excel.template.generate import generate
from tests import returns
from tests.conftest import make_workspace


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    before = os.umask(mask)
    permissions.umask.cache_clear()
    try:
        yield mask
    finally:
        os.umask(before)
        permissions.umask.cache_clear()


def _modes(root: Path) -> dict[str, set[str]]:
    """The modes found under ``root``, files and folders apart, each with an example path."""
    found: dict[str, set[str]] = {"files": set(), "folders": set()}
    for path in root.rglob("*"):
        kind = "folders" if path.is_dir() else "files"
        found[kind].add(oct(stat.S_IMODE(path.stat().st_mode)))
    return found


@pytest.mark.parametrize(
    ("umask", "file", "folder"),
    [(0o022, "0o644", "0o755"), (0o077, "0o600", "0o700")],
    indirect=["umask"],
)
def test_every_output_of_a_cycle_has_the_mode_the_umask_allows(
    tmp_path: Path, umask: int, file: str, folder: str
) -> None:
    assert permissions.umask() == umask
    space = make_workspace(tmp_path / "ws")
    generate(space)
    returns.drop(space, "MB.xlsx", returns.filled(space, "MB"))
    returns.drop(space, "AKPA.xlsx", returns.filled(space, "AKPA", mistakes=("ambiguous-amount",)))
    returns.run(space)
    build_reports(space)
    status_page.write_pages(space)
    export(space)
    written = {p.relative_to(space.root).parts[0] for p in space.root.rglob("*") if p.is_file()}
    assert {"templates", "archive", "outbox", "backups"} <= written
    assert (space.outbox / "2026-H1" / "feedback" / "AKPA_2026-H1_feedback.xlsx").is_file()
    assert _modes(space.root) == {"files": {file}, "folders": {folder}}


@pytest.mark.parametrize("umask", [0o002], indirect=True)
def test_an_atomic_write_keeps_what_the_umask_allows_not_mkstemps_0600(
    tmp_path: Path, umask: int
) -> None:
    atomic.write_text(tmp_path / "page.html", "<p>hi</p>")
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o664
