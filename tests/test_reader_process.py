"""The reading process: a file that kills, hangs or starves its reader never stops a run."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading.safety import MIB, Limits
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import clock, drop, filled

MISBEHAVING = [sys.executable, "-m", "tests.misbehaving_reader"]
LIMITS = Limits(reader_seconds=3.0, reader_memory_bytes=512 * MIB)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_poison_is_refused_and_the_valid_return_beside_it_accepted(issued: Workspace) -> None:
    from nsm_excel.intake.run import validate_inbox

    good = filled(issued, "MB")
    poisons = ["crash.xlsx", "abort.xlsx", "hang.xlsx", "greedy.xlsx"]
    for n, name in enumerate(poisons):  # each its own bytes: none is a duplicate of another
        drop(issued, name, filled(issued, "AKPA", seed=n + 2))
    drop(issued, "zz_MB.xlsx", good)
    result = validate_inbox(issued, clock=clock, limits=LIMITS, reader=MISBEHAVING)
    status = {f.file: f.status for f in result.files}
    assert status["zz_MB.xlsx"] == ledger.ACCEPTED
    for name in poisons:
        assert status[name] == ledger.REJECTED
        codes = [i.code for i in next(f for f in result.files if f.file == name).issues]
        assert codes == ["file-unreadable"]
    with database.connect(issued.database) as db:
        for f in result.files:
            record = ledger.by_hash(db, f.sha256)
            assert record is not None and (issued.root / record.archive_path).is_file()
    assert list(issued.inbox.iterdir()) == []


def test_a_reader_that_gave_up_is_tried_again_when_the_same_bytes_come_back(
    issued: Workspace,
) -> None:
    from nsm_excel.intake.run import validate_inbox

    data = filled(issued, "MB")
    drop(issued, "crash.xlsx", data)
    first = validate_inbox(issued, clock=clock, limits=LIMITS, reader=MISBEHAVING)
    assert first.files[0].status == ledger.REJECTED
    drop(issued, "MB.xlsx", data)  # the same bytes, the reader now well
    again = validate_inbox(issued, clock=clock, limits=LIMITS)
    assert [f.status for f in again.files] == [ledger.ACCEPTED]


def test_one_worker_serves_many_files_and_is_restarted_only_when_it_dies(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    path.write_bytes(b"not a workbook at all")
    crash = tmp_path / "crash.xlsx"
    crash.write_bytes(b"PK\x03\x04 whatever")
    with reader_process.Worker(LIMITS, MISBEHAVING) as worker:
        for _ in range(5):
            judged = worker.judge(path, _sha(path), path.name)
            assert [i.code for i in judged.issues] == ["file-not-excel"]
        assert worker.restarts == 0
        died = worker.judge(crash, _sha(crash), "crash.xlsx")
        assert [i.code for i in died.issues] == ["file-unreadable"]
        assert worker.judge(path, _sha(path), path.name).issues[0].code == "file-not-excel"
        assert worker.restarts == 1


def test_a_file_changed_after_its_hash_is_not_judged(tmp_path: Path) -> None:
    path = tmp_path / "late.xlsx"
    path.write_bytes(b"first bytes")
    sha = _sha(path)
    path.write_bytes(b"other bytes, still being copied")
    with reader_process.Worker(LIMITS) as worker:
        judged = worker.judge(path, sha, path.name)
    assert judged.changed and not judged.issues


def _judged(data: bytes) -> list[str]:
    return [i.code for i in reader_process.judge(data, "x.xlsx", LIMITS).issues]


def test_part_names_are_matched_as_a_package_matches_them(issued: Workspace) -> None:
    """A sheet named in another case is still read (its formula found); one whose part is
    missing is damage, never an empty sheet."""
    from tests.corpus_parts import parts
    from tests.corpus_poison import sheet_part
    from tests.returns import repack

    data = filled(issued, "MB")
    files = parts(data)
    part = sheet_part(data, "Measures")
    formula = files[part].replace(
        b"</sheetData>", b'<row r="90"><c r="B90"><f>1+1</f></c></row></sheetData>'
    )
    renamed = part.replace("sheet", "Sheet")
    rels = files["xl/_rels/workbook.xml.rels"].replace(
        part.removeprefix("xl/").encode(), renamed.removeprefix("xl/").encode()
    )
    moved = repack(data, {"xl/_rels/workbook.xml.rels": rels, part: formula})
    judged = reader_process.judge(moved, "x.xlsx", LIMITS)
    assert judged.book is not None
    measures = judged.book.sheet("Measures")
    assert measures is not None and "B90" in measures.formulas
    missing = repack(data, {"xl/_rels/workbook.xml.rels": rels.replace(b"Sheet", b"Gone")})
    assert _judged(missing) == ["file-corrupt"]


def test_the_date_system_is_read_from_the_workbook_not_from_a_comment(issued: Workspace) -> None:
    from tests.corpus_parts import parts
    from tests.returns import repack

    data = filled(issued, "MB")
    workbook = parts(data)["xl/workbook.xml"]
    commented = workbook.replace(b"<sheets>", b"<!-- <workbookPr date1904='1'/> --><sheets>", 1)
    plain = reader_process.judge(data, "x.xlsx", LIMITS).book
    tricked = reader_process.judge(repack(data, {"xl/workbook.xml": commented}), "x", LIMITS).book
    assert plain is not None and tricked is not None
    assert [s.cells for s in plain.sheets] == [s.cells for s in tricked.sheets]
