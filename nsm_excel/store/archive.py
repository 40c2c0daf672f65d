"""The archive: every received file, byte for byte, by period and institution.

``archive/<PERIOD>/<INSTITUTION>/<RECEIVED>_<HASH12>_<ORIGINAL NAME>``; files that could not be
identified go to ``archive/unidentified/``. Names are derived from content and receipt, so a run
that was killed midway writes the same name again and finds the copy already there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from nsm_excel.core.errors import InboxChanged
from nsm_excel.store import atomic

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")
NAME_BYTES = 150  # of the original name in an archive name; the whole stays under 255 bytes


def archive_path(
    root: Path,
    received_at: str,
    sha256: str,
    name: str,
    period: str | None,
    institution: str | None,
) -> Path:
    stamp = dt.datetime.fromisoformat(received_at).strftime("%Y%m%dT%H%M%SZ")
    safe = _bounded(_UNSAFE.sub("_", name)) or "file"
    folder = (
        root / "archive" / (f"{period}/{institution}" if period and institution else "unidentified")
    )
    return folder / f"{stamp}_{sha256[:12]}_{safe}"


def _bounded(name: str, limit: int = NAME_BYTES) -> str:
    """``name`` cut to ``limit`` bytes of UTF-8 (file systems count bytes, not letters), never
    inside a letter, the extension kept; trailing dots and spaces removed (Windows drops them)."""
    encoded = name.encode("utf-8", "surrogatepass")
    if len(encoded) > limit:
        stem, dot, suffix = name.rpartition(".")
        suffix = f".{suffix}" if dot and len(suffix.encode()) <= 16 else ""
        room = limit - len(suffix.encode())
        kept = (stem if suffix else name).encode("utf-8", "surrogatepass")[:room]
        name = kept.decode("utf-8", "ignore") + suffix
    return name.rstrip(". ")


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
