"""Reading what people type into returns."""

from __future__ import annotations

import datetime as dt

import pytest

from nsm_excel.core.labels import STATUSES
from nsm_excel.intake import answers as rv


@pytest.mark.parametrize("code", list(STATUSES))
def test_every_status_is_read_from_code_labels_or_both_in_any_case(code: str) -> None:
    label = STATUSES[code]
    sq, en = label.get("sq"), label.get("en")
    for typed in (code, sq, en, label.shown("sq"), sq.upper(), f" {en} "):
        assert rv.read_status(typed).value == code, typed


def test_a_misspelled_status_is_not_guessed_but_the_closest_is_named() -> None:
    assert rv.read_status("Me vonese").problem == "invalid"
    assert rv.closest_status("Me vonese", "sq") == "Me vonesë / Delayed"
    assert rv.closest_status("Delayd", "en") == "Delayed"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Po / Yes", 1),
        ("po", 1),
        ("YES", 1),
        ("Jo / No", 0),
        ("no", 0),
        (1.0, 1),
        (0, 0),
        (True, 1),
    ],
)
def test_yes_no(typed: object, value: int) -> None:
    assert rv.read_yes_no(typed).value == value


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15.03.2025", dt.date(2025, 3, 15)),
        ("5.3.2025", dt.date(2025, 3, 5)),
        ("15/03/2025", dt.date(2025, 3, 15)),
        ("15-03-2025", dt.date(2025, 3, 15)),
        ("2025-03-15", dt.date(2025, 3, 15)),
        (dt.datetime(2025, 3, 15, 9, 30), dt.date(2025, 3, 15)),
        (45731.0, dt.date(2025, 3, 15)),  # an Excel serial number
    ],
)
def test_dates_typed_as_people_do(typed: object, day: dt.date) -> None:
    assert rv.read_date(typed).value == day


@pytest.mark.parametrize("typed", ["31.02.2025", "15.03.25", "March 2025", "2025-13-01", 12.5])
def test_impossible_or_unreadable_dates(typed: object) -> None:
    assert rv.read_date(typed).problem == "invalid"


def test_amounts_allow_the_currency_and_separators() -> None:
    assert rv.read_spent("1.250.000 lekë").value == 1250000
    assert rv.read_spent("ALL 1,250,000").value == 1250000
    assert rv.read_spent("1250000,50").value == 1250000.5
    assert rv.read_spent("1,250").problem == "ambiguous"
    assert rv.read_spent("-5").problem == "negative"


def test_percent_sign_and_fractions() -> None:
    assert rv.read_value("45%").value == 45
    assert rv.typed_percent_fraction(0.45)
    assert not rv.typed_percent_fraction("45%")
    assert not rv.typed_percent_fraction(45)


def test_formulas_are_never_values() -> None:
    formula = rv.Formula("=1000*2")
    for reader in (rv.read_status, rv.read_spent, rv.read_date, rv.read_value, rv.read_yes_no):
        assert reader(formula).problem == "formula"
    assert not rv.blank(formula)


def test_text_cleaning_and_warnings() -> None:
    assert rv.text_of("ok\x07 text\x00") == "ok text"
    assert rv.has_control_characters("a\x1fb")
    assert not rv.has_control_characters("line one\nline two\ttab")
    for risky in ('=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-SUM(A1)"):
        assert rv.formula_like(risky), risky
    for plain in ("- trained 40 staff (in Tirana)", "+355 4 222 3333", "-2"):
        assert not rv.formula_like(plain), plain
    assert rv.too_long("x" * 4001) and not rv.too_long("x" * 4000)
    assert rv.text_of("مرحبا 🙂") == "مرحبا 🙂"


def test_a_boolean_cell_in_a_text_column_reads_as_excel_shows_it() -> None:
    assert (rv.text_of(True), rv.text_of(False)) == ("TRUE", "FALSE")
    assert rv.text_of(dt.datetime(2026, 3, 1)) == "01.03.2026"


def test_booleans_and_numbers_are_not_confused_by_the_cache() -> None:
    assert rv.read_value(False).problem == "invalid"  # Excel TRUE/FALSE is no number
    assert rv.read_value(0).value == 0
    assert rv.read_spent(1.0).value == 1.0
    assert rv.read_spent(True).problem == "invalid"


READERS = (rv.read_status, rv.read_spent, rv.read_date, rv.read_value, rv.read_yes_no)


@pytest.mark.parametrize("value", [rv.CellError("#DIV/0!"), rv.CellError("#N/A"), float("nan")])
def test_error_values_and_nan_are_no_value_and_not_empty(value: object) -> None:
    for reader in (*READERS, rv.read_whole_count):
        assert reader(value).problem == "error", reader
    assert rv.error_value(value)
    assert not rv.blank(value)


def test_empty_is_nothing_or_spaces_only() -> None:
    assert all(rv.blank(v) for v in (None, "", "  ", "\t"))
    assert not any(rv.error_value(v) for v in (None, "", 0, 0.0, "#N/A", float("inf")))


def test_amounts_and_values_beyond_the_largest_figure_or_mixed() -> None:
    for reader in (rv.read_spent, rv.read_value, rv.read_whole_count):
        assert reader(float("inf")).problem == "too-large", reader
        assert reader("9" * 400).problem == "too-large", reader
        assert reader(1e308).problem == "too-large", reader
        assert reader("1 250.000").problem == "mixed", reader
    assert rv.read_spent("1.250,000 lekë").problem == "mixed"
    assert rv.read_value("1,250.000%").problem == "mixed"
    assert rv.read_spent("ALL 1 000 000 000 000 000").value == 10**15


def test_a_typed_percent_is_text_ending_in_a_percent_sign() -> None:
    assert rv.typed_percent("45%") and rv.typed_percent(" 45 % ")
    assert not any(rv.typed_percent(v) for v in ("45", 0.45, "%45", None))
