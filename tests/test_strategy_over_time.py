"""The strategy over time: six periods of an Action Plan, one amendment, checked by hand.

2024-H1 .. 2026 with the calendar rule "H1 and the whole year, deadline 30 days after": a late
return for an open period (AKD, 2024-H1) and for a closed one (AKPA, 2024-H1, judged when the
period is reopened); plan version 2 effective 2026-01-01 moves A.1.2's lead from ISSH to MFE,
renames AKPA to AKPAS and merges MSHD into AKD. Every period's figures below are computed by
hand from the answers typed in; closed periods' published outputs must stay byte-identical
through the later periods and the amendment.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs import publishing
from nsm_excel.outputs.reports import build_reports, figures_for
from nsm_excel.plan import adoption
from nsm_excel.store import calendar, database, ledger, register, workspace
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import Rows
from tests.returns import locate

UTC = dt.UTC


def _institution(code: str, name: str) -> dict[str, Any]:
    return {"code": code, "name_sq": name, "name_en": name, "contact_email": "c@example.gov.al"}


def _measure(code: str, lead: str, support: str, start: str, end: str, **costs: int) -> dict:
    total = sum(costs.values())
    return {
        "code": code,
        "objective_code": "A.1",
        "title_sq": f"Masa {code}",
        "title_en": f"Measure {code}",
        "lead": lead,
        "supporting": support,
        "start": start,
        "end": end,
        **costs,
        "funding_state": total,
        "funding_donor": 0,
        "funding_gap": 0,
    }


def plan_v1() -> Rows:
    return {
        "Institutions": [
            _institution(c, n)
            for c, n in (
                ("MB", "Ministria e Brendshme"),
                ("ISSH", "Instituti i Sigurimeve Shoqërore"),
                ("MFE", "Ministria e Financave"),
                ("AKPA", "Agjencia e Punësimit"),
                ("MSHD", "Ministri i Shtetit për Diasporën"),
                ("AKD", "Agjencia Kombëtare e Diasporës"),
            )
        ],
        "Objectives": [
            {"code": "A", "level": "goal", "title_sq": "Qeverisja", "title_en": "Governance"},
            {
                "code": "A.1",
                "level": "objective",
                "parent_code": "A",
                "title_sq": "Të dhëna",
                "title_en": "Data",
            },
        ],
        "Measures": [
            _measure(
                "A.1.1",
                "MB",
                "AKPA",
                "2024-H1",
                "2026",
                cost_2024=1_000_000,
                cost_2025=1_000_000,
                cost_2026=1_000_000,
            ),
            _measure(
                "A.1.2",
                "ISSH",
                "MFE",
                "2024-H1",
                "2026",
                cost_2024=400_000,
                cost_2025=400_000,
                cost_2026=400_000,
            ),
            _measure("A.1.3", "AKPA", "", "2024-H1", "2024-H1", cost_2024=200_000),
            _measure("A.1.4", "MSHD", "", "2025-H1", "2025", cost_2025=300_000),
            _measure(
                "A.1.5", "AKD", "MSHD", "2024-H1", "2025-H1", cost_2024=100_000, cost_2025=100_000
            ),
        ],
        "Indicators": [
            {
                "code": "I.1",
                "linked_code": "A.1.1",
                "name_sq": "Profile",
                "name_en": "Profiles",
                "unit": "number",
                "baseline": 0,
                "target_2024": 100,
                "target_2025": 200,
                "target_2026": 300,
                "target_final": 300,
                "aggregation": "cumulative",
            },
            {
                "code": "I.2",
                "linked_code": "A.1.2",
                "name_sq": "Pensione",
                "name_en": "Pensions",
                "unit": "number",
                "baseline": 0,
                "target_2024": 50,
                "target_2025": 60,
                "target_2026": 70,
                "target_final": 180,
                "aggregation": "sum",
            },
            {
                "code": "I.3",
                "linked_code": "A.1.5",
                "name_sq": "Përqindja",
                "name_en": "Share",
                "unit": "percent",
                "baseline": 20,
                "target_2025": 40,
                "target_2026": 45,
                "aggregation": "latest",
            },
        ],
    }


def plan_v2() -> Rows:
    """The amendment: A.1.2 led by MFE, AKPA renamed AKPAS, MSHD merged into AKD."""
    rows = plan_v1()
    rows["Institutions"] = [
        i for i in rows["Institutions"] if i["code"] not in ("AKPA", "MSHD")
    ] + [_institution("AKPAS", "Agjencia Kombëtare e Punësimit dhe Aftësive")]
    by_code = {m["code"]: m for m in rows["Measures"]}
    by_code["A.1.1"]["supporting"] = "AKPAS"
    by_code["A.1.2"] |= {"lead": "MFE", "supporting": ""}
    by_code["A.1.3"]["lead"] = "AKPAS"
    by_code["A.1.4"]["lead"] = "AKD"
    by_code["A.1.5"]["supporting"] = ""
    rows["Succession"] = [
        {"old_code": "AKPA", "new_code": "AKPAS", "date": "2026-01-01", "note": "renamed"},
        {"old_code": "MSHD", "new_code": "AKD", "date": "2026-01-01", "note": "merged"},
    ]
    return rows


@dataclass
class Answers:
    """What an institution types: per measure (status, state spent, evidence date), per
    indicator its value."""

    measures: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    indicators: dict[str, float] = field(default_factory=dict)
    completed_on: dict[str, dt.date] = field(default_factory=dict)


def _fill(data: bytes, answers: Answers, sent: dt.date) -> bytes:
    book = load_workbook(io.BytesIO(data))
    cover = book["Cover"]
    for key, value in (
        ("reporter_name", "Arta Hoxha"),
        ("reporter_email", "arta.hoxha@example.gov.al"),
        ("submission_date", sent),
    ):
        cover[locate(book, "Cover", key, "value")].value = value
    sheet = book["Measures"]
    for code, (status, spent) in answers.measures.items():

        def put(key: str, value: Any, code: str = code) -> None:
            sheet[locate(book, "Measures", code, key)].value = value

        if status is not None:
            put("status", status)
        if status != "not_started":
            put("progress", "Work went on as planned.")
        if status in ("delayed", "partial"):
            put("delay_reason", "The tender took longer.")
        if status == "completed":
            put("evidence", "Report no. 12")
            put("completion_date", answers.completed_on.get(code, sent))
        put("spent_state", spent)
        put("spent_donor", 0)
    for code, value in answers.indicators.items():
        book["Indicators"][locate(book, "Indicators", code, "actual")].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Story:
    """The secretariat's workspace, driven through the periods with a moving clock."""

    def __init__(self, root: Path) -> None:
        settings = replace(workspace.default_config(dt.date(2024, 7, 1)), password="secret-pass")
        opening = (period_or_raise("2024-H1"), dt.date(2024, 7, 30))
        self.space: Workspace = workspace.init(
            root, settings, plan_bytes(plan_v1()), dt.date(2024, 7, 1), opening
        ).workspace
        adoption.adopt(self.space, dt.date(2024, 1, 1))
        self.published: dict[tuple[str, int], dict[str, bytes]] = {}

    def db(self) -> Any:
        return database.connect(self.space.database)

    def open(self, code: str) -> None:
        with self.db() as db:
            if calendar.require(db, code).state == calendar.PLANNED:
                calendar.open_period(db, code)
        generate(self.space, period_or_raise(code))

    def send(self, institution: str, code: str, answers: Answers, day: dt.date) -> None:
        """``institution`` fills its template of period ``code`` and it reaches the inbox."""
        template = self.space.template_path(institution, period_or_raise(code))
        data = _fill(template.read_bytes(), answers, day)
        path = self.space.inbox / f"{institution}_{code}.xlsx"
        path.write_bytes(data)
        moment = dt.datetime.combine(day, dt.time(9, 0), UTC).timestamp()
        os.utime(path, (moment, moment))
        self.validate(day)

    def validate(self, day: dt.date) -> dict[str, str]:
        moment = dt.datetime.combine(day, dt.time(10, 0), UTC)
        result = validate_inbox(self.space, clock=lambda: moment)
        return {f.file: f.status for f in result.files}

    def figures(self, code: str) -> Consolidated:
        return figures_for(self.space, period_or_raise(code))

    def close(self, code: str) -> None:
        """Close ``code``; keep the bytes of the outputs its closing published."""
        closed = publishing.close_period(self.space, code)
        (publication,) = [p for p in closed.publications if p.period == code]
        self.published[(code, publication.closing)] = {
            name: (self.space.root / name).read_bytes() for name in publication.files
        }

    def published_now(self) -> dict[tuple[str, int], dict[str, bytes]]:
        return {
            key: {name: (self.space.root / name).read_bytes() for name in files}
            for key, files in self.published.items()
        }


