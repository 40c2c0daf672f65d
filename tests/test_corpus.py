"""The corpus of hostile and mistaken returns (tests/corpus.py) through `nsm validate`, in one run.

Every file must get a clear result (its expected codes and status, no traceback), the run must
stay within bounds of time and memory, every original must be archived byte for byte and
recorded exactly once; a file still being written stays in the inbox for the next run.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from nsm_excel.cli import terminal
from nsm_excel.core.catalogue import CATALOGUE
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests import corpus, corpus_parts
from tests.conftest import make_workspace
from tests.corpus import ACCEPTED, WAITING, Case, Corpus, build
from tests.returns import drop, filled, run

CLI = "from nsm_excel.cli import main; main()"
MEMORY = 2 * 1024**3  # address space of the validating process
SECONDS = 120  # the whole run is killed after this
SECONDS_PER_FILE = 1.0  # bound of each file's reading and checks, and of the run per file


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def _nsm(*args: str, cwd: Path) -> tuple[int, str, str, float, int]:
    """Run ``nsm`` in a bounded process: exit code, stdout, stderr, seconds, peak RSS in KiB."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, *args],
            stdout=stdout,
            stderr=stderr,
            cwd=cwd,
            preexec_fn=_bounded,
        )
        killer = threading.Timer(SECONDS, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
    process.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    return code, out.read_text("utf-8"), err.read_text("utf-8"), seconds, usage.ru_maxrss


class Writer(threading.Thread):
    """A copy in progress: writes ``data`` a few bytes at a time and never finishes until told."""

    def __init__(self, path: Path, data: bytes) -> None:
        super().__init__(daemon=True)
        self.path, self.data, self.done = path, data, threading.Event()
        self.written = len(data) // 2
        path.write_bytes(data[: self.written])

    def run(self) -> None:
        tick = 0
        while not self.done.wait(0.005):
            tick += 1
            if self.written < len(self.data) - 1:
                with self.path.open("ab") as handle:
                    handle.write(self.data[self.written : self.written + 1])
                self.written += 1
            else:  # nothing left but the last byte: the writer keeps the file open and busy
                os.utime(self.path, ns=(tick, time.time_ns()))

    def finish(self) -> None:
        self.done.set()
        self.join()
        with self.path.open("ab") as handle:
            handle.write(self.data[self.written :])


def _place(space: Workspace, cases: list[Case]) -> list[Writer]:
    now = time.time()
    writers = []
    for case in cases:
        if case.growing:
            writers.append(Writer(space.inbox / case.file, case.data))
            continue
        path = drop(space, case.file, case.data)
        if case.age:
            os.utime(path, (now - case.age, now - case.age))
        if case.mode is not None:
            path.chmod(case.mode)
    return writers


def _records(space: Workspace) -> list[ledger.Received]:
    with database.connect(space.database) as db:
        return ledger.all_records(db)


def _stored(values: dict[str, Any], sheet: str, code: str, key: str) -> Any:
    if sheet == "Cover":
        return values["Cover"][code]
    row_key = "measure_code" if sheet == "Measures" else "indicator_code"
    return next(row[key] for row in values[sheet] if row[row_key] == code)


def _judged(case: Case, got: dict[str, Any]) -> list[str]:
    """What is wrong with the result of ``case`` ([] when it is as expected)."""
    codes = [issue["code"] for issue in got["issues"]]
    wrong = []
    if got["status"] != case.status:
        wrong.append(f"status {got['status']}, expected {case.status}")
    if not set(case.codes) <= set(codes):
        wrong.append(f"codes {codes}, expected {list(case.codes)} among them")
    if case.exact and sorted(codes) != sorted(case.codes):
        wrong.append(f"codes {codes}, expected exactly {list(case.codes)}")
    if case.status != WAITING and got["institution"] != case.institution:
        wrong.append(f"institution {got['institution']!r}, expected {case.institution!r}")
    for issue in got["issues"]:
        if not (issue["message_en"] and issue["message_sq"]) or "{" in issue["message_en"]:
            wrong.append(f"unclear message {issue['message_en']!r}")
    return wrong


def _archived(space: Workspace, case: Case, got: dict[str, Any]) -> list[str]:
    path = got["archived"]
    if case.status == WAITING:
        return [f"a waiting file was archived as {path}"] if path else []
    folder = f"/{case.institution}/" if case.institution else "archive/unidentified/"
    wrong = [] if folder in path else [f"archived as {path}, expected under {folder}"]
    if (space.root / path).read_bytes() != case.data:
        wrong.append(f"the archive copy {path} differs from the original")
    return wrong


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus]:
    """A workspace with issued templates and the corpus made from them (built once)."""
    space = make_workspace(tmp_path_factory.mktemp("corpus") / "ws")
    generate(space)
    return space.root, build(space)


