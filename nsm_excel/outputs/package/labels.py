"""A code's label in both languages, as the package writes it beside the code: the
``<name>_label_sq`` and ``<name>_label_en`` columns."""

from __future__ import annotations

from nsm_excel.core.words import Word

LANGUAGES = ("sq", "en")


def labelled(name: str, code: str | None, word: Word | None) -> dict[str, str | None]:
    """``{name: code, name_label_sq: ..., name_label_en: ...}``; no labels without a code."""
    found: dict[str, str | None] = {name: code or None}
    for lang in LANGUAGES:
        found[f"{name}_label_{lang}"] = word.get(lang) if code and word else None
    return found


def spec(name: str) -> str:
    """The fields of :func:`labelled` for :func:`nsm_excel.outputs.package.schema.fields`."""
    return " ".join((name, *(f"{name}_label_{lang}" for lang in LANGUAGES)))
