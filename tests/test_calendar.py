"""The reporting calendar: its rule, the life of a period, migration, intake by a file's period."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from nsm_excel.core.clock import local_day
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import filler
from nsm_excel.demo.sample_plan import sample_plan_bytes
from nsm_excel.intake.run import IntakeResult, validate_inbox
from nsm_excel.outputs.status import submission_status
from nsm_excel.store import calendar, config, database, ledger, workspace
from nsm_excel.store.config import CalendarRule
from nsm_excel.store.period_rules import PeriodRefused
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.returns import clock, drop, filled, run


def _states(space: Workspace) -> dict[str, tuple[str, str]]:
    with database.connect(space.database) as db:
        return {c.period.code: (c.state, c.deadline.isoformat()) for c in calendar.all_periods(db)}


def test_the_rule_makes_every_period_of_the_plan_years(space: Workspace) -> None:
    assert _states(space) == {
        "2024-H1": ("planned", "2024-07-30"),
        "2024": ("planned", "2025-01-30"),
        "2025-H1": ("planned", "2025-07-30"),
        "2025": ("planned", "2026-01-30"),
        "2026-H1": ("open", "2026-07-31"),  # opened by init, with its deadline
        "2026": ("planned", "2027-01-30"),
    }


def test_periods_added_to_the_rule_appear_planned_and_nothing_else_changes(
    space: Workspace,
) -> None:
    before = _states(space)
    wider = replace(space.config, calendar=CalendarRule(("H1", "year", "Q3"), 15))
    with database.connect(space.database) as db:
        added = calendar.ensure(db, wider, dt.date(2026, 7, 10))
    assert added == ["2024-Q3", "2025-Q3", "2026-Q3"]
    after = _states(space)
    assert after["2025-Q3"] == ("planned", "2025-10-15")
    assert {k: v for k, v in after.items() if k in before} == before


def test_init_opens_the_latest_ended_period_at_least_21_days_ahead(tmp_path: Path) -> None:
    settings = make_workspace(tmp_path / "a").config
    made = workspace.init(tmp_path / "b", settings, sample_plan_bytes(), dt.date(2026, 1, 20))
    assert made.workspace.calendar_period().period.code == "2025"  # ended 31 December
    assert made.workspace.calendar_period().deadline == dt.date(2026, 2, 10)  # not 30 January


def test_the_life_of_a_period_and_its_refusals(space: Workspace) -> None:
    with database.connect(space.database) as db:
        with pytest.raises(PeriodRefused, match="2025 is planned: it cannot be closed"):
            calendar.close(db, "2025")
        with pytest.raises(PeriodRefused, match="close it first"):
            calendar.approve(db, "2026-H1")
        closed = calendar.close(db, "2026-H1")
        assert closed.state == "closed" and closed.frozen is not None
        assert closed.frozen["deadline"] == "2026-07-31" and closed.frozen["closing"] == 1
        assert closed.frozen["counted"] == [] and "plan_version" in closed.frozen
        with pytest.raises(PeriodRefused, match="reopen it first"):
            calendar.set_deadline(db, "2026-H1", dt.date(2026, 9, 1))
        with pytest.raises(PeriodRefused, match="--reason"):
            calendar.reopen(db, "2026-H1", " ")
        assert calendar.approve(db, "2026-H1").state == "approved"
        assert calendar.reopen(db, "2026-H1", "a ministry's late return").state == "open"
        assert calendar.close(db, "2026-H1").frozen["closing"] == 2  # type: ignore[index]
        with pytest.raises(PeriodRefused, match="cannot be opened"):
            calendar.open_period(db, "2026-H1")
        actions = [(e.action, e.reason) for e in calendar.events(db, "2026-H1")]
    assert actions[1:] == [
        ("close", ""),
        ("approve", ""),
        ("reopen", "a ministry's late return"),
        ("close", ""),
    ]


def test_no_open_period_is_a_clear_refusal(space: Workspace) -> None:
    with database.connect(space.database) as db:
        calendar.close(db, "2026-H1")
    with pytest.raises(NsmError, match=r"no reporting period is open.*nsm period open"):
        space.current_period()
    with pytest.raises(NsmError, match=r"2025 is planned.*nsm period open 2025"):
        generate(space, period_or_raise("2025"))


def test_a_workspace_made_with_the_old_cycle_is_migrated(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    generate(space)  # templates issued for 2026-H1
    text = (space.root / "nsm.toml").read_text(encoding="utf-8")
    start = text.index("[calendar]")
    old = text[:start] + '[cycle]\nperiod = "2025"\ndeadline = 2026-02-15\n\n'
    old += text[text.index("[templates]") :]
    (space.root / "nsm.toml").write_text(old, encoding="utf-8")
    with database.connect(space.database) as db:  # as the records were before the calendar
        db.execute("DELETE FROM period_events")
        db.execute("DELETE FROM periods")
    older = Workspace.open(space.root)
    assert older.config.cycle is not None
    assert older.config.calendar == CalendarRule()  # the default rule
    assert older.current_period().code == "2026-H1"  # the calendar made on first look
    states = _states(older)
    assert states["2025"] == ("open", "2026-02-15")  # the old cycle's period and deadline
    assert states["2026-H1"][0] == "open"  # it has issued templates
    assert states["2024"][0] == "planned"
    with database.connect(older.database) as db:
        moved = {
            e.period: e.params.get("from") for e in calendar.events(db) if e.action == "migrated"
        }
    assert moved == {"2025": "cycle", "2026-H1": "templates"}
    assert "[cycle]" in config.render(older.config)  # kept as it was


def test_a_late_return_for_a_closed_period_is_counted_after_reopening(issued: Workspace) -> None:
    data = filled(issued, "MB")
    with database.connect(issued.database) as db:
        calendar.close(db, "2026-H1")
    sent = dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC)  # after the deadline of 31 July
    drop(issued, "MB_2026-H1.xlsx", data)

    def run(space: Workspace) -> IntakeResult:
        return validate_inbox(space, clock=lambda: sent)

    first = run(issued)
    assert [(f.status, [i.code for i in f.issues]) for f in first.files] == [
        ("rejected", ["return-period-closed"])
    ]
    message = first.files[0].issues[0].message("sq")
    assert "2026-H1" in message and "sekretariatit" in message
    assert run(issued).files == []  # still closed: nothing put back
    with database.connect(issued.database) as db:
        calendar.reopen(db, "2026-H1", "the ministry's return was late")
    sent += dt.timedelta(days=5)  # a later run
    again = run(issued)  # judged again on its own, with its first arrival time
    assert [(f.file, f.status) for f in again.files] == [("MB_2026-H1.xlsx", "accepted")]
    with database.connect(issued.database) as db:
        records = ledger.all_records(db)
    assert [r.status for r in records] == ["rejected", "accepted"]
    assert records[1].received_at == records[0].received_at == "2026-08-03T09:00:00+00:00"
    assert not list(issued.inbox.iterdir())
    status = submission_status(issued, today=dt.date(2026, 8, 10))
    states = {line.code: line.state for line in status.periods[0].institutions}
    assert states["MB"] == "late" and states["AKPA"] == "overdue"
    assert run(issued).files == []  # judged once more: never again


def test_rejudge_takes_every_context_rejection_again(issued: Workspace) -> None:
    data = filled(issued, "MB")
    with database.connect(issued.database) as db:
        calendar.close(db, "2026-H1")
    drop(issued, "MB_2026-H1.xlsx", data)
    run(issued)
    again = validate_inbox(issued, clock=clock, rejudge=True)
    assert [(f.status, [i.code for i in f.issues]) for f in again.files] == [
        ("rejected", ["return-period-closed"])
    ]
    with database.connect(issued.database) as db:
        assert len(ledger.all_records(db)) == 2  # a second judgement, not a duplicate


def test_two_open_periods_are_validated_in_one_run(issued: Workspace) -> None:
    with database.connect(issued.database) as db:
        calendar.open_period(db, "2025", dt.date(2026, 9, 30))
    generate(issued, period_or_raise("2025"))
    assert issued.current_period().code == "2026-H1"  # the latest open (first day, then last)
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    older = (issued.root / "templates/xlsx/2025/MB_2025.xlsx").read_bytes()
    drop(issued, "MB_2025.xlsx", filler.fill(older, filler.Filling(1, dt.date(2026, 7, 15))))
    result = run(issued)
    assert {(f.file, f.period, f.status) for f in result.files} == {
        ("MB_2026-H1.xlsx", "2026-H1", "accepted"),
        ("MB_2025.xlsx", "2025", "accepted"),
    }
    status = submission_status(issued, today=dt.date(2026, 7, 25))
    assert [p.overview.period for p in status.periods] == ["2025", "2026-H1"]
    pending = {line.state for line in status.periods[0].institutions if line.code != "MB"}
    assert pending == {"pending"}


def test_a_return_for_a_period_never_opened_is_refused(issued: Workspace) -> None:
    with database.connect(issued.database) as db:
        calendar.open_period(db, "2025")
    generate(issued, period_or_raise("2025"))
    with database.connect(issued.database) as db:
        db.execute("UPDATE periods SET state = 'planned' WHERE code = '2025'")
    drop(issued, "MB_2025.xlsx", (issued.root / "templates/xlsx/2025/MB_2025.xlsx").read_bytes())
    result = run(issued)
    assert result.files[0].issues[0].code == "return-period-not-open"


def test_receipt_days_are_judged_in_tirana() -> None:
    assert local_day("2026-07-31T21:30:00+00:00", "Europe/Tirane") == dt.date(2026, 7, 31)
    assert local_day("2026-07-31T23:30:00+00:00", "Europe/Tirane") == dt.date(2026, 8, 1)
    assert local_day("2026-12-31T23:30:00+00:00", "Europe/Tirane") == dt.date(2027, 1, 1)
    assert local_day("2026-07-31T23:30:00+00:00", "UTC") == dt.date(2026, 7, 31)


def test_a_return_at_2330_utc_on_the_deadline_day_is_late(issued: Workspace) -> None:
    sent = dt.datetime(2026, 7, 31, 23, 30, tzinfo=dt.UTC)  # 1 August, 01:30 in Tirana
    drop(issued, "MB_2026-H1.xlsx", filled(issued, "MB"))
    validate_inbox(issued, clock=lambda: sent)
    status = submission_status(issued, today=dt.date(2026, 8, 2))
    states = {line.code: line.state for line in status.periods[0].institutions}
    assert states["MB"] == "late"


def test_a_wrong_calendar_rule_names_its_key(space: Workspace) -> None:
    path = space.root / "nsm.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('periods = ["H1", "year"]', 'periods = ["H3"]'), "utf-8")
    with pytest.raises(NsmError, match=r"\[calendar\] periods must be a list of Q1"):
        Workspace.open(space.root)
    path.write_text(text.replace('"Europe/Tirane"', '"Mars/Olympus"'), "utf-8")
    with pytest.raises(NsmError, match="time_zone: 'Mars/Olympus' is not a time zone"):
        Workspace.open(space.root)
