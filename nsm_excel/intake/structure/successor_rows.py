"""A return on the template of an institution a succession replaced: judged row by row against
the template of the code that took over, as a return on an older version is (:mod:`.older_rows`).

The old template was withdrawn with the facts of its succession (the codes that took over);
their latest templates, together, are the "latest" version. Institution codes in locked cells
(lead, supporting) are compared through the succession, so the old code against its successor
is no change; the columns carried from earlier answers are history of each code and are not
compared either. A pure core: issued content in, the content to compare out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nsm_excel.store.register import IssuedTemplate
from nsm_excel.template.carry import INDICATOR_KEYS, MEASURE_KEYS, PREFILLED

_CODES = ("lead", "supporting")  # locked columns holding institution codes
_HISTORY = frozenset({*MEASURE_KEYS, *INDICATOR_KEYS, PREFILLED})
_SAME = "\x00"  # what every code of the succession becomes for the comparison


def successors_of(record: IssuedTemplate) -> tuple[str, ...]:
    """The codes that took over from ``record``'s institution, when it was withdrawn after a
    succession (its withdrawal names them, whatever its reason)."""
    params = record.withdrawal.get("params")
    if not isinstance(params, dict):
        return ()
    codes = params.get("successors")
    return tuple(str(c) for c in codes) if isinstance(codes, list) else ()


def latest_of(
    record: IssuedTemplate, latest: Callable[[str, str], IssuedTemplate | None]
) -> IssuedTemplate | None:
    """The successors' latest templates of the period as one (the first one's identity, every
    one's rows), or None when ``record`` was not withdrawn by a succession or none was issued."""
    found = [latest(code, record.period) for code in successors_of(record)]
    issued = [t for t in found if t is not None and t.expected]
    if not issued:
        return None
    content = {
        part: _unique(row for t in issued for row in t.content.get(part) or [])
        for part in ("measures", "indicators")
    }
    first = issued[0]
    return dataclasses.replace(first, content=first.content | _compared(content, record, issued))


def compared(record: IssuedTemplate, successor: IssuedTemplate) -> dict[str, Any]:
    """``record``'s content as it is compared with the successor's (see the module)."""
    return _compared(record.content, record, [successor])


def _compared(
    content: Mapping[str, Any], record: IssuedTemplate, issued: Sequence[IssuedTemplate]
) -> dict[str, Any]:
    codes = {record.institution, *successors_of(record), *(t.institution for t in issued)}
    return {
        part: [_row(row, codes) for row in content.get(part) or []]
        for part in ("measures", "indicators")
    }


def _row(row: Mapping[str, Any], codes: set[str]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in _HISTORY}
    for key in _CODES:
        if key in out and isinstance(out[key], str):
            parts = [p.strip() for p in out[key].split(";") if p.strip()]
            shown = dict.fromkeys(_SAME if p in codes else p for p in parts)
            out[key] = "; ".join(shown)
    return out


def _unique(rows: Any) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row.get("measure_code"), row.get("role"), row.get("indicator_code"))
        seen.setdefault(key, row)
    return list(seen.values())
