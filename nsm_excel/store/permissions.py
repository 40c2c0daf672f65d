"""The permissions of what nsm writes: what the user's umask allows, as for any program.

A file written atomically is first a temporary file, which :func:`tempfile.mkstemp` makes
readable by its owner alone (0600), and a folder made by :func:`tempfile.mkdtemp` likewise
(0700). Once it takes its place, a template, a feedback workbook or the master would stay private
to whoever ran the command, whatever the secretariat's umask says. So each is given the mode a
file or folder created the ordinary way would have: 0666 (0777 for a folder) less the umask.

The umask is read once, without changing it where the system tells it (Linux's
``/proc/self/status``); elsewhere it is set and restored once, the first time it is asked.
On Windows a mode only decides whether a file is read-only, and 0666 less any umask keeps it
writable.
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

_STATUS = Path("/proc/self/status")


@cache
def umask() -> int:
    """The process's umask (read once)."""
    with contextlib.suppress(OSError, ValueError):
        for line in _STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split(":", 1)[1].strip(), 8)
    found = os.umask(0o077)  # no other way to read it: set it and put it back at once
    os.umask(found)
    return found


def file_mode() -> int:
    """The mode of a new file: 0666 less the umask (0644 under 022, 0600 under 077)."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The mode of a new folder: 0777 less the umask (0755 under 022, 0700 under 077)."""
    return 0o777 & ~umask()


def as_umask_allows(path: Path | str, folder: bool = False) -> None:
    """Give ``path`` (a temporary file or folder just made) the mode the umask allows."""
    os.chmod(path, folder_mode() if folder else file_mode())
