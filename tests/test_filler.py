"""The filler, checked from outside: filled templates read back with openpyxl through the contract.

Templates come from the sample plan (rich enough for every rule: lead and support rows, ended
measures, indicators by sex, an English-language institution) and, for measures that have not
started yet, an earlier period. A small checker below restates the rules of a valid return; a clean
filling must pass it, and each named mistake must show as exactly one problem at its place.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core.periods import parse_period, period_or_raise
from nsm_excel.core.values import is_email, read_amount, read_number
from nsm_excel.demo.filler import MISTAKES, Filling, answers, fill
from nsm_excel.demo.sample_data import sample_sheets
from nsm_excel.store import calendar, database
from nsm_excel.template.generate import generate
from tests.conftest import TODAY, make_workspace

KEYS = {"Cover": "field", "Measures": "measure_code", "Indicators": "indicator_code"}
STATUS_CODES = ("completed", "partial", "on_track", "delayed", "not_started", "cancelled")
MEASURE_INPUTS = {
    "status",
    "progress",
    "delay_reason",
    "next_steps",
    "spent_state",
    "spent_donor",
    "evidence",
    "completion_date",
}
INDICATOR_INPUTS = {"actual", "actual_women", "actual_men", "comment"}
COVER_INPUTS = {"reporter_name", "reporter_email", "reporter_phone", "submission_date", "remarks"}
INPUTS = {"Cover": {"value"}, "Measures": MEASURE_INPUTS, "Indicators": INDICATOR_INPUTS}
ISSUES = {  # (institution, period) -> the submission date used to fill it
    ("MB", "2026-H1"): TODAY,
    ("AKPA", "2026-H1"): TODAY,  # indicators broken down by sex
    ("AIDA", "2026-H1"): TODAY,  # an English template
    ("MB", "2024-H1"): dt.date(2024, 7, 12),  # many measures not started yet
}
SEEDS = range(6)
Problem = tuple[str, int, str, str]  # sheet, data row index, key, problem


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bytes]:
    space = make_workspace(tmp_path_factory.mktemp("filler") / "ws", sample_sheets())
    for period in sorted({p for _, p in ISSUES}):
        codes = [code for code, p in ISSUES if p == period]
        if space.calendar_period(period).state == "planned":
            with database.connect(space.database) as db:
                calendar.open_period(db, period)
        generate(space, period=period_or_raise(period), institutions=codes)
    return {(c, p): space.template_path(c, period_or_raise(p)).read_bytes() for c, p in ISSUES}


# Reading a workbook through the contract -----------------------------------------------------


def book_of(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    assert isinstance(ws, Worksheet)
    return ws


def rows(book: Workbook, name: str) -> list[dict[str, Any]]:
    """Data rows as dicts: key row found by its key in the first 10 rows, data below the header."""
    ws = sheet(book, name)
    at = next(r for r in range(1, 11) if KEYS[name] in [c.value for c in ws[r]])
    keys = [str(c.value) for c in ws[at]]
    found = []
    for values in ws.iter_rows(min_row=at + 2, max_col=len(keys), values_only=True):
        if values[0] is None:
            break
        found.append(dict(zip(keys, values, strict=True)))
    return found


def cover(book: Workbook) -> dict[str, Any]:
    return {row["field"]: row["value"] for row in rows(book, "Cover")}


def status_codes(book: Workbook) -> dict[str, str]:
    """Dropdown label -> status code, from the hidden Lists sheet (A2:A7)."""
    lists = sheet(book, "Lists")
    return {str(lists.cell(r, 1).value): code for r, code in enumerate(STATUS_CODES, start=2)}


def yes_no(book: Workbook) -> tuple[str, str]:
    lists = sheet(book, "Lists")
    return lists["B2"].value, lists["B3"].value


def english(book: Workbook) -> bool:
    return bool(sheet(book, "Lists")["A2"].value == "Completed")


def span(row: dict[str, Any]) -> tuple[dt.date, dt.date]:
    start, end = parse_period(row["start"]), parse_period(row["end"])
    assert start and end
    return start.first, end.last


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# The rules of a valid return -------------------------------------------------------------------


def problems(filled: Workbook, template: Workbook, today: dt.date) -> list[Problem]:
    """Every broken rule of the filled workbook, in sheet and row order."""
    found = locked_changes(filled, template)
    found += cover_problems(filled, today)
    labels = status_codes(filled)
    for index, row in enumerate(rows(filled, "Measures")):
        found += [("Measures", index, k, p) for k, p in measure_problems(row, labels, today)]
    choices = yes_no(filled)
    for index, row in enumerate(rows(filled, "Indicators")):
        found += [("Indicators", index, k, p) for k, p in indicator_problems(row, choices)]
    return found


def locked_changes(filled: Workbook, template: Workbook) -> list[Problem]:
    found: list[Problem] = []
    for name, inputs in INPUTS.items():
        before, after = rows(template, name), rows(filled, name)
        assert len(before) == len(after), name
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            changed = [k for k in old if k not in inputs and old[k] != new[k]]
            found += [(name, index, k, "locked-changed") for k in changed]
    return found


def cover_problems(book: Workbook, today: dt.date) -> list[Problem]:
    values = cover(book)
    at = {field: index for index, field in enumerate(values)}
    submitted = values["submission_date"]
    phone = r"\+355 \d{1,2} \d{3} \d{4}"
    checks = {
        ("reporter_name", "reporter-missing"): not blank(values["reporter_name"]),
        ("reporter_email", "email-invalid"): is_email(str(values["reporter_email"])),
        ("reporter_phone", "phone-invalid"): bool(
            re.fullmatch(phone, str(values["reporter_phone"]))
        ),
        ("submission_date", "date-invalid"): isinstance(submitted, dt.datetime)
        and submitted.date() == today,
    }
    return [("Cover", at[field], field, code) for (field, code), ok in checks.items() if not ok]


def measure_problems(
    row: dict[str, Any], labels: dict[str, str], today: dt.date
) -> list[tuple[str, str]]:
    formulas = {k for k in MEASURE_INPUTS if isinstance(row[k], str) and row[k].startswith("=")}
    found = [(k, "formula") for k in sorted(formulas)]
    status = labels.get(row["status"]) if row["status"] is not None else None
    if row["status"] is None and row["role"] == "lead":
        found.append(("status", "status-missing"))
    if row["status"] is not None and status is None:
        found.append(("status", "status-unknown"))
    else:
        if status != "not_started" and blank(row["progress"]):
            found.append(("progress", "progress-missing"))
        if status in ("delayed", "partial", "not_started") and blank(row["delay_reason"]):
            found.append(("delay_reason", "delay-reason-missing"))
        if status == "completed":
            found += completion_problems(row, today)
    found += spending_problems(row, formulas, status)
    return found


def completion_problems(row: dict[str, Any], today: dt.date) -> list[tuple[str, str]]:
    found = [("evidence", "evidence-missing")] if blank(row["evidence"]) else []
    day = row["completion_date"]
    first, last = span(row)
    if not isinstance(day, dt.datetime) or not first <= day.date() <= min(last, today):
        found.append(("completion_date", "completion-date"))
    return found


def spending_problems(
    row: dict[str, Any], formulas: set[str], status: str | None = None
) -> list[tuple[str, str]]:
    keys = [k for k in ("spent_state", "spent_donor") if k not in formulas]
    readings = {k: read_amount(row[k]) for k in keys}
    found = [(k, "amount-unreadable") for k, r in readings.items() if not r.ok or r.value is None]
    if found or formulas:
        return found
    total = sum(r.value or 0.0 for r in readings.values())
    planned = row["planned_cost"] or 0
    low, high = (0.0, 0.1) if row["role"] == "support" else (0.3, 1.1)
    if status in ("not_started", "cancelled"):
        low = high = 0.0
    if not low * planned <= total <= high * planned and not (total == 0 and planned * high < 1):
        found.append(("spent_state", "spending-out-of-range"))
    return found


def indicator_problems(row: dict[str, Any], choices: tuple[str, str]) -> list[tuple[str, str]]:
    actual, by_sex = row["actual"], row["disaggregation"] == "sex"
    if actual is None:
        return [("comment", "comment-missing")] if blank(row["comment"]) else []
    if row["unit"] == "yes_no":
        return [] if actual in choices else [("actual", "actual-invalid")]
    value = read_number(actual).value
    whole = row["unit"] == "number" or by_sex
    top = 100.0 if row["unit"] == "percent" else float("inf")
    if value is None or not 0 <= value <= top or (whole and not value.is_integer()):
        return [("actual", "actual-invalid")]
    if not by_sex:
        return []
    women, men = row["actual_women"], row["actual_men"]
    if not all(isinstance(v, int) and v >= 0 for v in (women, men)):
        return [("actual_women", "women-men-invalid")]
    return [] if women + men == value else [("actual_men", "women-men-sum")]


# Filling, and what must hold of every filling -----------------------------------------------------


def filled(data: bytes, today: dt.date, seed: int = 0, *mistakes: str) -> Workbook:
    return book_of(fill(data, Filling(seed, today, mistakes=mistakes)))


def snapshot(book: Workbook) -> dict[str, Any]:
    """Everything a filling must keep: sheets, protection, identity, names, validations, locks."""
    security = book.security
    assert security is not None
    properties = book.custom_doc_props  # type: ignore[attr-defined]
    return {
        "sheets": [(ws.title, ws.sheet_state) for ws in book.worksheets],
        "structure": (
            security.lockStructure,
            security.workbookAlgorithmName,
            security.workbookHashValue,
            security.workbookSaltValue,
            security.workbookSpinCount,
        ),
        "custom properties": [(p.name, p.value) for p in properties],
        "defined names": {name: d.attr_text for name, d in book.defined_names.items()},
        "core": (book.properties.creator, book.properties.title),
        **{ws.title: sheet_snapshot(ws) for ws in book.worksheets},
    }


def sheet_snapshot(ws: Worksheet) -> dict[str, Any]:
    p = ws.protection
    cells = [c for row in ws.iter_rows() for c in row]
    return {
        "protection": (
            p.sheet,
            p.algorithmName,
            p.hashValue,
            p.saltValue,
            p.spinCount,
            p.formatRows,
            p.formatColumns,
            p.selectLockedCells,
            p.selectUnlockedCells,
        ),
        "validations": sorted(
            (str(v.sqref), v.type, v.operator, v.formula1, v.formula2, v.prompt, v.error)
            for v in ws.data_validations.dataValidation
        ),
        "hidden rows": sorted(r for r, d in ws.row_dimensions.items() if d.hidden),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "layout": (ws.dimensions, ws.freeze_panes, ws.print_title_rows),
        "locked values": {c.coordinate: c.value for c in cells if c.protection.locked},
        "unlocked": sorted(c.coordinate for c in cells if not c.protection.locked),
        "formats": {c.coordinate: c.number_format for c in cells},
    }


def changed_cells(before: Workbook, after: Workbook) -> list[tuple[str, str, bool]]:
    """(sheet, cell, locked in ``before``) of every cell whose value differs."""
    return [
        (ws.title, c.coordinate, bool(c.protection.locked))
        for ws in before.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value != sheet(after, ws.title)[c.coordinate].value
    ]


def changed_rows(before: Workbook, after: Workbook) -> list[tuple[str, int]]:
    return [
        (name, index)
        for name in KEYS
        for index, (old, new) in enumerate(zip(rows(before, name), rows(after, name), strict=True))
        if old != new
    ]


def test_a_filled_template_keeps_everything_but_the_answers(
    templates: dict[tuple[str, str], bytes],
) -> None:
    for issue, today in ISSUES.items():
        template = book_of(templates[issue])
        answered = filled(templates[issue], today)
        assert snapshot(answered) == snapshot(template), issue
        changed = changed_cells(template, answered)
        assert changed, issue
        assert {sheet for sheet, _, _ in changed} == {"Cover", "Measures", "Indicators"}
        assert not [c for c in changed if c[2]], f"{issue}: locked cells written"


def test_the_checker_finds_what_an_unfilled_template_lacks(
    templates: dict[tuple[str, str], bytes],
) -> None:
    template = book_of(templates[("AKPA", "2026-H1")])
    found = {(sheet, key, code) for sheet, _, key, code in problems(template, template, TODAY)}
    assert {
        ("Cover", "reporter_name", "reporter-missing"),
        ("Cover", "reporter_email", "email-invalid"),
        ("Cover", "submission_date", "date-invalid"),
        ("Measures", "status", "status-missing"),
        ("Measures", "progress", "progress-missing"),
        ("Indicators", "comment", "comment-missing"),
    } <= found


def test_every_rule_holds_on_the_values_read_back(templates: dict[tuple[str, str], bytes]) -> None:
    for issue, today in ISSUES.items():
        template = book_of(templates[issue])
        for seed in SEEDS:
            assert problems(filled(templates[issue], today, seed), template, today) == [], (
                issue,
                seed,
            )


def test_amounts_dates_and_labels_are_typed_as_such(
    templates: dict[tuple[str, str], bytes],
) -> None:
    book = filled(templates[("AKPA", "2026-H1")], TODAY, 1)
    labels = status_codes(book)
    measures = rows(book, "Measures")
    assert all(type(r[k]) is int for r in measures for k in ("spent_state", "spent_donor"))
    assert all(r["status"] in labels for r in measures if r["status"] is not None)
    done = [r for r in measures if labels.get(r["status"]) == "completed"]
    assert done and all(isinstance(r["completion_date"], dt.datetime) for r in done)
    for row in rows(book, "Indicators"):
        if row["actual"] is not None and row["unit"] != "yes_no":
            assert type(row["actual"]) in (int, float)
        if row["disaggregation"] == "sex" and row["actual"] is not None:
            assert type(row["actual"]) is int and type(row["actual_women"]) is int
    assert cover(book)["submission_date"] == dt.datetime(TODAY.year, TODAY.month, TODAY.day)


def test_answers_are_what_fill_types(templates: dict[tuple[str, str], bytes]) -> None:
    def as_read(value: Any) -> Any:
        is_day = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        return dt.datetime.combine(value, dt.time()) if is_day else value

    for issue, today in ISSUES.items():
        filling = Filling(2, today)
        typed = answers(templates[issue], filling)
        book = book_of(fill(templates[issue], filling))
        assert {k: as_read(v) for k, v in typed["Cover"].items()} == {
            k: v for k, v in cover(book).items() if k in COVER_INPUTS
        }
        for name in ("Measures", "Indicators"):
            back = rows(book, name)
            assert len(typed[name]) == len(back)
            for answer, row in zip(typed[name], back, strict=True):
                assert {k: as_read(v) for k, v in answer.items()} == {k: row[k] for k in answer}


def test_the_same_filling_gives_the_same_answers_and_seeds_differ(
    templates: dict[tuple[str, str], bytes],
) -> None:
    data = templates[("MB", "2026-H1")]
    assert answers(data, Filling(7, TODAY)) == answers(data, Filling(7, TODAY))
    first, second = filled(data, TODAY, 7), filled(data, TODAY, 7)
    assert changed_rows(first, second) == []
    returns = [repr(answers(data, Filling(seed, TODAY))) for seed in range(40)]
    assert len(set(returns)) == len(returns)
    other = answers(templates[("AKPA", "2026-H1")], Filling(7, TODAY))["Cover"]
    assert answers(data, Filling(7, TODAY))["Cover"] != other


def test_statuses_follow_the_measures_timing(templates: dict[tuple[str, str], bytes]) -> None:
    codes: dict[str, list[str | None]] = {"ended": [], "future": [], "support": []}
    for code, period in (("MB", "2026-H1"), ("MB", "2024-H1")):
        data, today = templates[(code, period)], ISSUES[(code, period)]
        template = book_of(data)
        labels, term = status_codes(template), period_or_raise(period)
        for seed in range(30):
            typed = answers(data, Filling(seed, today))["Measures"]
            for row, answer in zip(rows(template, "Measures"), typed, strict=True):
                status = labels.get(answer["status"]) if answer["status"] else None
                first, last = span(row)
                if row["role"] == "support":
                    codes["support"].append(status)
                elif last < term.first:
                    codes["ended"].append(status)
                elif first > term.last:
                    codes["future"].append(status)
    assert min(len(found) for found in codes.values()) >= 100
    share = {name: found.count(None) / len(found) for name, found in codes.items()}
    assert 0.4 <= share["support"] <= 0.6  # about half the support rows carry a status
    assert codes["ended"].count("completed") / len(codes["ended"]) >= 0.6
    early = [s for s in codes["future"] if s in ("not_started", "on_track")]
    assert len(early) / len(codes["future"]) >= 0.8


def test_indicator_values_are_plausible(templates: dict[tuple[str, str], bytes]) -> None:
    empty, total, yes_when_due, due = 0, 0, 0, 0
    for code in ("MB", "AKPA", "AIDA"):
        data = templates[(code, "2026-H1")]
        template = book_of(data)
        yes = yes_no(template)[0]
        for seed in range(25):
            typed = answers(data, Filling(seed, TODAY))["Indicators"]
            for row, answer in zip(rows(template, "Indicators"), typed, strict=True):
                total += 1
                actual = answer["actual"]
                if actual is None:
                    empty += 1
                elif row["unit"] == "yes_no":
                    due += row["target"] == 1
                    yes_when_due += row["target"] == 1 and actual == yes
                elif row["target"] is not None:
                    low, high = sorted((row["baseline"] or 0, row["target"]))
                    margin = (high - low) * 0.25 + 1
                    assert low - margin <= actual <= high + margin, (row, actual)
    assert 1 / 20 <= empty / total <= 1 / 7  # about 1 in 12 left empty
    assert due and yes_when_due / due >= 0.7


def texts_of(book: Workbook) -> list[str]:
    keys = {"progress", "delay_reason", "next_steps", "evidence", "comment"}
    found = [
        row[k]
        for name in ("Measures", "Indicators")
        for row in rows(book, name)
        for k in keys & set(row)
        if isinstance(row[k], str) and not row[k].startswith("http")
    ]
    return found


def test_texts_are_in_the_institutions_language(templates: dict[tuple[str, str], bytes]) -> None:
    albanian = re.compile("[ëçËÇ]")
    for issue, today in ISSUES.items():
        book = filled(templates[issue], today, 4)
        texts = texts_of(book)
        assert len(texts) >= 5 and len(set(texts)) >= len(texts) // 2, issue
        marked = [t for t in texts if albanian.search(t)]
        if english(book):
            assert marked == [], issue
        else:
            assert len(marked) >= 0.7 * len(texts), issue


def test_the_reporter_given_or_one_chosen_by_the_seed(
    templates: dict[tuple[str, str], bytes],
) -> None:
    data = templates[("MB", "2026-H1")]
    given = cover(book_of(fill(data, Filling(1, TODAY, reporter="Ana Çela"))))
    assert (given["reporter_name"], given["reporter_email"]) == (
        "Ana Çela",
        "ana.cela@example.gov.al",
    )
    chosen = [answers(data, Filling(seed, TODAY))["Cover"] for seed in range(12)]
    assert len({c["reporter_name"] for c in chosen}) >= 4
    for answer in chosen:
        name = answer["reporter_name"].split()
        assert len(name) == 2
        assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.gov\.al", answer["reporter_email"])
        assert answer["reporter_email"].startswith(name[0].lower() + ".")


# Mistakes: each once, at its place, the rest as without it ------------------------------------


class Fills(NamedTuple):
    template: Workbook
    clean: Workbook  # the same filling without the mistake
    today: dt.date


class Case(NamedTuple):
    sheet: str
    key: str
    problem: str | None  # what the checker finds; None for a form that reads as meant
    place: Callable[[Fills], int | None]  # the data row it is made on; None: nowhere to make it
    typed: Callable[[dict[str, Any], Fills], bool]  # what that row holds


def first(items: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]) -> int | None:
    return next((i for i, item in enumerate(items) if test(item)), None)


def _admits(row: dict[str, Any], amount: float) -> bool:
    planned = row["planned_cost"] or 0
    return bool(planned > 0 and 0.3 * planned <= amount <= 1.1 * planned)


def _first_admitting_decimals(f: Fills) -> int | None:
    """The first spending lead row whose plan admits 1250000.5; else the first with a cost.

    Spending lead rows: role lead, status (in the clean filling) neither not started nor
    cancelled; support and idle rows spend within other shares.
    """
    codes = status_codes(f.clean)
    spending = [
        r["role"] == "lead" and codes.get(c["status"]) not in ("not_started", "cancelled")
        for r, c in zip(rows(f.template, "Measures"), rows(f.clean, "Measures"), strict=True)
    ]
    measures = [
        r if ok else {**r, "planned_cost": 0}
        for r, ok in zip(rows(f.template, "Measures"), spending, strict=True)
    ]
    at = first(measures, lambda r: _admits(r, 1250000.5))
    return at if at is not None else first(measures, lambda r: (r["planned_cost"] or 0) >= 10)


def _typed_with_decimal_comma(row: dict[str, Any], f: Fills) -> bool:
    typed = row["spent_state"]
    if _admits(row, 1250000.5):
        return bool(typed == "1250000,50")
    value = read_number(typed).value
    return bool(re.fullmatch(r"\d+,50", typed) and value and _admits(row, value))


def _first_valued_number(f: Fills) -> int | None:
    pairs = list(zip(rows(f.template, "Indicators"), rows(f.clean, "Indicators"), strict=True))
    return first(
        [{"ok": t["unit"] != "yes_no" and c["actual"] is not None} for t, c in pairs],
        lambda r: r["ok"],
    )


def _first_completed(f: Fills) -> int | None:
    labels, measures = status_codes(f.template), rows(f.clean, "Measures")
    done = first(measures, lambda r: labels.get(r["status"]) == "completed")
    return done if done is not None else first(measures, lambda r: span(r)[0] <= f.today)


def _year_after_end(row: dict[str, Any], f: Fills) -> bool:
    end = span(row)[1]
    return bool(row["completion_date"].date() == end.replace(year=end.year + 1))


def _status(row: dict[str, Any], f: Fills) -> str | None:
    return status_codes(f.template).get(row["status"])


CASES = {
    "status-misspelled": Case(
        "Measures",
        "status",
        "status-unknown",
        lambda f: first(rows(f.clean, "Measures"), lambda r: r["status"] is not None),
        lambda r, f: r["status"] == ("Delayd" if english(f.template) else "Me vonese"),
    ),
    "missing-delay-reason": Case(
        "Measures",
        "delay_reason",
        "delay-reason-missing",
        lambda f: first(rows(f.template, "Measures"), lambda r: r["role"] == "lead"),
        lambda r, f: _status(r, f) == "delayed" and r["delay_reason"] is None,
    ),
    "women-men-mismatch": Case(
        "Indicators",
        "actual_men",
        "women-men-sum",
        lambda f: first(rows(f.template, "Indicators"), lambda r: r["disaggregation"] == "sex"),
        lambda r, f: r["actual_women"] + r["actual_men"] == r["actual"] + 3,
    ),
    "ambiguous-amount": Case(
        "Measures",
        "spent_state",
        "amount-unreadable",
        lambda f: 0,
        lambda r, f: r["spent_state"] == "1,250",
    ),
    "decimal-comma": Case(
        "Measures", "spent_state", None, _first_admitting_decimals, _typed_with_decimal_comma
    ),
    "number-as-text": Case(
        "Indicators",
        "actual",
        None,
        _first_valued_number,
        lambda r, f: isinstance(r["actual"], str) and read_number(r["actual"]).ok,
    ),
    "formula": Case(
        "Measures",
        "spent_donor",
        "formula",
        lambda f: 0,
        lambda r, f: r["spent_donor"] == "=1000*2",
    ),
    "locked-cell-changed": Case(
        "Measures",
        "title",
        "locked-changed",
        lambda f: 0,
        lambda r, f: r["title"] != rows(f.template, "Measures")[0]["title"],
    ),
    "completion-date-outside": Case(
        "Measures", "completion_date", "completion-date", _first_completed, _year_after_end
    ),
    "missing-reporter": Case(
        "Cover",
        "reporter_name",
        "reporter-missing",
        lambda f: [r["field"] for r in rows(f.template, "Cover")].index("reporter_name"),
        lambda r, f: r["value"] is None,
    ),
}


def test_every_mistake_has_a_case_and_a_description() -> None:
    assert set(CASES) == set(MISTAKES)
    assert all(isinstance(text, str) and text and "\n" not in text for text in MISTAKES.values())


@pytest.mark.parametrize("mistake", sorted(CASES))
def test_each_mistake_is_made_once_at_its_place(
    templates: dict[tuple[str, str], bytes], mistake: str
) -> None:
    case, made = CASES[mistake], 0
    for issue, today in ISSUES.items():
        template = book_of(templates[issue])
        fills = Fills(template, filled(templates[issue], today, 3), today)
        wrong = filled(templates[issue], today, 3, mistake)
        at = case.place(fills)
        found = problems(wrong, template, today)
        if at is None:
            assert (found, changed_rows(fills.clean, wrong)) == ([], []), issue
            continue
        made += 1
        expected = [(case.sheet, at, case.key, case.problem)] if case.problem else []
        assert found == expected, issue
        assert changed_rows(fills.clean, wrong) == [(case.sheet, at)], issue
        assert case.typed(rows(wrong, case.sheet)[at], fills), issue
    assert made >= 1


def test_mistakes_asked_together_each_appear_once(templates: dict[tuple[str, str], bytes]) -> None:
    data = templates[("AKPA", "2026-H1")]
    wrong = filled(data, TODAY, 5, *reversed(MISTAKES))
    found = problems(wrong, book_of(data), TODAY)
    assert sorted(p[3] for p in found) == sorted(c.problem for c in CASES.values() if c.problem)
    spent = [str(r["spent_state"]) for r in rows(wrong, "Measures")]
    assert spent.count("1,250") == 1
    assert len([s for s in spent if re.fullmatch(r"\d+,50", s)]) == 1
    assert (
        sum(
            isinstance(r["actual"], str) for r in rows(wrong, "Indicators") if r["unit"] != "yes_no"
        )
        == 1
    )


def test_an_unknown_mistake_is_refused(templates: dict[tuple[str, str], bytes]) -> None:
    with pytest.raises(ValueError, match="typo"):
        answers(templates[("MB", "2026-H1")], Filling(1, TODAY, mistakes=("typo",)))
