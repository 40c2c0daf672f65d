"""The mid-term review: the trend of an indicator, and the review of a range written as text.

The review of the six-period story (trajectories computed by hand, the PDF, both languages) is
in ``tests/test_strategy_over_time.py``, which drives the story once for every test that reads it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main
from nsm_excel.consolidate import trajectory as tr
from nsm_excel.consolidate.history import Point, Series
from nsm_excel.core import words
from nsm_excel.outputs import review_report
from nsm_excel.outputs.history_read import history
from nsm_excel.outputs.review import build_review, file_name
from nsm_excel.outputs.review_content import review
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace, small_plan
from tests.returns import drop, filled, put, run

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _series(points: list[tuple[str, float | None, bool]], **changes: object) -> Series:
    found = Series(
        code="I.9",
        name_sq="Treguesi",
        name_en="Indicator",
        unit="number",
        direction="decrease",
        aggregation="latest",
        responsible="MB",
        baseline=50,
        baseline_year=2023,
        targets={},
        target_final=20,
        points=tuple(Point(p, v, v, mid) for p, v, mid in points),
    )
    return dataclasses.replace(found, **changes)  # type: ignore[arg-type]


def test_the_trend_runs_through_the_baseline_and_the_full_year_figures() -> None:
    typed = [("2024-H1", 44, True), ("2024", 42, False), ("2025-H1", 39, True), ("2025", 38, False)]
    s = _series(typed)
    found = tr.trajectory(s, 2027)
    # points (2023, 50) (2024, 42) (2025, 38): the H1 figures are mid-year, left out.
    # mean x 2024, mean y 130/3; slope = ((-1)(50 - 130/3) + (1)(38 - 130/3)) / 2 = -6
    assert found.points == ((2023, 50), (2024, 42), (2025, 38))
    assert found.slope == pytest.approx(-6)
    # 2027: 130/3 - 6 * 3 = 25.33 > 20: a decrease that does not get down to its target
    assert found.projected == pytest.approx(130 / 3 - 18)
    assert found.verdict == tr.OFF_TRACK
    assert tr.trajectory(dataclasses.replace(s, target_final=26), 2027).verdict == tr.ON_TRACK
    increase = dataclasses.replace(s, direction="increase", target_final=25)
    assert tr.trajectory(increase, 2027).verdict == tr.ON_TRACK


def test_too_few_values_and_no_target_are_said_so() -> None:
    alone = _series([("2024", 42, False)], baseline_year=None)  # one point: no line
    assert tr.trajectory(alone, 2027).verdict == tr.TOO_FEW
    assert tr.trajectory(alone, 2027).projected is None
    same_year = _series([("2023", 42, False)])  # the baseline's year again: replaced, one point
    assert tr.trajectory(same_year, 2027).verdict == tr.TOO_FEW
    untargeted = _series([("2024", 42, False)], target_final=None)
    assert tr.trajectory(untargeted, 2027).verdict == tr.NO_TARGET


@pytest.fixture
def quiet(tmp_path: Path) -> Workspace:
    """A workspace with 2026-H1 open and hostile text in its plan; no return received."""
    rows = small_plan()
    rows["Objectives"][0]["title_en"] = rows["Objectives"][0]["title_sq"] = HOSTILE
    rows["Measures"][0]["title_en"] = rows["Measures"][0]["title_sq"] = HOSTILE
    rows["Indicators"][1]["name_en"] = rows["Indicators"][1]["name_sq"] = HOSTILE
    rows["Indicators"][1]["source"] = HOSTILE
    space = make_workspace(tmp_path / "ws", rows)
    generate(space)
    return space


def test_a_range_without_accepted_returns_writes_a_complete_review_that_says_so(
    quiet: Workspace, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(f"Conclusion one.\n{HOSTILE}\n", encoding="utf-8")
    result = build_review(quiet, lang="en", notes=notes)
    assert (result.first, result.last, result.has_returns) == ("2026-H1", "2026-H1", False)
    page = quiet.root / "outbox" / "review" / file_name("2026-H1", "2026-H1", "en")
    html = page.read_text(encoding="utf-8")
    assert words.text("outputs.review.no_returns", "en", span="the period 2026-H1") in html
    for heading in ("summary", "progress", "budget", "reporting", "passport", "next_steps"):
        assert words.text(f"outputs.review.{heading}", "en") in html
    assert "<script>" not in html and "<img" not in html  # the plan's and the notes' text
    assert html.count("&lt;script&gt;") >= 5  # goal, measure, indicator, source, notes
    assert "Conclusion one." in html


def test_a_delay_reason_from_a_return_shows_as_text(quiet: Workspace) -> None:
    data, _ = put(filled(quiet, "AKPA"), "Measures", "A.2.1", "status", "delayed")
    data, _ = put(data, "Measures", "A.2.1", "delay_reason", HOSTILE)
    data, _ = put(data, "Cover", "remarks", "value", "The  budget  came late. " + HOSTILE)
    drop(quiet, "AKPA_2026-H1.xlsx", data)
    assert [f.status for f in run(quiet).files] == ["accepted"]
    found = review(history(quiet))
    (group,) = [g for g in found.challenges if g.code == "A.2"]
    assert [(c.measure, c.text, c.periods) for c in group.challenges] == [
        ("A.2.1", HOSTILE, ("2026-H1",))
    ]
    (remark,) = found.remarks  # the Cover's remarks, gathered too, spaces made single
    assert (remark.institution, remark.periods) == ("AKPA", ("2026-H1",))
    assert remark.text.startswith("The budget came late. <script>")
    html = review_report.render(found, "sq", quiet.config, quiet_moment())
    assert HOSTILE not in html and "&lt;script&gt;alert(&#34;x&#34;)" in html
    assert 'id="remarks"' in html and "The budget came late." in html


def quiet_moment() -> dt.datetime:
    return dt.datetime(2026, 8, 1, 9, 0, tzinfo=dt.UTC)


def test_a_range_not_in_the_calendar_is_a_clear_error(quiet: Workspace) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["review", "-w", str(quiet.root), "--from", "2031", "--to", "2032"])
    assert done.exit_code == 2
    assert "not in the calendar" in done.output and "Traceback" not in done.output
    backwards = ["review", "-w", str(quiet.root), "--from", "2026", "--to", "2026-H1"]
    assert "ends before it starts" in runner.invoke(main, backwards).output


def test_the_command_says_where_the_review_is(
    quiet: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("nsm_excel.outputs.review.browser", lambda: None)
    done = CliRunner().invoke(main, ["review", "-w", str(quiet.root), "--lang", "sq"])
    assert done.exit_code == 0, done.output
    assert words.text("cli.review.no_returns", "sq") in done.output
    assert words.text("cli.review.no_pdf_not_installed", "sq") in done.output
    assert "NSM_review_2026-H1_2026-H1_sq.html" in done.output
    assert not list((quiet.root / "outbox" / "review").glob("*.pdf"))


def test_the_passport_table_names_units_and_rules_in_the_reviews_language(
    quiet: Workspace,
) -> None:
    build_review(quiet, lang="sq")
    page = quiet.root / "outbox" / "review" / file_name("2026-H1", "2026-H1", "sq")
    html = page.read_text(encoding="utf-8")
    table = html[html.index('id="passport-table"') :]
    table = table[: table.index("</table>")]
    assert "po/jo" in table.lower() or words.text("unit.yes_no", "sq") in table
    assert words.text("frequency.half-year", "sq") in table
    assert ">number<" not in table and "half-year" not in table


def test_a_review_of_one_period_names_it_once(quiet: Workspace) -> None:
    build_review(quiet, lang="en")
    page = quiet.root / "outbox" / "review" / file_name("2026-H1", "2026-H1", "en")
    html = page.read_text(encoding="utf-8")
    assert "Mid-term review of the period 2026-H1," in html and "Period 2026-H1" in html
    assert "2026-H1 to 2026-H1" not in html and "in all" not in html