@pytest.fixture
def space(built: tuple[Path, Corpus], tmp_path: Path) -> Workspace:
    """A fresh copy of the built workspace, with its register matching the corpus."""
    shutil.copytree(built[0], tmp_path / "ws")
    return Workspace.open(tmp_path / "ws")


def test_the_corpus_has_forty_distinct_cases_with_catalogue_codes(
    built: tuple[Path, Corpus],
) -> None:
    made = built[1]
    assert len(made.cases) >= 40
    assert len({_sha(c.data) for c in made.cases}) == len(made.cases) - 1  # one same-run copy
    assert all(code in CATALOGUE for c in made.cases for code in c.codes)
    assert {c.status for c in made.cases} == {"accepted", "rejected", "duplicate", "waiting"}
    assert all(c.about or c.codes for c in made.cases)


def test_the_whole_corpus_in_one_validate_run(space: Workspace, built: tuple[Path, Corpus]) -> None:
    made = built[1]
    for name, data in made.earlier.items():
        drop(space, name, data)
    assert [f.status for f in run(space).files] == [ACCEPTED] * len(made.earlier)
    before = {r.id for r in _records(space)}
    writers = _place(space, made.cases)
    for writer in writers:
        writer.start()
    try:
        code, out, err, seconds, peak = _nsm(
            "validate", "-w", str(space.root), "--json", cwd=space.root
        )
    finally:
        for writer in writers:
            writer.finish()

    assert "Traceback" not in out + err, err
    assert code == 1, (code, err)
    assert seconds < SECONDS_PER_FILE * len(made.cases), seconds
    assert peak * 1024 < MEMORY / 2, f"peak memory {peak // 1024} MiB"
    results = {f["file"]: f for f in json.loads(out)["files"]}
    assert sorted(results) == sorted(c.file for c in made.cases)
    slow = {name: f["seconds"] for name, f in results.items() if f["seconds"] > SECONDS_PER_FILE}
    assert slow == {}, "files over the time bound of one file"
    wrong = {}
    for case in made.cases:
        found = _judged(case, results[case.file]) + _archived(space, case, results[case.file])
        if found:
            wrong[case.name] = found
    assert wrong == {}

    new = [r for r in _records(space) if r.id not in before]
    settled = [c for c in made.cases if c.status != WAITING]
    assert Counter(r.original_name for r in new) == Counter(c.file for c in settled)
    by_name = {r.original_name: r for r in new}
    for case in settled:
        record = by_name[case.file]
        assert (record.sha256, record.size, record.status) == (
            _sha(case.data),
            len(case.data),
            case.status,
        ), case.name
        assert record.inbox_removed, case.name
        for (sheet, row, key), value in case.values:
            assert record.accepted_values is not None, case.name
            assert _stored(record.accepted_values, sheet, row, key) == value, (case.name, key)
    left = sorted(p.name for p in space.inbox.iterdir())
    assert left == sorted(c.file for c in made.cases if c.status == WAITING)

    _check_supersession(by_name, made)
    _check_feedback_keeps_text(space, by_name, made)
    _check_feedback_holds_no_formula(space, new)
    _check_the_waiting_file_is_taken_next_time(space, made)


def _check_supersession(by_name: dict[str, ledger.Received], made: Corpus) -> None:
    first = by_name[made.by_name("same-institution-first").file]
    second = by_name[made.by_name("same-institution-second").file]
    assert first.superseded_by == second.id and second.superseded_by is None
    copy = by_name[made.by_name("duplicate-same-run").file]
    assert copy.duplicate_of == by_name[made.by_name("hidden-rows").file].id


def _check_feedback_keeps_text(
    space: Workspace, by_name: dict[str, ledger.Received], made: Corpus
) -> None:
    """Formula-like text goes back to the institution as text, never as a formula."""
    for name in ("hyperlink-as-text", "dde-as-text"):
        record = by_name[made.by_name(name).file]
        assert record.feedback_path, name
        issue = next(i for i in record.issues if i["code"] == "return-formula-like-text")
        book = load_workbook(io.BytesIO((space.root / record.feedback_path).read_bytes()))
        cell = book[issue["sheet"]][issue["cell"]]
        assert cell.data_type == "s" and str(cell.value).startswith(("=", "+")), name


