"""Every word shown to people, looked up by key in the language asked for.

The words live in gettext catalogues, one folder per language under ``nsm_excel/locale/``
(``<lang>/LC_MESSAGES/<domain>.po``, compiled to ``.mo`` beside it by ``make words`` with
Babel), read by the standard library's :mod:`gettext` (Babel is not imported to run). A domain
groups the words of one part of the tool (``core``, ``labels``, ``issues``, ``template``,
``intake``, ``outputs``, ``demo``); keys are unique across domains.
The message id of an entry is its key (``status.completed``), its text a Python format string
whose placeholders are named (``{period}``). English is the language every other is shown beside.

A key missing from a language, or a placeholder missing from the values given, raises: a word
is never silently shown empty. A third language is a new folder of catalogues.
"""

from __future__ import annotations

from functools import cache
from gettext import GNUTranslations
from pathlib import Path
from typing import Any, TypeGuard

LOCALE = Path(__file__).resolve().parent.parent / "locale"
BESIDE = "en"  # the language shown beside every other


class MissingWord(LookupError):
    """A key no catalogue of the language holds (a programmer's error, caught by the tests)."""


def languages() -> tuple[str, ...]:
    """The languages there are catalogues for: in name order, English (beside the others) last."""
    found = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(sorted(found, key=lambda lang: lang == BESIDE))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of ``lang`` and its text, from the compiled catalogues of all domains."""
    folder = LOCALE / lang / "LC_MESSAGES"
    if not folder.is_dir():
        raise MissingWord(f"no catalogues for language {lang!r} in {LOCALE}")
    words: dict[str, str] = {}
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as handle:
            translations = GNUTranslations(handle)
        entries: dict[object, str] = translations._catalog  # type: ignore[attr-defined]
        words.update((key, text) for key, text in entries.items() if isinstance(key, str) and key)
    return words


def word(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang``, placeholders as written."""
    try:
        return catalogue(lang)[key]
    except KeyError:
        raise MissingWord(f"{lang}: no word for {key!r}") from None


def text(key: str, lang: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` with its placeholders filled from ``values``."""
    template = word(key, lang)
    try:
        return template.format_map(values)
    except KeyError as missing:
        raise MissingWord(f"{lang}: {key!r} needs the value {missing}") from None


def has(key: str, lang: str = BESIDE) -> bool:
    return key in catalogue(lang)


class Word:
    """A word of the catalogues held by its key, looked up when shown."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __repr__(self) -> str:
        return f"Word({self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Word) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def get(self, lang: str, /, **values: object) -> str:
        return text(self.key, lang, **values)

    def forms(self) -> tuple[str, ...]:
        """The word in every language, in language order."""
        return tuple(word(self.key, lang) for lang in languages())

    def shown(self, lang: str, sep: str = " / ", /, **values: object) -> str:
        """As a template shows it: the language and English beside it, or English alone."""
        own, beside = self.get(lang, **values), self.get(BESIDE, **values)
        return f"{own}{sep}{beside}" if lang != BESIDE and own != beside else beside


def in_language(record: object, name: str, lang: str) -> Any:
    """A record's own text in ``lang``: the field ``<name>_<lang>`` (``title_sq``), or the
    English one when the record has none for that language (plan and configuration texts come
    in the languages the register has columns for)."""
    own = getattr(record, f"{name}_{lang}", None)
    return own if own is not None else getattr(record, f"{name}_{BESIDE}")


Ref = dict[str, Any]  # {"word": key} or {"word": key, "values": {...}}, as JSON keeps it


def ref(key: str, /, **values: object) -> Ref:
    """A word given as a parameter: stored as its key and the facts its placeholders need (a
    part's name, a size; a value may itself be a ref), shown in the language asked for. A record
    keeping it (JSON) shows in every language, whenever it is read."""
    return {"word": key, "values": values} if values else {"word": key}


def is_ref(value: object) -> TypeGuard[Ref]:
    """Whether ``value`` is a :func:`ref` (as made, or as read back from JSON)."""
    if not isinstance(value, dict) or not isinstance(value.get("word"), str):
        return False
    keys = set(value)
    return keys == {"word"} or (keys == {"word", "values"} and isinstance(value["values"], dict))


def resolve(value: object, lang: str) -> object:
    """A parameter as shown in ``lang``: a :func:`ref` becomes its word with its values filled
    in (refs among them shown in ``lang`` too); anything else stays as it is."""
    if not is_ref(value):
        return value
    values = {name: resolve(given, lang) for name, given in value.get("values", {}).items()}
    return text(value["word"], lang, **values)
