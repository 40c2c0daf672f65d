"""Amendments that would lose data, judged before a plan version is adopted (pure).

- a measure or indicator that accepted returns answered and the new plan drops: allowed (the
  records keep the answers), listed;
- a code that accepted returns answered, now naming a different measure or indicator (both
  titles changed, or a dropped code given again to another title): refused;
- an institution that has issued templates, dropped from Institutions without a Succession row
  naming it: refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.plan.columns import INDICATORS, INSTITUTIONS, MEASURES
from nsm_excel.plan.edits import KINDS, Answered, fingerprint
from nsm_excel.plan.model import Indicator, Measure, Plan


def data_loss(
    old: Plan, new: Plan, answered: Iterable[Answered], issued: Iterable[str], file: str
) -> list[Issue]:
    """Every dropped answered row (warning), reused code and unsucceeded removal (errors)."""
    given = list(answered)
    return [*_rows(old, new, given, file), *_institutions(new, set(issued), file)]


def _titles(record: Measure | Indicator) -> tuple[str, str]:
    if isinstance(record, Measure):
        return fingerprint(record.title_sq), fingerprint(record.title_en)
    return fingerprint(record.name_sq), fingerprint(record.name_en)


def _rows(old: Plan, new: Plan, answered: list[Answered], file: str) -> Iterator[Issue]:
    for sheet, before, now in (
        (MEASURES, old.measures, new.measures),
        (INDICATORS, old.indicators, new.indicators),
    ):
        was = {r.code: r for r in before}
        is_now = {r.code: r for r in now}
        seen: set[str] = set()
        for item in answered:
            if item.sheet != sheet or item.code in seen:
                continue
            seen.add(item.code)
            kind = KINDS[sheet]
            current = is_now.get(item.code)
            if current is None:
                if item.code in was:
                    params = {"kind": kind, "row": was[item.code].row}
                    yield Issue(
                        C.PLAN_ANSWERED_ROW_DROPPED, file, sheet, value=item.code, params=params
                    )
                continue
            previous = was.get(item.code)
            if previous is not None:
                reused = all(
                    a != b for a, b in zip(_titles(previous), _titles(current), strict=True)
                )
            else:  # dropped by an earlier version and given again
                index = 0 if item.language == "sq" else 1
                reused = _titles(current)[index] != fingerprint(item.title)
            if reused:
                params = {"kind": kind, "row": current.row, "answered": item.title[:120]}
                yield Issue(C.PLAN_CODE_REUSED, file, sheet, value=item.code, params=params)


def _institutions(new: Plan, issued: set[str], file: str) -> Iterator[Issue]:
    present = {i.code for i in new.institutions}
    succeeded = {s.old_code for s in new.successions}
    for code in sorted(issued - present - succeeded):
        yield Issue(C.PLAN_INSTITUTION_REMOVED, file, INSTITUTIONS, value=code)
