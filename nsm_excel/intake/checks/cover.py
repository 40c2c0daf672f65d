"""The contract's rules over the Cover sheet's answers, and the facts they compare."""

from __future__ import annotations

from typing import Any

import pandas as pd

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake.checks.readings import blank, day, dmy, read_day
from nsm_excel.intake.checks.rule import Fact, Found, RowRule, register
from nsm_excel.template.cover_fields import COVER_FIELDS

SHEET = "Cover"


def _sent_in_span(f: pd.DataFrame) -> pd.Series:
    inside = (f["_sent"] >= f["_period_first"]) & (f["_sent"] <= f["_received"])
    return f["_sent"].isna() | inside


def _span(found: Found) -> dict[str, Any]:
    return {"first": dmy(found.facts["_period_first"]), "last": dmy(found.facts["_received"])}


def _required(key: str) -> RowRule:
    return RowRule(SHEET, C.RETURN_REQUIRED, key, lambda f: ~blank(f[key]))


register(
    Fact(SHEET, "_period_first", given=lambda row: day(row.run.period_first), then=pd.to_datetime),
    Fact(SHEET, "_received", given=lambda row: day(row.received), then=pd.to_datetime),
    Fact(SHEET, "_sent", derived=lambda f: pd.to_datetime(f["submission_date"].map(read_day))),
    (_required(c.key) for c in COVER_FIELDS if c.input and c.required),
    RowRule(SHEET, C.RETURN_SUBMISSION_DATE_OUT_OF_RANGE, "submission_date", _sent_in_span, _span),
)
