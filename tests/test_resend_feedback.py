"""A resend's feedback lists what it changed against the accepted return it replaces."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from nsm_excel.core import words
from nsm_excel.intake.feedback import workbook
from nsm_excel.store.workspace import Workspace
from nsm_excel.template import changes
from tests.returns import drop, filled, put, run
from tests.test_event_log import _measure, codes


def _rows(space: Workspace, feedback: str) -> list[tuple[object, ...]]:
    book = load_workbook(space.root / feedback)
    return [tuple(r) for r in book["Feedback"].iter_rows(values_only=True)]


def test_a_resend_without_remarks_gets_feedback_listing_each_changed_cell(
    issued: Workspace,
) -> None:
    code = sorted(codes(issued))[0]
    first = filled(issued, code)
    drop(issued, f"{code}_first.xlsx", first)
    assert run(issued).files[0].feedback == ""  # nothing to tell on a first clean return
    again, cell = put(first, "Measures", _measure(issued, code), "progress", "Done by June.")
    drop(issued, f"{code}_again.xlsx", again)
    result = run(issued).files[0]
    assert result.status == "accepted" and not result.issues
    rows = _rows(issued, result.feedback)
    changed = [r for r in rows if r[1] == "Measures" and r[2] == cell]
    assert len(changed) == 1
    assert changed[0][4] == "'Done by June.'" and changed[0][3] != changed[0][4]
    assert rows[0][0] in {workbook.TITLE_CHANGES.shown(lang, "\n") for lang in ("en", "sq")}
    assert str(changed[0][6]).startswith(_measure(issued, code))


def test_the_changes_follow_the_problems_in_the_readers_language(issued: Workspace) -> None:
    data = filled(issued, sorted(codes(issued))[0])
    found = [
        changes.Change("Measures", "H5", "progress", "M1.1", None, "Done"),
        changes.Change("Indicators", "A7", "", "I2", None, None, changes.ADDED),
    ]
    for lang in ("en", "sq"):
        book = load_workbook(io.BytesIO(workbook.build(data, [], lang, changes=found)))
        rows = [r for r in book["Feedback"].iter_rows(values_only=True) if any(r)]
        assert rows[0][0] == workbook.TITLE_CHANGES.shown(lang, "\n")
        assert rows[1][0] == words.text("feedback.changes.title", lang, count=2)
        assert rows[3][1:6] == (
            "Measures",
            "H5",
            words.text("changes.empty", lang),
            "'Done'",
            words.text("feedback.changes.kind.changed", lang),
        )
        assert rows[4][1:3] == ("Indicators", "A7")
        assert rows[4][5] == words.text("feedback.changes.kind.added", lang)
        link = book["Feedback"].cell(row=book["Feedback"].max_row - 1, column=3).hyperlink
        assert link is not None and link.location == "'Measures'!H5"
