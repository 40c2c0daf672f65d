"""The text of a template's Instructions sheet, in the institution's language (and English).

The words are the ``template.instructions.*`` entries of the ``template`` catalogues; this module
only orders them, and numbers as many steps as the catalogues hold. An institution working in
another language than English reads its own block first, then the English one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nsm_excel.core import words
from nsm_excel.core.labels import STATUSES
from nsm_excel.core.words import BESIDE, Word
from nsm_excel.plan.model import Institution

HEADING = Word("template.instructions.heading")
INSTITUTION = Word("template.instructions.institution")
PERIOD = Word("template.instructions.period")
DEADLINE = Word("template.instructions.deadline")
COUNTS = Word("template.instructions.counts")
STATUSES_HEADING = Word("template.instructions.statuses")
QUESTIONS = Word("template.instructions.questions")
SEND = Word("template.instructions.send")


@dataclass(frozen=True)
class Context:
    strategy: str  # in the institution's language
    institution: Institution
    period: str
    deadline: dt.date
    contact_name: str
    contact_email: str
    contact_phone: str
    measures: int
    indicators: int


def steps() -> tuple[Word, ...]:
    """The numbered steps, as many as the catalogues hold (``step-1``, ``step-2`` ...)."""
    found: list[Word] = []
    while words.has(key := f"template.instructions.step-{len(found) + 1}"):
        found.append(Word(key))
    return tuple(found)


def lines(context: Context, lang: str) -> list[tuple[str, str]]:
    """(style, text) pairs, top to bottom: 'title', 'heading', 'text', 'step' or 'status'."""
    out: list[tuple[str, str]] = [("title", context.strategy)]
    for language in dict.fromkeys((lang, BESIDE)):
        out.extend(_block(context, language))
    return out


def _block(context: Context, lang: str) -> list[tuple[str, str]]:
    institution = f"{context.institution.code} · {context.institution.name(lang)}"
    deadline = context.deadline.strftime("%d.%m.%Y")
    counts = COUNTS.get(lang, measures=context.measures, indicators=context.indicators)
    out: list[tuple[str, str]] = [
        ("heading", HEADING.get(lang)),
        ("text", INSTITUTION.get(lang, institution=institution)),
        ("text", PERIOD.get(lang, period=context.period)),
        ("text", DEADLINE.get(lang, deadline=deadline)),
        ("text", counts),
    ]
    out.extend(("step", f"{n}. {step.get(lang)}") for n, step in enumerate(steps(), start=1))
    out.append(("heading", STATUSES_HEADING.get(lang)))
    out.extend(
        ("status", f"{label.get(lang)}: {Word(f'template.instructions.status.{code}').get(lang)}")
        for code, label in STATUSES.items()
    )
    contact = ", ".join(p for p in (context.contact_email, context.contact_phone) if p)
    out.append(("heading", QUESTIONS.get(lang, name=context.contact_name)))
    out.append(("text", SEND.get(lang, contact=contact)))
    return out
