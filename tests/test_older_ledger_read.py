"""Records of an older schema read without upgrading them (``nsm doctor``, a backup's copy,
the records a restore put back): each file and its issues as they were stored."""

from __future__ import annotations

from pathlib import Path

from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.core.issues import shown
from nsm_excel.store import backup, database, doctor, ledger
from tests.conftest import make_workspace
from tests.test_ledger_issues import OLD_ISSUES, _older_ledger


def test_older_records_are_read_as_stored_without_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "nsm.sqlite"
    _older_ledger(path)
    with database.reading(path) as db:
        (record,) = ledger.all_records(db)
        assert db.execute("PRAGMA user_version").fetchone()[0] < len(database.SCHEMA)
    assert [shown(i, "sq") for i in record.issues] == [
        OLD_ISSUES[0]["message_sq"],
        OLD_ISSUES[1]["message_en"],
    ]


def test_doctor_reads_older_records_instead_of_calling_them_damaged(tmp_path: Path) -> None:
    space = make_workspace(tmp_path / "ws")
    (space.root / "nsm.sqlite").unlink()  # the records of a workspace made long ago
    _older_ledger(space.root / "nsm.sqlite")
    codes = {i.code for i in doctor.examine(space.root).report}
    assert IssueCode.WORKSPACE_RECORDS_DAMAGED not in codes
    assert IssueCode.WORKSPACE_ARCHIVE_MISSING in codes  # the one record was read


def test_a_restore_compares_current_records_with_an_older_copy(tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite"
    _older_ledger(older)
    with database.connect(tmp_path / "nsm.sqlite") as db:
        with database.reading(older) as other:
            assert backup.records_key(other) == {"r1:old"}
        assert backup.newer_records(db, older) == (0, 0)
