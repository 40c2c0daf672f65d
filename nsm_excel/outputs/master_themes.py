"""The master's sheets by theme, declared apart from any spreadsheet library: Gender (women's
share of each sex-disaggregated indicator, then the gender-relevant measures by policy goal and
in all), Target groups (the measures by the group they serve) and SDG (by SDG target beside the
GCM objectives' roll-up). Every figure comes from
:class:`~nsm_excel.consolidate.model.Consolidated` as it is.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from nsm_excel.consolidate.model import Consolidated, IndicatorLine, Rollup
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.words import Word, in_language
from nsm_excel.outputs.master_sheets import (
    Column,
    Table,
    by_unit,
    column,
    rate_cell,
    rollup_columns,
)

GENDER_ALL = Word("outputs.gender.all")
CAPTIONS = {
    key: Word(f"outputs.caption.{key}")
    for key in ("gender_indicators", "gender_measures", "target_groups", "by_gcm", "by_sdg")
}
NOTE = Word("outputs.note.target_groups")
SHEETS = {"gender": "Gender", "target_groups": "Target groups", "sdg": "SDG"}


def theme_tables(data: Consolidated, lang: str) -> dict[str, list[Table[Any]]]:
    """The Gender, Target groups and SDG sheets' tables, in the workbook's order."""
    return {
        SHEETS["gender"]: gender(data, lang),
        SHEETS["target_groups"]: [target_groups(data, lang)],
        SHEETS["sdg"]: sdg(data, lang),
    }


def women_columns(lang: str) -> list[Column[IndicatorLine]]:
    return [
        column("code", K.TEXT, 11, lambda i: i.code),
        column("indicator", K.LONG_TEXT, 48, lambda i: in_language(i, "name", lang)),
        column("actual", K.NUMBER, 15, lambda i: by_unit(i.actual, i.unit, lang)),
        column("women", K.NUMBER, 12, lambda i: i.women),
        column("men", K.NUMBER, 12, lambda i: i.men),
        column("women_share", K.PERCENT, 12, lambda i: i.women_share),
    ]


def money_rate_columns(lang: str, key: Column[Rollup]) -> list[Column[Rollup]]:
    """A group's measures, due, implemented, rate ("no report" when none due was reported),
    planned and spent."""
    return [
        key,
        column("title", K.LONG_TEXT, 40, lambda r: in_language(r, "title", lang)),
        column("measures", K.COUNT, 10, lambda r: r.measures),
        column("due", K.COUNT, 12, lambda r: r.due),
        column("implemented", K.COUNT, 12, lambda r: r.implemented),
        column("due_reported", K.COUNT, 12, lambda r: r.reported_due),
        column(
            "rate", K.PERCENT, 15, lambda r: rate_cell(r.implementation_rate, lang, r.no_report)
        ),
        column("planned", K.AMOUNT, 16, lambda r: r.planned),
        column("spent", K.AMOUNT, 16, lambda r: r.spent),
    ]


def gender(data: Consolidated, lang: str) -> list[Table[Any]]:
    """Women's share of every sex-disaggregated indicator; gender-relevant measures by goal and,
    last, all of them."""
    by_sex = [i for i in data.indicators if i.disaggregation == "sex"]
    rows = list(data.gender)
    if data.gender_total is not None:
        total = GENDER_ALL.get
        rows.append(dataclasses.replace(data.gender_total, title_sq=total("sq"),
                                        title_en=total("en")))  # fmt: skip
    key: Column[Rollup] = column("goal", K.TEXT, 11, lambda r: "" if r.key == "gender" else r.key)
    return [
        Table("GenderIndicators", women_columns(lang), by_sex, CAPTIONS["gender_indicators"]),
        Table("GenderMeasures", money_rate_columns(lang, key), rows, CAPTIONS["gender_measures"]),
    ]


def target_groups(data: Consolidated, lang: str) -> Table[Rollup]:
    """The measures by target group; a measure counts in each group it serves (the note)."""
    key: Column[Rollup] = column("target_group", K.TEXT, 11, lambda r: r.key)
    columns = money_rate_columns(lang, key)[1:]  # the group's word, not its code
    return Table("TargetGroups", columns, data.target_groups, CAPTIONS["target_groups"], NOTE)


def sdg(data: Consolidated, lang: str) -> list[Table[Rollup]]:
    """By SDG target, with the same columns as the GCM sheet: the target ("10.7") beside its
    goal's name ("Reduced inequalities"), not repeated in it."""
    key: Column[Rollup] = column("sdg_target", K.TEXT, 10, lambda r: r.key)
    columns = rollup_columns(lang, key)
    columns[1] = column("title", K.LONG_TEXT, 40, lambda r: untitled(r, lang))
    return [Table("SdgRollup", columns, data.sdg, CAPTIONS["by_sdg"])]


def untitled(rollup: Rollup, lang: str) -> str:
    """A roll-up's title in ``lang`` without the code it begins with, if it does."""
    title = str(in_language(rollup, "title", lang))
    return title.removeprefix(f"{rollup.key} ") if rollup.key else title
