"""The structure of a generated template, read back with openpyxl as another program would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.store import database, register
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.columns import INDICATOR_COLUMNS, MEASURE_COLUMNS
from nsm_excel.template.generate import generate
from nsm_excel.template.protection import PasswordHash, verify

KEYS = {"Cover": "field", "Measures": "measure_code", "Indicators": "indicator_code"}


def key_row(ws: Worksheet) -> int:
    """The contract's way of finding columns: the row holding the sheet's key in the first 10."""
    for row in range(1, 11):
        if KEYS[ws.title] in [c.value for c in ws[row]]:
            return row
    raise AssertionError(f"no key row on {ws.title}")


def table(ws: Worksheet) -> tuple[int, list[str], list[dict[str, Any]]]:
    """(key row, keys, data rows as dicts) of a table sheet."""
    at = key_row(ws)
    keys = [c.value for c in ws[at] if c.value]
    rows = []
    for values in ws.iter_rows(min_row=at + 2, max_col=len(keys), values_only=True):
        if values[0] is None:
            break
        rows.append(dict(zip(keys, values, strict=True)))
    return at, keys, rows


@pytest.fixture
def issued(space: Workspace) -> Workspace:
    result = generate(space)
    assert [(line.institution, line.outcome) for line in result.lines] == [
        ("MB", "issued"),
        ("AKPA", "issued"),
        ("AIDA", "issued"),
        ("BSH", "no rows"),
    ]
    return space


def open_template(space: Workspace, code: str) -> Workbook:
    return load_workbook(space.template_path(code, space.current_period()))


def test_sheets_in_the_contracts_order_helpers_hidden(issued: Workspace) -> None:
    book = open_template(issued, "MB")
    assert book.sheetnames == [
        "Instructions",
        "Cover",
        "Measures",
        "Indicators",
        "Lists",
        "Identity",
    ]
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states == {
        "Instructions": "visible",
        "Cover": "visible",
        "Measures": "visible",
        "Indicators": "visible",
        "Lists": "hidden",
        "Identity": "hidden",
    }


def test_key_row_hidden_above_the_header_and_columns_from_the_definitions(
    issued: Workspace,
) -> None:
    book = open_template(issued, "MB")
    for name, columns in (("Measures", MEASURE_COLUMNS), ("Indicators", INDICATOR_COLUMNS)):
        ws = book[name]
        at, keys, _ = table(ws)
        assert ws.row_dimensions[at].hidden
        assert keys == [c.key for c in columns]
        assert ws.cell(at + 1, 1).value == "Kodi\nCode"
        assert ws.freeze_panes == f"B{at + 2}"
    cover_at = key_row(book["Cover"])
    assert [c.value for c in book["Cover"][cover_at]] == ["field", "label", "value"]


def test_rows_equal_the_plans_assignment(issued: Workspace) -> None:
    book = open_template(issued, "MB")
    _, _, measures = table(book["Measures"])
    assert [(r["measure_code"], r["role"]) for r in measures] == [
        ("A.1.1", "lead"),
        ("A.2.1", "support"),
    ]
    first = measures[0]
    assert (first["title"], first["lead"], first["supporting"]) == (
        "Profili i migracionit",
        "MB",
        "AKPA; AIDA",
    )
    assert (first["start"], first["end"], first["planned_cost"]) == ("2024", "2025-H2", 0)
    assert measures[1]["planned_cost"] == 750000  # A.2.1 in 2026
    _, _, indicators = table(book["Indicators"])
    assert [(r["indicator_code"], r["unit"], r["target"]) for r in indicators] == [
        ("I.A.1.1.1", "yes_no", None),
        ("IO.A.2.1", "percent", 45),
    ]
    _, _, akpa = table(open_template(issued, "AKPA")["Indicators"])
    assert [(r["indicator_code"], r["disaggregation"]) for r in akpa] == [("I.A.2.1.1", "sex")]


def test_only_input_cells_are_unlocked_and_marked(issued: Workspace) -> None:
    ws = open_template(issued, "AKPA")["Indicators"]
    at, keys, _ = table(ws)
    row = at + 2  # the sex-disaggregated indicator
    for index, key in enumerate(keys, start=1):
        cell = ws.cell(row, index)
        column = next(c for c in INDICATOR_COLUMNS if c.key == key)
        assert cell.protection.locked is not column.input, key
        marked = cell.fill.fgColor.rgb.endswith("FFF2CC")
        assert marked is column.input, key
    closed = open_template(issued, "MB")["Indicators"]
    women = keys.index("actual_women") + 1
    assert closed.cell(at + 2, women).protection.locked  # not disaggregated: closed
    assert ws.cell(at + 1, 1).protection.locked  # header


def _rules(ws: Worksheet) -> dict[str, Any]:
    found = {}
    for rule in ws.data_validations.dataValidation:
        for cells in str(rule.sqref).split():
            found[cells.split(":")[0]] = rule
    return found


def test_dropdowns_and_validation_by_type(issued: Workspace) -> None:
    book = open_template(issued, "MB")
    ws = book["Measures"]
    at, keys, _ = table(ws)
    rules = _rules(ws)
    letter = {k: ws.cell(at, i).column_letter for i, k in enumerate(keys, start=1)}
    first = at + 2
    status = rules[f"{letter['status']}{first}"]
    assert (status.type, status.formula1, status.errorStyle) == ("list", "NSM_STATUS_LIST", "stop")
    assert status.showInputMessage and status.prompt and status.promptTitle == "Statusi"
    assert rules[f"{letter['spent_state']}{first}"].type == "decimal"
    assert rules[f"{letter['completion_date']}{first}"].type == "date"
    assert rules[f"{letter['progress']}{first}"].type == "textLength"
    lists = book["Lists"]
    assert [c.value for c in lists["A"]][1:] == [
        "Zbatuar plotësisht / Completed",
        "Zbatuar pjesërisht / Partially implemented",
        "Në proces, sipas afatit / In progress, on schedule",
        "Me vonesë / Delayed",
        "Nuk ka filluar / Not started",
        "Anuluar / Cancelled",
    ]
    assert book.defined_names["NSM_STATUS_LIST"].attr_text == "Lists!$A$2:$A$7"
    indicators = book["Indicators"]
    at, keys, _ = table(indicators)
    actual = indicators.cell(at, keys.index("actual") + 1).column_letter
    by_cell = _rules(indicators)
    assert by_cell[f"{actual}{at + 2}"].formula1 == "NSM_YES_NO_LIST"  # yes/no indicator
    percent = by_cell[f"{actual}{at + 3}"]
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")


def test_every_sheet_and_the_structure_are_protected_with_sha512(issued: Workspace) -> None:
    book = open_template(issued, "MB")
    for ws in book.worksheets:
        p = ws.protection
        assert p.sheet and p.algorithmName == "SHA-512", ws.title
        stored = PasswordHash(p.algorithmName, p.hashValue, p.saltValue, p.spinCount)
        assert verify("secret-pass", stored), ws.title
    security = book.security
    assert security is not None and security.lockStructure
    assert security.workbookAlgorithmName == "SHA-512"


def test_identity_in_several_places_and_in_the_register(issued: Workspace) -> None:
    book = open_template(issued, "MB")
    properties = {p.name: p.value for p in book.custom_doc_props}
    template_id = properties["nsm_template_id"]
    assert template_id.startswith("MB-2026-H1-v1-")
    assert book.defined_names["NSM_TEMPLATE_ID"].attr_text == f'"{template_id}"'
    identity = {r[0]: r[1] for r in book["Identity"].iter_rows(min_row=2, values_only=True)}
    assert identity["template_id"] == template_id
    assert (identity["institution"], identity["period"], identity["template_version"]) == (
        "MB",
        "2026-H1",
        "1",
    )
    _, _, cover = table(book["Cover"])
    cover_values = {r["field"]: r["value"] for r in cover}
    assert cover_values["template_id"] == template_id
    with database.connect(issued.database) as db:
        record = register.latest(db, "MB", "2026-H1")
    assert record is not None and record.template_id == template_id
    _, _, measures = table(book["Measures"])
    locked = [{k: v for k, v in r.items() if k in record.content["measures"][0]} for r in measures]
    assert locked == [
        {k: v if v != "" else None for k, v in r.items()} for r in record.content["measures"]
    ]


def test_language_follows_the_institution(issued: Workspace) -> None:
    english = open_template(issued, "AIDA")
    at, _, _ = table(english["Measures"])
    assert english["Measures"].cell(at + 1, 1).value == "Code"
    assert english["Lists"]["A2"].value == "Completed"
    assert english["Instructions"]["A2"].value == "How to fill in this report"
    albanian = open_template(issued, "MB")
    assert albanian["Instructions"]["A2"].value == "Udhëzime për plotësimin"
    instructions = [c.value for c in albanian["Instructions"]["A"]]
    assert "How to fill in this report" in instructions  # English follows the Albanian
    assert any("31.07.2026" in str(v) for v in instructions)  # the deadline
    assert any("sekretariati.migracionit@example.gov.al" in str(v) for v in instructions)


def test_print_setup(issued: Workspace) -> None:
    ws = open_template(issued, "MB")["Measures"]
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (2, 0)  # two pages across
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    assert ws.print_title_cols == "$A:$A"  # the code on every page across
    indicators = open_template(issued, "MB")["Indicators"]
    assert (indicators.page_setup.fitToWidth, indicators.page_setup.fitToHeight) == (1, 0)


def test_the_template_file_is_named_by_the_contract(issued: Workspace) -> None:
    folder = issued.root / "templates" / "xlsx" / "2026-H1"
    assert sorted(p.name for p in folder.glob("*.xlsx")) == [
        "AIDA_2026-H1.xlsx",
        "AKPA_2026-H1.xlsx",
        "MB_2026-H1.xlsx",
    ]
    assert not list(Path(folder).glob("*.part"))
