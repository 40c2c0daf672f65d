"""Words given as parameters (:func:`nsm_excel.core.words.ref`): kept as their key and the facts
they need, shown in the language asked for, also when read back from the records."""

from __future__ import annotations

import json

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, shown


def test_a_ref_is_its_key_and_only_the_values_it_is_given() -> None:
    assert words.ref("file-kind.pdf") == {"word": "file-kind.pdf"}
    assert words.ref("reason.part-twice", part="xl/a.xml") == {
        "word": "reason.part-twice",
        "values": {"part": "xl/a.xml"},
    }


def test_a_ref_is_shown_in_the_language_asked_for_with_its_values() -> None:
    twice = words.ref("reason.part-twice", part="xl/a.xml")
    assert words.resolve(twice, "en") == "part xl/a.xml appears twice"
    assert words.resolve(twice, "sq") == "pjesa xl/a.xml shfaqet dy herë"


def test_a_value_that_is_a_ref_is_shown_in_the_same_language() -> None:
    size = words.ref("size.bytes", size="512")
    declares = words.ref("reason.part-declares", part="xl/a.xml", size=size)
    assert words.resolve(declares, "en") == "part xl/a.xml declares 512 bytes"
    assert words.resolve(declares, "sq") == "pjesa xl/a.xml deklaron 512 bajt"


def test_what_is_not_a_ref_stays_as_it_is() -> None:
    for value in (
        "a text",
        12,
        None,
        {"word": 3},
        {"word": "file-kind.pdf", "other": 1},
        {"word": "file-kind.pdf", "values": "x"},
        {"words": "file-kind.pdf"},
    ):
        assert words.resolve(value, "sq") == value
        assert not words.is_ref(value)


def test_a_stored_issue_keeps_the_ref_and_shows_in_either_language() -> None:
    reason = words.ref("reason.part-ratio", part="xl/big.xml", ratio="300")
    issue = Issue(C.FILE_ZIP_BOMB, "return.xlsx", params={"reason": reason})
    stored = json.loads(json.dumps(issue.to_dict()))
    assert stored["params"]["reason"] == reason  # the record keeps facts, no sentence
    assert "part xl/big.xml compresses 300:1" in shown(stored, "en")
    assert "pjesa xl/big.xml ngjeshet 300:1" in shown(stored, "sq")
    assert "compresses" not in shown(stored, "sq")
