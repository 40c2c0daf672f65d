"""The value checks of returns on examined files, with the cell values the reader can give:
error values (CellError), NaN, infinity, figures beyond 10^15, and each file's received day."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.core import words
from nsm_excel.core.issues import Issue
from nsm_excel.intake import checks as return_schema
from nsm_excel.intake.answers import CellError
from nsm_excel.intake.reading import reader as return_reader
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.structure.check import examine
from nsm_excel.intake.structure.examined import Examined, RegisterView
from nsm_excel.store import database, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.returns import filled

CONTEXT = return_schema.Context(dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 20))
SENT = dt.date(2026, 7, 15)  # the filled returns' submission date


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    space = make_workspace(tmp_path_factory.mktemp("schema") / "ws")
    generate(space)
    return {
        "root": str(space.root).encode(),
        **{c: filled(space, c, seed=5) for c in ("MB", "AKPA")},
    }


def examined(returns: dict[str, bytes], code: str) -> Examined:
    """A fresh examination of the filled return of ``code`` (its values free to change)."""
    space = Workspace.open(Path(returns["root"].decode()))
    data = returns[code]
    package, _ = package_safety.inspect(data, f"{code}.xlsx", package_safety.Limits())
    assert package is not None
    with database.connect(space.database) as db:
        view = RegisterView(lambda i: register.by_id(db, i), lambda a, b: register.latest(db, a, b))
        found = examine(return_reader.read(package), f"{code}.xlsx", view)
    assert found.issues == [] and found.record is not None
    return found


def typed(item: Examined, sheet: str, key: str, value: Any, row: int = 0) -> str:
    """Type ``value`` into ``key`` of the ``row``-th row of ``sheet``; the cell's A1."""
    target = item.tables[sheet][row]
    target.values[key] = value
    return target.cells[key]


def codes(issues: list[Issue]) -> list[tuple[str, str, str]]:
    return [(i.sheet, i.cell, i.code) for i in issues]


def test_the_filled_returns_have_no_value_issues(returns: dict[str, bytes]) -> None:
    assert return_schema.check([examined(returns, "MB"), examined(returns, "AKPA")], CONTEXT) == [
        [],
        [],
    ]


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NUM!", "#NULL!"])
def test_an_error_value_is_reported_in_any_column_and_never_taken_for_empty(
    returns: dict[str, bytes], error: str
) -> None:
    item = examined(returns, "MB")
    cells = [
        ("Cover", typed(item, "Cover", "reporter_name", CellError(error))),  # required
        ("Cover", typed(item, "Cover", "reporter_email", CellError(error))),
        ("Cover", typed(item, "Cover", "submission_date", CellError(error))),
        ("Measures", typed(item, "Measures", "status", CellError(error))),
        ("Measures", typed(item, "Measures", "spent_state", CellError(error))),
        ("Measures", typed(item, "Measures", "progress", CellError(error))),
        ("Indicators", typed(item, "Indicators", "actual", CellError(error))),
    ]
    (issues,) = return_schema.check([item], CONTEXT)
    assert sorted(codes(issues)) == sorted((s, c, "return-error-value") for s, c in cells)
    assert {i.value for i in issues} == {error}
    assert all(i.severity == "error" for i in issues)  # the file is rejected: nothing stored


def test_nan_and_infinity_are_reported_in_number_and_text_columns(
    returns: dict[str, bytes],
) -> None:
    item = examined(returns, "MB")
    nan = typed(item, "Measures", "spent_state", math.nan)
    text_nan = typed(item, "Measures", "next_steps", math.nan)
    inf = typed(item, "Measures", "spent_donor", math.inf)
    text_inf = typed(item, "Cover", "reporter_phone", -math.inf)
    (issues,) = return_schema.check([item], CONTEXT)
    assert sorted(codes(issues)) == sorted(
        [
            ("Measures", nan, "return-error-value"),
            ("Measures", text_nan, "return-error-value"),
            ("Measures", inf, "return-number-too-large"),
            ("Cover", text_inf, "return-number-too-large"),
        ]
    )


