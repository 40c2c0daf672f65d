"""A period's key figures beside the previous period's, as the master and the report show them.

Pure: :func:`comparison` pairs the two overviews (:func:`nsm_excel.consolidate.history.compare`)
and names the previous period; each change reads as a trend (up, down, same), as "first period"
when there is no earlier period, or as undefined when either side has no figure (a rate resting on
nothing): never an invented arrow. A rate's difference is in percentage points, a count's in units;
a difference that rounds to nothing at the shown precision is "same".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nsm_excel.consolidate.history import Change, compare
from nsm_excel.consolidate.model import Overview
from nsm_excel.core import words

RATES = ("reporting_rate", "implementation_rate", "budget_execution")
# the master's key figure that each change stands beside
FIGURE_OF = {
    "reporting_rate": "reporting_rate",
    "implementation_rate": "implementation_rate",
    "budget_execution": "execution",
    "accepted": "accepted",
    "measures_due": "due",
}
GOOD_UP = ("reporting_rate", "implementation_rate", "budget_execution", "accepted")


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    FIRST = "first"  # no earlier period
    UNDEFINED = "undefined"  # no figure now or before

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "="}.get(self.value, "")


@dataclass(frozen=True)
class Comparison:
    previous: str | None  # the previous period's code; None for the first period
    changes: dict[str, Change]

    def trend(self, name: str) -> Trend:
        change = self.changes[name]
        if self.previous is None:
            return Trend.FIRST
        difference = change.difference
        if difference is None:
            return Trend.UNDEFINED
        shown = round(difference, 1 if name in RATES else 0)
        return Trend.UP if shown > 0 else Trend.DOWN if shown < 0 else Trend.SAME

    def improves(self, name: str) -> bool | None:
        """Whether the change is for the better (None: neither, or no trend)."""
        trend = self.trend(name)
        if name not in GOOD_UP or trend not in (Trend.UP, Trend.DOWN):
            return None
        return trend == Trend.UP

    def difference_text(self, name: str, lang: str) -> str:
        """``▲ +6.0``, ``▼ −2``, ``= 0``; '' without a trend."""
        trend = self.trend(name)
        difference = self.changes[name].difference
        if difference is None or not trend.arrow:
            return ""
        return f"{trend.arrow} {signed(difference, name in RATES, lang)}"

    def points(self, name: str, lang: str) -> str:
        """The size of the difference without its sign (``6.0``)."""
        difference = self.changes[name].difference
        return number(abs(difference or 0.0), name in RATES, lang)


def comparison(now: Overview, before: Overview | None) -> Comparison:
    """``now``'s key figures against ``before``'s (``None``: the first period)."""
    changes = {change.name: change for change in compare(now, before)}
    return Comparison(before.period if before is not None else None, changes)


def number(value: float, rate: bool, lang: str) -> str:
    """One decimal for a rate, none for a count, with the language's decimal sign."""
    text = f"{value:.1f}" if rate else f"{round(value):d}"
    return text.replace(".", words.word("outputs.number.decimal", lang))


def signed(value: float, rate: bool, lang: str) -> str:
    shown = number(abs(value), rate, lang)
    if round(value, 1 if rate else 0) == 0:
        return shown
    return f"+{shown}" if value > 0 else f"−{shown}"
