"""Words shown to people, held by their keys in the ``labels`` catalogues: statuses, yes/no,
roles, units, sheet titles, template banners and input messages, Global Compact objectives.

An institution working in Albanian sees Albanian with English beside it; one working in English
sees English (:meth:`nsm_excel.core.words.Word.shown`).
"""

from __future__ import annotations

from nsm_excel.core.vocab import statuses, units
from nsm_excel.core.vocab.terms import Answer, Role, TargetGroup
from nsm_excel.core.words import Word, languages

LANGUAGES = languages()


def _words(prefix: str, keys: tuple[str, ...]) -> dict[str, Word]:
    return {key: Word(f"{prefix}.{key}") for key in keys}


# the words of the vocabularies (``nsm_excel.core.vocab``), by code
STATUSES = {code: status.word for code, status in statuses.STATUSES.items()}
YES_NO = Answer.words()
ROLES = Role.words()
TARGET_GROUPS = TargetGroup.words()
UNITS = {code: unit.word for code, unit in units.UNITS.items()}
SHEET_TITLES = _words("sheet", ("Instructions", "Cover", "Measures", "Indicators"))
BANNER = Word("template.banner")
SUBTITLE = Word("template.subtitle")
INPUT_ERROR_TITLE = Word("template.input-error-title")
STATUS_ERROR = Word("template.status-error")
YES_NO_ERROR = Word("template.yes-no-error")
AMOUNT_ERROR = Word("template.amount-error")
NUMBER_ERROR = Word("template.number-error")
PERCENT_ERROR = Word("template.percent-error")
WHOLE_ERROR = Word("template.whole-error")
DATE_ERROR = Word("template.date-error")
TEXT_ERROR = Word("template.text-error")
NOT_APPLICABLE = Word("not-applicable")
GCM_OBJECTIVES = {n: Word(f"gcm.{n}") for n in range(1, 24)}
SDG_GOALS = {n: Word(f"sdg.{n}") for n in range(1, 18)}  # the 17 Sustainable Development Goals
