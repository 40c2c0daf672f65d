"""The contract's rules over a row of the Measures sheet, and the facts they compare."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.periods import parse_period
from nsm_excel.core.vocab import statuses
from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks.readings import blank, day, dmy, lek, number, read_day
from nsm_excel.intake.checks.rule import Fact, Found, RowContext, RowRule, register

SHEET = "Measures"
OVERSPEND = 1.5


def _limit(row: RowContext) -> Any:
    """A measure's latest possible completion day: its end, the file's sending and receiving."""
    end = parse_period(row.issued.get("end"))
    last = end.last if end else None
    return day(min(d for d in (last, row.sent, row.received) if d is not None))


def _start(row: RowContext) -> Any:
    start = parse_period(row.issued.get("start"))
    return day(start.first if start else None)


def _end(row: RowContext) -> Any:
    end = parse_period(row.issued.get("end"))
    return day(end.last if end else None)


def _spent(f: pd.DataFrame) -> pd.Series:
    state = f["spent_state"].map(number(rv.read_spent)).fillna(0.0)
    return state + f["spent_donor"].map(number(rv.read_spent)).fillna(0.0)


register(
    Fact(SHEET, "_role", given=lambda row: row.issued.get("role")),
    Fact(SHEET, "_start", given=_start, then=pd.to_datetime),
    Fact(SHEET, "_end", given=_end, then=pd.to_datetime),
    Fact(SHEET, "_limit", given=_limit, then=pd.to_datetime),
    Fact(SHEET, "_period_last", given=lambda row: day(row.run.period_last), then=pd.to_datetime),
    Fact(SHEET, "_planned", given=lambda row: float(row.issued.get("planned_cost") or 0)),
    Fact(SHEET, "_status", derived=lambda f: f["status"].map(lambda v: rv.read_status(v).value)),
    Fact(SHEET, "_spent", derived=_spent),
    Fact(SHEET, "_done", derived=lambda f: pd.to_datetime(f["completion_date"].map(read_day))),
)


def _lead(f: pd.DataFrame) -> pd.Series:
    return f["_role"] == "lead"


def _status(f: pd.DataFrame, asks: Callable[[statuses.Status], bool]) -> pd.Series:
    """Rows whose status ``asks`` (a question to the status vocabulary) holds for."""
    return f["_status"].isin([code for code, s in statuses.STATUSES.items() if asks(s)])


def _delay_needed(f: pd.DataFrame) -> pd.Series:
    """A reason is asked where the status asks one; of a measure not started, once due to start."""
    started = f["_start"] <= f["_period_last"]
    once_started = _status(f, lambda s: s.reason == "once started") & started
    return _status(f, lambda s: s.reason == "always") | once_started


def _completion_in_span(f: pd.DataFrame) -> pd.Series:
    inside = (f["_done"] >= f["_start"]) & (f["_done"] <= f["_limit"])
    return f["_done"].isna() | inside


def _delayed_status(found: Found) -> dict[str, Any]:
    """The status as a word, shown in the message's language."""
    status = found.facts.get("_status")
    known = statuses.STATUSES.get(status) if isinstance(status, str) else None
    return {"status": words.ref(known.word.key) if known else ""}


def _span(found: Found) -> dict[str, Any]:
    return {"first": dmy(found.facts["_start"]), "last": dmy(found.facts["_limit"])}


def _overspent(found: Found) -> dict[str, Any]:
    return {"value": lek(found.facts["_spent"]), "planned": lek(found.facts["_planned"])}


def _required_when(code: str, column: str, when: Any, **declared: Any) -> RowRule:
    """``column`` may not be blank on the rows where ``when`` holds."""
    return RowRule(SHEET, code, column, lambda f: ~(when(f) & blank(f[column])), **declared)


register(
    _required_when(C.RETURN_REQUIRED_STATUS, "status", _lead),
    _required_when(
        C.RETURN_REQUIRED_PROGRESS, "progress", lambda f: ~_status(f, lambda s: not s.progress)
    ),  # support rows too
    _required_when(
        C.RETURN_REQUIRED_DELAY_REASON, "delay_reason", _delay_needed, params=_delayed_status
    ),
    _required_when(C.RETURN_REQUIRED_EVIDENCE, "evidence", lambda f: _status(f, lambda s: s.done)),
    _required_when(
        C.RETURN_REQUIRED_COMPLETION_DATE, "completion_date", lambda f: _status(f, lambda s: s.done)
    ),
    RowRule(SHEET, C.RETURN_DATE_OUT_OF_RANGE, "completion_date", _completion_in_span, _span),
    RowRule(
        SHEET,
        C.RETURN_OVERSPENT,
        "spent_state",
        lambda f: ~(f["_spent"] > OVERSPEND * f["_planned"]),
        _overspent,
    ),
)
