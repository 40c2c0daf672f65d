"""The secretariat's decisions in the master's Issues sheet and in the summary report, and a
closed period's outputs that no later decision changes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from nsm_excel.core.periods import period_or_raise
from nsm_excel.intake import decide
from nsm_excel.outputs import publishing
from nsm_excel.outputs.reports import build_reports
from nsm_excel.store import audit, database, decisions, ledger, merges
from nsm_excel.store.workspace import Workspace
from tests.returns import drop, filled, run
from tests.test_merge_copies import merged

P = "2026-H1"
PHONED = "Confirmed by phone: 1250 lek."
READ = "Read and accepted."
TAKEN = "The finance office confirmed 65000."


def _decided(space: Workspace) -> tuple[ledger.Received, ledger.Received]:
    """MB's two copies merged, V6 settled with the second, its warnings accepted; AIDA's
    rejected return accepted despite its error."""
    both = merged(space)
    merges.decide(space, both.id or 0, "second", ["Measures!V6"], TAKEN)
    decide.accept(space, both.id or 0, READ)
    drop(space, "AIDA.xlsx", filled(space, "AIDA", mistakes=("ambiguous-amount",)))
    run(space)
    with database.connect(space.database) as db:
        rejected = ledger.all_records(db)[-1]
    assert rejected.status == "rejected"
    decide.accept(space, rejected.id or 0, PHONED)
    return both, rejected


def _tables(path: Path) -> list[tuple[object, ...]]:
    return [tuple(r) for r in load_workbook(path)["Issues"].iter_rows(values_only=True)]


def test_the_issues_sheet_lists_each_decision_and_marks_what_it_settled(
    issued: Workspace,
) -> None:
    both, rejected = _decided(issued)
    result = build_reports(issued, period_or_raise(P), "en")
    rows = _tables(issued.root / result.master)
    assert rows[0][0] == "Decisions of the secretariat on this period's returns"
    header = rows[1]
    assert header[:8] == ("Institution", "File", "Record", "When", "Secretariat's decision",
                          "Reason or comment", "Who", "Cells concerned")  # fmt: skip
    lines = {(r[0], r[2], r[4]): r for r in rows[2:6]}
    who = audit.os_user()
    merge = lines[("MB", both.id, "Two copies settled")]
    assert merge[5] == TAKEN and merge[6] == who and merge[7] == "Measures!V6: second copy, 65000"
    accepted = lines[("MB", both.id, "Warnings accepted")]
    assert accepted[5] == READ and accepted[6] == who
    overridden = lines[("AIDA", rejected.id, "Accepted despite errors")]
    assert overridden[5] == PHONED and "return-ambiguous-number" in str(overridden[7])
    assert str(overridden[7]).endswith("left empty")
    assert len(str(overridden[3])) == 16 and str(overridden[3])[2] == "."  # dd.mm.yyyy HH:MM
    issues = rows[rows.index(("Issues in the counted returns",) + (None,) * 7) + 2 :]
    marks = {(r[0], r[2], r[3], r[4]): r[6] for r in issues}
    assert marks[("MB", "Measures", "V6", "return-copies-differ")] == "Settled: second copy"
    assert marks[("MB", "Indicators", "O5", "return-copies-differ")] == "Warning accepted"
    assert marks[("MB", None, None, "return-copy-merged")] == "Warning accepted"
    errors = [k for k in marks if k[0] == "AIDA"]
    assert errors and all(marks[k] == "Error overridden" for k in errors)


def test_the_issues_sheet_in_albanian(issued: Workspace) -> None:
    _decided(issued)
    result = build_reports(issued, period_or_raise(P), "sq")
    rows = _tables(issued.root / result.master)
    assert str(rows[0][0]).startswith("Vendimet e sekretariatit për raportet e kësaj periudhe")
    kinds = {r[4] for r in rows[2:6]}
    assert {
        "Dy kopjet u zgjidhën",
        "Paralajmërimet u pranuan",
        "Pranuar pavarësisht gabimeve",
    } <= kinds


def test_the_report_names_the_returns_counted_by_a_decision(issued: Workspace) -> None:
    plain = build_reports(issued, period_or_raise(P), "en")
    assert 'id="decisions"' not in (issued.root / plain.summary).read_text("utf-8")
    both, rejected = _decided(issued)
    with database.connect(issued.database) as db:
        later = ledger.all_records(db)[-1]  # the record the acceptance made
    decide.send_back(issued, later.id or 0, "Add the evidence of the training.")
    html = (issued.root / build_reports(issued, period_or_raise(P), "en").summary).read_text(
        "utf-8"
    )
    section = html[
        html.index('<section id="decisions">') : html.index('<section id="institutions">')
    ]
    assert "AIDA.xlsx" in section and "Returned by the secretariat" in section
    assert "Add the evidence of the training." in section and PHONED not in section
    assert f'data-record="{both.id}"' in section and READ in section and TAKEN in section
    assert audit.os_user() in section
    # sent back, the acceptance despite errors no longer counts: only the return is named
    assert section.count(f'data-record="{rejected.id}"') == 0
    assert "Accepted despite errors" not in section


def test_a_closed_periods_outputs_do_not_change_with_a_later_decision(issued: Workspace) -> None:
    both, _ = _decided(issued)
    publishing.close_period(issued, P)
    published = issued.outbox / P / "published" / "1" / f"NSM_master_{P}_en.xlsx"
    before = published.read_bytes()
    assert any(r[4] == "Warnings accepted" for r in _tables(published))
    with database.connect(issued.database) as db, database.transaction(db):
        decisions.record(db, both.id or 0, decisions.RETURN, "after the closing", period=P)
    result = build_reports(issued, period_or_raise(P))
    assert result.frozen is not None and result.frozen.identical
    assert published.read_bytes() == before
