"""The summary report's charts, each with the legend of its colours: the rates by policy goal
and by objective coloured by band (a group with no report apart, in its own colour), the
statuses by goal, and budget execution by goal.

The band colours and the status colours are distinct sets (:mod:`nsm_excel.core.vocab.colours`),
so no colour means two things in one report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nsm_excel.consolidate.model import STATUS_ORDER, Consolidated, Rollup
from nsm_excel.core.vocab import colours, statuses
from nsm_excel.outputs.svg_charts import (
    BAR_COLOUR,
    Bar,
    Series,
    Stack,
    bar_chart,
    stacked_bar_chart,
)

if TYPE_CHECKING:
    from nsm_excel.outputs.summary_report import Formats

# the colours of the vocabularies, as the master workbook has them: statuses, lights, bands
STATUS_COLOURS = {code: (c.fill, c.font) for code in STATUS_ORDER for c in [statuses.colour(code)]}
BAND_COLOURS = {label: colour.fill for label, colour in colours.BAND_COLOURS.items()}
NO_FIGURE = colours.NO_FIGURE.fill  # no rate: nothing due, or nothing reported


def charts(data: Consolidated, f: Formats) -> dict[str, str]:
    """The report's charts as SVG text, by name."""
    series = [Series(key, f.status(key), *STATUS_COLOURS[key]) for key in STATUS_ORDER]
    bands = rate_legend(f)
    spent = [Series("execution", f.word("execution"), BAR_COLOUR)]
    return {
        "goal_rates": bar_chart(
            [rate_bar(g, f) for g in data.goals], f.word("chart_goal_rates"), legend=bands
        ),
        "goal_statuses": stacked_bar_chart(
            [Stack(_label(g, f), g.statuses, f.title(g)) for g in data.goals],
            series,
            f.word("chart_goal_statuses"),
        ),
        "objective_rates": bar_chart(
            [rate_bar(o, f) for o in data.objectives],
            f.word("chart_objective_rates"),
            legend=bands,
        ),
        "goal_execution": bar_chart(
            [
                Bar(_label(g, f), g.execution, f.percent(g.execution), f.title(g))
                for g in data.goals
            ],
            f.word("chart_goal_execution"),
            legend=spent,
        ),
    }


def rate_legend(f: Formats) -> list[Series]:
    """The bands, then 'no report' in the colour of no figure."""
    found = [Series(label, label, colour) for label, colour in BAND_COLOURS.items()]
    return [*found, Series("no_report", f.word("legend_no_report"), NO_FIGURE)]


def rate_bar(rollup: Rollup, f: Formats) -> Bar:
    """A roll-up's rate coloured by its band; 'no report' (not 0 %) when none of its measures
    due was reported; 'nothing due' when none is due."""
    label, title = _label(rollup, f), f.title(rollup)
    if rollup.no_report:
        return Bar(label, None, f.word("no_report"), title, NO_FIGURE, mark=True)
    rate = rollup.implementation_rate
    if rate is None:
        return Bar(label, None, f.word("nothing_due"), title, NO_FIGURE)
    return Bar(label, rate, f.percent(rate), title, BAND_COLOURS.get(rollup.band, NO_FIGURE))


def _execution_bar(rollup: Rollup, f: Formats) -> Bar:
    return Bar(_label(rollup, f), rollup.execution, f.percent(rollup.execution), f.title(rollup))


def _label(rollup: Rollup, f: Formats) -> str:
    return f"{rollup.key} · {f.title(rollup)}"
