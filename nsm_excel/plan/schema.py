"""Pandera schemas for the plan's four sheets, declared from :mod:`nsm_excel.plan_columns`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import pandera.pandas as pa

from nsm_excel.core import values
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.lazy_schema import element_check
from nsm_excel.core.periods import parse_period
from nsm_excel.plan.columns import Kind, PlanColumn

INSTITUTION_CODE = re.compile(r"^[A-Z0-9_]{2,12}$")

BUILTIN_CODES = {"not_nullable": C.PLAN_REQUIRED, "field_uniqueness": C.PLAN_DUPLICATE_CODE}


def _is_institution_code(value: Any) -> bool:
    return bool(INSTITUTION_CODE.match(values.read_code(value)))


def _is_code_list(value: Any) -> bool:
    return all(_is_institution_code(item) for item in values.split_list(value))


def _is_gcm_list(value: Any) -> bool:
    items = values.split_list(value)
    readings = [values.read_whole(item) for item in items]
    return bool(items) and all(r.value is not None and 1 <= r.value <= 23 for r in readings)


def _is_year(value: Any) -> bool:
    reading = values.read_whole(value)
    return reading.value is not None and 1900 <= reading.value <= 2100


def _not_problem(
    reader: Callable[[Any], values.Reading[Any]], problem: str
) -> Callable[[Any], bool]:
    return lambda value: reader(value).problem != problem


def _checks(column: PlanColumn) -> list[pa.Check]:
    kind = column.kind
    if kind is Kind.INSTITUTION_CODE:
        return [element_check(C.PLAN_BAD_CODE, _is_institution_code)]
    if kind is Kind.INSTITUTION_LIST:
        return [element_check(C.PLAN_BAD_CODE_LIST, _is_code_list)]
    if kind is Kind.CHOICE:
        return [  # the choices are asked of the vocabulary when a cell is checked
            element_check(
                C.PLAN_BAD_CHOICE, lambda v: values.clean_text(v).lower() in column.choices
            )
        ]
    if kind is Kind.CHOICE_LIST:
        return [
            element_check(
                C.PLAN_BAD_CHOICE_LIST,
                lambda v: (
                    bool(values.split_list(v))
                    and all(values.read_choice(i) in column.choices for i in values.split_list(v))
                ),
            )
        ]
    if kind is Kind.AMOUNT:
        return [
            element_check(C.PLAN_BAD_AMOUNT, _not_problem(values.read_amount, "invalid")),
            element_check(C.PLAN_AMBIGUOUS_NUMBER, _not_problem(values.read_amount, "ambiguous")),
            element_check(C.PLAN_MIXED_SEPARATORS, _not_problem(values.read_amount, "mixed")),
            element_check(C.PLAN_NEGATIVE_AMOUNT, _not_problem(values.read_amount, "negative")),
            element_check(C.PLAN_NUMBER_TOO_LARGE, _not_problem(values.read_amount, "too-large")),
        ]
    if kind is Kind.NUMBER:
        return [
            element_check(C.PLAN_BAD_NUMBER, _not_problem(values.read_number, "invalid")),
            element_check(C.PLAN_AMBIGUOUS_NUMBER, _not_problem(values.read_number, "ambiguous")),
            element_check(C.PLAN_MIXED_SEPARATORS, _not_problem(values.read_number, "mixed")),
            element_check(C.PLAN_NUMBER_TOO_LARGE, _not_problem(values.read_number, "too-large")),
        ]
    if kind is Kind.PERIOD:
        return [element_check(C.PLAN_BAD_PERIOD, lambda v: parse_period(v) is not None)]
    if kind is Kind.YEAR:
        return [element_check(C.PLAN_BAD_YEAR, _is_year)]
    if kind is Kind.EMAIL:
        return [  # one address, or several separated by ';' or ','
            element_check(
                C.PLAN_BAD_EMAIL,
                lambda v: (
                    bool(values.split_list(v)) and all(map(values.is_email, values.split_list(v)))
                ),
            )
        ]
    if kind is Kind.GCM_LIST:
        return [element_check(C.PLAN_BAD_GCM, _is_gcm_list)]
    if kind is Kind.DATE:
        return [element_check(C.PLAN_BAD_DATE, lambda v: values.read_day(v) is not None)]
    return []


def sheet_schema(columns: Iterable[PlanColumn]) -> pa.DataFrameSchema:
    """The schema of one sheet for the columns present; frames hold raw cell values (object)."""
    return pa.DataFrameSchema(
        {
            c.key: pa.Column(
                object,
                nullable=not c.required,
                unique=c.unique,
                required=False,
                checks=_checks(c),
            )
            for c in columns
        },
        strict=False,
        coerce=False,
    )
