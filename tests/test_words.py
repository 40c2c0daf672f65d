"""The word catalogues: every language has every key with the same placeholders, the compiled
catalogues match their sources, and a missing word fails loudly."""

from __future__ import annotations

import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from nsm_excel.core import words
from nsm_excel.core.words import MissingWord, Word


def _sources() -> dict[tuple[str, str], Catalog]:
    found = {}
    for po in sorted(words.LOCALE.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            found[(po.parts[-3], po.stem)] = read_po(handle)
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_are_two_languages_at_least() -> None:
    assert {"en", "sq"} <= set(words.languages())


def test_every_language_has_every_key_of_every_domain() -> None:
    sources = _sources()
    domains = {domain for _, domain in sources}
    for lang in words.languages():
        for domain in domains:
            assert (lang, domain) in sources, f"{lang} has no {domain}.po"
    for domain in domains:
        keys = {lang: {m.id for m in sources[(lang, domain)] if m.id} for lang in words.languages()}
        english = keys[words.BESIDE]
        for lang, found in keys.items():
            assert found == english, f"{lang}/{domain}.po: {sorted(found ^ english)}"


def test_every_entry_is_translated_with_the_same_placeholders() -> None:
    sources = _sources()
    for (lang, domain), catalogue in sources.items():
        english = sources[(words.BESIDE, domain)]
        for message in catalogue:
            if not message.id:
                continue
            assert message.string, f"{lang}/{domain}.po: {message.id} is empty"
            beside = english[message.id].string
            assert _fields(message.string) == _fields(beside), f"{lang}: {message.id}"


def test_keys_are_unique_across_domains() -> None:
    seen: dict[str, str] = {}
    for (lang, domain), catalogue in _sources().items():
        if lang != words.BESIDE:
            continue
        for message in catalogue:
            if message.id:
                where = f"{seen.get(message.id)} and {domain}"
                assert message.id not in seen, f"{message.id} in {where}"
                seen[message.id] = domain


def test_the_shipped_compiled_catalogues_match_their_sources() -> None:
    for po in sorted(words.LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing: make words"
        with po.open("rb") as a, mo.open("rb") as b:
            source, compiled = read_po(a), read_mo(b)
        written = {m.id: m.string for m in source if m.id}
        shipped = {m.id: m.string for m in compiled if m.id}
        assert shipped == written, f"{mo} is older than {po.name}: make words"


def test_a_missing_key_or_value_raises_instead_of_showing_nothing() -> None:
    with pytest.raises(MissingWord):
        words.text("no.such.key", "en")
    with pytest.raises(MissingWord, match="period"):
        words.text("template.banner", "sq")
    with pytest.raises(MissingWord):
        words.text("status.completed", "xx")


@pytest.fixture
def third_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogues with an Italian folder made from the English one."""
    locale = tmp_path / "locale"
    shutil.copytree(words.LOCALE, locale)
    folder = locale / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for po in (locale / "en" / "LC_MESSAGES").glob("*.po"):
        with po.open("rb") as handle:
            catalogue = read_po(handle, locale="it")
        for message in catalogue:
            if message.id == "status.completed":
                message.string = "Completato"
        with (folder / po.name).open("wb") as handle:
            write_po(handle, catalogue)
        with (folder / po.with_suffix(".mo").name).open("wb") as handle:
            write_mo(handle, catalogue)
    monkeypatch.setattr(words, "LOCALE", locale)
    words.catalogue.cache_clear()
    yield locale
    words.catalogue.cache_clear()


def test_a_third_language_is_a_new_folder_of_catalogues(third_language: Path) -> None:
    assert "it" in words.languages()
    assert Word("status.completed").shown("it") == "Completato / Completed"
    assert Word("status.delayed").get("it") == "Delayed"  # untranslated yet: the English text
