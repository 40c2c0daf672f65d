"""Identity and integrity of returns: matched on content, checked against the register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.corpus_parts import sheet_twice
from tests.returns import (
    drop,
    edit,
    filled,
    found,
    insert_row,
    locate,
    put,
    repack,
    run,
    status_of,
    swap_rows,
)


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def codes(result: Any, name: str) -> list[str]:
    return [c for _, _, c in found(result, name)]


def test_a_renamed_file_is_read_as_the_institution_its_content_names(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", filled(space, "AKPA"))
    result = run(space)
    item = result.files[0]
    assert (item.institution, item.status) == ("AKPA", "accepted")
    assert codes(result, "MB_2026-H1.xlsx") == ["return-file-renamed"]


def test_a_closed_periods_template_is_rejected(space: Workspace) -> None:
    from nsm_excel.demo import filler
    from nsm_excel.store import calendar, database
    from tests.returns import TODAY

    with database.connect(space.database) as db:
        calendar.open_period(db, "2025")
    generate(space, period=period_or_raise("2025"), institutions=["MB"])
    other = space.template_path("MB", period_or_raise("2025")).read_bytes()
    with database.connect(space.database) as db:
        calendar.close(db, "2025")
    drop(space, "MB_2025.xlsx", filler.fill(other, filler.Filling(1, TODAY)))
    result = run(space)
    assert "return-period-closed" in codes(result, "MB_2025.xlsx")
    assert status_of(result, "MB_2025.xlsx") == "rejected"


def test_an_older_template_version_with_the_same_rows_is_accepted(space: Workspace) -> None:
    old = filled(space, "MB")
    generate(space, institutions=["MB"], force=True)
    drop(space, "MB_2026-H1.xlsx", old)
    result = run(space)
    assert codes(result, "MB_2026-H1.xlsx") == ["return-older-version"]
    assert status_of(result, "MB_2026-H1.xlsx") == "accepted"


def test_a_template_from_another_secretariat_is_unknown(space: Workspace, tmp_path: Path) -> None:
    other = make_workspace(tmp_path / "other")
    generate(other, institutions=["MB"])
    drop(space, "MB_2026-H1.xlsx", filled(other, "MB"))
    result = run(space)
    assert codes(result, "MB_2026-H1.xlsx") == ["return-unknown-template"]
    item = result.files[0]
    assert item.archived.startswith("archive/unidentified/")


def _strip_identity(book: Workbook) -> None:
    book.custom_doc_props.props = []  # type: ignore[attr-defined]
    for name in list(book.defined_names):
        if name.startswith("NSM_") and "LIST" not in name:
            del book.defined_names[name]
    for row in book["Identity"].iter_rows(min_row=2):
        row[1].value = None
    book["Cover"][locate(book, "Cover", "template_id", "value")].value = None


def test_identity_removed_everywhere(space: Workspace) -> None:
    drop(space, "MB_2026-H1.xlsx", edit(filled(space, "MB"), _strip_identity))
    result = run(space)
    assert codes(result, "MB_2026-H1.xlsx") == ["return-no-identity"]
    assert result.files[0].archived.startswith("archive/unidentified/")


def test_identity_from_two_templates_is_a_conflict(space: Workspace) -> None:
    akpa = filled(space, "AKPA")

    def graft(book: Workbook) -> None:
        import io

        from openpyxl import load_workbook

        other = load_workbook(io.BytesIO(akpa))
        book["Identity"]["B2"].value = other["Identity"]["B2"].value

    drop(space, "MB_2026-H1.xlsx", edit(filled(space, "MB"), graft))
    assert codes(run(space), "MB_2026-H1.xlsx") == ["return-identity-conflict"]


def test_an_edited_identity_field_is_reported(space: Workspace) -> None:
    data, cell = put(filled(space, "MB"), "Cover", "institution", "value", "AKPA")
    drop(space, "MB_2026-H1.xlsx", data)
    result = run(space)
    assert ("Cover", "", "return-identity-changed") in found(result, "MB_2026-H1.xlsx")
    assert cell


def test_a_changed_locked_cell_is_reported_at_the_cell(space: Workspace) -> None:
    data, cell = put(filled(space, "MB"), "Measures", "A.1.1", "title", "Another title")
    drop(space, "MB_2026-H1.xlsx", data)
    result = run(space)
    assert found(result, "MB_2026-H1.xlsx") == [("Measures", cell, "return-locked-changed")]
    issue = result.files[0].issues[0]
    assert (issue.value, dict(issue.params)) == (
        "Another title",
        {"expected": "Profili i migracionit"},
    )


def test_rows_deleted_inserted_and_sorted(space: Workspace) -> None:
    base = filled(space, "MB")
    drop(space, "deleted.xlsx", edit(base, lambda b: b["Measures"].delete_rows(6)))
    drop(space, "inserted.xlsx", edit(base, insert_row))
    drop(space, "sorted.xlsx", edit(base, swap_rows))
    result = run(space)
    assert codes(result, "deleted.xlsx") == ["return-row-removed"]
    assert ("Measures", "A6", "return-row-added") in found(result, "inserted.xlsx")
    assert "return-rows-reordered" in codes(result, "sorted.xlsx")


def test_sheets_renamed_deleted_added(space: Workspace) -> None:
    base = filled(space, "MB")

    def rename(book: Workbook) -> None:
        book["Measures"].title = "Masat"

    drop(space, "renamed.xlsx", edit(base, rename))
    drop(space, "deleted.xlsx", edit(base, lambda b: b.remove(b["Indicators"])))
    drop(space, "added.xlsx", edit(base, lambda b: b.create_sheet("Notes")))
    result = run(space)
    assert ("Masat", "", "return-sheet-renamed") in found(result, "renamed.xlsx")
    assert codes(result, "deleted.xlsx") == ["return-sheet-missing"]
    assert codes(result, "added.xlsx") == ["return-sheet-added"]


def test_protection_removed_with_content_intact_is_a_warning(space: Workspace) -> None:
    def unprotect(book: Workbook) -> None:
        book["Measures"].protection.sheet = False
        book.security = None

    drop(space, "MB_2026-H1.xlsx", edit(filled(space, "MB"), unprotect))
    result = run(space)
    assert codes(result, "MB_2026-H1.xlsx") == ["return-protection-removed"]
    assert status_of(result, "MB_2026-H1.xlsx") == "accepted"
    assert result.files[0].issues[0].value.startswith("Measures, the workbook structure")


LIBREOFFICE_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application>"
    b"</Properties>"
)


def test_a_structure_lock_lost_by_libreoffice_is_not_reported(space: Workspace) -> None:
    """LibreOffice neither reads nor writes the structure lock: its saves always lack it."""

    def unlock(book: Workbook) -> None:
        book.security = None

    def unprotect(book: Workbook) -> None:
        unlock(book)
        book["Measures"].protection.sheet = False

    base = filled(space, "MB")
    drop(space, "calc.xlsx", repack(edit(base, unlock), {"docProps/app.xml": LIBREOFFICE_APP}))
    drop(space, "sheet.xlsx", repack(edit(base, unprotect), {"docProps/app.xml": LIBREOFFICE_APP}))
    drop(space, "excel.xlsx", edit(base, unlock))
    result = run(space)
    assert codes(result, "calc.xlsx") == []
    assert codes(result, "sheet.xlsx") == ["return-protection-removed"]
    sheet = next(f for f in result.files if f.file == "sheet.xlsx")
    assert sheet.issues[0].value == "Measures"
    assert "workbook structure" not in sheet.issues[0].message("en")
    assert codes(result, "excel.xlsx") == ["return-protection-removed"]


def test_merged_cells_over_answers_and_hidden_rows(space: Workspace) -> None:
    base = filled(space, "MB")

    def merge(book: Workbook) -> None:
        book["Measures"].merge_cells("S5:T6")  # over status and progress

    def hide(book: Workbook) -> None:
        book["Measures"].row_dimensions[6].hidden = True

    drop(space, "merged.xlsx", edit(base, merge))
    drop(space, "hidden.xlsx", edit(base, hide))
    result = run(space)
    assert ("Measures", "S5", "return-merged-cells") in found(result, "merged.xlsx")
    assert codes(result, "hidden.xlsx") == ["return-hidden-rows"]
    assert status_of(result, "hidden.xlsx") == "accepted"


def test_a_formula_in_a_locked_cell_is_reported(space: Workspace) -> None:
    data, cell = put(filled(space, "MB"), "Measures", "A.1.1", "planned_cost", "=0*1")
    drop(space, "MB_2026-H1.xlsx", data)
    assert found(run(space), "MB_2026-H1.xlsx") == [("Measures", cell, "return-formula")]


def test_defined_names_alone_identify_a_return(space: Workspace) -> None:
    def keep_names_only(book: Workbook) -> None:
        template_id = book.defined_names["NSM_TEMPLATE_ID"].attr_text
        _strip_identity(book)
        book.defined_names["NSM_TEMPLATE_ID"] = DefinedName(
            "NSM_TEMPLATE_ID", attr_text=template_id
        )

    drop(space, "MB_2026-H1.xlsx", edit(filled(space, "MB"), keep_names_only))
    result = run(space)
    assert result.files[0].institution == "MB"  # identified by the defined name alone
    # the blanked Cover id is a changed pre-filled cell
    assert codes(result, "MB_2026-H1.xlsx") == ["return-locked-changed"]


def test_sheets_moved_key_rows_deleted_columns_changed(space: Workspace) -> None:
    base = filled(space, "MB")

    def move(book: Workbook) -> None:
        book.move_sheet("Indicators", offset=-1)

    def delete_key_row(book: Workbook) -> None:
        book["Indicators"].delete_rows(3)

    def insert_column(book: Workbook) -> None:
        book["Measures"].insert_cols(5)

    drop(space, "moved.xlsx", edit(base, move))
    drop(space, "keys.xlsx", edit(base, delete_key_row))
    drop(space, "column.xlsx", edit(base, insert_column))
    result = run(space)
    assert codes(result, "moved.xlsx") == ["return-sheets-reordered"]
    assert status_of(result, "moved.xlsx") == "accepted"
    assert ("Indicators", "", "return-key-row-missing") in found(result, "keys.xlsx")
    assert ("Measures", "A3", "return-columns-changed") in found(result, "column.xlsx")


def test_women_and_men_must_be_whole_numbers(space: Workspace) -> None:
    data, cell = put(filled(space, "AKPA"), "Indicators", "I.A.2.1.1", "actual_women", 12.5)
    drop(space, "AKPA_2026-H1.xlsx", data)
    assert ("Indicators", cell, "return-bad-whole") in found(run(space), "AKPA_2026-H1.xlsx")


def test_locked_cover_fields_and_repeated_rows(space: Workspace) -> None:
    base = filled(space, "MB")
    data, deadline = put(base, "Cover", "deadline", "value", "2099-12-31")
    drop(space, "deadline.xlsx", data)
    data, version = put(base, "Cover", "plan_version", "value", "ffffffffffff")
    drop(space, "plan.xlsx", data)

    def repeat(book: Workbook) -> None:
        ws = book["Cover"]
        ws.cell(ws.max_row + 1, 1, "reporter_name")

    drop(space, "repeated.xlsx", edit(base, repeat))
    result = run(space)
    assert found(result, "deadline.xlsx") == [("Cover", deadline, "return-locked-changed")]
    assert found(result, "plan.xlsx") == [("Cover", version, "return-locked-changed")]
    assert codes(result, "repeated.xlsx") == ["return-row-added"]


@pytest.mark.parametrize("copy_named", ["Measures", "MEASURES", "measures"])
def test_two_sheets_of_one_name_reject_the_file_and_neither_is_read(
    space: Workspace, copy_named: str
) -> None:
    """Excel allows no two sheets whose names differ only in case; the workbook's XML does."""
    drop(space, "MB_2026-H1.xlsx", sheet_twice(filled(space, "MB", seed=5), "Measures", copy_named))
    result = run(space)
    assert found(result, "MB_2026-H1.xlsx") == [("Measures", "", "return-sheet-duplicate")]
    assert status_of(result, "MB_2026-H1.xlsx") == "rejected"
    item = next(f for f in result.files if f.file == "MB_2026-H1.xlsx")
    assert (item.issues[0].value, dict(item.issues[0].params)) == ("Measures", {})


def test_the_values_of_a_sheet_named_twice_are_not_checked(space: Workspace) -> None:
    data, _ = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "spent_state", "a lot")
    drop(space, "MB_2026-H1.xlsx", sheet_twice(data, "Measures", "Measures"))
    assert codes(run(space), "MB_2026-H1.xlsx") == ["return-sheet-duplicate"]
