"""Consolidation over plan amendments and successions: a report is counted for the measure where
it lives now, a succeeded code's returns for the code that took over, and a row on a measure the
plan dropped is listed, never summed. Built from literals: a plan, issued templates, records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nsm_excel.consolidate.consolidation import consolidate
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.outputs import master_tables, summary_report
from nsm_excel.outputs.reports import figures_for
from nsm_excel.outputs.status import submission_status
from nsm_excel.plan import adoption
from nsm_excel.plan.loader import check_sheets
from nsm_excel.plan.model import Plan
from nsm_excel.store.ledger import ACCEPTED, Received
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.store.workspace import Workspace, default_config
from nsm_excel.template.generate import generate
from tests.conftest import Rows, raw_sheets, small_plan
from tests.returns import drop, filled, found, status_of
from tests.returns import run as run_intake
from tests.test_plan_loader import YEARS

PERIOD = period_or_raise("2026-H1")
DEADLINE = dt.date(2026, 7, 31)


def plan_of(rows: Rows) -> Plan:
    checked = check_sheets(raw_sheets(rows), YEARS, "plan.xlsx")
    assert checked.plan is not None, checked.report.codes()
    return checked.plan


def template(code: str, withdrawn: bool = False) -> IssuedTemplate:
    gone = '{"reason": "succeeded"}' if withdrawn else None
    content = {"cover": {}, "measures": [], "indicators": []}
    return IssuedTemplate(
        f"{code}-1", code, PERIOD.code, 1, "p", "sq", "f", "s", "2026-06-01", content, None, gone
    )


def lead(code: str, spent: float, status: str = "completed") -> dict[str, Any]:
    row = {"measure_code": code, "role": "lead", "status": status, "progress": "done"}
    return row | {"spent_state": spent, "spent_donor": 0.0}


def support(code: str, spent: float) -> dict[str, Any]:
    row = {"measure_code": code, "role": "support", "status": "ongoing", "progress": "helped"}
    return row | {"spent_state": spent, "spent_donor": 0.0}


def received(code: str, n: int, *rows: dict[str, Any], day: str = "10") -> Received:
    values = {"Cover": {}, "Measures": list(rows), "Indicators": []}
    return Received(
        f"sha{n}", f"{code}_2026-H1.xlsx", 1, f"2026-07-{day}T09:00:00+00:00", "", ACCEPTED, "",
        institution=code, period=PERIOD.code, version=1, accepted_values=values, id=n,
    )  # fmt: skip


def run(plan: Plan, templates: list[IssuedTemplate], *records: Received) -> Consolidated:
    return consolidate(plan, PERIOD, DEADLINE, templates, list(records))


def renamed(old: str, new: str, rows: Rows | None = None, date: str = "2026-03-01") -> Rows:
    """``old`` renamed ``new`` from ``date``: the plan names ``new`` wherever it named ``old``."""
    rows = rows or small_plan()
    info = next(i for i in rows["Institutions"] if i["code"] == old)
    rows["Institutions"].append(info | {"code": new})
    for m in rows["Measures"]:
        m["lead"] = new if m["lead"] == old else m["lead"]
        parts = [new if p.strip() == old else p.strip() for p in m.get("supporting", "").split(";")]
        m["supporting"] = "; ".join(p for p in parts if p)
    for i in rows["Indicators"]:
        if i.get("responsible") == old:
            i["responsible"] = new
    rows.setdefault("Succession", []).append({"old_code": old, "new_code": new, "date": date})
    return rows


def test_a_lead_change_counts_the_report_for_the_measure_and_names_who_reported() -> None:
    rows = small_plan()
    rows["Measures"][1]["lead"] = "AIDA"  # A.2.1 moves from AKPA to AIDA
    rows["Measures"][1]["supporting"] = "MB; AKPA"
    plan = plan_of(rows)
    made = run(
        plan, [template("AKPA"), template("AIDA")], received("AKPA", 1, lead("A.2.1", 500.0))
    )
    line = next(m for m in made.measures if m.code == "A.2.1")
    assert (line.reported, line.status, line.reported_by) == (True, "completed", "AKPA")
    assert line.spent_state == 500.0
    assert "reported by AKPA, lead when issued" in line.source_in("en")
    assert "raportuar nga AKPA" in line.source_in("sq")
    measures = master_tables.sheets(made, "en")["Measures"][0]
    assert any("lead when issued" in str(v) for v in measures.lines()[1])


def test_the_current_leads_own_report_wins_and_the_other_is_a_contribution() -> None:
    rows = small_plan()
    rows["Measures"][1]["lead"] = "AIDA"
    plan = plan_of(rows)
    made = run(
        plan,
        [template("AKPA"), template("AIDA")],
        received("AKPA", 1, lead("A.2.1", 500.0, "ongoing"), day="20"),
        received("AIDA", 2, lead("A.2.1", 70.0), day="05"),
    )
    line = next(m for m in made.measures if m.code == "A.2.1")
    assert (line.status, line.reported_by) == ("completed", "")
    assert [c.institution for c in line.contributions] == ["AKPA"]
    assert line.spent_state == 570.0  # two institutions' spending, each once


def test_a_rename_is_one_expected_return_and_the_old_codes_return_counts() -> None:
    plan = plan_of(renamed("AKPA", "AKPA2"))
    templates = [
        template("MB"),
        template("AIDA"),
        template("AKPA", withdrawn=True),
        template("AKPA2"),
    ]
    made = run(plan, templates, received("AKPA", 1, lead("A.2.1", 500.0), support("A.1.1", 9.0)))
    assert [i.code for i in made.institutions] == ["AIDA", "AKPA2", "MB"]
    assert made.overview.expected == 3 and made.overview.accepted == 1
    line = next(i for i in made.institutions if i.code == "AKPA2")
    assert (line.state, line.taken_over, line.accepted_file) == (
        "on time", ("AKPA",), "AKPA_2026-H1.xlsx",
    )  # fmt: skip
    measure = next(m for m in made.measures if m.code == "A.2.1")
    assert measure.reported and measure.reported_by == "AKPA"
    profile = next(m for m in made.measures if m.code == "A.1.1")
    assert [c.institution for c in profile.contributions] == ["AKPA"]
    spent = {r.key: r.spent for r in made.by_institution}
    assert spent["AKPA2"] == 509.0


def test_an_old_template_not_yet_withdrawn_is_still_one_expected_return() -> None:
    plan = plan_of(renamed("AKPA", "AKPA2"))
    made = run(plan, [template("MB"), template("AKPA"), template("AKPA2")])
    assert [i.code for i in made.institutions] == ["AKPA2", "MB"]


def test_a_merge_is_one_return_counting_both_codes_rows_once() -> None:
    rows = renamed("AKPA", "NEW")
    for m in rows["Measures"]:
        m["lead"] = "NEW" if m["lead"] == "AIDA" else m["lead"]
        m["supporting"] = "; ".join(dict.fromkeys(
            "NEW" if p.strip() == "AIDA" else p.strip() for p in m["supporting"].split(";") if p
        ))  # fmt: skip
    rows["Succession"].append({"old_code": "AIDA", "new_code": "NEW", "date": "2026-03-01"})
    plan = plan_of(rows)
    templates = [template("MB"), template("AKPA", True), template("AIDA", True), template("NEW")]
    made = run(
        plan,
        templates,
        received("AKPA", 1, lead("A.2.1", 500.0), support("A.1.1", 5.0)),
        received("AIDA", 2, lead("A.2.2", 30.0), support("A.1.1", 7.0)),
    )
    assert [i.code for i in made.institutions] == ["MB", "NEW"]
    assert made.overview.accepted == 1
    assert next(i for i in made.institutions if i.code == "NEW").taken_over == ("AKPA", "AIDA")
    lines = {m.code: m for m in made.measures}
    assert lines["A.2.1"].reported_by == "AKPA" and lines["A.2.2"].reported_by == "AIDA"
    assert sorted(c.spent_state for c in lines["A.1.1"].contributions) == [5.0, 7.0]
    assert made.overview.spent == 542.0
    again = run(
        plan,
        templates,
        received("AKPA", 1, lead("A.2.1", 500.0), support("A.1.1", 5.0)),
        received("NEW", 3, lead("A.2.1", 600.0), support("A.1.1", 8.0)),
    )
    redone = {m.code: m for m in again.measures}
    assert redone["A.2.1"].spent_state == 600.0  # NEW's own row replaces AKPA's, not added
    assert [c.institution for c in redone["A.1.1"].contributions] == ["NEW"]


def test_a_split_sends_the_old_codes_rows_to_the_code_that_took_each_measure() -> None:
    rows = small_plan()
    rows["Institutions"] += [{"code": c, "name_sq": c, "name_en": c} for c in ("N1", "N2")]
    rows["Measures"][0]["lead"] = "N1"  # MB led A.1.1
    rows["Measures"][1]["supporting"] = "N2"  # MB supported A.2.1
    rows["Indicators"][2]["responsible"] = "N2"
    rows["Institutions"] = [i for i in rows["Institutions"] if i["code"] != "MB"]
    rows["Succession"] = [{"old_code": "MB", "new_code": "N1; N2", "date": "2026-01-01"}]
    plan = plan_of(rows)
    templates = [template("MB", True), template("N1"), template("N2"), template("AKPA")]
    made = run(plan, templates, received("MB", 1, lead("A.1.1", 40.0), support("A.2.1", 3.0)))
    assert [i.code for i in made.institutions] == ["AKPA", "N1", "N2"]
    spent = {r.key: r.spent for r in made.by_institution}
    assert (spent["N1"], spent["N2"]) == (40.0, 3.0)  # each row once, to the code that took it
    lines = {m.code: m for m in made.measures}
    assert lines["A.1.1"].reported_by == "MB"
    assert [c.institution for c in lines["A.2.1"].contributions] == ["MB"]


def test_a_dropped_measure_is_listed_with_its_spending_and_not_summed() -> None:
    rows = small_plan()
    rows["Measures"] = [m for m in rows["Measures"] if m["code"] != "A.2.2"]
    plan = plan_of(rows)
    record = received("AIDA", 1, lead("A.2.2", 300.0), support("A.1.1", 2.0))
    made = consolidate(
        plan, PERIOD, DEADLINE, [template("AIDA")], [record], dropped_in={("Measures", "A.2.2"): 2}
    )
    (orphan,) = made.orphans
    assert (orphan.institution, orphan.code, orphan.role, orphan.spent_state) == (
        "AIDA", "A.2.2", "lead", 300.0,
    )  # fmt: skip
    assert orphan.reason_in("en") == "dropped in plan version 2"
    assert "versionin 2" in orphan.reason_in("sq")
    assert made.overview.spent == 2.0  # the dropped measure's 300 is not in the totals
    for lang in ("en", "sq"):
        tables = master_tables.sheets(made, lang)
        (sheet,) = [name for name in tables if tables[name][0].name == "NotInPlan"]
        assert tables[sheet][0].lines()[0][3] == "A.2.2"
        html = summary_report.render(made, lang, default_config(dt.date(2026, 7, 1)), _made())
        assert 'id="not-in-plan"' in html and orphan.reason_in(lang) in html


def test_without_such_rows_there_is_no_sheet_and_no_section() -> None:
    plan = plan_of(small_plan())
    made = run(plan, [template("AIDA")], received("AIDA", 1, lead("A.2.2", 300.0)))
    assert made.orphans == ()
    assert all(t[0].name != "NotInPlan" for t in master_tables.sheets(made, "en").values())
    html = summary_report.render(made, "en", default_config(dt.date(2026, 7, 1)), _made())
    assert 'id="not-in-plan"' not in html


def _made() -> dt.datetime:
    return dt.datetime(2026, 7, 1, tzinfo=dt.UTC)


def test_a_return_on_a_succeeded_institutions_template_is_accepted_row_by_row(
    issued: Workspace,
) -> None:
    space = issued
    old = filled(space, "AKPA")
    space.plan_path.write_bytes(plan_bytes(renamed("AKPA", "AKPA2")))
    assert adoption.adopt(space, effective=dt.date(2026, 1, 1)).outcome == adoption.ADOPTED
    generate(space)
    drop(space, "AKPA_2026-H1.xlsx", old)
    result = run_intake(space)
    assert status_of(result, "AKPA_2026-H1.xlsx") == "accepted"
    codes = [c for _, _, c in found(result, "AKPA_2026-H1.xlsx")]
    assert codes[0] == "return-succeeded-institution"
    notice = result.files[0].issues[0]
    assert "AKPA2" in notice.message("en") and "AKPA2" in notice.message("sq")
    status = submission_status(space, today=dt.date(2026, 7, 10))
    (period,) = status.periods
    assert [i.code for i in period.institutions] == ["AIDA", "AKPA2", "MB"]
    assert period.overview.expected == 3 and period.overview.accepted == 1
    line = next(i for i in period.institutions if i.code == "AKPA2")
    assert line.state == "on time" and line.taken_over == ("AKPA",)
    figures = figures_for(space, PERIOD)
    measure = next(m for m in figures.measures if m.code == "A.2.1")
    assert measure.reported and measure.reported_by == "AKPA"


def test_the_version_that_dropped_a_measure_is_named(issued: Workspace) -> None:
    space = issued
    drop(space, "AIDA_2026-H1.xlsx", filled(space, "AIDA"))
    run_intake(space)
    rows = small_plan()
    rows["Measures"] = [m for m in rows["Measures"] if m["code"] != "A.2.2"]
    space.plan_path.write_bytes(plan_bytes(rows))
    adoption.adopt(space, effective=dt.date(2026, 1, 1))
    made = figures_for(space, PERIOD)
    assert [(o.code, o.dropped_in) for o in made.orphans] == [("A.2.2", 2)]
