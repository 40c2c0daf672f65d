"""The one catalogue of issue codes: each code's severity, and its message by key.

The messages live in the ``issues`` word catalogues (``nsm_excel/locale/<lang>/LC_MESSAGES/
issues.po``) under ``issue.<code>``: each says what is wrong and how to fix it; the location
("Sheet Measures, cell H14") is put in front by :meth:`nsm_excel.core.issues.Issue.message`.
Placeholders are filled from the issue's ``value`` and ``params``; a parameter given as a word
(:func:`nsm_excel.core.words.ref`) is shown in the language of the message. Tests compare
against this catalogue, never against hand-typed text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode, Severity

C, E, W = IssueCode, Severity.ERROR, Severity.WARNING
SHEET, CELL = words.Word("issue.where.sheet"), words.Word("issue.where.cell")


@dataclass(frozen=True)
class Entry:
    """A code of the catalogue: how grave it is, and the key of its message."""

    code: IssueCode
    severity: Severity

    @property
    def key(self) -> str:
        return f"issue.{self.code}"

    def template(self, lang: str) -> str:
        """The message in ``lang`` with its placeholders as written."""
        return words.word(self.key, lang)


_SEVERITIES: dict[IssueCode, Severity] = {
    # --- the plan register (action_plan.xlsx) ---
    C.PLAN_FILE_UNREADABLE: E,
    C.PLAN_MISSING_SHEET: E,
    C.PLAN_MISSING_COLUMN: E,
    C.PLAN_DUPLICATE_COLUMN: E,
    C.PLAN_UNKNOWN_COLUMN: W,
    C.PLAN_REQUIRED: E,
    C.PLAN_BAD_CODE: E,
    C.PLAN_DUPLICATE_CODE: E,
    C.PLAN_CODE_CLASH: E,
    C.PLAN_BAD_CHOICE: E,
    C.PLAN_BAD_AMOUNT: E,
    C.PLAN_AMBIGUOUS_NUMBER: E,
    C.PLAN_MIXED_SEPARATORS: E,
    C.PLAN_NUMBER_TOO_LARGE: E,
    C.PLAN_NEGATIVE_AMOUNT: E,
    C.PLAN_BAD_NUMBER: E,
    C.PLAN_NOT_A_NUMBER: E,
    C.PLAN_TEXT_TOO_LONG: E,
    C.PLAN_CONTROL_CHARACTERS: W,
    C.PLAN_FORMULA_LIKE_TEXT: W,
    C.PLAN_BAD_PERIOD: E,
    C.PLAN_BAD_YEAR: E,
    C.PLAN_BAD_EMAIL: E,
    C.PLAN_BAD_GCM: E,
    C.PLAN_BAD_CODE_LIST: E,
    C.PLAN_UNKNOWN_INSTITUTION: E,
    C.PLAN_LEAD_IN_SUPPORTING: E,
    C.PLAN_BAD_PARENT: E,
    C.PLAN_GOAL_WITH_PARENT: W,
    C.PLAN_GOAL_WITHOUT_OBJECTIVES: W,
    C.PLAN_UNKNOWN_OBJECTIVE: E,
    C.PLAN_UNKNOWN_LINKED_CODE: E,
    C.PLAN_RESPONSIBLE_REQUIRED: E,
    C.PLAN_END_BEFORE_START: E,
    C.PLAN_OUTSIDE_ACTION_PLAN: W,
    C.PLAN_COST_YEAR_OUTSIDE: W,
    C.PLAN_FUNDING_MISMATCH: W,
    C.PLAN_PERCENT_RANGE: E,
    C.PLAN_YES_NO_VALUE: E,
    C.PLAN_DIRECTION_ON_YES_NO: W,
    C.PLAN_NO_MEASURES: E,
    C.PLAN_ACCEPTED_CODE_MOVED: E,
    C.PLAN_ACCEPTED_TITLE_CHANGED: W,
    # --- a returned file, before it is read (judged by its bytes) ---
    C.FILE_EMPTY: E,
    C.FILE_UNREADABLE: E,
    C.FILE_NOT_REGULAR: W,
    C.FILE_TOO_LARGE: E,
    C.FILE_NOT_EXCEL: E,
    C.FILE_LEGACY_XLS: E,
    C.FILE_ENCRYPTED: E,
    C.FILE_CORRUPT: E,
    C.FILE_ZIP_BOMB: E,
    C.FILE_XML_ENTITIES: E,
    C.FILE_STRICT_OOXML: E,
    C.FILE_DATA_CONNECTIONS: E,
    C.FILE_MACRO_ENABLED: E,
    C.FILE_EXTERNAL_LINKS: E,
    C.FILE_DUPLICATE: W,
    C.FILE_MANY_PROBLEMS: W,
    C.FILE_STILL_WRITING: W,
    # --- a returned workbook: its identity, structure and answers ---
    C.RETURN_NO_IDENTITY: E,
    C.RETURN_UNKNOWN_TEMPLATE: E,
    C.RETURN_IDENTITY_CONFLICT: E,
    C.RETURN_IDENTITY_CHANGED: E,
    C.RETURN_WRONG_PERIOD: E,
    C.RETURN_SUPERSEDED_VERSION: E,
    C.RETURN_FILE_RENAMED: W,
    C.RETURN_SHEET_MISSING: E,
    C.RETURN_SHEET_DUPLICATE: E,
    C.RETURN_SHEET_RENAMED: E,
    C.RETURN_SHEET_ADDED: E,
    C.RETURN_SHEETS_REORDERED: W,
    C.RETURN_KEY_ROW_MISSING: E,
    C.RETURN_COLUMNS_CHANGED: E,
    C.RETURN_ROW_ADDED: E,
    C.RETURN_ROW_REMOVED: E,
    C.RETURN_ROWS_REORDERED: E,
    C.RETURN_LOCKED_CHANGED: E,
    C.RETURN_PROTECTION_REMOVED: W,
    C.RETURN_MERGED_CELLS: E,
    C.RETURN_FAR_CELL: E,
    C.RETURN_HIDDEN_ROWS: W,
    C.RETURN_FORMULA: E,
    C.RETURN_ERROR_VALUE: E,
    C.RETURN_TEXT_TOO_LONG: E,
    C.RETURN_CONTROL_CHARACTERS: W,
    C.RETURN_FORMULA_LIKE_TEXT: W,
    C.RETURN_BAD_STATUS: E,
    C.RETURN_BAD_YES_NO: E,
    C.RETURN_BAD_AMOUNT: E,
    C.RETURN_AMBIGUOUS_NUMBER: E,
    C.RETURN_MIXED_SEPARATORS: E,
    C.RETURN_NUMBER_TOO_LARGE: E,
    C.RETURN_NEGATIVE_AMOUNT: E,
    C.RETURN_BAD_NUMBER: E,
    C.RETURN_BAD_WHOLE: E,
    C.RETURN_PERCENT_ON_NUMBER: E,
    C.RETURN_PERCENT_RANGE: E,
    C.RETURN_PERCENT_FRACTION: W,
    C.RETURN_BAD_DATE: E,
    C.RETURN_DATE_OUT_OF_RANGE: E,
    C.RETURN_SUBMISSION_DATE_OUT_OF_RANGE: E,
    C.RETURN_BAD_EMAIL: E,
    C.RETURN_REQUIRED: E,
    C.RETURN_REQUIRED_STATUS: E,
    C.RETURN_REQUIRED_PROGRESS: E,
    C.RETURN_REQUIRED_DELAY_REASON: E,
    C.RETURN_REQUIRED_EVIDENCE: E,
    C.RETURN_REQUIRED_COMPLETION_DATE: E,
    C.RETURN_REQUIRED_COMMENT: E,
    C.RETURN_REQUIRED_SEX: E,
    C.RETURN_SEX_SUM: E,
    C.RETURN_OVERSPENT: W,
    # --- the workspace (nsm doctor): {path} is relative to the workspace ---
    C.WORKSPACE_CONFIG_UNREADABLE: E,
    C.WORKSPACE_FOLDER_IS_FILE: E,
    C.WORKSPACE_PLAN_MISSING: E,
    C.WORKSPACE_RECORDS_MISSING: E,
    C.WORKSPACE_RECORDS_DAMAGED: E,
    C.WORKSPACE_RECORDS_NEWER: E,
    C.WORKSPACE_PATH_OUTSIDE: E,
    C.WORKSPACE_ARCHIVE_MISSING: E,
    C.WORKSPACE_ARCHIVE_CHANGED: E,
    C.WORKSPACE_ARCHIVE_UNRECORDED: W,
    C.WORKSPACE_FEEDBACK_MISSING: W,
    C.WORKSPACE_FEEDBACK_UNRECORDED: W,
    C.WORKSPACE_TEMPLATE_MISSING: W,
    C.WORKSPACE_TEMPLATE_CHANGED: W,
    C.WORKSPACE_LEFTOVER_TEMP: W,
    C.WORKSPACE_INTERRUPTED_RUN: W,
    C.WORKSPACE_INBOX_NOT_REGULAR: W,
}
CATALOGUE: dict[IssueCode, Entry] = {code: Entry(code, s) for code, s in _SEVERITIES.items()}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def code_of(code: str) -> IssueCode:
    """``code`` as a member of :class:`IssueCode`; an unknown code is a programmer error."""
    try:
        return IssueCode(code)
    except ValueError:
        raise KeyError(f"issue code {code!r} is not in the catalogue") from None


def entry(code: str) -> Entry:
    """The catalogue entry for ``code``; an unknown code is a programmer error."""
    return CATALOGUE[code_of(code)]


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """The message of ``code`` in ``lang``, placeholders filled from ``params`` (words shown in
    ``lang``; a placeholder without a value is left empty)."""
    shown = {name: words.resolve(value, lang) for name, value in params.items()}
    return entry(code).template(lang).format_map(_Blank(shown))


def markdown() -> str:
    """The catalogue as a Markdown table: the text of ``docs/issue-codes.md``."""
    lines = [
        "# Issue codes",
        "",
        "Every problem nsm-excel reports carries one of these codes. An error makes the input",
        "unusable; a warning is reported and accepted. Generated from",
        "`nsm_excel/core/catalogue.py` and the `issues` word catalogues in `nsm_excel/locale/`",
        "(`nsm codes --markdown > docs/issue-codes.md`); placeholders in braces are filled from",
        "the cell.",
        "",
        "| code | severity | message (English) | message (Albanian) |",
        "|---|---|---|---|",
    ]
    for code, item in CATALOGUE.items():
        lines.append(
            f"| `{code}` | {item.severity} | {item.template('en')} | {item.template('sq')} |"
        )
    return "\n".join(lines) + "\n"
