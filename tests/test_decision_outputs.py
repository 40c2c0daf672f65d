"""What the secretariat's decisions change in what people read: a returned return is a state of
its own in nsm status and on the status page; overridden errors are marked as such in the
feedback."""

from __future__ import annotations

from openpyxl import load_workbook

from nsm_excel.intake import decide
from nsm_excel.intake.feedback.workbook import FILLS, OVERRIDDEN_FILL
from nsm_excel.outputs.status import state_word, submission_status
from nsm_excel.outputs.status_page import write_pages
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, run

COMMENT = "Add the evidence of the training."


def _state(space: Workspace, code: str) -> str:
    lines = submission_status(space).periods[0].institutions
    return next(line.state for line in lines if line.code == code)


def _last(space: Workspace) -> ledger.Received:
    with database.connect(space.database) as db:
        return ledger.all_records(db)[-1]


def test_a_return_sent_back_is_returned_by_the_secretariat_until_a_new_file(
    issued: Workspace,
) -> None:
    space = issued
    drop(space, "MB.xlsx", filled(space, "MB"))
    run(space)
    decide.send_back(space, _last(space).id or 0, COMMENT)
    assert _state(space, "MB") == "returned"
    assert state_word("returned", "en") == "returned by the secretariat"
    assert state_word("returned", "sq") == "kthyer nga sekretariati"
    page = write_pages(space)[0].read_text("utf-8")
    assert (
        'class="state returned"' in page and "kthyer nga sekretariati" in page and COMMENT in page
    )
    drop(space, "MB-2.xlsx", filled(space, "MB", seed=2, mistakes=("ambiguous-amount",)))
    run(space)
    assert _state(space, "MB") == "rejected"  # a new file judged as usual


def test_overridden_errors_are_marked_overridden_in_the_feedback(issued: Workspace) -> None:
    space = issued
    drop(space, "MB.xlsx", filled(space, "MB", mistakes=("ambiguous-amount",)))
    run(space)
    old = _last(space)
    cell = next(i["cell"] for i in old.issues if i["severity"] == "error")
    result = decide.accept(space, old.id or 0, "Confirmed by phone: 1250 lek.")
    book = load_workbook(space.root / result.feedback)
    marked = book["Measures"][cell]
    assert marked.fill.fgColor.rgb.endswith(OVERRIDDEN_FILL.fgColor.rgb)
    assert not marked.fill.fgColor.rgb.endswith(FILLS[next(iter(FILLS))].fgColor.rgb)
    assert "Confirmed by phone: 1250 lek." in (marked.comment.text if marked.comment else "")
    listed = [[c.value for c in row] for row in book["Feedback"].iter_rows(min_row=4)]
    line = next(row for row in listed if row[2] == cell)
    assert "Overridden" in str(line[5]) and "Error" not in str(line[5])