Check = Callable[[Consolidated], None]


def overview(figures: Consolidated) -> tuple[int, int, int, int, int]:
    o = figures.overview
    return (o.expected, o.accepted, o.on_time, o.late, o.missing)


def implementation(figures: Consolidated) -> tuple[int, int, float, float]:
    o = figures.overview
    return (o.due, o.implemented, round(o.planned), round(o.spent))


def indicator(figures: Consolidated, code: str) -> tuple[float | None, bool, float | None]:
    line = next(i for i in figures.indicators if i.code == code)
    progress = None if line.progress is None else round(line.progress, 4)
    return (line.year_value, line.mid_year, progress)


@pytest.fixture
def story(six_periods: Story) -> Story:
    """The story told once for the whole run (``six_periods`` in ``tests/conftest.py``, which
    calls :func:`tell`): every test reading it finds the six periods driven through."""
    return six_periods


def test_six_periods_one_amendment_and_late_returns(story: Story) -> None:
    """The story's checks ran as it was told; it ends with the six periods closed."""
    with story.db() as db:
        states = {c.period.code: c.state for c in calendar.all_periods(db)}
    assert [states[code] for code in ("2024-H1", "2024", "2025-H1", "2025")] == ["closed"] * 4
    assert {code for code, _ in story.published} >= {"2024-H1", "2024", "2025-H1", "2025"}


