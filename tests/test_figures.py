"""Every Overview figure from a small hand-made case whose answers are known."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from nsm_excel.consolidate import figures
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs.reports import figures_for
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, put


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (95.0, "> 90 %"),
        (90.0, "70-90 %"),
        (70.0, "70-90 %"),
        (69.9, "50-70 %"),
        (50.0, "50-70 %"),
        (30.0, "30-50 %"),
        (29.9, "< 30 %"),
        (0.0, "< 30 %"),
        (None, ""),
    ],
)
def test_implementation_bands(percent: float | None, band: str) -> None:
    assert figures.band(percent) == band


def test_indicator_progress_both_directions_and_undefined() -> None:
    assert figures.indicator_progress(40, 20, 45) == pytest.approx(0.8)
    assert figures.indicator_progress(8, 10, 5) == pytest.approx(0.4)  # a decrease indicator
    assert figures.indicator_progress(130, 100, 120) == pytest.approx(1.5)  # never capped
    assert figures.capped(1.5) == 1.0 and figures.capped(-0.2) == 0.0
    assert figures.indicator_progress(5, 5, 5) is None
    assert figures.indicator_progress(None, 5, 9) is None
    assert [figures.traffic_light(p) for p in (1.0, 0.9, 0.6, 0.2, None)] == [
        "green",
        "green",
        "amber",
        "red",
        "grey",
    ]


def test_due_and_implemented() -> None:
    period_first, period_last = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    assert figures.is_due(dt.date(2025, 12, 31), period_last)
    assert figures.is_due(dt.date(2026, 6, 30), period_last)
    assert not figures.is_due(dt.date(2026, 12, 31), period_last)
    assert figures.is_implemented("completed", dt.date(2025, 12, 31), period_first)
    assert figures.is_implemented("on_track", dt.date(2026, 3, 31), period_first)
    assert not figures.is_implemented("on_track", dt.date(2025, 12, 31), period_first)
    assert not figures.is_implemented("partial", dt.date(2026, 3, 31), period_first)


def _sent(space: Workspace, name: str, data: bytes, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC).timestamp()
    os.utime(drop(space, name, data), (stamp, stamp))


def test_the_overview_of_a_small_known_case(issued: Workspace) -> None:
    # MB on time, AKPA late, AIDA rejected; BSH has no template, so it is not expected.
    mb = filled(issued, "MB", seed=1)
    mb, _ = put(mb, "Measures", "A.1.1", "status", "completed")
    mb, _ = put(mb, "Measures", "A.1.1", "evidence", "Profile published")
    mb, _ = put(mb, "Measures", "A.1.1", "completion_date", dt.date(2025, 11, 30))
    for key, value in (("spent_state", 0), ("spent_donor", 0)):
        mb, _ = put(mb, "Measures", "A.1.1", key, value)
    mb, _ = put(mb, "Measures", "A.2.1", "spent_state", 50_000)
    mb, _ = put(mb, "Measures", "A.2.1", "spent_donor", 0)
    mb, _ = put(mb, "Indicators", "IO.A.2.1", "actual", 40)
    akpa = filled(issued, "AKPA", seed=2)
    akpa, _ = put(akpa, "Measures", "A.2.1", "status", "on_track")
    akpa, _ = put(akpa, "Measures", "A.2.1", "spent_state", 300_000)
    akpa, _ = put(akpa, "Measures", "A.2.1", "spent_donor", 100_000)
    akpa, _ = put(akpa, "Measures", "A.1.1", "spent_state", 0)
    akpa, _ = put(akpa, "Measures", "A.1.1", "spent_donor", 0)
    akpa, _ = put(akpa, "Indicators", "I.A.2.1.1", "actual", 250)
    akpa, _ = put(akpa, "Indicators", "I.A.2.1.1", "actual_women", 100)
    akpa, _ = put(akpa, "Indicators", "I.A.2.1.1", "actual_men", 150)
    aida, _ = put(filled(issued, "AIDA", seed=3), "Measures", "A.2.2", "status", "nope")
    _sent(issued, "MB_2026-H1.xlsx", mb, dt.date(2026, 7, 20))
    _sent(issued, "AKPA_2026-H1.xlsx", akpa, dt.date(2026, 8, 5))
    _sent(issued, "AIDA_2026-H1.xlsx", aida, dt.date(2026, 7, 25))
    clock = lambda: dt.datetime(2026, 8, 10, 9, tzinfo=dt.UTC)  # noqa: E731
    statuses = {f.file: f.status for f in validate_inbox(issued, clock=clock).files}
    assert list(statuses.values()) == ["accepted", "rejected", "accepted"], statuses
    data = figures_for(issued, issued.current_period())
    o = data.overview
    assert (o.expected, o.accepted, o.on_time, o.late, o.rejected, o.missing) == (3, 2, 1, 1, 1, 0)
    assert o.reporting_rate == pytest.approx(200 / 3)
    assert o.on_time_rate == pytest.approx(100 / 3)
    # due: A.1.1 (ends 2025-H2) and A.2.2 (ends 2025-H2); A.2.1 runs to 2026: not due
    assert (o.due, o.implemented) == (2, 1)
    assert o.implementation_rate == pytest.approx(50.0) and o.band == "50-70 %"
    assert o.planned == pytest.approx(750_000)  # only A.2.1 costs anything in 2026
    assert o.spent == pytest.approx(450_000)  # AKPA 300 000 + 100 000, MB's support 50 000
    assert o.execution == pytest.approx(60.0)
    assert o.statuses["completed"] == 1 and o.statuses["on_track"] == 1 and o.statuses[""] == 1
    states = {i.code: i.state for i in data.institutions}
    assert states == {"AIDA": "rejected", "AKPA": "late", "MB": "on time"}
    aida_line = next(i for i in data.institutions if i.code == "AIDA")
    assert aida_line.problems and "is not a status" in aida_line.problems[0]
    # a half-year's value is mid-year progress: shown, with no light against the year's target
    lights = {i.code: (i.progress, i.light, i.mid_year) for i in data.indicators}
    assert lights["IO.A.2.1"] == (pytest.approx(0.8), "grey", True)
    assert lights["I.A.2.1.1"] == (pytest.approx(0.5), "grey", True)
    assert lights["I.A.1.1.1"][1] == "grey"  # no 2026 target in the plan
    gender = next(i for i in data.indicators if i.code == "I.A.2.1.1")
    assert (gender.women, gender.men, gender.actual) == (100, 150, 250)
    sources = {source: (planned, spent) for source, planned, spent in data.by_source}
    assert sources["state"] == (pytest.approx(750_000), pytest.approx(350_000))
    assert sources["donor"] == (pytest.approx(0), pytest.approx(100_000))
    goal = data.goals[0]
    assert (goal.key, goal.due, goal.implemented) == ("A", 2, 1)
