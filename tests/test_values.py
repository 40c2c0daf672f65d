"""Tolerant reading of typed values, and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from nsm_excel.core.periods import last_finished_half_year, parse_period
from nsm_excel.core.values import (
    LARGEST,
    is_blank,
    read_amount,
    read_number,
    read_whole,
    split_list,
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (1250000, 1250000.0),
        (12.5, 12.5),
        ("1250000", 1250000.0),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("1 250 000", 1250000.0),
        ("1\u00a0250\u00a0000", 1250000.0),
        ("1.250.000", 1250000.0),
        ("1,250,000", 1250000.0),
        ("1,250,000.50", 1250000.5),
        ("1.250.000,50", 1250000.5),
        ("1 250 000,5", 1250000.5),
        ("1 250.5", 1250.5),
        ("1.250,5", 1250.5),
        ("0.250", 0.25),
        ("-3", -3.0),
        (10**15, 10.0**15),
        ("1000000000000000", 10.0**15),
        (-(10**15), -(10.0**15)),
        (5e-324, 5e-324),
    ],
)
def test_numbers_in_the_forms_people_type(typed: object, value: float) -> None:
    assert read_number(typed).value == value


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("1,250", "ambiguous"),
        ("1.250", "ambiguous"),
        ("12,5,0", "invalid"),
        ("12 5", "invalid"),
        ("abc", "invalid"),
        ("1.250.5", "invalid"),
        (True, "invalid"),
        (float("nan"), "invalid"),
        # separators of two kinds that could each be the thousands one: never a guess
        ("1 250.000", "mixed"),
        ("1 250,000", "mixed"),
        ("1.250,000", "mixed"),
        ("1,250.000", "mixed"),
        ("1.250.000,000", "mixed"),
        ("1 250.000,5", "mixed"),
        ("1.250 000", "mixed"),
        ("1 250.000.000", "mixed"),
        ("1\u00a0250.000", "mixed"),
        # beyond the largest figure, infinity and what overflows a float to it
        (float("inf"), "too-large"),
        (float("-inf"), "too-large"),
        (1e308, "too-large"),
        (10**15 + 1, "too-large"),
        (10**400, "too-large"),
        ("1000000000000001", "too-large"),
        ("9" * 400, "too-large"),
        ("1 000 000 000 000 000,5", "too-large"),
    ],
)
def test_ambiguous_or_unreadable_numbers_are_named(typed: object, problem: str) -> None:
    reading = read_number(typed)
    assert (reading.value, reading.problem) == (None, problem)


def test_empty_cells_read_as_nothing_without_a_problem() -> None:
    for blank in (None, "", "   ", "\u00a0"):
        assert read_number(blank).value is None
        assert read_number(blank).ok


def test_a_nan_is_no_empty_cell() -> None:
    assert not is_blank(float("nan"))
    assert read_amount(float("nan")).problem == "invalid"


def test_the_largest_figure_is_a_whole_number_a_float_keeps_exactly() -> None:
    assert LARGEST == 10**15 and float(LARGEST) == LARGEST
    assert read_whole(LARGEST).value == LARGEST
    assert read_whole(str(LARGEST + 1)).problem == "too-large"
    assert read_amount(-(10**16)).problem == "too-large"  # too large before negative


def test_amounts_are_never_negative_and_whole_numbers_are_whole() -> None:
    assert read_amount("-10").problem == "negative"
    assert read_whole("12").value == 12
    assert read_whole("12.5").problem == "invalid"


def test_lists_split_on_semicolons_and_commas() -> None:
    assert split_list(" MB; AKPA ,DKM;; ") == ["MB", "AKPA", "DKM"]
    assert split_list(None) == []


@pytest.mark.parametrize(
    ("typed", "code", "first", "last"),
    [
        ("2025", "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (2025, "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-h2", "2025-H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("2024-Q1", "2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024 Q4", "2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
    ],
)
def test_periods_and_their_days(typed: object, code: str, first: dt.date, last: dt.date) -> None:
    period = parse_period(typed)
    assert period is not None
    assert (period.code, period.first, period.last) == (code, first, last)


@pytest.mark.parametrize("typed", ["2025-H3", "2025-Q5", "25-H1", "H1-2025", 2025.5, None, True])
def test_not_periods(typed: object) -> None:
    assert parse_period(typed) is None


def test_the_default_period_is_the_last_finished_half_year() -> None:
    assert last_finished_half_year(dt.date(2026, 11, 23)).code == "2026-H1"
    assert last_finished_half_year(dt.date(2026, 3, 1)).code == "2025-H2"
