"""The languages an institution may work in are offered Albanian first, English last, as the
plan's messages always listed them."""

from __future__ import annotations

from pathlib import Path

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.plan import loader
from tests.conftest import plan_bytes, small_plan


def test_english_comes_last_among_the_languages() -> None:
    found = words.languages()
    assert found[-1] == words.BESIDE
    assert found.index("sq") < found.index("en")


def test_a_wrong_language_in_the_plan_lists_albanian_then_english(tmp_path: Path) -> None:
    rows = small_plan()
    rows["Institutions"][1]["language"] = "fr"
    path = tmp_path / "action_plan.xlsx"
    path.write_bytes(plan_bytes(rows))
    found = loader.load_plan(path).report
    (issue,) = [i for i in found if i.code is IssueCode.PLAN_BAD_CHOICE]
    assert issue.message("en").endswith("Use one of: sq, en.")