@pytest.mark.parametrize(
    ("sheet", "key", "value", "code"),
    [
        ("Measures", "spent_state", "1 250.000", "return-mixed-separators"),
        ("Measures", "spent_donor", "1.250,000 lekë", "return-mixed-separators"),
        ("Measures", "spent_state", 1e308, "return-number-too-large"),
        ("Measures", "spent_state", "9" * 400, "return-number-too-large"),
        ("Measures", "spent_state", 10.0**15 + 1, "return-number-too-large"),
        ("Indicators", "actual", "1,250.000", "return-mixed-separators"),
        ("Indicators", "actual", "1 250.000,5", "return-mixed-separators"),
        ("Indicators", "actual", 1e16, "return-number-too-large"),
        ("Indicators", "actual", "45%", "return-percent-on-number"),
        ("Indicators", "actual", " 45 % ", "return-percent-on-number"),
        ("Indicators", "actual_women", 1e16, "return-number-too-large"),
        ("Indicators", "actual_men", "1 250.000", "return-mixed-separators"),
    ],
)
def test_figures_no_one_can_mean_are_reported_at_their_cell(
    returns: dict[str, bytes], sheet: str, key: str, value: Any, code: str
) -> None:
    item = examined(returns, "AKPA")  # AKPA's first indicator is a number broken down by sex
    for part, number in (("actual", 30), ("actual_women", 10), ("actual_men", 20)):
        typed(item, "Indicators", part, number)  # whatever the filler left empty
    cell = typed(item, sheet, key, value)
    (issues,) = return_schema.check([item], CONTEXT)
    assert codes(issues) == [(sheet, cell, code)]  # nothing else follows from it (no sex sum)


def test_a_number_of_400_digits_is_named_by_its_first_digits(returns: dict[str, bytes]) -> None:
    item = examined(returns, "MB")
    typed(item, "Measures", "spent_state", "9" * 400)
    ((issue,),) = return_schema.check([item], CONTEXT)
    assert issue.value == "9" * 24 + "…"
    assert (issue.code, dict(issue.params)) == ("return-number-too-large", {})


def test_the_largest_figure_is_accepted_and_stored(returns: dict[str, bytes]) -> None:
    item = examined(returns, "AKPA")
    typed(item, "Measures", "spent_state", "1 000 000 000 000 000")
    (issues,) = return_schema.check([item], CONTEXT)
    assert [i.code for i in issues] == ["return-overspent"]  # a warning: accepted
    assert return_schema.accepted_values(item)["Measures"][0]["spent_state"] == 10.0**15


@pytest.mark.parametrize(
    ("sent", "received", "fine"),
    [
        (SENT, SENT, True),
        (dt.date(2026, 1, 1), SENT, True),  # the period's first day
        (SENT, SENT - dt.timedelta(days=1), False),  # after the day received
        (dt.date(2025, 12, 31), SENT, False),  # before the period began
        (dt.datetime(9999, 12, 31), SENT, False),
        (dt.date(2026, 7, 19), None, True),  # no received day given: the run's day counts
        (dt.date(2026, 7, 21), None, False),
    ],
)
def test_the_submission_date_lies_between_the_periods_start_and_the_day_received(
    returns: dict[str, bytes], sent: dt.date, received: dt.date | None, fine: bool
) -> None:
    item = examined(returns, "MB")
    cell = typed(item, "Cover", "submission_date", sent)
    (issues,) = return_schema.check([item], CONTEXT, [received] if received else ())
    wrong = [i for i in issues if i.code == "return-submission-date-out-of-range"]
    assert [(i.sheet, i.cell) for i in wrong] == ([] if fine else [("Cover", cell)])
    if wrong:
        last = (received or CONTEXT.today).strftime("%d.%m.%Y")
        params = wrong[0].params
        assert (params["first"], params["last"]) == ("01.01.2026", last)
        assert params["label"] == words.ref("template.column.cover.submission_date")


def test_each_file_is_judged_by_its_own_received_day(returns: dict[str, bytes]) -> None:
    early, late = examined(returns, "MB"), examined(returns, "MB")
    found = return_schema.check([early, late], CONTEXT, [SENT - dt.timedelta(days=3), SENT])
    assert [[i.code for i in issues] for issues in found] == [
        ["return-submission-date-out-of-range"],
        [],
    ]


def test_a_received_time_is_a_day_in_tirana() -> None:
    assert return_schema.received_day("2026-07-14T21:30:00+00:00") == dt.date(2026, 7, 14)
    assert return_schema.received_day("2026-07-14T22:30:00+00:00") == dt.date(2026, 7, 15)
    assert return_schema.received_day("2026-07-14") == dt.date(2026, 7, 14)
    assert return_schema.received_day("") is None
