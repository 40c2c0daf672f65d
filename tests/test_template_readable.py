"""What a clerk reads in a template: labels in the institution's language beside hidden codes,
the plan version as people know it, what each status means, the measure's expected output and
target groups, a measure without cost this year said so, headers that break at spaces; and a
return on a template issued before these columns is read as it was issued."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from nsm_excel.core import words
from nsm_excel.core.labels import STATUSES
from nsm_excel.intake.structure import versions
from nsm_excel.intake.structure.check import issued_columns
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.columns import INDICATOR_COLUMNS, LABELLED, MEASURE_COLUMNS
from nsm_excel.template.generate import generate
from nsm_excel.template.layout import FIRST_ROW, HEADER_ROW, KEY_ROW
from tests.conftest import SMALL_PLAN, make_workspace

BOLD_CHARS_PER_WIDTH = 0.8  # "Breakdown" (9) broke inside the word in a column 10 wide


def _space(tmp_path: Path) -> Workspace:
    rows = copy.deepcopy(SMALL_PLAN)
    first = rows["Measures"][0]
    first["output"] = "Profili i botuar në faqen e INSTAT"
    first["target_groups"] = "returnees; diaspora"
    space = make_workspace(tmp_path / "ws", rows)
    generate(space)
    return space


def _sheet(space: Workspace, code: str, name: str) -> Worksheet:
    book = load_workbook(space.template_path(code, space.current_period()))
    return book[name]


def _columns(ws: Worksheet) -> dict[str, str]:
    """Key -> column letter, from the hidden key row."""
    return {str(c.value): c.column_letter for c in ws[KEY_ROW] if c.value}


def test_codes_hidden_and_locked_with_their_labels_beside(tmp_path: Path) -> None:
    space = _space(tmp_path)
    measures = _sheet(space, "MB", "Measures")
    at = _columns(measures)
    roles = {measures[f"{at['role']}{r}"].value for r in range(FIRST_ROW, measures.max_row + 1)}
    shown = {
        measures[f"{at['role_label']}{r}"].value for r in range(FIRST_ROW, measures.max_row + 1)
    }
    assert roles == {"lead", "support"} and shown == {"drejtues", "mbështetës"}
    assert measures.column_dimensions[at["role"]].hidden
    assert not measures.column_dimensions[at["role_label"]].hidden
    assert measures[f"{at['role']}{FIRST_ROW}"].protection.locked
    assert measures[f"{at['role_label']}{FIRST_ROW}"].protection.locked
    indicators = _sheet(space, "MB", "Indicators")
    at = _columns(indicators)
    assert indicators[f"{at['unit']}{FIRST_ROW}"].value == "yes_no"
    assert indicators[f"{at['unit_label']}{FIRST_ROW}"].value == "po/jo"
    assert indicators[f"{at['disaggregation_label']}{FIRST_ROW}"].value == "pa ndarje"
    for key in ("unit", "disaggregation"):
        assert indicators.column_dimensions[at[key]].hidden
    english = _sheet(space, "AIDA", "Measures")
    label = _columns(english)["role_label"]
    assert english[f"{label}{FIRST_ROW}"].value == "lead"


def test_output_and_target_groups_shown_as_words(tmp_path: Path) -> None:
    measures = _sheet(_space(tmp_path), "MB", "Measures")
    at = _columns(measures)
    row = FIRST_ROW  # A.1.1, led by MB
    assert measures[f"{at['output']}{row}"].value == "Profili i botuar në faqen e INSTAT"
    assert measures[f"{at['target_groups']}{row}"].value == "Emigrantë të kthyer; Diaspora"
    assert measures[f"{at['output']}{row}"].protection.locked


def test_a_measure_without_cost_this_year_says_so_and_stays_a_number(tmp_path: Path) -> None:
    measures = _sheet(_space(tmp_path), "MB", "Measures")
    cell = measures[f"{_columns(measures)['planned_cost']}{FIRST_ROW}"]
    assert cell.value == 0
    assert cell.number_format.endswith(';"pa kosto në 2026"')


def test_cover_keys_hidden_and_the_plan_version_as_people_know_it(tmp_path: Path) -> None:
    space = _space(tmp_path)
    cover = _sheet(space, "MB", "Cover")
    assert cover.column_dimensions["A"].hidden and cover["A5"].protection.locked
    values = {cover[f"A{r}"].value: cover[f"C{r}"].value for r in range(FIRST_ROW, 20)}
    shown = values["plan_version"]
    assert shown.startswith("Versioni 1, në fuqi nga ")
    assert "Kodi i kontrollit" in shown


def test_instructions_say_what_each_status_means_in_both_languages(tmp_path: Path) -> None:
    sheet = _sheet(_space(tmp_path), "MB", "Instructions")
    lines = [c.value for c in sheet["A"] if c.value]
    for code, label in STATUSES.items():
        for lang in ("sq", "en"):
            meaning = words.text(f"template.instructions.status.{code}", lang)
            assert f"{label.get(lang)}: {meaning}" in lines, (code, lang)
    completed = words.text("template.instructions.status.completed", "en")
    assert "completion date" in completed and "evidence" in completed


def test_headers_break_at_spaces_only() -> None:
    """Every word of every header fits its column (bold text, a little wider than body text)."""
    for column in (*MEASURE_COLUMNS, *INDICATOR_COLUMNS):
        if column.hidden:
            continue
        for lang in ("sq", "en"):
            longest = max(column.label.get(lang).split(), key=len)
            assert len(longest) <= column.width * BOLD_CHARS_PER_WIDTH, (column.key, longest)


def test_header_row_high_enough_for_its_wrapped_words(tmp_path: Path) -> None:
    measures = _sheet(_space(tmp_path), "MB", "Measures")
    assert (measures.row_dimensions[HEADER_ROW].height or 0) >= 15 * 4


def _rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [*content["measures"], *content["indicators"]]


def test_a_template_issued_before_the_label_columns_is_read_without_them() -> None:
    older = {
        "measures": [
            {"measure_code": "A.1.1", "role": "lead", "title": "T", "previous_period": ""}
        ],
        "indicators": [],
    }
    columns = issued_columns(older)
    keys = {c.key for c in columns["Measures"]} | {c.key for c in columns["Indicators"]}
    assert not keys & LABELLED
    assert {"role", "unit", "disaggregation", "previous_period"} <= keys
    now = copy.deepcopy(older)
    now["measures"][0] |= {"role_label": "drejtues", "output": "O", "target_groups": ""}
    columns = issued_columns(now)
    assert {"role_label", "output"} <= {c.key for c in columns["Measures"]}


def test_labels_and_new_columns_are_no_change_between_versions() -> None:
    old = [{"measure_code": "A.1.1", "role": "lead", "title": "T"}]
    new = [old[0] | {"role_label": "drejtues", "output": "O", "target_groups": "Diaspora"}]
    assert versions.compare("Measures", old, new).unchanged == {("A.1.1", "lead")}
    relabelled = [new[0] | {"role_label": "lead"}]
    assert versions.compare("Measures", new, relabelled).unchanged == {("A.1.1", "lead")}
    retitled = [new[0] | {"output": "P"}]
    assert versions.compare("Measures", new, retitled).changed


def test_a_yes_no_indicator_shows_its_plan_values_as_words(tmp_path: Path) -> None:
    """I.A.1.1.1 (yes/no) shows its baseline 0 as 'Jo', the word its dropdown offers, not as
    a bare 0; the cell keeps the number the plan holds."""
    indicators = _sheet(_space(tmp_path), "MB", "Indicators")
    at = _columns(indicators)
    row = next(
        r for r in range(FIRST_ROW, FIRST_ROW + 5) if indicators[f"A{r}"].value == "I.A.1.1.1"
    )
    cell = indicators[f"{at['baseline']}{row}"]
    assert cell.value == 0
    assert cell.number_format == '[=1]"Po";[=0]"Jo";General'
    other = indicators[f"{at['baseline']}{row + 1}"]  # a number indicator keeps its format
    assert "Jo" not in other.number_format


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_the_instructions_name_both_roles_as_the_sheet_shows_them(lang: str) -> None:
    """Steps 3 and 4 say which rows are whose by the role label the Measures sheet shows."""
    from nsm_excel.core.labels import ROLES

    for step, role in (("step-3", "lead"), ("step-4", "support")):
        said = words.text(f"template.instructions.{step}", lang)
        assert f"{ROLES[role].get(lang)})" in said, (step, said)
