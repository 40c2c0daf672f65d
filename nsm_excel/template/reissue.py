"""An issued template met again by ``nsm generate``: is the file on disk the one issued, did the
institution's rows change since (the note it is kept with), and moving it aside when a new
version replaces it (never deleted)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from nsm_excel.store import atomic
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.template import carry
from nsm_excel.template.columns import LABELLED

Note = tuple[str, dict[str, Any]]  # a word's key (``template.note.*``) and its values: facts


def file_problem(path: Path, previous: IssuedTemplate) -> Note | None:
    """Why the file on disk is not the registered issue (``None`` when it is)."""
    if not path.exists():
        return ("template.note.file_missing", {"version": previous.version})
    if hashlib.sha256(path.read_bytes()).hexdigest() != previous.sha256:
        return ("template.note.file_changed", {"version": previous.version})
    return None


def plan_note(previous: IssuedTemplate, content: dict[str, Any]) -> Note:
    """Whether the institution's own rows changed since ``previous`` was issued."""
    shown = {k for r in _rows(previous.content) for k in r if k in LABELLED}
    if rows_of(previous.content) == rows_of(content, ignore=LABELLED - shown):
        return ("template.note.kept", {})
    return ("template.note.kept_rows_changed", {"plan": previous.plan_version})


def withdrawn_note(version: int, taken_by: tuple[str, ...]) -> Note:
    """Why version ``version`` is withdrawn: succeeded by ``taken_by``, or no rows left."""
    if taken_by:
        return (
            "template.note.withdrawn_succeeded",
            {"version": version, "codes": ", ".join(taken_by)},
        )
    return ("template.note.withdrawn_no_rows", {"version": version})


def rows_of(content: dict[str, Any], ignore: frozenset[str] = frozenset()) -> str:
    """The rows a template holds, as the register keeps them (JSON), without its cover, the input
    columns it names (``inputs_added``) and the ``ignore`` columns. An empty carried cell counts
    as none: a template an earlier release issued has none; nor had it the label columns (a
    template issued with them compares them)."""
    rows = {k: v for k, v in content.items() if k not in ("cover", "inputs_added")}
    for table in ("measures", "indicators"):
        cells = (r.items() for r in rows.get(table, ()))
        rows[table] = [
            {k: v for k, v in r if (v is not None or k not in CARRIED) and k not in ignore}
            for r in cells
        ]
    return json.dumps(rows, ensure_ascii=False, default=str, sort_keys=True)


CARRIED = frozenset({*carry.MEASURE_KEYS, *carry.INDICATOR_KEYS})


def _rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [*content.get("measures", ()), *content.get("indicators", ())]


def move_aside(path: Path, previous: IssuedTemplate | None) -> Path | None:
    """Move an existing file to ``superseded/`` under a free name; never delete it."""
    if not path.exists():
        return None
    tag = f"v{previous.version}" if previous else "unregistered"
    target = atomic.free_name(path.parent / "superseded" / f"{path.stem}_{tag}{path.suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace(path, target, held=path)
    return target
