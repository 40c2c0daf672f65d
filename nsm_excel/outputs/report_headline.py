"""The summary report's headline: a few sentences saying where the plan stands, made from the
figures in the reader's language.

Pure: :func:`sentences` turns a :class:`~nsm_excel.consolidate.model.Consolidated` into text,
each sentence a word of the ``outputs`` catalogues filled with formatted figures. It covers no
return at all, nothing due and every institution reported.
"""

from __future__ import annotations

from collections.abc import Callable

from nsm_excel.consolidate.model import Consolidated, Rollup
from nsm_excel.core.words import in_language
from nsm_excel.outputs.comparison import Comparison
from nsm_excel.outputs.report_words import report_word

Percent = Callable[[float | None], str]
Lek = Callable[[float | None], str]


def sentences(
    data: Consolidated, lang: str, percent: Percent, lek: Lek, compared: Comparison | None = None
) -> list[str]:
    """The headline of ``data`` as sentences: implementation (against the previous period's
    when ``compared`` is given), what it rests on, budget, goals."""
    o = data.overview

    def say(name: str, **values: object) -> str:
        return report_word(f"headline_{name}").get(lang, **values)

    found = [_implementation(data, say, percent)]
    if compared is not None and o.due:
        found.append(_change(compared, say, lang, percent))
    if o.due:
        found.append(_reporting(data, say, percent))
    if o.planned > 0:
        found.append(
            say(
                "budget",
                execution=percent(o.execution),
                spent=lek(o.spent),
                planned=lek(o.planned),
                year=data.period.year,
            )
        )
    found.extend(_goals(data, say, lang, percent))
    return found


def _implementation(data: Consolidated, say: Callable[..., str], percent: Percent) -> str:
    o = data.overview
    if not o.due:
        return say("nothing_due", period=o.period)
    return say(
        "implemented",
        period=o.period,
        rate=percent(o.implementation_rate),
        due=o.due,
        implemented=o.implemented,
    )


def _change(compared: Comparison, say: Callable[..., str], lang: str, percent: Percent) -> str:
    """The implementation rate against the previous period's: up, down, unchanged, first."""
    name = "implementation_rate"
    trend = compared.trend(name)
    before = percent(compared.changes[name].before)
    points = compared.points(name, lang)
    return say(f"change_{trend}", points=points, period=compared.previous, before=before)


def _reporting(data: Consolidated, say: Callable[..., str], percent: Percent) -> str:
    o = data.overview
    if not o.expected:
        return say("no_template", reported=o.reported_due, due=o.due)
    if not o.accepted:
        return say("no_return", expected=o.expected)
    if o.accepted == o.expected:
        return say("all_reported", expected=o.expected, reported=o.reported_due, due=o.due)
    return say(
        "some_reported",
        accepted=o.accepted,
        expected=o.expected,
        rate=percent(o.reporting_rate),
        reported=o.reported_due,
        due=o.due,
    )


def _goals(data: Consolidated, say: Callable[..., str], lang: str, percent: Percent) -> list[str]:
    """The weakest goal among those reported on, and the goals with no report."""
    found = []
    rated = [g for g in data.goals if g.due and not g.no_report]
    if len(rated) > 1:
        weakest = min(rated, key=lambda g: (g.implementation_rate or 0.0, g.key))
        found.append(
            say(
                "weakest",
                goal=_name(weakest, lang),
                rate=percent(weakest.implementation_rate),
                due=weakest.due,
            )
        )
    silent = [g for g in data.goals if g.no_report]
    if silent and data.overview.accepted:
        found.append(say("goals_no_report", goals=", ".join(_name(g, lang) for g in silent)))
    return found


def _name(rollup: Rollup, lang: str) -> str:
    return f"{rollup.key} ({in_language(rollup, 'title', lang)})"