def tell(story: Story) -> None:
    """Drive ``story`` through the six periods, checking each step's figures by hand."""
    s = story
    d = dt.date
    # 2024-H1: open, deadline 30.07.2024 --------------------------------------------------
    s.open("2024-H1")
    s.send("MB", "2024-H1", Answers({"A.1.1": ("on_track", 300_000)}, {"I.1": 30}), d(2024, 7, 20))
    s.send(
        "ISSH", "2024-H1", Answers({"A.1.2": ("on_track", 100_000)}, {"I.2": 20}), d(2024, 7, 22)
    )
    s.send("MFE", "2024-H1", Answers({"A.1.2": (None, 50_000)}), d(2024, 7, 25))
    s.send(
        "MSHD",
        "2024-H1",
        Answers({"A.1.4": ("not_started", 0), "A.1.5": (None, 10_000)}),
        d(2024, 7, 26),
    )
    # AKD after the deadline, while the period is open: accepted, late
    s.send("AKD", "2024-H1", Answers({"A.1.5": ("on_track", 20_000)}, {"I.3": 25}), d(2024, 8, 5))
    h1 = s.figures("2024-H1")
    assert overview(h1) == (6, 5, 4, 1, 1)  # AKPA silent
    # due: A.1.3 (ends 2024-H1), not reported; planned = the 2024 costs of all measures
    assert implementation(h1) == (1, 0, 1_700_000, 480_000)
    assert indicator(h1, "I.1") == (30, True, 0.3)
    s.close("2024-H1")

    # AKPA's H1 return arrives after the close: rejected, kept; judged when reopened
    akpa = Answers(
        {"A.1.3": ("completed", 150_000), "A.1.1": (None, 40_000)},
        completed_on={"A.1.3": d(2024, 6, 20)},
    )
    s.send("AKPA", "2024-H1", akpa, d(2024, 8, 20))
    with s.db() as db:
        (refused,) = [r for r in ledger.all_records(db, "2024-H1") if r.institution == "AKPA"]
    assert refused.status == ledger.REJECTED
    assert [i["code"] for i in refused.issues] == ["return-period-closed"]
    assert overview(s.figures("2024-H1")) == (6, 5, 4, 1, 1)  # the closed figures stand
    with s.db() as db:
        calendar.reopen(db, "2024-H1", "AKPA's return arrived after the close")
    assert s.validate(d(2024, 9, 2)) == {"AKPA_2024-H1.xlsx": "accepted"}
    h1 = s.figures("2024-H1")
    assert overview(h1) == (6, 6, 4, 2, 0)  # late: it reached the inbox on 20.08
    assert implementation(h1) == (1, 1, 1_700_000, 670_000)
    s.close("2024-H1")

    # 2024: the annual return covers the whole year -----------------------------------------
    s.open("2024")
    with s.db() as db:
        akpa_2024 = register.latest(db, "AKPA", "2024")
    assert akpa_2024 is not None
    carried = next(r for r in akpa_2024.content["measures"] if r["measure_code"] == "A.1.3")
    assert carried["previous_period"] == "2024-H1"
    assert carried["prefilled"]["status"] == "Zbatuar plotësisht / Completed"  # open, from H1
    s.send("MB", "2024", Answers({"A.1.1": ("on_track", 800_000)}, {"I.1": 90}), d(2025, 1, 15))
    s.send("ISSH", "2024", Answers({"A.1.2": ("on_track", 350_000)}, {"I.2": 45}), d(2025, 1, 16))
    s.send("MFE", "2024", Answers({"A.1.2": (None, 100_000)}), d(2025, 1, 17))
    s.send(
        "AKPA",
        "2024",
        Answers({"A.1.3": (None, 150_000), "A.1.1": (None, 90_000)}),  # status kept as carried
        d(2025, 1, 18),
    )
    s.send("AKD", "2024", Answers({"A.1.5": ("on_track", 60_000)}, {"I.3": 30}), d(2025, 1, 20))
    y2024 = s.figures("2024")
    assert overview(y2024) == (6, 5, 5, 0, 1)  # MSHD silent
    assert implementation(y2024) == (1, 1, 1_700_000, 1_550_000)
    assert indicator(y2024, "I.1") == (90, False, 0.9)
    assert indicator(y2024, "I.2") == (45, False, 0.9)  # the annual value, never H1 + annual
    s.close("2024")

    # 2025-H1 ---------------------------------------------------------------------------------
    s.open("2025-H1")
    s.send("MB", "2025-H1", Answers({"A.1.1": ("on_track", 400_000)}, {"I.1": 120}), d(2025, 7, 10))
    s.send("ISSH", "2025-H1", Answers({"A.1.2": ("delayed", 100_000)}, {"I.2": 25}), d(2025, 7, 11))
    s.send("MFE", "2025-H1", Answers({"A.1.2": (None, 30_000)}), d(2025, 7, 12))
    s.send("AKPA", "2025-H1", Answers({"A.1.1": (None, 20_000)}), d(2025, 7, 13))
    s.send(
        "MSHD",
        "2025-H1",
        Answers({"A.1.4": ("on_track", 100_000), "A.1.5": (None, 5_000)}),
        d(2025, 7, 14),
    )
    s.send(
        "AKD",
        "2025-H1",
        Answers({"A.1.5": ("completed", 40_000)}, {"I.3": 35}, {"A.1.5": d(2025, 6, 10)}),
        d(2025, 7, 15),
    )
    h2025 = s.figures("2025-H1")
    assert overview(h2025) == (6, 6, 6, 0, 0)
    # due: A.1.3 and A.1.5, both completed; planned = the 2025 costs
    assert implementation(h2025) == (2, 2, 1_800_000, 695_000)
    assert indicator(h2025, "I.1") == (120, True, 0.6)
    s.close("2025-H1")

    # 2025, collected under version 1 while version 2 is adopted ----------------------------
    s.open("2025")
    s.space.plan_path.write_bytes(plan_bytes(plan_v2()))
    adopted = adoption.adopt(s.space, d(2026, 1, 1), "amendment 2026")
    assert adopted.outcome == adoption.ADOPTED and adopted.years == (2026,)
    s.send("MB", "2025", Answers({"A.1.1": ("on_track", 900_000)}, {"I.1": 200}), d(2026, 1, 20))
    s.send("ISSH", "2025", Answers({"A.1.2": ("on_track", 380_000)}, {"I.2": 55}), d(2026, 1, 21))
    s.send("MFE", "2025", Answers({"A.1.2": (None, 80_000)}), d(2026, 1, 22))
    s.send("AKPA", "2025", Answers({"A.1.1": (None, 50_000)}), d(2026, 1, 23))
    s.send("AKD", "2025", Answers({"A.1.5": (None, 90_000)}, {"I.3": 38}), d(2026, 1, 24))
    # MSHD after the deadline (30.01.2026), the period still open: accepted, late
    s.send(
        "MSHD",
        "2025",
        Answers({"A.1.4": ("delayed", 280_000), "A.1.5": (None, 5_000)}),
        d(2026, 2, 10),
    )
    y2025 = s.figures("2025")
    assert overview(y2025) == (6, 6, 5, 1, 0)
    # due: A.1.3, A.1.4, A.1.5; A.1.4 delayed; the version of 1 January 2025 (v1) counts
    assert implementation(y2025) == (3, 2, 1_800_000, 1_785_000)
    assert indicator(y2025, "I.2") == (55, False, round(55 / 60, 4))
    s.close("2025")

    # 2026-H1 under version 2: MFE leads A.1.2, AKPAS and AKD answer for AKPA and MSHD ---------
    s.open("2026-H1")
    with s.db() as db:
        issued = sorted(t.institution for t in register.for_period(db, "2026-H1") if t.current)
    assert issued == ["AKD", "AKPAS", "MB", "MFE"]  # ISSH has no rows left
    with s.db() as db:
        akpas = register.latest(db, "AKPAS", "2026-H1")
        akd = register.latest(db, "AKD", "2026-H1")
    assert akpas is not None and akd is not None
    # history follows the succession: AKPA's and MSHD's last answers are carried forward
    (a13,) = [r for r in akpas.content["measures"] if r["measure_code"] == "A.1.3"]
    (a14,) = [r for r in akd.content["measures"] if r["measure_code"] == "A.1.4"]
    assert (a13["previous_period"], a13["prefilled"]["status"]) == (
        "2025",
        "Zbatuar plotësisht / Completed",
    )
    assert (a14["previous_period"], a14["previous_status"]) == ("2025", "Me vonesë / Delayed")
    assert a14["spent_total_to_date"] == 280_000  # the annual return covers 2025, H1 in it
    s.send("MB", "2026-H1", Answers({"A.1.1": ("on_track", 500_000)}, {"I.1": 240}), d(2026, 7, 10))
    s.send("MFE", "2026-H1", Answers({"A.1.2": ("on_track", 150_000)}, {"I.2": 30}), d(2026, 7, 11))
    s.send("AKPAS", "2026-H1", Answers({"A.1.1": (None, 30_000)}), d(2026, 7, 12))
    s.send(
        "AKD",
        "2026-H1",
        Answers({"A.1.4": ("completed", 0)}, {"I.3": 42}, {"A.1.4": d(2025, 12, 20)}),
        d(2026, 7, 13),
    )
    h2026 = s.figures("2026-H1")
    assert overview(h2026) == (4, 4, 4, 0, 0)
    # due: A.1.3, A.1.4, A.1.5, all completed (A.1.3 and A.1.5 carried forward as completed)
    assert implementation(h2026) == (3, 3, 1_400_000, 680_000)
    a12 = next(m for m in h2026.measures if m.code == "A.1.2")
    assert (a12.lead, a12.status, a12.reported) == ("MFE", "on_track", True)
    s.close("2026-H1")

    # 2026 ------------------------------------------------------------------------------------
    s.open("2026")
    s.send(
        "MB",
        "2026",
        Answers({"A.1.1": ("completed", 950_000)}, {"I.1": 300}, {"A.1.1": d(2026, 12, 15)}),
        d(2027, 1, 10),
    )
    s.send("MFE", "2026", Answers({"A.1.2": ("partial", 390_000)}, {"I.2": 72}), d(2027, 1, 11))
    s.send("AKPAS", "2026", Answers({"A.1.1": (None, 60_000)}), d(2027, 1, 12))
    s.send("AKD", "2026", Answers({}, {"I.3": 46}), d(2027, 2, 5))  # late, the period open
    y2026 = s.figures("2026")
    assert overview(y2026) == (4, 4, 3, 1, 0)
    assert implementation(y2026) == (5, 4, 1_400_000, 1_400_000)
    assert indicator(y2026, "I.2") == (72, False, round(72 / 70, 4))
    assert indicator(y2026, "I.1") == (300, False, 1.0)

    # Closed periods' published outputs: byte-identical after the later periods, the amendment
    # and a rule change in nsm.toml; consolidating them again writes nothing new
    assert sorted(s.published) == [
        ("2024", 1),
        ("2024-H1", 1),
        ("2024-H1", 2),
        ("2025", 1),
        ("2025-H1", 1),
        ("2026-H1", 1),
    ]
    assert len(s.published[("2024-H1", 1)]) == 4  # master and report, in both languages
    before = s.published
    assert s.published_now() == before
    for code in ("2024-H1", "2024", "2025-H1", "2025", "2026-H1"):
        again = build_reports(s.space, period_or_raise(code))
        assert again.frozen is not None and again.frozen.identical, code
    assert s.published_now() == before
    # the first closing of 2024-H1 (before AKPA's late return) keeps its own figures
    assert before[("2024-H1", 1)] != before[("2024-H1", 2)]


