"""Every table of the master workbook, sheet by sheet, declared apart from any spreadsheet
library: :func:`sheets` gives them in the workbook's order.

The Overview holds the key figures, the measures by status and the tables behind its three
charts (status by policy goal, implementation rate by lead institution, planned against spent
by policy goal); the Budget sheet holds the money by funding source, by objective and by
institution. The other sheets' columns are declared in :mod:`nsm_excel.outputs.master_sheets`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import STATUS_ORDER, Consolidated, Overview, Rollup
from nsm_excel.consolidate.passport import PassportLine
from nsm_excel.core.labels import STATUSES
from nsm_excel.core.vocab.kinds import ValueKind as K
from nsm_excel.core.vocab.terms import Funding
from nsm_excel.core.words import Word, in_language
from nsm_excel.outputs.comparison import FIGURE_OF, Comparison, comparison
from nsm_excel.outputs.master_changes import changes_table
from nsm_excel.outputs.master_decisions import issue_tables
from nsm_excel.outputs.master_history import orphan_tables
from nsm_excel.outputs.master_passport import passport_table
from nsm_excel.outputs.master_sheets import (
    NO_REPORT,
    SOURCES,
    Cell,
    Column,
    Table,
    column,
    indicator_columns,
    institution_columns,
    measure_columns,
    rate_cell,
    rollup_columns,
    rollup_keys,
    status_columns,
)
from nsm_excel.outputs.master_themes import theme_tables

FIGURE_KINDS = {
    "period": K.TEXT, "deadline": K.DATE, "expected": K.COUNT, "accepted": K.COUNT,
    "on_time": K.COUNT, "late": K.COUNT, "rejected": K.COUNT, "missing": K.COUNT,
    "reporting_rate": K.PERCENT, "on_time_rate": K.PERCENT, "due": K.COUNT, "implemented": K.COUNT,
    "implementation_rate": K.PERCENT, "band": K.TEXT, "planned": K.AMOUNT, "spent": K.AMOUNT,
    "execution": K.PERCENT,
}  # fmt: skip
FIGURES = {key: Word(f"outputs.figure.{key}") for key in FIGURE_KINDS}
CAPTIONS = {
    key: Word(f"outputs.caption.{key}")
    for key in ("figures", "statuses", "by_goal", "by_institution", "budget", "by_source",
                "budget_by_objective", "budget_by_institution", "gap")
}  # fmt: skip
BASIS = {key: Word(f"outputs.basis.{key}") for key in ("implementation", "reporting", "on_time",
                                                       "execution")}  # fmt: skip
GAP_NOTE = Word("outputs.note.gap")
FIRST = Word("outputs.compare.first")
UNDEFINED = Word("outputs.compare.undefined")
NO_FIGURE = Word("outputs.compare.no_figure")
SILENT = ("rejected", "missing")  # states of an institution whose rate would say nothing


def sheets(
    data: Consolidated,
    lang: str,
    before: Overview | None = None,
    passport: Sequence[PassportLine] = (),
) -> dict[str, list[Table[Any]]]:
    """The tables of each sheet of the master, in the workbook's order: the key figures beside
    ``before``'s, the previous period's (``None``: the first period); the Passport sheet when
    ``passport`` has lines."""
    found: dict[str, list[Table[Any]]] = {"Overview": overview(data, lang, before)}
    found["Measures"] = [Table("Measures", measure_columns(lang), data.measures)]
    found["Indicators"] = [Table("Indicators", indicator_columns(lang), data.indicators)]
    if passport:
        found["Passport"] = [passport_table(passport, lang)]
    for sheet, rows in (("Goals", data.goals), ("Objectives", data.objectives), ("GCM", data.gcm)):
        columns = rollup_columns(lang, rollup_keys()[sheet], links=sheet != "GCM")
        found[sheet] = [Table(f"{sheet}Rollup", columns, rows)]
    themes = theme_tables(data, lang)
    found["SDG"] = themes.pop("SDG")
    found["Institutions"] = [Table("Institutions", institution_columns(lang), data.institutions)]
    found["Budget"] = budget(data, lang)
    found.update(themes)
    found["Issues"] = issue_tables(data, lang)
    found["Changes"] = [changes_table(data.changes, lang)]
    found.update(orphan_tables(data.orphans, lang))
    return found


def overview(data: Consolidated, lang: str, before: Overview | None = None) -> list[Table[Any]]:
    """Key figures (beside ``before``'s), measures by status, status by goal, rate by lead,
    budget by goal."""
    leads = [r for r in data.by_institution if r.due > 0]
    silent = {i.code for i in data.institutions if i.state in SILENT}
    tables: list[Table[Any]] = [
        key_figures(data.overview, lang, comparison(data.overview, before)),
        status_counts(data.overview, lang),
        Table("StatusByGoal", goal_columns(lang) + status_columns(), data.goals,
              CAPTIONS["by_goal"]),
        Table("RateByInstitution", rate_columns(lang, silent), leads, CAPTIONS["by_institution"]),
        Table("BudgetByGoal", money_columns(lang, "goal", 36), data.goals, CAPTIONS["budget"]),
    ]  # fmt: skip
    return tables


def key_figures(o: Overview, lang: str, compared: Comparison) -> Table[tuple[str, Cell]]:
    """Each key figure; a rate with what it rests on beside it, the implementation rate "no
    report" when no measure due was reported; the compared ones with the previous period's
    figure and the difference (``▲ +6.0``), "first period" or undefined when either is none."""
    values = {key: getattr(o, key) for key in FIGURE_KINDS}
    rows = [(key, Cell(value, FIGURE_KINDS[key])) for key, value in values.items()]
    if o.no_report:
        rows = [(k, Cell(NO_REPORT.shown(lang), K.TEXT)) if k in ("implementation_rate", "band")
                else (k, c) for k, c in rows]  # fmt: skip
    bases = {
        "implementation_rate": BASIS["implementation"].shown(
            lang, due=o.due, reported=o.reported_due, accepted=o.accepted, expected=o.expected),
        "reporting_rate": BASIS["reporting"].shown(lang, expected=o.expected,
                                                   accepted=o.accepted),
        "on_time_rate": BASIS["on_time"].shown(lang, expected=o.expected, on_time=o.on_time),
        "execution": BASIS["execution"].shown(lang),
    }  # fmt: skip
    columns: list[Column[tuple[str, Cell]]] = [
        Column("figure", Word("outputs.master.figure"), K.LONG_TEXT, 50,
               lambda f: FIGURES[f[0]].shown(lang)),
        Column("value", Word("outputs.master.value"), K.TEXT, 34, lambda f: f[1]),
        column("basis", K.LONG_TEXT, 30, lambda f: bases.get(f[0], "")),
        column("previous", K.LONG_TEXT, 16, lambda f: _previous(compared, f[0], lang)),
        column("difference", K.LONG_TEXT, 16, lambda f: _difference(compared, f[0], lang)),
    ]  # fmt: skip
    return Table("KeyFigures", columns, rows, CAPTIONS["figures"])


CHANGE_OF = {figure: name for name, figure in FIGURE_OF.items()}


def _previous(compared: Comparison, key: str, lang: str) -> object:
    """The previous period's figure of key figure ``key`` (its code on the period's row)."""
    if key == "period":
        return compared.previous or FIRST.shown(lang)
    if key not in CHANGE_OF:
        return None
    if compared.previous is None:
        return FIRST.shown(lang)
    before = compared.changes[CHANGE_OF[key]].before
    return NO_FIGURE.shown(lang) if before is None else Cell(before, FIGURE_KINDS[key])


def _difference(compared: Comparison, key: str, lang: str) -> str:
    if key not in CHANGE_OF:
        return ""
    name = CHANGE_OF[key]
    if compared.previous is None:
        return FIRST.shown(lang)
    return compared.difference_text(name, lang) or UNDEFINED.shown(lang)


def status_counts(o: Overview, lang: str) -> Table[tuple[str, int]]:
    rows = [(s, o.statuses.get(s, 0)) for s in STATUS_ORDER]
    columns: list[Column[tuple[str, int]]] = [
        column("status", K.TEXT, 36, lambda s: STATUSES.get(s[0], NO_REPORT).shown(lang)),
        column("measures", K.COUNT, 34, lambda s: s[1]),
    ]
    return Table("StatusCounts", columns, rows, CAPTIONS["statuses"])


def goal_columns(lang: str) -> list[Column[Rollup]]:
    return [
        column("goal", K.TEXT, 36, lambda r: r.key),
        column("title", K.LONG_TEXT, 34, lambda r: in_language(r, "title", lang)),
    ]


def rate_columns(lang: str, silent: set[str] | None = None) -> list[Column[Rollup]]:
    """Institutions leading at least one due measure: their implementation rate, "no report"
    for one of ``silent`` (rejected or sent nothing) or with none of its due measures reported."""
    quiet = silent or set()

    def unreported(r: Rollup) -> bool:
        return r.no_report or r.key in quiet

    return [
        column("code", K.TEXT, 36, lambda r: r.key),
        column("institution", K.LONG_TEXT, 34, lambda r: in_language(r, "title", lang)),
        column("due", K.COUNT, 13, lambda r: r.due),
        column("implemented", K.COUNT, 13, lambda r: r.implemented),
        column("due_reported", K.COUNT, 13, lambda r: r.reported_due),
        column("rate", K.PERCENT, 15,
               lambda r: rate_cell(r.implementation_rate, lang, unreported(r))),
        column("band", K.TEXT, 15, lambda r: "" if unreported(r) else r.band),
    ]  # fmt: skip


def money_columns(lang: str, key: str, width: float, title: str = "title") -> list[Column[Rollup]]:
    return [
        column(key, K.TEXT, width, lambda r: r.key),
        column(title, K.LONG_TEXT, 34, lambda r: in_language(r, "title", lang)),
        column("planned", K.AMOUNT, 16, lambda r: r.planned),
        column("spent", K.AMOUNT, 16, lambda r: r.spent),
        column("execution", K.PERCENT, 12, lambda r: r.execution),
        column("gap", K.AMOUNT, 16, lambda r: r.gap),
    ]


def budget(data: Consolidated, lang: str) -> list[Table[Any]]:
    """Planned, spent and execution by funding source, by objective and by institution."""
    source_columns: list[Column[tuple[str, float, float]]] = [
        column("funding_source", K.LONG_TEXT, 36, lambda s: _source(s[0], lang)),
        column("planned", K.AMOUNT, 18, lambda s: s[1]),
        column("spent", K.AMOUNT, 18, lambda s: s[2]),
        column("execution", K.PERCENT, 12, lambda s: figures.execution(s[2], s[1])),
    ]  # fmt: skip
    gap_columns: list[Column[tuple[str, float, float]]] = [
        column("funding_source", K.LONG_TEXT, 36, lambda s: _source(s[0], lang)),
        column("unfunded", K.AMOUNT, 18, lambda s: s[1]),
    ]
    sources = [s for s in data.by_source if s[0] != Funding.GAP]
    gaps = [s for s in data.by_source if s[0] == Funding.GAP]
    objective = money_columns(lang, "objective", 10)
    institution = money_columns(lang, "code", 10, title="institution")
    tables: list[Table[Any]] = [
        Table("BudgetBySource", source_columns, sources, CAPTIONS["by_source"]),
        Table("BudgetGap", gap_columns, gaps, CAPTIONS["gap"], GAP_NOTE),
        Table("BudgetByObjective", objective, data.objectives, CAPTIONS["budget_by_objective"]),
        Table("BudgetByInstitution", institution, data.by_institution,
              CAPTIONS["budget_by_institution"]),
    ]  # fmt: skip
    return tables


def _source(code: str, lang: str) -> str:
    return SOURCES[code].shown(lang) if code in SOURCES else code
