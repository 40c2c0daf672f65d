"""The life of a reporting period as pure decisions: which change is allowed from which state.

planned -> open -> closed (no more returns counted) -> approved (the committee's figures);
a closed or approved period is reopened only with a reason. :mod:`nsm_excel.store.calendar`
asks these functions and writes what they decide; a refusal is a :class:`PeriodRefused` that
names the period and says what to do.
"""

from __future__ import annotations

import datetime as dt

from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period

PLANNED, OPEN, CLOSED, APPROVED = "planned", "open", "closed", "approved"
STATES = (PLANNED, OPEN, CLOSED, APPROVED)
INIT_NOTICE_DAYS = 21  # a period opened by `nsm init` gives institutions at least this long


class PeriodRefused(NsmError):
    """A change to the calendar that the period's state does not allow."""


# action -> (the states it may start from, the state it leaves, what to do otherwise)
_MOVES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "open": (
        (PLANNED,),
        OPEN,
        "a closed period is reopened with `nsm period reopen {code} --reason TEXT`",
    ),
    "close": ((OPEN,), CLOSED, "only an open period can be closed"),
    "approve": ((CLOSED,), APPROVED, "close it first with `nsm period close {code}`"),
    "reopen": ((CLOSED, APPROVED), OPEN, "only a closed or approved period is reopened"),
}


def next_state(action: str, code: str, state: str, reason: str = "") -> str:
    """The state ``action`` leaves period ``code`` in; :class:`PeriodRefused` when not allowed."""
    starts, after, advice = _MOVES[action]
    if state not in starts:
        raise PeriodRefused(
            f"period {code} is {state}: it cannot be {_done(action)}; {advice.format(code=code)}."
        )
    if action == "reopen" and not reason.strip():
        raise PeriodRefused(
            f"period {code}: say why it is reopened, with --reason TEXT (kept in the records)."
        )
    return after


def check_deadline_change(code: str, state: str, reason: str) -> None:
    """A deadline moves only while the period is planned or open."""
    if state in (CLOSED, APPROVED):
        raise PeriodRefused(
            f"period {code} is {state}: its deadline cannot move; reopen it first with "
            f"`nsm period reopen {code} --reason TEXT`."
        )


def _done(action: str) -> str:
    return {"open": "opened", "close": "closed", "approve": "approved"}.get(action, "reopened")


def latest_ended(periods: list[Period], today: dt.date) -> Period | None:
    """The period that ended most recently before ``today`` (ties: the longer one)."""
    ended = [p for p in periods if p.last < today]
    return max(ended, key=lambda p: (p.last, -p.first.toordinal()), default=None)


def opening_deadline(rule_deadline: dt.date, today: dt.date) -> dt.date:
    """The deadline of the period ``nsm init`` opens: the rule's, never less than 21 days away."""
    return max(rule_deadline, today + dt.timedelta(days=INIT_NOTICE_DAYS))