def test_the_history_of_the_six_periods_side_by_side(story: Story) -> None:
    """Read after the six periods above: the same figures, period by period, as trends show them."""
    from nsm_excel.consolidate import history as h
    from nsm_excel.outputs.history_read import history

    found = history(story.space)
    assert [m.period.code for m in found.moments] == [
        "2024-H1", "2024", "2025-H1", "2025", "2026-H1", "2026"
    ]  # fmt: skip
    states = {r.institution: r.states for r in h.compliance(found)}
    assert states["AKPA"] == ("late", "on time", "on time", "on time", "", "")  # renamed in 2026
    assert states["AKPAS"] == ("", "", "", "", "on time", "on time")
    assert states["MSHD"] == ("on time", "missing", "on time", "late", "", "")  # merged into AKD
    statuses = {r.code: r.statuses for r in h.status_table(found)}
    assert statuses["A.1.4"] == ("not_started", "", "on_track", "delayed", "completed", "completed")
    budget = {(b.year, b.source): b for b in h.budget_years(found)}
    # a year's spending is its annual return's alone, never H1 added to it
    assert (budget[2024, "state"].planned, budget[2024, "state"].spent) == (1_700_000, 1_550_000)
    assert budget[2024, "state"].periods == ("2024",)
    assert budget[2026, "state"].execution == pytest.approx(100.0)
    assert budget[2025, "gap"].spent is None and budget[2025, "gap"].execution is None
    series = {s.code: s for s in h.indicator_series(found)}
    assert [p.value for p in series["I.2"].points] == [20, 45, 25, 55, 30, 72]
    assert series["I.2"].targets == {2024: 50, 2025: 60, 2026: 70}
    last = found.moments[-1]
    before = found.previous(last.period)
    assert before is not None and before.period.code == "2026-H1"
    changes = {c.name: c for c in h.compare(last.figures.overview, before.figures.overview)}
    assert changes["accepted"].difference == 0  # the four institutions of 2026 reported both times
    with pytest.raises(NsmError, match="ends before it starts"):
        history(story.space, period_or_raise("2025"), period_or_raise("2024"))
    with pytest.raises(NsmError, match="not in the calendar"):
        history(story.space, period_or_raise("2031"))


