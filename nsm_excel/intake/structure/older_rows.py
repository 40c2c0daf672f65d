"""A return on an older template version, taken row by row: the rows the latest version did not
change are kept as answered; each other row is left out of the count with a warning at its row.

When no row at all is unchanged the return is refused whole, as before: the person copies the
answers into the latest version. The comparison itself is :mod:`.versions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake.structure import versions
from nsm_excel.intake.structure.examined import Examined, Row, note, shown
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.template.columns import INDICATOR_COLUMNS, MEASURE_COLUMNS

LABELS = {c.key: c.label.key for c in (*MEASURE_COLUMNS, *INDICATOR_COLUMNS)}
LONGEST = 60  # characters of a changed value quoted in a message


def settle(out: Examined, latest: IssuedTemplate, content: Mapping[str, Any] | None = None) -> None:
    """Keep in ``out.tables`` the rows ``latest`` did not change; warn at every other row.

    ``content``: the return's issued content as compared (default: the record's); given for a
    return on a template a succession replaced, ``latest`` being the successor's."""
    record = out.record
    assert record is not None
    facts: dict[str, Any] = {"value": record.version, "latest": latest.version}
    found = versions.decisions(record.content if content is None else content, latest.content)
    if not versions.any_unchanged(found):
        issued_at = latest.issued_at[:10]
        note(out, C.RETURN_SUPERSEDED_VERSION, issued_at=issued_at, **facts)
        return
    if latest.institution != record.institution:
        who = {"value": record.institution, "successor": latest.institution}
        note(out, C.RETURN_SUCCEEDED_INSTITUTION, issued_at=latest.issued_at[:10], **who)
    else:
        note(out, C.RETURN_OLDER_VERSION, issued_at=latest.issued_at[:10], **facts)
    for sheet, decided in found.items():
        if sheet in out.tables:
            out.tables[sheet] = [
                row for row in out.tables[sheet] if _kept(out, sheet, row, decided, latest)
            ]
        if decided.added:
            asked = ", ".join(" ".join(key) for key in decided.added)
            note(
                out,
                C.RETURN_ROWS_ADDED,
                sheet,
                value=asked,
                version=record.version,
                latest=latest.version,
            )


def _kept(
    out: Examined, sheet: str, row: Row, decided: versions.SheetDecisions, latest: IssuedTemplate
) -> bool:
    key = versions.row_key(sheet, row.issued)
    if key in decided.unchanged:
        return True
    named = " ".join(key)
    changed = decided.changed.get(key)
    if changed is None:
        first = next(iter(row.cells), "")
        cell = row.cells[first] if first else ""
        note(out, C.RETURN_ROW_DROPPED, sheet, cell, value=named, latest=latest.version)
        return False
    column = next(iter(changed.now))
    cell = row.cells.get(column, "")
    note(
        out,
        C.RETURN_ROW_CHANGED,
        sheet,
        cell,
        column=column,
        value=named,
        changes=changes(changed.now, row.cells),
        latest=latest.version,
    )
    return False


def changes(now: Mapping[str, Any], cells: Mapping[str, str]) -> words.Ref:
    """What the latest version holds in each changed column, as a word: 'Title (column D) now
    reads "..."', one after another."""
    parts = [
        words.ref(
            "version-change.column",
            label=words.ref(LABELS[key]) if key in LABELS else key,
            column=_letters(cells[key]) if key in cells else "",
            now=_quoted(value),
        )
        for key, value in now.items()
    ]
    joined = parts[-1]
    for part in reversed(parts[:-1]):
        joined = words.ref("version-change.more", first=part, rest=joined)
    return joined


def _letters(cell: str) -> str:
    return cell.rstrip("0123456789")


def _quoted(value: Any) -> str:
    text = shown(value)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
