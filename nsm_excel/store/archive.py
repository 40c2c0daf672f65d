"""The archive: every received file, byte for byte, by period and institution.

``archive/<PERIOD>/<INSTITUTION>/<RECEIVED>_<HASH12>_<ORIGINAL NAME>``; files that could not be
identified go to ``archive/unidentified/``. Names are derived from content and receipt, so a run
that was killed midway writes the same name again and finds the copy already there.

Names follow Windows' rules (:mod:`nsm_excel.core.file_names`) and the original name is cut so the
full path stays within what Excel opens, as long as the workspace's own path leaves room.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from nsm_excel.core import file_names
from nsm_excel.core.errors import InboxChanged
from nsm_excel.store import atomic

NAME_BYTES = 150  # of the original name in an archive name; the whole stays under 255 bytes
KEPT_LETTERS = 24  # of the original name at least, however long the workspace's path


def archive_path(
    root: Path,
    received_at: str,
    sha256: str,
    name: str,
    period: str | None,
    institution: str | None,
) -> Path:
    stamp = dt.datetime.fromisoformat(received_at).strftime("%Y%m%dT%H%M%SZ")
    folder = root / "archive"
    if period and institution:
        folder = folder / file_names.safe(period) / file_names.safe(institution)
    else:
        folder = folder / "unidentified"
    prefix = f"{stamp}_{sha256[:12]}_"
    room = max(file_names.room_in(folder) - len(prefix), KEPT_LETTERS)
    return folder / f"{prefix}{file_names.safe(name, min(NAME_BYTES, room))}"


def store(target: Path, data: bytes) -> Path:
    """Write ``data`` at ``target`` atomically unless the same bytes are already there.

    Returns where the bytes are. The caller flushes the disk (``atomic.flush_all``) before
    recording.
    """
    if target.exists():
        if file_hash(target) == hashlib.sha256(data).hexdigest():
            return target
        target = atomic.free_name(target)
    atomic.write_bytes(target, data, sync=False)
    return target


def store_file(target: Path, source: Path, sha256: str) -> Path:
    """Copy a file in chunks, hashed while copied; same rules as :func:`store`.

    :class:`InboxChanged` when the copy is not the content ``sha256`` that was checked. The
    caller flushes the disk (``atomic.flush_all``) before recording.
    """
    if target.exists() and file_hash(target) == sha256:
        return target
    target = atomic.free_name(target)
    try:
        copied = atomic.copy_file(source, target, sync=False)
    except FileNotFoundError as exc:
        raise InboxChanged(source.name) from exc
    if copied != sha256:
        target.unlink()
        raise InboxChanged(source.name)
    return target


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
