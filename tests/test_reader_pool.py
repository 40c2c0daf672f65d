"""Several reading processes at once: answers in order, a dead reader costs only its own file."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.intake.reading import reader_pool
from nsm_excel.intake.reading.safety import MIB, Limits
from nsm_excel.store import database, ledger
from nsm_excel.store.workspace import Workspace
from tests.returns import clock, drop, filled

MISBEHAVING = [sys.executable, "-m", "tests.misbehaving_reader"]
LIMITS = Limits(reader_seconds=3.0, reader_memory_bytes=512 * MIB)


def _request(folder: Path, name: str, data: bytes) -> reader_pool.Request:
    path = folder / name
    path.write_bytes(data)
    return reader_pool.Request(path, hashlib.sha256(data).hexdigest(), name)


def test_answers_come_in_the_order_asked_and_a_dead_reader_costs_only_its_file(
    tmp_path: Path,
) -> None:
    names = ["a.xlsx", "crash.xlsx", "b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx"]
    asked = [_request(tmp_path, n, f"not a workbook {n}".encode()) for n in names]
    with reader_pool.Pool(LIMITS, MISBEHAVING, jobs=3) as pool:
        found = [(i.file, i.code) for judged in pool.judge_all(asked) for i in judged.issues]
        assert pool.restarts == 1
    expected = [(n, "file-not-excel") for n in names]
    expected[1] = ("crash.xlsx", "file-unreadable")
    assert found == expected


def test_slow_files_are_read_at_once_each_by_its_own_worker(tmp_path: Path) -> None:
    limits = Limits(reader_seconds=2.0, reader_memory_bytes=512 * MIB)
    asked = [_request(tmp_path, n, n.encode()) for n in ("hang1.xlsx", "hang2.xlsx")]
    with reader_pool.Pool(limits, MISBEHAVING, jobs=2) as pool:
        judged = list(pool.judge_all(asked))
        assert [w.restarts for w in pool.workers] == [1, 1]  # both ran out of time, side by side
    reasons = [j.issues[0].params["reason"] for j in judged]
    assert reasons == ["reading it took more than 2 seconds and was stopped"] * 2


def test_a_caller_that_stops_early_leaves_no_worker_mid_request(tmp_path: Path) -> None:
    asked = [_request(tmp_path, f"{n}.xlsx", b"plain %d" % n) for n in range(12)]
    with reader_pool.Pool(LIMITS, jobs=2) as pool:
        answers = pool.judge_all(asked)
        first = next(answers)
        answers.close()
        assert [i.code for i in first.issues] == ["file-not-excel"]
        again = list(pool.judge_all(asked[:3]))  # the same workers serve the next run's files
        assert pool.restarts == 0
    assert len(again) == 3


def test_at_least_one_reading_process() -> None:
    assert reader_pool.default_jobs() >= 1
    with pytest.raises(ValueError):
        reader_pool.Pool(LIMITS, jobs=0)


def _mixed_inbox(space: Workspace) -> None:
    drop(space, "a_MB.xlsx", filled(space, "MB", seed=1))
    drop(space, "b_crash.xlsx", filled(space, "AKPA", seed=2))
    drop(space, "c_AKPA.xlsx", filled(space, "AKPA", seed=3, mistakes=("ambiguous-amount",)))
    drop(space, "d_notes.xlsx", b"just some text")
    drop(space, "e_AIDA.xlsx", filled(space, "AIDA", seed=4))
    drop(space, "f_MB_copy.xlsx", filled(space, "MB", seed=1))  # the same bytes as a_MB
    drop(space, "g_hang.xlsx", filled(space, "AIDA", seed=5))


def _judged(space: Workspace, jobs: int) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    from nsm_excel.intake.run import validate_inbox

    result = validate_inbox(space, clock=clock, limits=LIMITS, reader=MISBEHAVING, jobs=jobs)
    files = [(f.file, f.status, [i.code for i in f.issues]) for f in result.files]
    with database.connect(space.database) as db:
        recorded = [r.original_name for r in ledger.all_records(db)]
    return files, recorded


def test_a_pool_judges_a_mixed_inbox_as_one_reader_does(issued: Workspace, tmp_path: Path) -> None:
    _mixed_inbox(issued)
    copy = Workspace.open(Path(shutil.copytree(issued.root, tmp_path / "copy")))
    alone, recorded_alone = _judged(issued, jobs=1)
    pooled, recorded_pooled = _judged(copy, jobs=3)
    assert pooled == alone
    assert recorded_pooled == recorded_alone == sorted(recorded_alone)  # as received: by name
    status = {name: (state, codes) for name, state, codes in pooled}
    assert status["b_crash.xlsx"] == (ledger.REJECTED, ["file-unreadable"])
    assert status["g_hang.xlsx"] == (ledger.REJECTED, ["file-unreadable"])
    assert status["a_MB.xlsx"][0] == status["e_AIDA.xlsx"][0] == ledger.ACCEPTED
    assert status["c_AKPA.xlsx"][0] == ledger.REJECTED
    assert status["d_notes.xlsx"] == (ledger.REJECTED, ["file-not-excel"])
    assert list(copy.inbox.iterdir()) == []


def test_nsm_validate_and_nsm_watch_take_the_number_of_readers(
    issued: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import nsm_excel.intake.run as intake
    from nsm_excel.cli import main
    from nsm_excel.desk import watch as watching

    asked: list[int | None] = []
    real = intake.validate_inbox

    def spy(*args: object, jobs: int | None = None, **kwargs: object) -> intake.IntakeResult:
        asked.append(jobs)
        return real(*args, jobs=jobs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(intake, "validate_inbox", spy)
    drop(issued, "MB.xlsx", filled(issued, "MB"))
    root = str(issued.root)
    done = CliRunner().invoke(main, ["validate", "-w", root, "--jobs", "2"])
    assert done.exit_code == 0, done.output
    assert "accepted" in done.output
    assert CliRunner().invoke(main, ["validate", "-w", root]).exit_code == 0
    refused = CliRunner().invoke(main, ["validate", "-w", root, "--jobs", "0"])
    assert refused.exit_code == 2 and "--jobs" in refused.output

    def one_batch(space: Workspace, **options: Any) -> watching.Watched:
        options["validate"](space)
        return watching.Watched()

    monkeypatch.setattr(watching, "watch", one_batch)
    assert CliRunner().invoke(main, ["watch", "-w", root, "--jobs", "3"]).exit_code == 0
    assert asked == [2, None, 3]


def test_a_stream_answers_in_the_order_put_while_requests_still_arrive() -> None:
    import threading
    import time

    served: list[tuple[str, int]] = []
    lock = threading.Lock()

    def ask(worker: Any, request: int) -> int:
        time.sleep(0.05 * (request % 3))  # later requests often finish first
        with lock:
            served.append((worker, request))
        return request * 10

    workers: Any = ["w1", "w2"]
    with reader_pool.Stream(workers, ask) as stream:
        first = [stream.put(n) for n in range(4)]
        got = [stream.take(first[0])]
        rest = first[1:] + [stream.put(n) for n in range(4, 9)]  # put after an answer was taken
        got += [stream.take(answer) for answer in rest]
    assert got == [n * 10 for n in range(9)]
    assert {w for w, _ in served} == {"w1", "w2"}  # both workers answered
    assert sorted(r for _, r in served) == list(range(9))  # each request once


def test_a_stream_hands_a_workers_error_to_the_caller_in_its_turn() -> None:
    def ask(_worker: Any, request: int) -> int:
        if request == 1:
            raise OSError("the pipe broke")
        return request

    workers: Any = ["w1"]
    with reader_pool.Stream(workers, ask) as stream:
        asked = [stream.put(n) for n in range(3)]
        assert stream.take(asked[0]) == 0
        with pytest.raises(OSError, match="pipe broke"):
            stream.take(asked[1])
        assert stream.take(asked[2]) == 2


def test_feedback_workbooks_are_built_by_every_reader_and_written_in_turn(
    issued: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's feedback workbooks are built several at once, and each lands where one reader
    alone puts it: the same files, the same records."""
    from nsm_excel.intake.reading.reader_process import Worker

    wrong = ("ambiguous-amount",)
    for n, code in enumerate(["MB", "AKPA", "AIDA", "MB", "AKPA", "AIDA"]):
        drop(issued, f"{n}_{code}.xlsx", filled(issued, code, seed=n + 1, mistakes=wrong))
    copy = Workspace.open(Path(shutil.copytree(issued.root, tmp_path / "copy")))
    builders: list[int] = []
    real = Worker.feedback

    def spy(self: Worker, *args: Any, **kwargs: Any) -> bytes | None:
        builders.append(id(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Worker, "feedback", spy)
    from nsm_excel.intake.run import validate_inbox

    alone = validate_inbox(issued, clock=clock, jobs=1)
    assert len(set(builders)) == 1
    builders.clear()
    pooled = validate_inbox(copy, clock=clock, jobs=3)
    assert len(builders) == 6 and len(set(builders)) > 1  # more than one reader built them

    def seen(result: Any) -> list[tuple[str, str, str]]:
        return [(f.file, f.status, f.feedback) for f in result.files]

    assert seen(pooled) == seen(alone)
    assert all(f.status == ledger.REJECTED and f.feedback for f in pooled.files)
    with database.connect(copy.database) as db:
        kept = {r.original_name: r.feedback_path for r in ledger.all_records(db)}
    assert kept == {f.file: f.feedback for f in pooled.files}
    for name in ("0_MB.xlsx", "3_MB.xlsx"):  # the first MB feedback moved aside for the second
        assert (copy.root / kept[name]).is_file()
    assert "earlier" in kept["0_MB.xlsx"] and "earlier" not in kept["3_MB.xlsx"]


def test_a_stream_holds_no_answer_the_caller_has_taken_and_let_go() -> None:
    import gc
    import weakref

    class Built:  # stands for a feedback workbook's bytes
        pass

    made: list[weakref.ref[Built]] = []

    def ask(_worker: Any, _request: int) -> Built:
        built = Built()
        made.append(weakref.ref(built))
        return built

    workers: Any = ["w1", "w2"]
    with reader_pool.Stream(workers, ask) as stream:
        for n in range(40):
            stream.take(stream.put(n))  # taken, written and let go, as a run does
        gc.collect()
        assert len(made) == 40
        assert [ref for ref in made if ref() is not None] == []  # while the stream is open
