"""A closed period's figures, kept between commands so that a history does not make them again.

A closed period's figures come from its frozen facts only (:mod:`nsm_excel.outputs.frozen`),
so they are the same in every command: once made they are kept as JSON in ``.nsm-cache/``
(``figures/<PERIOD>.json``, or ``<PERIOD>.history.json`` without what resends changed; the
form of :mod:`nsm_excel.consolidate.plain_figures`). Each is named by a key: the closing's
facts, the settings and the plan version's SHA-256 they are read with, a fingerprint of the
records the closing kept (each one's id, file SHA-256, result and time judged) and the package
version. A kept file whose key differs, or that cannot be read as figures, is ignored and the
figures made again, then kept. Like the plan's kept reading it is never backed up, and made
again whenever it is missing.

The releases published at a closing, and their recheck, never read it: they are made from the
records, so a kept file can speed up a history but never change a published figure.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from nsm_excel import __version__
from nsm_excel.consolidate import plain_figures
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core import file_names
from nsm_excel.core.errors import DiskFull
from nsm_excel.plan.stored_plan import CACHE
from nsm_excel.store import atomic, figure_records, write_journal
from nsm_excel.store.calendar import CalendarPeriod
from nsm_excel.store.config import Config
from nsm_excel.store.workspace import Workspace

FORMAT = 1  # of the kept figures; a change of their layout raises it
FOLDER = "figures"
LARGEST = 16 * 1024 * 1024  # bytes: a kept file larger is not read (a period's: under 1 MB)


def kept_path(root: Path, period: str, changes: bool) -> Path:
    """Where the figures of ``period`` are kept in the workspace at ``root``."""
    name = f"{period}.json" if changes else f"{period}.history.json"
    return root / CACHE / FOLDER / name


def figures(
    space: Workspace,
    db: sqlite3.Connection,
    entry: CalendarPeriod,
    config: Config,
    plan_sha256: str,
    changes: bool,
    make: Callable[[], Consolidated],
) -> Consolidated:
    """The figures of closed period ``entry``: those kept when their key matches, else
    ``make()``, then kept (``config``: the settings they are read with; ``plan_sha256``: the
    plan version's)."""
    facts = entry.frozen or {}
    records = {*facts.get("received", []), *facts.get("year_counted", [])}
    key = {
        "format": FORMAT,
        "nsm": __version__,
        "code": _code(),  # the figures as this very code makes them
        "period": entry.period.code,
        "changes": changes,
        "facts": _digest(json.dumps(facts, sort_keys=True, default=str)),
        "settings": _digest(repr(config)),
        "plan": plan_sha256,
        "records": _fingerprint(db, records),
    }
    if file_names.problems(entry.period.code):
        return make()  # never a name outside the folder
    path = kept_path(space.root, entry.period.code, changes)
    try:
        kept = _read(path)
        if isinstance(kept, dict) and kept.get("key") == key:
            found = kept["figures"]
            if isinstance(found, Consolidated) and found.period == entry.period:
                return found
    except (OSError, ValueError, KeyError, RecursionError):
        pass  # none kept yet, or not for these facts: make them
    found = make()
    if not path.parent.resolve().is_relative_to(space.root.resolve()):
        return found  # a folder that leads out of the workspace: nothing written there
    try:
        text = json.dumps(
            {"key": key, "figures": plain_figures.to_plain(found)}, ensure_ascii=False
        )
    except (TypeError, ValueError):
        return found  # a value the kept form does not hold: made each time
    with (
        write_journal.journalled(space.root),
        contextlib.suppress(OSError, DiskFull),  # a read-only or full disk: made next time
    ):
        atomic.write_text(path, text)
    return found


def _read(path: Path) -> Any:
    """The JSON of the regular file at ``path`` (never a link, a device or a pipe), when it
    is no larger than :data:`LARGEST`."""
    found = path.lstat()
    if not stat.S_ISREG(found.st_mode) or found.st_size > LARGEST:
        raise ValueError(f"{path.name} is not a file of kept figures")
    return plain_figures.loads(path.read_text(encoding="utf-8"))  # the figures made as read


@functools.cache
def _code() -> str:
    """A digest of the package's code: figures kept by another version are made again."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode("utf-8"))
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fingerprint(db: sqlite3.Connection, ids: Iterable[Any]) -> str:
    """What the records of ``ids`` are: each one's id, file, result, time judged and the
    values accepted (a merge decision settles them again). SQLite writes each record as one
    text of SQL literals (``quote``: NULL and any text told apart), so no value is copied
    into Python objects of its own before it is hashed."""
    digest = hashlib.sha256()
    wanted = (i for i in ids if isinstance(i, int))
    for (text,) in figure_records.rows_by_ids(db, _RECORD_TEXT, wanted):
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


_RECORD_TEXT = " || ',' || ".join(
    f"quote({column})"
    for column in ("id", "sha256", "status", "processed_at", "superseded_by", "accepted_values")
)
