"""What intake decides about files beside reading them: which duplicates are judged again,
which copies in one run are twins, formulas outside the checked cells, files that changed, a
return on a template version older than one already accepted, and a bound on the issues one
file may carry. Pure: incoming files and records in, decisions out.
"""

from __future__ import annotations

from collections.abc import Mapping

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Report, Severity
from nsm_excel.intake.inbox import Incoming
from nsm_excel.store import ledger

MAX_ISSUES = 500  # per file: past that, one issue counts the rest (records and feedback stay small)
# a rejection for one of these lies outside the file: the same bytes sent again are judged again
CONTEXT_CODES = frozenset(
    {
        C.RETURN_WRONG_PERIOD,
        C.RETURN_PERIOD_CLOSED,
        C.RETURN_PERIOD_NOT_OPEN,
        C.RETURN_UNKNOWN_TEMPLATE,
        C.FILE_UNREADABLE,
    }
)
# of those, the reasons that go away on their own: the period opens, the template is issued
REJUDGED_BY_ITSELF = frozenset(
    {C.RETURN_PERIOD_CLOSED, C.RETURN_PERIOD_NOT_OPEN, C.RETURN_UNKNOWN_TEMPLATE}
)


def bounded(issues: list[Issue], name: str) -> list[Issue]:
    """The first :data:`MAX_ISSUES` issues, errors first, and one that counts the rest."""
    if len(issues) <= MAX_ISSUES:
        return issues
    ordered = sorted(issues, key=lambda i: i.severity is not Severity.ERROR)  # stable
    rest = len(issues) - MAX_ISSUES
    return [*ordered[:MAX_ISSUES], Issue(C.FILE_MANY_PROBLEMS, name, params={"count": str(rest)})]


def judged_again(earlier: ledger.Received) -> bool:
    """The same bytes were rejected for a reason outside them (the period asked for, a template
    not yet issued, a reader that gave up): they are judged again, not taken as a duplicate."""
    if earlier.status != ledger.REJECTED:
        return False
    return any(issue.get("code") in CONTEXT_CODES for issue in earlier.issues)


def changed(incoming: list[Incoming]) -> list[Issue]:
    """Files that changed between their hash and their reading wait for the next run."""
    moved = [item for item in incoming if item.changed]
    for item in moved:
        incoming.remove(item)
    return [Issue(C.FILE_STILL_WRITING, item.name) for item in moved]


def stray_formulas(incoming: list[Incoming]) -> None:
    """A formula in any cell of an identified return is an error at that cell, once."""
    for item in incoming:
        if item.examined is None or not item.formulas:
            continue
        reported = {(i.sheet, i.cell) for i in item.issues if i.code == C.RETURN_FORMULA}
        for (sheet, cell), text in item.formulas.items():
            if (sheet, cell) not in reported:
                item.issues.append(Issue(C.RETURN_FORMULA, item.name, sheet, cell, value=text))


def twins(incoming: list[Incoming]) -> None:
    """The same bytes twice in one run: the first received is the original, the rest duplicates."""
    first: dict[str, Incoming] = {}
    for item in incoming:
        original = first.setdefault(item.sha256, item)
        if original is not item and item.duplicate_of is None:
            item.twin = original
            item.examined = None
            item.issues = [duplicate_issue(item.name, original.name, original.received_at)]


def duplicate_issue(name: str, original: str, received_at: str) -> Issue:
    return Issue(C.FILE_DUPLICATE, name, params={"original": original, "received_at": received_at})


Answered = tuple[int, str, str]  # the version of an accepted return, its file name, received at


def older_than_answered(
    incoming: list[Incoming], answered: Mapping[tuple[str, str], Answered]
) -> None:
    """A return on an older template version than a return already accepted for the same
    institution and period is refused: it would replace newer answers. ``answered`` holds the
    accepted returns of the records; ``incoming`` is in the order received, so a return on a
    newer version accepted earlier in the same run counts too."""
    best = dict(answered)
    for item in incoming:
        record = item.examined.record if item.examined else None
        if record is None:
            continue
        where = (record.institution, record.period)
        newer = best.get(where)
        if newer is not None and newer[0] > record.version:
            version, original, received_at = newer
            facts = {"latest": version, "original": original, "received_at": received_at}
            item.issues.append(
                Issue(
                    C.RETURN_NEWER_VERSION_ANSWERED,
                    item.name,
                    value=str(record.version),
                    params=facts,
                )
            )
        elif not Report(item.issues).errors:
            best[where] = (record.version, item.name, item.received_at)
