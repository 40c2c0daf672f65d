"""Atomic file writes: content goes to a temporary file beside the target, then replaces it.

A reader never sees half a file, and a run killed midway leaves the old file (or none) in place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def replacing(path: Path, sync: bool = True) -> Iterator[BinaryIO]:
    """A file to write; on success it is flushed (to disk when ``sync``) and replaces ``path``.

    ``sync=False`` is for callers that flush many files at once with :func:`os.sync`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            if sync:
                os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, sync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, creating the folder when needed."""
    with replacing(path, sync) as out:
        out.write(data)


def copy_file(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` atomically, in chunks."""
    with replacing(path) as out, source.open("rb") as src:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            out.write(chunk)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def free_name(path: Path, numbered: str = "{stem} ({n}){suffix}") -> Path:
    """``path`` if nothing is there, else the first sibling named by ``numbered`` that is free.

    The default gives ``name (2).ext``, as file managers do.
    """
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(numbered.format(stem=path.stem, n=n, suffix=path.suffix))
    return candidate
