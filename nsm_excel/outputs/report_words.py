"""The fixed words of the summary report: the ``outputs.report.*`` keys of the ``outputs``
catalogues, by their short name (``title`` is ``outputs.report.title``).

Words with ``{placeholders}`` are filled by :meth:`nsm_excel.outputs.summary_report.Formats.word`.
"""

from __future__ import annotations

from nsm_excel.core.vocab.terms import Funding
from nsm_excel.core.words import BESIDE, Word, catalogue

PREFIX = "outputs.report."


# the funding sources: the words of the vocabulary, as the master workbook shows them
SHARED = {f"source_{source}": word for source, word in Funding.words().items()}


def report_word(name: str) -> Word:
    """The report's word ``name``; a state such as "on time" is written with an underscore."""
    return SHARED.get(name) or Word(PREFIX + name.replace(" ", "_"))


WORDS: dict[str, Word] = {
    key.removeprefix(PREFIX): Word(key) for key in catalogue(BESIDE) if key.startswith(PREFIX)
} | SHARED
