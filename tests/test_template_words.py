"""The template's words come from the ``template`` catalogues, looked up by key."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from nsm_excel.core import words
from nsm_excel.core.words import Word
from nsm_excel.plan.model import Institution
from nsm_excel.store.workspace import Workspace
from nsm_excel.template import instructions
from nsm_excel.template.columns import INDICATOR_COLUMNS, MEASURE_COLUMNS
from nsm_excel.template.cover_fields import COVER_FIELDS
from nsm_excel.template.generate import generate
from nsm_excel.template.layout import HEADER_ROW, KEY_ROW

COLUMNS = (*COVER_FIELDS, *MEASURE_COLUMNS, *INDICATOR_COLUMNS)


def test_every_column_label_and_input_message_is_a_word_of_every_language() -> None:
    for column in COLUMNS:
        shown = [column.label] + ([column.help] if column.help else [])
        for word in shown:
            assert isinstance(word, Word) and word.key.startswith("template."), column.key
            assert all(form.strip() for form in word.forms()), word.key


def test_every_input_column_has_an_input_message() -> None:
    assert all(c.help is not None for c in COLUMNS if c.input)


def _context() -> instructions.Context:
    institution = Institution("MB", "Ministria e Brendshme", "Ministry of Interior")
    return instructions.Context(
        strategy="Strategjia",
        institution=institution,
        period="2026-H1",
        deadline=dt.date(2026, 7, 31),
        contact_name="Sekretariati",
        contact_email="s@example.gov.al",
        contact_phone="",
        measures=3,
        indicators=2,
    )


def test_the_instructions_number_every_step_the_catalogues_hold() -> None:
    steps = instructions.steps()
    assert len(steps) >= 8
    assert not words.has(f"template.instructions.step-{len(steps) + 1}")
    english = [text for style, text in instructions.lines(_context(), "en") if style == "step"]
    assert english == [f"{n}. {s.get('en')}" for n, s in enumerate(steps, start=1)]


def test_an_albanian_template_shows_its_instructions_then_the_english_ones() -> None:
    albanian = [t for s, t in instructions.lines(_context(), "sq") if s == "heading"]
    heading = instructions.HEADING
    assert albanian[0] == heading.get("sq") and heading.get("en") in albanian[1:]
    english = [t for s, t in instructions.lines(_context(), "en") if s == "heading"]
    assert english.count(heading.get("en")) == 1 and heading.get("sq") not in english
    texts = [t for _, t in instructions.lines(_context(), "sq")]
    assert "Institucioni: MB · Ministria e Brendshme" in texts
    assert "Institution: MB · Ministry of Interior" in texts
    assert "Send it to: s@example.gov.al" in texts


def test_a_template_shows_its_column_words_in_its_header_and_input_messages(
    space: Workspace,
) -> None:
    generate(space)
    for code, lang in (("MB", "sq"), ("AIDA", "en")):
        ws = load_workbook(space.template_path(code, space.current_period()))["Measures"]
        prompts = {
            next(iter(rule.sqref.ranges)).min_col: rule
            for rule in ws.data_validations.dataValidation
        }
        for index, column in enumerate(MEASURE_COLUMNS, start=1):
            assert ws.cell(KEY_ROW, index).value == column.key
            assert ws.cell(HEADER_ROW, index).value == column.label.shown(lang, "\n")
            if column.help:
                rule = prompts[index]
                assert rule.promptTitle == column.label.get(lang)[:32]
                assert rule.prompt == column.help.shown(lang, "\n")[:255]
