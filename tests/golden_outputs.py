"""Reference outputs of the whole cycle, made with a fixed clock and fixed ids.

``make goldens`` (``python -m tests.golden_outputs``) writes them to ``tests/goldens/``;
``tests/test_goldens.py`` makes them again and compares byte for byte. A change that means to
alter an output regenerates them and the diff of ``tests/goldens/`` is reviewed in its commit.

What is recorded: the sample ``action_plan.xlsx``, every template, the feedback workbooks, the
master workbook (each as its XML parts, normalised), the summary report, ``nsm codes
--markdown`` in both languages, and the text and ``--json`` output of every command run on the
demo workspace. Workbook parts are normalised by removing what the writing library stamps
(creation and modification times) and by breaking the XML after each tag so a diff reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import itertools
import os
import re
import secrets
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner
from freezegun import freeze_time

from nsm_excel.cli.app import main
from nsm_excel.demo import filler
from nsm_excel.demo.run import run_demo

HERE = Path(__file__).parent / "goldens"
TODAY = dt.date(2026, 12, 1)
MOMENT = "2026-12-01 09:00:00"
_STAMPS = re.compile(rb"<(dcterms:created|dcterms:modified)[^>]*>[^<]*</\1>")
_TEXT_PARTS = (".xml", ".rels", ".vml")
# an archive name holds the first digits of the file's hash; returns are zipped with the time of day
# (their hashes and sizes vary from run to run)
_VOLATILE = (
    (re.compile(r"(Z_)[0-9a-f]{12}(_)"), r"\1<sha>\2"),
    (re.compile(r'("sha256": ")[0-9a-f]{64}(")'), r"\1<sha>\2"),
    (re.compile(r'("bytes": )[0-9]+()'), r"\1<n>\2"),
)


@contextlib.contextmanager
def fixed() -> Iterator[None]:
    """The clock stopped at :data:`MOMENT`; ids, passwords and salts from counters."""
    ids, words = itertools.count(1), itertools.count(1)

    def token_hex(n: int | None = None) -> str:
        return f"{next(ids):0{2 * (n or 16)}x}"[-2 * (n or 16) :]

    def token_urlsafe(n: int | None = None) -> str:
        return f"fixed-{next(words)}"

    def urandom(n: int) -> bytes:  # the same bytes each time: salts whatever ran before
        return (hashlib.sha256(b"nsm").digest() * (n // 32 + 1))[:n]

    saved = (secrets.token_hex, secrets.token_urlsafe, os.urandom)
    secrets.token_hex, secrets.token_urlsafe, os.urandom = token_hex, token_urlsafe, urandom
    try:
        with freeze_time(MOMENT, tz_offset=0):
            yield
    finally:
        secrets.token_hex, secrets.token_urlsafe, os.urandom = saved


def workbook_text(data: bytes) -> bytes:
    """Every part of an xlsx, in name order, normalised (see the module's text)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            part = archive.read(name)
            out.write(b"=== " + name.encode() + b" ===\n")
            if name.endswith(_TEXT_PARTS):
                part = _STAMPS.sub(b"", part)
                out.write(part.replace(b"><", b">\n<") + b"\n")
            else:
                out.write(b"sha256 " + hashlib.sha256(part).hexdigest().encode() + b"\n")
    return out.getvalue()


def build() -> dict[str, bytes]:
    """Every reference output, by its name under ``tests/goldens/``."""
    with tempfile.TemporaryDirectory() as tmp, fixed():
        return _build(Path(tmp))


def _build(tmp: Path) -> dict[str, bytes]:
    root = tmp / "ws"
    outputs: dict[str, bytes] = {}
    result = run_demo(root, today=TODAY)
    assert result.reports is not None
    outputs["action_plan.xlsx.txt"] = workbook_text((root / "action_plan.xlsx").read_bytes())
    for line in result.generated.lines:
        if line.file:
            outputs[f"templates/{Path(line.file).name}.txt"] = _book(root, line.file)
    for path in result.feedback:
        outputs[f"feedback/{Path(path).name}.txt"] = _book(root, path)
    outputs["master.xlsx.txt"] = _book(root, result.reports.master)
    outputs["summary.html"] = (root / result.reports.summary).read_bytes()
    outputs.update(_commands(tmp, root))
    english = _run(["consolidate", "-w", str(root), "--lang", "en", "--json"], tmp)
    outputs["commands/consolidate-en.json"] = english
    outbox = root / "outbox" / "2026-H1"
    master = (outbox / "NSM_master_2026-H1_en.xlsx").read_bytes()
    outputs["master-en.xlsx.txt"] = workbook_text(master)
    outputs["summary-en.html"] = (outbox / "NSM_summary_2026-H1_en.html").read_bytes()
    return outputs


def _book(root: Path, relative: str) -> bytes:
    return workbook_text((root / relative).read_bytes())


def _commands(tmp: Path, root: Path) -> dict[str, bytes]:
    """The text and ``--json`` output of each command on the demo workspace."""
    ws = ["-w", str(root)]
    runs: list[tuple[str, list[str]]] = [
        ("codes-md", ["codes", "--markdown"]),
        ("codes-en", ["codes"]),
        ("codes-sq", ["codes", "--lang", "sq"]),
        ("check-plan", ["check-plan", *ws]),
        ("check-plan-sq", ["check-plan", *ws, "--lang", "sq"]),
        ("status", ["status", *ws]),
        ("doctor", ["doctor", *ws]),
        ("generate", ["generate", *ws]),
    ]
    outputs: dict[str, bytes] = {}
    for name, args in runs:
        outputs[f"commands/{name}.txt"] = _run(args, tmp)
        if not name.startswith("codes"):
            outputs[f"commands/{name}.json"] = _run([*args, "--json"], tmp)
    _late_return(root)
    for name, args in (
        ("validate", ["validate", *ws, "--details"]),
        ("consolidate", ["consolidate", *ws]),
    ):
        outputs[f"commands/{name}.json"] = _run([*args, "--json"], tmp)
    _late_return(root, seed=8)
    outputs["commands/validate-text.txt"] = _run(["validate", *ws, "--lang", "sq"], tmp)
    outputs["commands/consolidate-text.txt"] = _run(["consolidate", *ws], tmp)
    outputs["commands/status-after.json"] = _run(["status", *ws, "--json"], tmp)
    outputs["commands/backup.json"] = _run(["backup", str(tmp / "copy"), *ws, "--json"], tmp)
    outputs["commands/restore.json"] = _run(
        ["restore", str(tmp / "copy"), "-w", str(tmp / "again"), "--json"], tmp
    )
    return outputs


def _late_return(root: Path, seed: int = 7) -> None:
    """The silent institution sends its return after all (first as typed, then corrected)."""
    template = next((root / "templates" / "xlsx").glob("*/BSH_*.xlsx"))
    data = filler.fill(template.read_bytes(), filler.Filling(seed, TODAY))
    path = root / "inbox" / f"BSH-{seed}.xlsx"
    path.write_bytes(data)
    sent = dt.datetime(2026, 11, 20, 9, seed, tzinfo=dt.UTC).timestamp()
    os.utime(path, (sent, sent))


def _run(args: list[str], tmp: Path) -> bytes:
    result = CliRunner().invoke(main, args)
    text = f"$ nsm {' '.join(args)}\nexit {result.exit_code}\n{result.output}"
    if result.exception and not isinstance(result.exception, SystemExit):
        text += f"exception {type(result.exception).__name__}: {result.exception}\n"
    text = text.replace(str(tmp), "<tmp>")
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text.encode()


def write(outputs: dict[str, bytes], target: Path = HERE) -> None:
    if target.exists():
        shutil.rmtree(target)
    for name, data in sorted(outputs.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def recorded(target: Path = HERE) -> dict[str, bytes]:
    return {
        p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()
    }


if __name__ == "__main__":
    made = build()
    write(made)
    print(f"{len(made)} reference outputs written to {HERE}", file=sys.stderr)
