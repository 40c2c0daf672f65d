"""The filler's words: pools of numbered sentences in the demo catalogues, names and contacts."""

from __future__ import annotations

import random
import re

import pytest

from nsm_excel.core import words
from nsm_excel.demo.filler import texts

POOLS = (
    "progress",
    "support_progress",
    "completed",
    "cancelled",
    "delay_reason",
    "not_yet_due",
    "next_steps",
    "evidence",
    "missing_value",
    "comment",
    "remark",
)


def test_a_pool_is_its_numbered_keys_in_order() -> None:
    assert texts.pool("remark") == ("demo.remark.1", "demo.remark.2", "demo.remark.3")
    for name in POOLS:
        assert len(texts.pool(name)) >= 2, name


def test_a_pool_without_sentences_is_an_error() -> None:
    with pytest.raises(words.MissingWord, match=r"demo\.no_such_pool\.1"):
        texts.pool("no_such_pool")


def test_one_seed_gives_the_same_sentence_in_every_language() -> None:
    for seed in range(40):
        said = {
            lang: texts.say(random.Random(seed), "evidence", lang, date="31.05.2026")
            for lang in words.languages()
        }
        numbers = {lang: re.findall(r"\d+", text) for lang, text in said.items()}
        assert len({tuple(n) for n in numbers.values()}) == 1, said
        assert len(set(said.values())) == len(said), said


def test_sentences_are_different_ones_of_the_pool_joined_by_a_space() -> None:
    for seed in range(20):
        text = texts.sentences(random.Random(seed), "support_progress", "en", most=3)
        parts = [p for p in re.split(r"(?<=\.) ", text) if p]
        assert 1 <= len(parts) <= 3 and len(set(parts)) == len(parts)


def test_people_and_contacts_come_from_the_data_file() -> None:
    names = texts.people()
    name = texts.person(random.Random(3))
    first, last = name.split(" ")
    assert first in names["first_names"] and last in names["surnames"]
    assert texts.email("Ervin Çela") == "ervin.cela@example.gov.al"
    assert texts.email("Anna Maria Muça") == "anna.muca@example.gov.al"
    assert texts.email("!!!") == "raportues@example.gov.al"


def test_phone_numbers_are_tirana_landlines_or_mobiles() -> None:
    seen = {texts.phone(random.Random(seed)) for seed in range(40)}
    landline, mobile = r"\+355 4 2\d\d \d{4}", r"\+355 6[789] \d{3} \d{4}"
    assert all(re.fullmatch(f"{landline}|{mobile}", number) for number in seen), seen
    assert any(re.fullmatch(landline, n) for n in seen) and any(
        re.fullmatch(mobile, n) for n in seen
    )
