"""Checks of single cells, by the kind of value their column holds (whatever the row).

One definition, two uses: the :class:`~nsm_excel.template.columns.TemplateColumn` that made a
template's unlocked cells, dropdowns and validation gives here, by its kind, the checks of
its cells.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.labels import STATUSES
from nsm_excel.core.values import is_email
from nsm_excel.core.vocab import units
from nsm_excel.intake import answers as rv
from nsm_excel.intake.checks.readings import shortened
from nsm_excel.intake.checks.rule import CellCheck, Found, register
from nsm_excel.template.columns import ValueKind

TEXTS = (ValueKind.TEXT, ValueKind.LONG_TEXT)
TOO_LARGE = C.RETURN_NUMBER_TOO_LARGE

# the code each problem of a number reader raises, by the kind of column
AMOUNT_PROBLEMS = {
    "invalid": C.RETURN_BAD_AMOUNT,
    "ambiguous": C.RETURN_AMBIGUOUS_NUMBER,
    "mixed": C.RETURN_MIXED_SEPARATORS,
    "negative": C.RETURN_NEGATIVE_AMOUNT,
    "too-large": TOO_LARGE,
}
WHOLE_PROBLEMS = units.WHOLE_PROBLEMS


def fine(reader: Callable[[Any], Any], *problems: str) -> Callable[[Any], bool]:
    """True where ``reader`` finds none of ``problems`` in the value."""
    return lambda value: reader(value).problem not in problems


def shown_for(code: str) -> Callable[[str], str]:
    """How a message of ``code`` quotes the value."""
    return shortened if code == TOO_LARGE else (lambda value: value)


def reader_checks(
    kind: ValueKind, reader: Callable[[Any], Any], codes: Mapping[str, str]
) -> list[CellCheck]:
    """One check per code a reader's problems raise, on the columns of ``kind``."""
    by_code: dict[str, list[str]] = {}
    for problem, code in codes.items():
        by_code.setdefault(code, []).append(problem)
    return [
        CellCheck(code, fine(reader, *problems), (kind,), shown=shown_for(code))
        for code, problems in by_code.items()
    ]


def _email_or_no_value(value: Any) -> bool:
    if isinstance(value, rv.Formula) or rv.error_value(value):
        return True  # reported as what it is
    return is_email(rv.text_of(value))


def _length(found: Found) -> dict[str, Any]:
    return {"length": f"{len(str(found.raw)):,}"}


def _first(found: Found) -> dict[str, Any]:
    return {"first": str(found.raw).lstrip()[:1]}


def _closest(found: Found) -> dict[str, Any]:
    """The closest status as its word, shown in the language of the message."""
    return {"closest": words.ref(STATUSES[rv.closest_status_code(found.raw)].key)}


register(
    CellCheck(C.RETURN_FORMULA, lambda v: not isinstance(v, rv.Formula)),
    CellCheck(C.RETURN_ERROR_VALUE, lambda v: not rv.error_value(v), empty_too=True),
    CellCheck(TOO_LARGE, lambda v: not (isinstance(v, float) and math.isinf(v)), shown=shortened),
    CellCheck(C.RETURN_TEXT_TOO_LONG, lambda v: not rv.too_long(v), TEXTS, params=_length),
    CellCheck(C.RETURN_CONTROL_CHARACTERS, lambda v: not rv.has_control_characters(v), TEXTS),
    CellCheck(C.RETURN_FORMULA_LIKE_TEXT, lambda v: not rv.formula_like(v), TEXTS, params=_first),
    CellCheck(
        C.RETURN_BAD_STATUS, fine(rv.read_status, "invalid"), (ValueKind.STATUS,), params=_closest
    ),
    reader_checks(ValueKind.AMOUNT, rv.read_spent, AMOUNT_PROBLEMS),
    CellCheck(C.RETURN_BAD_DATE, fine(rv.read_date, "invalid"), (ValueKind.DATE,)),
    reader_checks(ValueKind.WHOLE, rv.read_whole_count, WHOLE_PROBLEMS),
    CellCheck(C.RETURN_BAD_EMAIL, _email_or_no_value, (ValueKind.EMAIL,)),
)
