"""Paths the records keep, turned back into files of the workspace, and never into others.

The ledger, the register and the journals keep paths relative to the workspace
(``archive/2026-H1/MB/...``). Records can be edited or damaged: a stored path that is absolute,
climbs out with ``..``, names a drive, or leads outside the workspace through a link is no
file of the workspace, and nothing is read, moved or removed there.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def within(root: Path, stored: str | None) -> Path | None:
    """``root / stored`` when that is inside the workspace ``root``; None otherwise."""
    if not stored or "\x00" in stored:
        return None
    posix, windows = PurePosixPath(stored), PureWindowsPath(stored)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        return None
    if ".." in posix.parts or ".." in windows.parts:
        return None
    path = root / stored
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return None
    return path if inside else None
