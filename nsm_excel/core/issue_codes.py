"""Every issue code: one member per problem the tool reports, its value the code people see.

A member's value is what ``--json`` output, the records and the docs carry
(``plan-required``); its severity is in :mod:`nsm_excel.core.catalogue` and its words are in the
``issues`` catalogues under ``issue.<code>``.
"""

from __future__ import annotations

from enum import StrEnum

from nsm_excel.core.vocab.terms import Severity

__all__ = ["IssueCode", "Severity"]


E, W = Severity.ERROR, Severity.WARNING


class IssueCode(StrEnum):
    """The codes, grouped as the catalogue lists them: the plan, a returned file before it is
    read, a returned workbook's identity and content, the workspace. Each member is its code
    and its severity: an error makes the input unusable, a warning is reported and accepted."""

    severity: Severity

    def __new__(cls, value: str, severity: Severity = Severity.ERROR) -> IssueCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        return member

    # --- the plan register (action_plan.xlsx) ---
    PLAN_FILE_UNREADABLE = "plan-file-unreadable", E
    PLAN_MISSING_SHEET = "plan-missing-sheet", E
    PLAN_MISSING_COLUMN = "plan-missing-column", E
    PLAN_DUPLICATE_COLUMN = "plan-duplicate-column", E
    PLAN_UNKNOWN_COLUMN = "plan-unknown-column", W
    PLAN_REQUIRED = "plan-required", E
    PLAN_BAD_CODE = "plan-bad-code", E
    PLAN_DUPLICATE_CODE = "plan-duplicate-code", E
    PLAN_CODE_CLASH = "plan-code-clash", E
    PLAN_BAD_CHOICE = "plan-bad-choice", E
    PLAN_BAD_CHOICE_LIST = "plan-bad-choice-list", E
    PLAN_BAD_AMOUNT = "plan-bad-amount", E
    PLAN_AMBIGUOUS_NUMBER = "plan-ambiguous-number", E
    PLAN_MIXED_SEPARATORS = "plan-mixed-separators", E
    PLAN_NUMBER_TOO_LARGE = "plan-number-too-large", E
    PLAN_NEGATIVE_AMOUNT = "plan-negative-amount", E
    PLAN_BAD_NUMBER = "plan-bad-number", E
    PLAN_NOT_A_NUMBER = "plan-not-a-number", E
    PLAN_TEXT_TOO_LONG = "plan-text-too-long", E
    PLAN_CONTROL_CHARACTERS = "plan-control-characters", W
    PLAN_FORMULA_LIKE_TEXT = "plan-formula-like-text", W
    PLAN_BAD_PERIOD = "plan-bad-period", E
    PLAN_BAD_YEAR = "plan-bad-year", E
    PLAN_BAD_EMAIL = "plan-bad-email", E
    PLAN_BAD_GCM = "plan-bad-gcm", E
    PLAN_BAD_CODE_LIST = "plan-bad-code-list", E
    PLAN_UNKNOWN_INSTITUTION = "plan-unknown-institution", E
    PLAN_LEAD_IN_SUPPORTING = "plan-lead-in-supporting", E
    PLAN_BAD_PARENT = "plan-bad-parent", E
    PLAN_GOAL_WITH_PARENT = "plan-goal-with-parent", W
    PLAN_GOAL_WITHOUT_OBJECTIVES = "plan-goal-without-objectives", W
    PLAN_UNKNOWN_OBJECTIVE = "plan-unknown-objective", E
    PLAN_UNKNOWN_LINKED_CODE = "plan-unknown-linked-code", E
    PLAN_RESPONSIBLE_REQUIRED = "plan-responsible-required", E
    PLAN_END_BEFORE_START = "plan-end-before-start", E
    PLAN_OUTSIDE_ACTION_PLAN = "plan-outside-action-plan", W
    PLAN_COST_YEAR_OUTSIDE = "plan-cost-year-outside", W
    PLAN_FUNDING_MISMATCH = "plan-funding-mismatch", W
    PLAN_PERCENT_RANGE = "plan-percent-range", E
    PLAN_YES_NO_VALUE = "plan-yes-no-value", E
    PLAN_DIRECTION_ON_YES_NO = "plan-direction-on-yes-no", W
    PLAN_SUM_NOT_ADDABLE = "plan-sum-not-addable", E
    PLAN_NO_MEASURES = "plan-no-measures", E
    PLAN_ACCEPTED_CODE_MOVED = "plan-accepted-code-moved", E
    PLAN_ACCEPTED_TITLE_CHANGED = "plan-accepted-title-changed", W
    PLAN_BAD_DATE = "plan-bad-date", E
    PLAN_SUCCESSION_CYCLE = "plan-succession-cycle", E
    PLAN_SUCCESSION_TWICE = "plan-succession-twice", E
    PLAN_SUCCEEDED_STILL_NAMED = "plan-succeeded-still-named", E
    # --- the plan against its adopted versions (nsm plan adopt, nsm generate) ---
    PLAN_NOT_ADOPTED = "plan-not-adopted", E
    PLAN_ROW_ADDED = "plan-row-added", W
    PLAN_ROW_REMOVED = "plan-row-removed", W
    PLAN_ROW_CHANGED = "plan-row-changed", W
    PLAN_ANSWERED_ROW_DROPPED = "plan-answered-row-dropped", W
    PLAN_CODE_REUSED = "plan-code-reused", E
    PLAN_INSTITUTION_REMOVED = "plan-institution-removed", E

    # --- a returned file, before it is read (judged by its bytes) ---
    FILE_EMPTY = "file-empty", E
    FILE_UNREADABLE = "file-unreadable", E
    FILE_NOT_REGULAR = "file-not-regular", W
    FILE_TOO_LARGE = "file-too-large", E
    FILE_NOT_EXCEL = "file-not-excel", E
    FILE_LEGACY_XLS = "file-legacy-xls", E
    FILE_ENCRYPTED = "file-encrypted", E
    FILE_CORRUPT = "file-corrupt", E
    FILE_ZIP_BOMB = "file-zip-bomb", E
    FILE_XML_ENTITIES = "file-xml-entities", E
    FILE_STRICT_OOXML = "file-strict-ooxml", E
    FILE_DATA_CONNECTIONS = "file-data-connections", E
    FILE_MACRO_ENABLED = "file-macro-enabled", E
    FILE_EXTERNAL_LINKS = "file-external-links", E
    FILE_DUPLICATE = "file-duplicate", W
    FILE_MANY_PROBLEMS = "file-many-problems", W
    FILE_STILL_WRITING = "file-still-writing", W

    # --- a returned workbook: its identity, structure and answers ---
    RETURN_NO_IDENTITY = "return-no-identity", E
    RETURN_UNKNOWN_TEMPLATE = "return-unknown-template", E
    RETURN_IDENTITY_CONFLICT = "return-identity-conflict", E
    RETURN_IDENTITY_CHANGED = "return-identity-changed", E
    RETURN_WRONG_PERIOD = "return-wrong-period", E  # before the calendar: one period at a time
    RETURN_PERIOD_CLOSED = "return-period-closed", E
    RETURN_PERIOD_NOT_OPEN = "return-period-not-open", E
    RETURN_SUPERSEDED_VERSION = "return-superseded-version", E
    RETURN_OLDER_VERSION = "return-older-version", W
    RETURN_SUCCEEDED_INSTITUTION = "return-succeeded-institution", W
    RETURN_ROW_CHANGED = "return-row-changed", W
    RETURN_ROW_DROPPED = "return-row-dropped", W
    RETURN_ROWS_ADDED = "return-rows-added", W
    RETURN_NEWER_VERSION_ANSWERED = "return-newer-version-answered", E
    RETURN_FILE_RENAMED = "return-file-renamed", W
    RETURN_COPY_MERGED = "return-copy-merged", W
    RETURN_COPIES_DIFFER = "return-copies-differ", W
    RETURN_SHEET_MISSING = "return-sheet-missing", E
    RETURN_SHEET_DUPLICATE = "return-sheet-duplicate", E
    RETURN_SHEET_RENAMED = "return-sheet-renamed", E
    RETURN_SHEET_ADDED = "return-sheet-added", E
    RETURN_SHEETS_REORDERED = "return-sheets-reordered", W
    RETURN_KEY_ROW_MISSING = "return-key-row-missing", E
    RETURN_COLUMNS_CHANGED = "return-columns-changed", E
    RETURN_ROW_ADDED = "return-row-added", E
    RETURN_ROW_REMOVED = "return-row-removed", E
    RETURN_ROWS_REORDERED = "return-rows-reordered", E
    RETURN_LOCKED_CHANGED = "return-locked-changed", E
    RETURN_PROTECTION_REMOVED = "return-protection-removed", W
    RETURN_MERGED_CELLS = "return-merged-cells", E
    RETURN_FAR_CELL = "return-far-cell", E
    RETURN_HIDDEN_ROWS = "return-hidden-rows", W
    RETURN_FORMULA = "return-formula", E
    RETURN_ERROR_VALUE = "return-error-value", E
    RETURN_TEXT_TOO_LONG = "return-text-too-long", E
    RETURN_CONTROL_CHARACTERS = "return-control-characters", W
    RETURN_FORMULA_LIKE_TEXT = "return-formula-like-text", W
    RETURN_BAD_STATUS = "return-bad-status", E
    RETURN_BAD_YES_NO = "return-bad-yes-no", E
    RETURN_BAD_AMOUNT = "return-bad-amount", E
    RETURN_AMBIGUOUS_NUMBER = "return-ambiguous-number", E
    RETURN_MIXED_SEPARATORS = "return-mixed-separators", E
    RETURN_NUMBER_TOO_LARGE = "return-number-too-large", E
    RETURN_NEGATIVE_AMOUNT = "return-negative-amount", E
    RETURN_BAD_NUMBER = "return-bad-number", E
    RETURN_BAD_WHOLE = "return-bad-whole", E
    RETURN_PERCENT_ON_NUMBER = "return-percent-on-number", E
    RETURN_PERCENT_RANGE = "return-percent-range", E
    RETURN_PERCENT_FRACTION = "return-percent-fraction", W
    RETURN_BAD_DATE = "return-bad-date", E
    RETURN_DATE_OUT_OF_RANGE = "return-date-out-of-range", E
    RETURN_SUBMISSION_DATE_OUT_OF_RANGE = "return-submission-date-out-of-range", E
    RETURN_BAD_EMAIL = "return-bad-email", E
    RETURN_REQUIRED = "return-required", E
    RETURN_REQUIRED_STATUS = "return-required-status", E
    RETURN_REQUIRED_PROGRESS = "return-required-progress", E
    RETURN_REQUIRED_DELAY_REASON = "return-required-delay-reason", E
    RETURN_REQUIRED_EVIDENCE = "return-required-evidence", E
    RETURN_REQUIRED_COMPLETION_DATE = "return-required-completion-date", E
    RETURN_REQUIRED_COMMENT = "return-required-comment", E
    RETURN_REQUIRED_SEX = "return-required-sex", E
    RETURN_SEX_SUM = "return-sex-sum", E
    RETURN_OVERSPENT = "return-overspent", W

    # --- the workspace (nsm doctor): {path} is relative to the workspace ---
    WORKSPACE_CONFIG_UNREADABLE = "workspace-config-unreadable", E
    WORKSPACE_ON_NETWORK = "workspace-on-network", E
    WORKSPACE_FOLDER_IS_FILE = "workspace-folder-is-file", E
    WORKSPACE_PLAN_MISSING = "workspace-plan-missing", E
    WORKSPACE_RECORDS_MISSING = "workspace-records-missing", E
    WORKSPACE_RECORDS_DAMAGED = "workspace-records-damaged", E
    WORKSPACE_RECORDS_NEWER = "workspace-records-newer", E
    WORKSPACE_PATH_OUTSIDE = "workspace-path-outside", E
    WORKSPACE_ARCHIVE_MISSING = "workspace-archive-missing", E
    WORKSPACE_ARCHIVE_CHANGED = "workspace-archive-changed", E
    WORKSPACE_ARCHIVE_UNRECORDED = "workspace-archive-unrecorded", W
    WORKSPACE_FEEDBACK_MISSING = "workspace-feedback-missing", W
    WORKSPACE_FEEDBACK_UNRECORDED = "workspace-feedback-unrecorded", W
    WORKSPACE_TEMPLATE_MISSING = "workspace-template-missing", W
    WORKSPACE_TEMPLATE_CHANGED = "workspace-template-changed", W
    WORKSPACE_LEFTOVER_TEMP = "workspace-leftover-temp", W
    WORKSPACE_INTERRUPTED_RUN = "workspace-interrupted-run", W
    WORKSPACE_INBOX_NOT_REGULAR = "workspace-inbox-not-regular", W

    # --- messages to institutions (nsm send, nsm remind): the plan's contact addresses ---
    MAIL_NO_ADDRESS = "mail-no-address", E
    MAIL_BAD_ADDRESS = "mail-bad-address", E
