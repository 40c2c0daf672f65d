"""The fixed words of the summary report: the ``outputs.report.*`` keys of the ``outputs``
catalogues, by their short name (``title`` is ``outputs.report.title``).

Words with ``{placeholders}`` are filled by :meth:`nsm_excel.outputs.summary_report.Formats.word`.
"""

from __future__ import annotations

from nsm_excel.core.words import BESIDE, Word, catalogue

PREFIX = "outputs.report."


def report_word(name: str) -> Word:
    """The report's word ``name``; a state such as "on time" is written with an underscore."""
    return Word(PREFIX + name.replace(" ", "_"))


WORDS: dict[str, Word] = {
    key.removeprefix(PREFIX): Word(key) for key in catalogue(BESIDE) if key.startswith(PREFIX)
}
