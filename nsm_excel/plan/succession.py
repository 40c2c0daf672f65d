"""Who reports for whom: the plan's Succession rows followed as chains (pure).

A rename is one old code and one new code; a merge is several old codes succeeded by the same
new code; a split is one old code succeeded by several new codes.
"""

from __future__ import annotations

import datetime as dt

from nsm_excel.plan.model import Plan, Succession


def successors(plan: Plan, code: str, on: dt.date) -> tuple[str, ...]:
    """The codes that report for ``code`` on the day ``on``, chains followed to their end
    (``code`` itself when it is not succeeded by then)."""
    return _follow(plan.successions, code, on, frozenset())


def _follow(
    rows: tuple[Succession, ...], code: str, on: dt.date, seen: frozenset[str]
) -> tuple[str, ...]:
    steps = [s for s in rows if s.old_code == code and s.date <= on]
    if not steps or code in seen:  # a cycle is refused by the plan's checks; never loop
        return (code,)
    latest = max(steps, key=lambda s: s.date)
    found: dict[str, None] = {}
    for new in latest.new_codes:
        found.update(dict.fromkeys(_follow(rows, new, on, seen | {code})))
    return tuple(found)


def predecessors(plan: Plan, code: str) -> tuple[str, ...]:
    """Every code ``code`` took over, directly or through a chain, earliest first."""
    found: dict[str, dt.date] = {}
    todo = [code]
    while todo:
        current = todo.pop()
        for s in plan.successions:
            if current in s.new_codes and s.old_code not in found and s.old_code != code:
                found[s.old_code] = s.date
                todo.append(s.old_code)
    return tuple(sorted(found, key=lambda c: (found[c], c)))


def succeeded(plan: Plan) -> dict[str, Succession]:
    """Each old code and its latest Succession row."""
    latest: dict[str, Succession] = {}
    for s in sorted(plan.successions, key=lambda s: s.date):
        latest[s.old_code] = s
    return latest
