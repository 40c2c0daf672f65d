"""The vocabularies: every member has its words, every reader exists, the colour sets are apart,
and the outputs take their colours and words from them."""

from __future__ import annotations

import pytest

from nsm_excel.core import words
from nsm_excel.core.vocab import colours, statuses, units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.core.vocab.terms import Answer, Direction, Disaggregation, Funding, Role, Severity
from nsm_excel.intake import answers
from nsm_excel.outputs import master_sheets, master_workbook, summary_report
from nsm_excel.outputs.report_words import WORDS


@pytest.mark.parametrize("lang", words.languages())
def test_every_member_has_its_word(lang: str) -> None:
    members = [*units.UNITS.values(), *statuses.STATUSES.values(), statuses.NO_REPORT]
    members += [*colours.LIGHTS.values()]
    members += [*Role, *Disaggregation, *Direction, *Funding, *Answer, *Severity]
    missing = [m.word.key for m in members if not words.has(m.word.key, lang)]
    entries = [k.entry for k in ValueKind if k.entry] + [
        u.entry.entry for u in units.UNITS.values()
    ]
    missing += [e.error for e in entries if e and not words.has(e.error, lang)]
    assert missing == []


def test_every_reader_named_is_a_function_of_intake() -> None:
    named = {k.reader for k in ValueKind if k.reader} | {u.reader for u in units.UNITS.values()}
    assert named - {"text_of"} <= set(answers.READERS)


def test_the_status_colours_and_the_rate_colours_share_none() -> None:
    status = {s.colour.fill for s in (*statuses.STATUSES.values(), statuses.NO_REPORT)}
    rates = {b.colour.fill for b in colours.BANDS} | {colours.NO_FIGURE.fill}
    rates |= {light.colour.fill for light in colours.LIGHTS.values()}
    assert len(status) == len(statuses.ORDER) and not status & rates


def test_the_master_workbook_and_the_report_colour_a_status_alike() -> None:
    for code in statuses.ORDER:
        colour = statuses.colour(code).fill
        assert master_workbook.STATUS_COLOURS[code] == colour
        assert summary_report.Formats("en").status_colour(code) == colour
    assert summary_report.Formats("en").status_colour("not_started") == "#54278F"


def test_the_master_workbook_and_the_report_colour_a_band_alike() -> None:
    for band in colours.BANDS:
        assert master_sheets.BAND_FILLS[band.label] == band.colour
        assert summary_report.Formats("en").band_colour(band.label) == band.colour.fill


@pytest.mark.parametrize("lang", words.languages())
def test_the_funding_gap_is_one_word_in_both_outputs(lang: str) -> None:
    gap = Funding.GAP.word
    assert master_sheets.SOURCES["gap"] == gap and WORDS["source_gap"] == gap
    assert gap.get(lang) == words.text("funding.gap", lang)


def test_a_unit_holds_the_figures_of_its_range() -> None:
    assert units.UNITS["percent"].holds(100) and not units.UNITS["percent"].holds(100.5)
    assert not units.UNITS["yes_no"].holds(0.5) and units.UNITS["yes_no"].holds(1)
    assert units.unit(None) is units.UNITS["number"] is units.unit("unknown")