def test_the_mid_term_review_of_the_six_periods(story: Story) -> None:
    """Read after the six periods: each indicator's trend, by hand, and the review printed."""
    from nsm_excel.consolidate.trajectory import OFF_TRACK, ON_TRACK, TOO_FEW, trajectories
    from nsm_excel.core import words
    from nsm_excel.outputs.history_read import history
    from nsm_excel.outputs.review import build_review
    from tests.clients import require
    from tests.clients.pages import pdf_pages

    def trends(first: str, last: str) -> dict[str, Any]:
        found = history(story.space, period_or_raise(first), period_or_raise(last))
        return {t.code: t for t in trajectories(found)}

    # The plan gives no baseline year: the points are the annual returns' year figures.
    whole = trends("2024-H1", "2026")
    # I.1 (cumulative): 90, 200, 300 in 2024-2026; mean 590/3; slope ((-1)(90 - 590/3) +
    # (1)(300 - 590/3)) / 2 = 105; in 2026: 590/3 + 105 = 301.67 >= 300
    assert whole["I.1"].points == ((2024, 90), (2025, 200), (2026, 300))
    assert whole["I.1"].slope == pytest.approx(105)
    assert whole["I.1"].projected == pytest.approx(590 / 3 + 105)
    assert whole["I.1"].verdict == ON_TRACK
    # I.2 (sum): 45, 55, 72; slope (-(45 - 172/3) + (72 - 172/3)) / 2 = 13.5; 2026: 70.83 < 180
    assert whole["I.2"].slope == pytest.approx(13.5)
    assert whole["I.2"].projected == pytest.approx(172 / 3 + 13.5)
    assert whole["I.2"].verdict == OFF_TRACK
    assert whole["I.3"].verdict == "no_target"  # the plan sets no final target for it
    # at mid-term (2024-H1 to 2025): I.1 90, 200: slope 110, 2026: 310 >= 300
    mid = trends("2024-H1", "2025")
    assert (mid["I.1"].slope, mid["I.1"].projected, mid["I.1"].verdict) == (110, 310, ON_TRACK)
    assert (mid["I.2"].slope, mid["I.2"].projected) == (10, 65)  # 45, 55: 65 < 180
    assert trends("2024-H1", "2024")["I.1"].verdict == TOO_FEW  # one year figure: no line

    require("chromium", "pdftoppm")
    before = story.published_now()
    result = build_review(story.space, period_or_raise("2024-H1"), period_or_raise("2025"))
    assert story.published_now() == before  # the review changes no published output
    for lang in ("sq", "en"):
        html = (story.space.root / f"outbox/review/NSM_review_2024-H1_2025_{lang}.html").read_text(
            encoding="utf-8"
        )
        outline = ("summary", "methodology", "progress", "indicators", "budget", "challenges")
        for heading in (*outline, "conclusions", "next_steps"):
            assert words.text(f"outputs.review.{heading}", lang) in html, (lang, heading)
        assert "The tender took longer." in html  # the delay reasons, gathered per objective
        pdf = story.space.root / f"outbox/review/NSM_review_2024-H1_2025_{lang}.pdf"
        assert pdf.relative_to(story.space.root).as_posix() in result.files
        pages = pdf_pages(pdf)
        assert len(pages) >= 3
        assert all(page.ink > 0.001 for page in pages), [(p.number, p.ink) for p in pages]
        assert all(page.width < page.height for page in pages)  # A4 upright


