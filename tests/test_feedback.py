"""The feedback workbook: the institution's own file, values kept, problems at their cells."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from nsm_excel.store.workspace import Workspace
from tests.corpus_parts import raw_numbers
from tests.returns import drop, filled, put, run


@pytest.fixture
def space(issued: Workspace) -> Workspace:
    return issued


def test_feedback_marks_each_problem_cell_and_keeps_the_values(space: Workspace) -> None:
    data, status = put(filled(space, "MB", seed=5), "Measures", "A.1.1", "status", "Me vonese")
    data, spent = put(data, "Measures", "A.1.1", "spent_state", 99_000_000)  # a warning too
    data, email = put(data, "Cover", "reporter_email", "value", "nobody")
    drop(space, "MB_2026-H1.xlsx", data)
    item = run(space).files[0]
    assert item.feedback == "outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx"
    book = load_workbook(space.root / item.feedback)
    original = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "Feedback"
    assert book.sheetnames[1:] == original.sheetnames
    listed = [
        (r[1].value, r[2].value, r[6].value)
        for r in book["Feedback"].iter_rows(min_row=4)
        if r[0].value
    ]
    assert listed == [(i.sheet, i.cell, i.code) for i in item.issues]
    kinds = {r[6].value: r[5].value for r in book["Feedback"].iter_rows(min_row=4) if r[0].value}
    assert kinds["return-bad-status"] == "gabim / error"  # in the institution's language
    assert "paralajmërim / warning" in kinds.values()
    links = [
        r[2].hyperlink.location for r in book["Feedback"].iter_rows(min_row=4) if r[2].hyperlink
    ]
    assert f"'Measures'!{status}" in links
    for sheet, cell, colour in (
        ("Measures", status, "FFC7CE"),
        ("Measures", spent, "FFEB9C"),
        ("Cover", email, "FFC7CE"),
    ):
        marked = book[sheet][cell]
        assert marked.fill.fgColor.rgb.endswith(colour), cell
        assert marked.comment is not None
        assert "Me vonese" in marked.comment.text or sheet != "Measures" or cell != status
    comment = book["Measures"][status].comment
    assert comment is not None
    assert "nuk është status" in comment.text and "is not a status" in comment.text
    for ws in original.worksheets:  # every value the institution typed is still there
        for row in ws.iter_rows():
            for cell in row:
                assert book[ws.title][cell.coordinate].value == cell.value
    assert book["Measures"].protection.sheet and book.security is not None


def test_a_fixed_feedback_file_sent_back_is_accepted(space: Workspace) -> None:
    good = filled(space, "MB", seed=5)
    data, _ = put(good, "Measures", "A.1.1", "status", "Me vonese")
    drop(space, "MB_2026-H1.xlsx", data)
    first = run(space).files[0]
    fixed, _ = put(
        (space.root / first.feedback).read_bytes(), "Measures", "A.1.1", "status", "Delayed"
    )
    fixed, _ = put(fixed, "Measures", "A.1.1", "delay_reason", "Procurement took longer.")
    drop(space, "MB_2026-H1_feedback.xlsx", fixed)
    second = run(space).files[0]
    assert (second.status, second.issues) == ("accepted", [])
    earlier = list((space.outbox / "2026-H1" / "feedback" / "earlier").glob("*.xlsx"))
    assert len(earlier) == 1  # the old feedback is kept aside, not deleted
    assert not (space.root / first.feedback).exists()


def test_english_institutions_get_english_feedback(space: Workspace) -> None:
    data, cell = put(filled(space, "AIDA", seed=1), "Measures", "A.2.2", "status", "Delayd")
    drop(space, "AIDA_2026-H1.xlsx", data)
    item = run(space).files[0]
    book = load_workbook(space.root / item.feedback)
    comment = book["Measures"][cell].comment
    assert comment is not None and "is not a status" in comment.text
    assert "nuk është" not in comment.text
    assert book["Feedback"]["A1"].value.startswith("Remarks on your report")
    assert book["Feedback"]["F4"].value == "error"


def test_a_problem_inside_merged_cells_is_marked_on_the_merged_range(space: Workspace) -> None:
    from nsm_excel.core.issues import Issue
    from nsm_excel.intake.feedback import workbook as feedback
    from tests.returns import edit

    data = edit(filled(space, "MB"), lambda b: b["Measures"].merge_cells("K5:L6"))
    issue = Issue("return-required-progress", "x.xlsx", "Measures", "L6", "progress")
    book = load_workbook(io.BytesIO(feedback.build(data, [issue], "sq")))
    assert book["Measures"]["K5"].comment is not None
    assert book["Feedback"]["C4"].value == "L6"


def test_a_number_of_400_digits_goes_back_as_the_text_it_is(space: Workspace) -> None:
    """openpyxl reads 400 digits in a number cell as an int no workbook can hold as a number."""
    data = raw_numbers(
        filled(space, "MB", seed=5), ("Measures", "A.1.1", "spent_state", b"9" * 400)
    )
    drop(space, "MB_2026-H1.xlsx", data)
    item = run(space).files[0]
    assert [i.code for i in item.issues] == ["return-number-too-large"]
    book = load_workbook(space.root / item.feedback)
    cell = book["Measures"][item.issues[0].cell]
    assert (cell.value, cell.data_type) == ("9" * 400, "s")
    assert cell.comment is not None


def test_the_senders_formulas_in_names_formats_and_validations_do_not_go_back(
    space: Workspace,
) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    from tests.returns import edit

    def plant(book: object) -> None:
        names = book.defined_names  # type: ignore[attr-defined]
        names["Dde"] = DefinedName("Dde", attr_text="cmd|' /C calc'!A0")
        names["Kept"] = DefinedName("Kept", attr_text="Lists!$A$2:$A$7")
        ws = book["Measures"]  # type: ignore[index]
        ws.conditional_formatting.add(
            "M5", FormulaRule(formula=['HYPERLINK("http://example.invalid/cf","x")'])
        )
        ws.data_validations.append(DataValidation(type="custom", formula1="cmd|'/C calc'!A0"))

    data, _cell = put(filled(space, "MB"), "Measures", "A.1.1", "status", "no such status")
    drop(space, "MB_2026-H1.xlsx", edit(data, plant))
    run(space)
    copy = load_workbook(space.root / "outbox/2026-H1/feedback/MB_2026-H1_feedback.xlsx")
    assert "Dde" not in copy.defined_names and "Kept" in copy.defined_names
    rules = [r for cf in copy["Measures"].conditional_formatting for r in cf.rules]
    assert all("HYPERLINK" not in f for r in rules for f in (r.formula or ()))
    assert all(
        "cmd|" not in str(v.formula1) for v in copy["Measures"].data_validations.dataValidation
    )


def test_a_return_refused_for_its_period_only_is_not_asked_to_be_corrected(
    space: Workspace,
) -> None:
    from nsm_excel.core.issues import Issue
    from nsm_excel.intake.feedback import workbook as feedback

    data = filled(space, "MB")
    closed = Issue("return-period-closed", "x.xlsx", value="2026-H1")
    for lang, said in (("en", "nothing in it needs correcting"), ("sq", "asgjë në të nuk ka")):
        book = load_workbook(io.BytesIO(feedback.build(data, [closed], lang)))
        title = book["Feedback"]["A1"].value
        assert said in title and "correct the marked cells" not in title, title
    wrong = Issue("return-required-progress", "x.xlsx", "Measures", "L6", "progress")
    book = load_workbook(io.BytesIO(feedback.build(data, [closed, wrong], "en")))
    assert "correct the marked cells" in book["Feedback"]["A1"].value


def test_a_return_accepted_with_warnings_is_not_asked_to_be_sent_again(space: Workspace) -> None:
    from nsm_excel.core.issues import Issue
    from nsm_excel.intake.feedback import workbook as feedback

    older = Issue("return-older-version", "x.xlsx", params={"version": 1, "current": 2})
    for lang, said in (("en", "it is accepted"), ("sq", "raporti është pranuar")):
        book = load_workbook(io.BytesIO(feedback.build(filled(space, "MB"), [older], lang)))
        title = book["Feedback"]["A1"].value
        assert said in title and "send the same file again" not in title, title
