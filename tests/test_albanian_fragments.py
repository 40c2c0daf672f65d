"""Under Albanian, what a file is and why it cannot be opened are Albanian words: every file
kind and every reason is a word of its own, filled with its facts, never an English fragment."""

from __future__ import annotations

import os
import string
from pathlib import Path
from typing import Any

import pytest

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.intake import inbox
from nsm_excel.intake.reading.safety import MIB, Limits, inspect
from nsm_excel.plan.loader import load_plan
from tests.test_package_safety import NOT_A_ZIP, OLE, _with_zeros, _workbook, _xlsx, _zip

# each family of fragments and the message that shows it, under the parameter it fills
HOSTS = {
    "file-kind.": (C.FILE_NOT_EXCEL, "kind"),
    "entry-kind.": (C.FILE_NOT_REGULAR, "kind"),
    "reason.": (C.FILE_CORRUPT, "reason"),
    "unreadable.": (C.PLAN_FILE_UNREADABLE, "reason"),
}
FACTS: dict[str, Any] = {
    "part": "xl/worksheets/sheet1.xml",
    "count": 5000,
    "ratio": "300",
    "size": words.ref("size.bytes", size="512"),
    "why": "Permission denied",
}
FRAGMENTS = sorted(key for key in words.catalogue("en") if key.startswith(tuple(HOSTS)))


def _placeholders(key: str) -> set[str]:
    template = words.word(key, "en")
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _albanian(value: object) -> None:
    """A parameter shown in Albanian is not its English form; every placeholder is filled."""
    assert words.is_ref(value), value
    sq, en = words.resolve(value, "sq"), words.resolve(value, "en")
    assert isinstance(sq, str) and "{" not in sq
    assert sq != en, value


def test_every_family_has_its_fragments() -> None:
    assert {key.split(".")[0] + "." for key in FRAGMENTS} == set(HOSTS)
    assert len(FRAGMENTS) > 30


@pytest.mark.parametrize("key", FRAGMENTS)
def test_each_kind_and_reason_reads_as_albanian_in_its_message(key: str) -> None:
    code, name = next(host for prefix, host in HOSTS.items() if key.startswith(prefix))
    values = {field: FACTS[field] for field in _placeholders(key)}
    fragment = words.ref(key, **values)
    _albanian(fragment)
    issue = Issue(code, "return.xlsx", params={name: fragment, "file": "plan.xlsx"})
    message = issue.message("sq")
    assert str(words.resolve(fragment, "sq")) in message
    assert str(words.resolve(fragment, "en")) not in message
    assert "{" not in message
    for field in values:
        assert str(words.resolve(FACTS[field], "sq")) in message


def test_sizes_are_shown_in_albanian_units() -> None:
    assert words.resolve(words.ref("size.bytes", size="512"), "sq") == "512 bajt"
    assert words.resolve(words.ref("size.mb", size="2.0"), "sq") == "2.0 MB"


UNSAFE = {
    **{f"not-a-zip-{name}": data for name, (data, _kind) in NOT_A_ZIP.items()},
    "truncated": _workbook()[:100],
    "bomb": _with_zeros(),
    "ods": _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    "xlsb": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83"}),
    "docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
    "other-zip": _zip({"[Content_Types].xml": b"<Types/>", "notes.txt": b"hello"}),
    "links": _xlsx({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
    "query": _xlsx({"xl/connections.xml": b"<connections/>"}),
}


@pytest.mark.parametrize("data", UNSAFE.values(), ids=UNSAFE.keys())
def test_a_returned_file_that_cannot_be_opened_is_described_in_albanian(data: bytes) -> None:
    _, issues = inspect(data, "return.xlsx", Limits(max_part_bytes=MIB))
    described = [v for issue in issues for n, v in issue.params.items() if n in ("kind", "reason")]
    assert described
    for value in described:
        _albanian(value)


def test_too_many_parts_is_said_in_albanian() -> None:
    (issue,) = inspect(_workbook(), "return.xlsx", Limits(max_parts=1))[1]
    assert issue.code == C.FILE_ZIP_BOMB
    _albanian(issue.params["reason"])
    assert "paketa mban më shumë se 1 pjesë" in issue.message("sq")


@pytest.mark.parametrize(
    "data", [b"", OLE + bytes(600), b"Kodi;Emri\nMB;Ministria\n", b"PK\x03\x04" + bytes(99)]
)
def test_a_plan_that_cannot_be_opened_says_why_in_albanian(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "action_plan.xlsx"
    path.write_bytes(data)
    (issue,) = load_plan(path).report.issues
    _albanian(issue.params["reason"])
    assert issue.message("sq").startswith("Skedari i planit action_plan.xlsx nuk hapet")
    (missing,) = load_plan(tmp_path / "nowhere.xlsx").report.issues
    _albanian(missing.params["reason"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes and links are POSIX here")
def test_a_link_or_pipe_in_the_inbox_is_named_in_albanian(tmp_path: Path) -> None:
    (tmp_path / "plan.xlsx").write_bytes(b"x")
    (tmp_path / "link.xlsx").symlink_to(tmp_path / "plan.xlsx")
    os.mkfifo(tmp_path / "pipe.xlsx")
    os.link(tmp_path / "plan.xlsx", tmp_path / "twin.xlsx")
    _, waiting = inbox.collect(tmp_path, Limits())
    assert sorted(issue.file for issue in waiting) == [
        "link.xlsx",
        "pipe.xlsx",
        "plan.xlsx",
        "twin.xlsx",
    ]
    for issue in waiting:
        assert issue.code == C.FILE_NOT_REGULAR
        _albanian(issue.params["kind"])
        assert issue.message("sq").startswith("Ky element është një ")


@pytest.mark.parametrize("what", ["checksum", "truncated", "damaged", "unpack"])
@pytest.mark.parametrize("part", [None, "xl/workbook.xml"])
def test_every_reason_a_damaged_package_can_give_has_its_words(what: str, part: str | None) -> None:
    from nsm_excel.intake.reading.safety import _of

    reason = _of(what, part)
    for lang in words.languages():
        assert words.resolve(reason, lang)  # a missing word would raise here
