"""The period tables of the package: one row per period, per period and measure, supporting
contribution, indicator and institution, and the budget by plan year and source. A pure module.

Every period exported has its row in ``periods`` (its key figures as ``nsm consolidate`` shows
them) and a row per measure and indicator its figures list, reported or not (``reported``
false: no report, the values empty); ``contributions`` holds only the supporting rows received.
"""

from __future__ import annotations

from typing import Any

from nsm_excel.consolidate import history as h
from nsm_excel.consolidate.history import History
from nsm_excel.core.vocab import statuses
from nsm_excel.core.vocab.terms import Funding
from nsm_excel.core.words import Word
from nsm_excel.outputs.package.labels import labelled, spec
from nsm_excel.outputs.package.schema import Reference, Table, fields

PERIODS = fields(
    "period! year:year! first_day:date! last_day:date! state! deadline:date "
    "expected:integer! accepted:integer! on_time:integer! late:integer! rejected:integer! "
    "missing:integer! reporting_rate:number on_time_rate:number measures_due:integer! "
    "measures_implemented:integer! measures_due_reported:integer! implementation_rate:number "
    "implementation_band planned:number! spent:number! budget_execution:number "
    "financing_gap:number"
)
MEASURE_REPORTS = fields(
    f"period! measure! lead due:boolean! reported:boolean! {spec('status')} progress "
    "delay_reason next_steps evidence completion_date:date implemented:boolean! planned:number! "
    "spent_state:number! spent_donor:number! spent:number! reported_by source_file "
    "received_at:datetime"
)
CONTRIBUTIONS = fields(
    f"period! measure! number:integer! institution! {spec('status')} progress "
    "spent_state:number! spent_donor:number!"
)
INDICATOR_VALUES = fields(
    "period! indicator! asked:boolean! reported:boolean! value:number women:number men:number "
    "women_share:number comment target:number year_value:number year_periods "
    "mid_year:boolean! progress:number progress_final:number light reported_by source_file"
)
SUBMISSIONS = fields(
    f"period! institution! {spec('state')} files:integer! rejected:integer! last_received:datetime "
    "accepted_file taken_over"
)
BUDGET = fields(
    f"year:year! {spec('source')} planned:number! spent:number execution:number periods"
)

_PERIOD = Reference(("period",), "periods", ("period",))


def periods(history: History) -> Table:
    rows = []
    for moment in history.moments:
        o = moment.figures.overview
        row: dict[str, Any] = {
            **o.to_dict(),
            "year": moment.period.year,
            "first_day": moment.period.first,
            "last_day": moment.period.last,
            "state": moment.state,
            "financing_gap": o.gap,
        }
        row["period"] = moment.period.code
        rows.append(row)
    return Table("periods", PERIODS, ("period",), tuple(rows))


def measure_reports(history: History) -> Table:
    rows = []
    for moment in history.moments:
        for m in moment.figures.measures:
            reported = m.reported
            rows.append(
                {
                    "period": moment.period.code,
                    "measure": m.code,
                    "lead": m.lead or None,
                    "due": m.due,
                    "reported": reported,
                    **labelled("status", m.status, _status_word(m.status)),
                    "progress": m.progress,
                    "delay_reason": m.delay_reason,
                    "next_steps": m.next_steps,
                    "evidence": m.evidence,
                    "completion_date": m.completion_date or None,
                    "implemented": m.implemented,
                    "planned": m.planned,
                    "spent_state": m.spent_state,
                    "spent_donor": m.spent_donor,
                    "spent": m.spent,
                    "reported_by": m.reported_by,
                    "source_file": m.source_file,
                    "received_at": m.received_at or None,
                }
            )
    refs = (
        _PERIOD,
        Reference(("measure",), "measures", ("code",)),
        Reference(("lead",), "institutions", ("code",)),
    )
    return Table("measure_reports", MEASURE_REPORTS, ("period", "measure"), tuple(rows), refs)


def contributions(history: History) -> Table:
    rows = [
        {
            "period": moment.period.code,
            "measure": m.code,
            "number": n,
            "institution": c.institution,
            **labelled("status", c.status, _status_word(c.status)),
            "progress": c.progress,
            "spent_state": c.spent_state,
            "spent_donor": c.spent_donor,
        }
        for moment in history.moments
        for m in moment.figures.measures
        for n, c in enumerate(m.contributions, start=1)
    ]
    refs = (
        _PERIOD,
        Reference(("period", "measure"), "measure_reports", ("period", "measure")),
        Reference(("institution",), "institutions", ("code",)),
    )
    key = ("period", "measure", "number")
    return Table("contributions", CONTRIBUTIONS, key, tuple(rows), refs)


def indicator_values(history: History) -> Table:
    rows = [
        {
            "period": moment.period.code,
            "indicator": i.code,
            "asked": i.asked,
            "reported": i.actual is not None,
            "value": i.actual,
            "women": i.women,
            "men": i.men,
            "women_share": i.women_share,
            "comment": i.comment,
            "target": i.target,
            "year_value": i.year_value,
            "year_periods": i.year_periods,
            "mid_year": i.mid_year,
            "progress": i.progress,
            "progress_final": i.progress_final,
            "light": i.light or None,
            "reported_by": i.reported_by,
            "source_file": i.source_file,
        }
        for moment in history.moments
        for i in moment.figures.indicators
    ]
    refs = (_PERIOD, Reference(("indicator",), "indicators", ("code",)))
    key = ("period", "indicator")
    return Table("indicator_values", INDICATOR_VALUES, key, tuple(rows), refs)


def submissions(history: History) -> Table:
    rows = [
        {
            "period": moment.period.code,
            "institution": i.code,
            **labelled("state", i.state, Word("state." + i.state.replace(" ", "_"))),
            "files": i.files,
            "rejected": i.rejected,
            "last_received": i.last_received or None,
            "accepted_file": i.accepted_file,
            "taken_over": i.taken_over,
        }
        for moment in history.moments
        for i in moment.figures.institutions
    ]
    refs = (_PERIOD, Reference(("institution",), "institutions", ("code",)))
    return Table("submissions", SUBMISSIONS, ("period", "institution"), tuple(rows), refs)


def budget_years(history: History) -> Table:
    rows = [
        {
            "year": b.year,
            **labelled("source", b.source, Funding(b.source).word),
            "planned": b.planned,
            "spent": b.spent,
            "execution": b.execution,
            "periods": b.periods,
        }
        for b in h.budget_years(history)
    ]
    return Table("budget_years", BUDGET, ("year", "source"), tuple(rows))


def _status_word(code: str | None) -> Word | None:
    found = statuses.STATUSES.get(code or "")
    return found.word if found else None
