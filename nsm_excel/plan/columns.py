"""The columns of the plan register's four sheets: one definition for the schema and the docs.

Follows the plan register's contract (``docs/plan.md``). Yearly columns (``cost_YYYY`` on
Measures, ``target_YYYY`` on Indicators) are recognised by their prefix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nsm_excel.core import words
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import ValueKind as Kind
from nsm_excel.core.vocab.terms import (
    Aggregation,
    Answer,
    Direction,
    Disaggregation,
    Frequency,
    TargetGroup,
)

__all__ = ["Kind", "PlanColumn", "column_for", "yearly_column"]


@dataclass(frozen=True)
class PlanColumn:
    key: str
    kind: Kind  # one of the kinds every stage shares (``nsm_excel.core.vocab.kinds``)
    required: bool = False
    options: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()  # a vocabulary's codes
    unique: bool = False

    @property
    def choices(self) -> tuple[str, ...]:
        """The codes a choice column allows, asked of its vocabulary when needed."""
        return self.options() if callable(self.options) else self.options


INSTITUTIONS = "Institutions"
OBJECTIVES = "Objectives"
MEASURES = "Measures"
INDICATORS = "Indicators"
SUCCESSION = "Succession"
SHEET_NAMES = (INSTITUTIONS, OBJECTIVES, MEASURES, INDICATORS)
OPTIONAL_SHEETS = (SUCCESSION,)  # read when the plan has them

INSTITUTION_TYPES = ("ministry", "agency", "police", "local", "independent", "other")
LANGUAGES = words.languages()  # an institution works in a language the catalogues have
LEVELS = ("goal", "objective")
DIRECTIONS = tuple(term.value for term in Direction)
DISAGGREGATIONS = tuple(term.value for term in Disaggregation)
YES_NO = tuple(term.value for term in Answer)
AGGREGATIONS = tuple(term.value for term in Aggregation)
FREQUENCIES = tuple(term.value for term in Frequency)
TARGET_GROUPS = tuple(term.value for term in TargetGroup)

COLUMNS: dict[str, tuple[PlanColumn, ...]] = {
    INSTITUTIONS: (
        PlanColumn("code", Kind.INSTITUTION_CODE, required=True, unique=True),
        PlanColumn("name_sq", Kind.TEXT, required=True),
        PlanColumn("name_en", Kind.TEXT, required=True),
        PlanColumn("acronym_en", Kind.TEXT),
        PlanColumn("type", Kind.CHOICE, options=INSTITUTION_TYPES),
        PlanColumn("contact_name", Kind.TEXT),
        PlanColumn("contact_email", Kind.EMAIL),
        PlanColumn("language", Kind.CHOICE, options=LANGUAGES),
    ),
    OBJECTIVES: (
        PlanColumn("code", Kind.CODE, required=True, unique=True),
        PlanColumn("level", Kind.CHOICE, required=True, options=LEVELS),
        PlanColumn("parent_code", Kind.CODE),
        PlanColumn("title_sq", Kind.TEXT, required=True),
        PlanColumn("title_en", Kind.TEXT, required=True),
        PlanColumn("gcm_objectives", Kind.GCM_LIST),
        PlanColumn("sdg_targets", Kind.TEXT_LIST),
    ),
    MEASURES: (
        PlanColumn("code", Kind.CODE, required=True, unique=True),
        PlanColumn("objective_code", Kind.CODE, required=True),
        PlanColumn("title_sq", Kind.TEXT, required=True),
        PlanColumn("title_en", Kind.TEXT, required=True),
        PlanColumn("lead", Kind.INSTITUTION_CODE, required=True),
        PlanColumn("supporting", Kind.INSTITUTION_LIST),
        PlanColumn("start", Kind.PERIOD, required=True),
        PlanColumn("end", Kind.PERIOD, required=True),
        PlanColumn("funding_state", Kind.AMOUNT),
        PlanColumn("funding_donor", Kind.AMOUNT),
        PlanColumn("funding_gap", Kind.AMOUNT),
        PlanColumn("donors", Kind.TEXT),
        PlanColumn("gcm_objectives", Kind.GCM_LIST),
        PlanColumn("gender_relevant", Kind.CHOICE, options=YES_NO),
        PlanColumn("target_groups", Kind.CHOICE_LIST, options=TARGET_GROUPS),
        PlanColumn("output", Kind.TEXT),
    ),
    INDICATORS: (
        PlanColumn("code", Kind.CODE, required=True, unique=True),
        PlanColumn("linked_code", Kind.CODE, required=True),
        PlanColumn("name_sq", Kind.TEXT, required=True),
        PlanColumn("name_en", Kind.TEXT, required=True),
        PlanColumn("unit", Kind.CHOICE, required=True, options=units.codes),
        PlanColumn("direction", Kind.CHOICE, options=DIRECTIONS),
        PlanColumn("baseline", Kind.NUMBER),
        PlanColumn("baseline_year", Kind.YEAR),
        PlanColumn("target_final", Kind.NUMBER),
        PlanColumn("responsible", Kind.INSTITUTION_CODE),
        PlanColumn("disaggregation", Kind.CHOICE, options=DISAGGREGATIONS),
        PlanColumn("source", Kind.TEXT),
        PlanColumn("aggregation", Kind.CHOICE, options=AGGREGATIONS),
        PlanColumn("frequency", Kind.CHOICE, options=FREQUENCIES),
    ),
    SUCCESSION: (  # from `date` on, the new code(s) report for the old one
        PlanColumn("old_code", Kind.INSTITUTION_CODE, required=True),
        PlanColumn("new_code", Kind.INSTITUTION_LIST, required=True),  # several: a split
        PlanColumn("date", Kind.DATE, required=True),
        PlanColumn("note", Kind.TEXT),
    ),
}

YEARLY_PREFIX: dict[str, tuple[str, Kind]] = {
    MEASURES: ("cost_", Kind.AMOUNT),
    INDICATORS: ("target_", Kind.NUMBER),
}


def yearly_column(sheet: str, key: str) -> PlanColumn | None:
    """The column definition for ``cost_2025``-style keys, or ``None`` when ``key`` is not one."""
    if sheet not in YEARLY_PREFIX:
        return None
    prefix, kind = YEARLY_PREFIX[sheet]
    suffix = key[len(prefix) :]
    if key.startswith(prefix) and len(suffix) == 4 and suffix.isdigit():
        return PlanColumn(key, kind)
    return None


def column_for(sheet: str, key: str) -> PlanColumn | None:
    """The definition of ``key`` on ``sheet``, fixed or yearly; ``None`` for an unknown key."""
    for column in COLUMNS[sheet]:
        if column.key == key:
            return column
    return yearly_column(sheet, key)