def _check_feedback_holds_no_formula(space: Workspace, records: list[ledger.Received]) -> None:
    """No feedback copy holds a formula, nor a link but the Feedback sheet's own links to cells
    of the workbook; the Cover's =HYPERLINK went back as its text."""
    for record in records:
        if not record.feedback_path:
            continue
        book = load_workbook(space.root / record.feedback_path)
        for ws in book.worksheets:
            for cell in ws._cells.values():  # the cells there are: a far cell makes rows huge
                assert cell.data_type != "f", (record.original_name, ws.title, cell.coordinate)
                link = cell.hyperlink
                if link is not None:
                    assert ws.title == "Feedback" and not link.target, record.original_name
    by_name = {r.original_name: r for r in records}
    copy = load_workbook(space.root / str(by_name["hyperlink-in-cover.xlsx"].feedback_path))
    assert str(copy["Cover"]["C5"].value).startswith("=HYPERLINK(")
    assert copy["Cover"]["C5"].data_type == "s" and copy["Cover"]["C5"].quotePrefix


def _check_the_waiting_file_is_taken_next_time(space: Workspace, made: Corpus) -> None:
    case = made.by_name("still-writing")
    assert (space.inbox / case.file).read_bytes() == case.data  # the copy has finished
    result = run(space)
    assert [(f.file, f.status) for f in result.files] == [(case.file, ACCEPTED)]
    assert (space.root / result.files[0].archived).read_bytes() == case.data


def test_the_corpus_can_be_written_for_a_person_to_look_at(
    built: tuple[Path, Corpus], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "build", lambda space: built[1])  # built once, by the fixture
    assert corpus.main([str(tmp_path / "out")]) == 0
    inbox = tmp_path / "out" / "inbox"
    manifest = (tmp_path / "out" / "corpus.txt").read_text(encoding="utf-8")
    files = sorted(p.name for p in inbox.iterdir() if not p.name.startswith("."))
    assert len(files) >= 40 and all(terminal.shown(name) in manifest for name in files)
    assert "file-zip-bomb" in manifest and (inbox / corpus.ALBANIAN_NAME).is_file()
    out = Workspace.open(tmp_path / "out")
    assert [r.original_name for r in _records(out)] == list(built[1].earlier)  # the earlier run
    assert corpus.main([]) == 2


@pytest.mark.parametrize("stream", ["Workbook", "EncryptedPackage"])
def test_the_compound_files_are_well_formed(stream: str) -> None:
    data = (
        corpus_parts.compound_file({"Workbook": corpus_parts.biff_workbook()})
        if stream == "Workbook"
        else corpus_parts.encrypted_package()
    )
    assert data.startswith(corpus_parts.OLE_MAGIC) and len(data) % 512 == 0
    directory = data[1024:1536]
    names = [directory[i : i + 64].decode("utf-16-le").split("\0")[0] for i in range(0, 512, 128)]
    assert "Root Entry" in names and stream in names


def test_many_large_files_are_never_held_in_memory_together(tmp_path: Path) -> None:
    """Forty returns of 15 MB each (a picture pasted in): read, archived and recorded one at a
    time, so the run's memory stays far below what the inbox holds."""
    space = make_workspace(tmp_path / "ws")
    generate(space, institutions=["MB"])
    base = filled(space, "MB", seed=5)
    count, size = 40, 15 * 1024 * 1024
    for n in range(count):
        picture = n.to_bytes(4, "big") + bytes(size - 4)  # each file its own bytes
        data = corpus_parts.package(
            {**corpus_parts.parts(base), "xl/media/image1.png": picture},
            compression=zipfile.ZIP_STORED,
        )
        drop(space, f"large-{n:02}.xlsx", data)
    _code, out, err, _seconds, peak = _nsm("validate", "--json", cwd=space.root)
    assert "Traceback" not in out + err, err
    results = json.loads(out)["files"]
    assert len(results) == count and all(f["archived"] for f in results)
    assert peak * 1024 < count * size / 2, f"peak memory {peak // 1024} MiB"  # 150 MiB seen
