"""Fuzzing the reader: random bytes and random XML in a return's parts never make a traceback,
never hang, and never stop a valid return beside them from being accepted.

Hypothesis writes into one part of a filled return at a time: random bytes, random XML made of
the elements and attributes a worksheet has (references no sheet has, types and styles out of
range, formulas, deep nesting), or the part itself with bytes flipped, cut or inserted. Each file
goes through every stage that reads what the sender controls: the byte checks and the sheets
(:func:`nsm_excel.reader_process.judge`), identity and structure, the value checks, and the
feedback copy. Then a batch of such files goes through one ``nsm validate`` beside a valid
return.
"""

from __future__ import annotations

import contextlib
import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nsm_excel.intake import checks as return_schema
from nsm_excel.intake.feedback import workbook as feedback
from nsm_excel.intake.reading import reader_process
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.structure.check import examine
from nsm_excel.intake.structure.examined import RegisterView
from nsm_excel.store import database, ledger, register
from nsm_excel.store.workspace import Workspace
from tests.conftest import make_workspace
from tests.corpus_parts import parts
from tests.returns import TODAY, drop, filled, repack, run

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
SECONDS_PER_FILE = 2.0
LIMITS = package_safety.Limits()
ELEMENTS = (
    "worksheet",
    "sheetData",
    "row",
    "c",
    "v",
    "f",
    "is",
    "t",
    "r",
    "si",
    "sst",
    "mergeCells",
    "mergeCell",
    "sheetProtection",
    "x:c",
    "x:f",
    "extLst",
    "dimension",
)
ATTRIBUTES = ("r", "t", "s", "ref", "hidden", "sheet", "si", "count", "xml:space")
VALUES = (
    "A1",
    "XFD1048576",
    "A0",
    "ZZZZ9",
    "1",
    "-1",
    "99999999999",
    "s",
    "str",
    "e",
    "b",
    "d",
    "n",
    "inlineStr",
    "#DIV/0!",
    "1e308",
    "nan",
    "",
    "&#0;",
    "_x0007_",
    "A1:XFD1048576",
)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    from nsm_excel.template.generate import generate

    space = make_workspace(tmp_path_factory.mktemp("fuzz") / "ws")
    generate(space)
    return space


@pytest.fixture(scope="module")
def valid(workspace: Workspace) -> bytes:
    return filled(workspace, "MB", seed=3)


def xml_tree(draw: Any, depth: int = 0) -> str:
    name = draw(st.sampled_from(ELEMENTS))
    attributes = draw(
        st.lists(
            st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)),
            max_size=3,
            unique_by=lambda a: a[0],
        )
    )
    attrs = "".join(f' {k}="{v}"' for k, v in attributes)
    if depth > 4 or draw(st.booleans()):
        text = draw(st.sampled_from(VALUES))
        return f"<{name}{attrs}>{text}</{name}>"
    children = "".join(xml_tree(draw, depth + 1) for _ in range(draw(st.integers(0, 4))))
    return f"<{name}{attrs}>{children}</{name}>"


@st.composite
def random_xml(draw: Any) -> bytes:
    body = xml_tree(draw)
    nesting = draw(st.integers(0, 3)) * 3000  # deep nesting, which a recursive reader dies of
    deep = "<v>" * nesting + "</v>" * nesting
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}" '
        f'xmlns:x="{MAIN}"><sheetData>{body}{deep}</sheetData></worksheet>'
    ).encode()


@st.composite
def mutated(draw: Any, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(("flip", "cut", "insert")))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            data[at:at] = draw(
                st.sampled_from(
                    (
                        b'<c r="A1">',
                        b"</row>",
                        b"<f>1</f>",
                        b"\x00",
                        b"<!--",
                        b"&#0;",
                        b"_x001B_",
                        b"\xff\xfe",
                    )
                )
            )
    return bytes(data)


def content(draw: Any, original: bytes) -> bytes:
    kind = draw(st.sampled_from(("bytes", "xml", "mutated")))
    if kind == "bytes":
        return bytes(draw(st.binary(max_size=4000)))
    if kind == "xml":
        return bytes(draw(random_xml()))
    return bytes(draw(mutated(original)))


def through_every_stage(space: Workspace, data: bytes) -> None:
    """What intake does with one file, in-process; nothing may raise."""
    judged = reader_process.judge(data, "fuzzed.xlsx", LIMITS)
    issues = list(judged.issues)
    if judged.book is not None:
        with database.connect(space.database) as db:
            view = RegisterView(
                lambda i: register.by_id(db, i), lambda a, b: register.latest(db, a, b)
            )
            examined = examine(judged.book, "fuzzed.xlsx", view)
        issues += examined.issues
        if examined.record is not None:
            context = return_schema.Context(
                space.current_period().first, space.current_period().last, TODAY
            )
            issues += return_schema.check([examined], context)[0]
    if not issues:
        return
    with contextlib.suppress(feedback.NoFeedback):  # no copy of what openpyxl cannot open
        feedback.build(data, issues, "sq")


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_content_in_any_part_never_raises_nor_hangs(
    workspace: Workspace, valid: bytes, data: st.DataObject
) -> None:
    files = parts(valid)
    part = data.draw(st.sampled_from(sorted(files)))
    fuzzed = repack(valid, {part: content(data.draw, files[part])})
    started = time.monotonic()
    through_every_stage(workspace, fuzzed)
    assert time.monotonic() - started < SECONDS_PER_FILE


def _batch(valid: bytes, count: int) -> list[bytes]:
    """Fuzzed files made without hypothesis (a fixed seed): for one run of the whole intake."""
    chooser = random.Random(20261201)
    files = parts(valid)
    names = sorted(files)
    made = []
    for n in range(count):
        part = names[n % len(names)]
        body = bytearray(files[part])
        for _ in range(chooser.randint(1, 6)):
            if body:
                at = chooser.randrange(len(body))
                body[at : at + chooser.randint(0, 40)] = chooser.randbytes(chooser.randint(0, 40))
        made.append(repack(valid, {part: bytes(body)}))
    return made


def test_a_batch_of_fuzzed_files_beside_a_valid_return(tmp_path: Path) -> None:
    from nsm_excel.template.generate import generate

    space = make_workspace(tmp_path / "ws")
    generate(space)
    good = filled(space, "AKPA", seed=3)
    mb = filled(space, "MB", seed=3)
    batch = _batch(mb, 40)
    for n, data in enumerate(batch):
        drop(space, f"fuzzed-{n:02}.xlsx", data)
    drop(space, "AKPA_2026-H1.xlsx", good)
    result = run(space)
    status = {f.file: f.status for f in result.files}
    assert status["AKPA_2026-H1.xlsx"] == ledger.ACCEPTED
    assert len(result.files) == len(batch) + 1
    assert all(f.seconds < SECONDS_PER_FILE for f in result.files)
    with database.connect(space.database) as db:
        assert len(ledger.all_records(db)) == len(batch) + 1  # every file recorded once
    assert list(space.inbox.iterdir()) == []
