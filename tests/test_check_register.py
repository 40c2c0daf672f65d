"""The value checks of returns are declarations: each in the register once, each in the
catalogue, each run by the schema of its sheet."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nsm_excel.core.catalogue import CATALOGUE
from nsm_excel.intake.checks import SCHEMAS, SHEETS, engine, rule
from nsm_excel.intake.checks.rule import REGISTER, Fact, RowRule
from nsm_excel.template.columns import ValueKind


def test_every_declared_code_has_a_message() -> None:
    codes = {c.code for c in REGISTER.cells} | {r.code for r in REGISTER.rows}
    assert codes - set(CATALOGUE) == set()


def test_each_sheet_schema_runs_its_rules_in_the_order_declared() -> None:
    for sheet in SHEETS:
        names = [c.name for c in SCHEMAS[sheet].checks]
        assert names == [r.name for r in REGISTER.rules(sheet)]
        assert names, sheet


def test_a_rule_declared_twice_is_refused() -> None:
    twice = REGISTER.rules("Measures")[0]
    with pytest.raises(ValueError, match="declared twice"):
        rule.register(twice)


def test_every_fact_a_rule_reads_is_declared_for_its_sheet() -> None:
    for sheet in SHEETS:
        inputs = {c.key for c in engine.INPUTS[sheet]}
        facts = {f.name for f in REGISTER.facts_of(sheet)}
        for declared in REGISTER.rules(sheet):
            source = _source(declared)
            read = set(re.findall(r'f\["(\w+)"\]', source))
            assert read <= inputs | facts, declared.name


def _source(declared: RowRule) -> str:
    import inspect

    try:
        return inspect.getsource(declared.holds)
    except (OSError, TypeError):
        return ""


def test_cell_checks_follow_the_kind_of_the_column() -> None:
    status = next(c for c in engine.INPUTS["Measures"] if c.kind is ValueKind.STATUS)
    codes = [c.code for c in engine.cell_checks(status)]
    common = ["return-formula", "return-error-value", "return-number-too-large"]
    assert codes == [*common, "return-bad-status"]


def test_a_fact_given_per_row_then_derived_reaches_the_frame() -> None:
    facts = {f.name: f for f in REGISTER.facts_of("Measures")}
    assert isinstance(facts["_limit"], Fact) and facts["_limit"].given is not None
    assert facts["_spent"].derived is not None
    spent = facts["_spent"].derived(
        pd.DataFrame({"spent_state": ["1 000", None], "spent_donor": [250, "x"]})
    )
    assert list(spent) == [1250.0, 0.0]