def _key_figures(content: bytes) -> dict[str, tuple[Any, Any]]:
    """The master Overview's key figures: (previous period's, difference) by English label."""
    from nsm_excel.outputs.master_tables import FIGURES

    labels = {word.shown("en"): key for key, word in FIGURES.items()}
    ws = load_workbook(io.BytesIO(content))["Overview"]
    rows = ws.iter_rows(max_row=40, max_col=5, values_only=True)
    return {labels[str(r[0])]: (r[3], r[4]) for r in rows if r[0] in labels}


def test_each_period_compared_with_the_one_before(story: Story) -> None:
    """After the six periods: each master and report beside the previous period, by hand."""
    published = {
        code: files
        for (code, closing), files in story.published_now().items()
        if (code, closing) != ("2024-H1", 1)
    }

    def master(code: str) -> bytes:
        return next(v for k, v in published[code].items() if k.endswith("_en.xlsx"))

    first = _key_figures(master("2024-H1"))
    assert first["period"] == ("first period", None)
    assert first["implementation_rate"] == ("first period", "first period")
    # 2025 against 2025-H1: 2 of 3 due (66.7 %) from 2 of 2 (100 %); 6 of 6 reported both
    # times; spent 1,785,000 of 1,800,000 (99.2 %) from 695,000 (38.6 %)
    y2025 = _key_figures(master("2025"))
    assert y2025["period"] == ("2025-H1", None)
    assert y2025["implementation_rate"] == (1.0, "▼ −33.3")
    assert y2025["reporting_rate"] == (1.0, "= 0.0")
    assert y2025["execution"][1] == "▲ +60.6"
    assert y2025["due"] == (2, "▲ +1")
    # 2026 (open) against 2026-H1: 4 of 5 due (80 %) from 3 of 3; 4 of 4 institutions both times
    again = build_reports(story.space, period_or_raise("2026"), "en")
    y2026 = _key_figures((story.space.root / again.master).read_bytes())
    assert y2026["period"] == ("2026-H1", None)
    assert y2026["implementation_rate"] == (1.0, "▼ −20.0")
    assert y2026["accepted"] == (4, "= 0")
    assert y2026["execution"][1] == "▲ +51.4"  # 100 % from 680,000 of 1,400,000 (48.6 %)
    html = (story.space.root / again.summary).read_text(encoding="utf-8")
    assert "The implementation rate is down 20.0 points from 2026-H1 (100.0 %)." in html
    assert "4 of 4 institutions reported (100.0 %)" in html
