"""The deviations a filling can be asked to make, and how each is made on the answers."""

from __future__ import annotations

from typing import cast

from nsm_excel.core import words
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.demo.filler import answers as answer
from nsm_excel.demo.filler.context import Context, Row

DECIMAL_COMMA = 1250000.5  # what the decimal-comma mistake types, as "1250000,50"

MISTAKES: dict[str, str] = {  # each made once, on the first row where it applies
    "status-misspelled": "status 'Me vonese' ('Delayd' in English) on the first row with a status",
    "missing-delay-reason": "the first lead row delayed, with no delay_reason",
    "women-men-mismatch": "women + men = actual + 3 on the first indicator broken down by sex",
    "ambiguous-amount": "spent_state typed as the text '1,250' on the first measure",
    "decimal-comma": "spent_state typed '1250000,50' (valid) where the plan admits it, else 'N,50'",
    "number-as-text": "actual typed as text (e.g. '45') on the first numeric indicator",
    "formula": "spent_donor typed as the formula '=1000*2' on the first measure",
    "locked-cell-changed": "the locked title of the first measure changed",
    "completion-date-outside": "a completed row's completion_date one year after the measure's end",
    "missing-reporter": "reporter_name left empty on the Cover",
}


class Mistakes:
    """Makes the filling's mistakes on the answers, each on the first row where it applies.

    Mistakes asked for together never share a cell: each takes the first row whose cells no
    earlier one has taken.
    """

    def __init__(self, ctx: Context, rows: dict[str, list[Row]], result: Row) -> None:
        unknown = sorted(set(ctx.filling.mistakes) - set(MISTAKES))
        if unknown:
            raise ValueError(f"unknown mistakes {unknown}; known: {sorted(MISTAKES)}")
        self.ctx, self.rows, self.result = ctx, rows, result
        self.measures, self.indicators = rows["Measures"], rows["Indicators"]
        self.every = [True] * len(self.measures)
        self.claimed: set[tuple[str, int, str]] = set()

    def make(self) -> None:
        for name in MISTAKES:  # in a fixed order, whatever the order asked
            if name in self.ctx.filling.mistakes:
                getattr(self, "_" + name.replace("-", "_"))()

    def _first(self, sheet: str, cells: tuple[str, ...], *candidates: list[bool]) -> int:
        """The first row flagged (each list tried in turn) whose cells are free; -1 if none."""
        for flags in candidates:
            for index, flag in enumerate(flags):
                wanted = {(sheet, index, cell) for cell in cells}
                if flag and not wanted & self.claimed:
                    self.claimed |= wanted
                    return index
        return -1

    def _type(self, flags: list[bool], **values: object) -> None:
        """Type ``values`` on the first Measures row flagged whose cells are free."""
        at = self._first("Measures", tuple(values), flags)
        if at >= 0:
            self.result["Measures"][at].update(values)

    def _force(self, index: int, status: str) -> Row:
        """The Measures answer of row ``index``, redrawn with ``status`` unless it has it."""
        answers, row = self.result["Measures"], self.measures[index]
        if answers[index]["status"] != self.ctx.statuses[status]:
            rng = self.ctx.rng("Measures", index, row.get("measure_code"), status)
            answers[index] = answer.measure_as(self.ctx, row, status, rng)
        return cast(Row, answers[index])

    def _valued(self, index: int) -> Row:
        """The Indicators answer of row ``index``, redrawn with a value if it had none."""
        answers = self.result["Indicators"]
        if answers[index]["actual"] is None:
            answers[index] = answer.indicator(self.ctx, index, self.indicators[index], True)
        return cast(Row, answers[index])

    def _status_misspelled(self) -> None:
        has_status = [a["status"] is not None for a in self.result["Measures"]]
        at = self._first("Measures", ("status",), has_status, self.every)
        if at >= 0:
            typo = words.word("demo.mistake.status_typo", self.ctx.lang)
            self._force(at, "delayed")["status"] = typo

    def _missing_delay_reason(self) -> None:
        at = self._first("Measures", ("status",), [r.get("role") == "lead" for r in self.measures])
        if at >= 0:
            self._force(at, "delayed")["delay_reason"] = None

    def _completion_date_outside(self) -> None:
        done = [a["status"] == self.ctx.statuses["completed"] for a in self.result["Measures"]]
        possible = [answer.can_complete(self.ctx, answer.span(r)) for r in self.measures]
        at = self._first("Measures", ("status",), done, possible)
        days = answer.span(self.measures[at]) if at >= 0 else None
        if days is not None:
            end = days[1]  # a period's last day: never 29 February
            self._force(at, "completed")["completion_date"] = end.replace(year=end.year + 1)

    def _women_men_mismatch(self) -> None:
        by_sex = [r.get("disaggregation") == "sex" for r in self.indicators]
        at = self._first("Indicators", ("actual", "actual_men"), by_sex)
        if at >= 0 and isinstance(self._valued(at).get("actual_men"), int):
            self._valued(at)["actual_men"] += 3

    def _number_as_text(self) -> None:
        numeric = [units.unit(r.get("unit")).entry is not ValueKind.YES_NO for r in self.indicators]
        answers = self.result["Indicators"]
        valued = [n and a["actual"] is not None for n, a in zip(numeric, answers, strict=True)]
        at = self._first("Indicators", ("actual",), valued, numeric)
        if at >= 0:
            self._valued(at)["actual"] = str(self._valued(at)["actual"])

    def _ambiguous_amount(self) -> None:
        self._type(self.every, spent_state="1,250")

    def _decimal_comma(self) -> None:
        low, high = answer.SPENT_SHARE
        idle = {self.ctx.statuses[s] for s in answer.IDLE}
        spending = [  # lead rows that spend: there the lead's share applies
            r.get("role") == "lead" and a["status"] not in idle
            for r, a in zip(self.measures, self.result["Measures"], strict=True)
        ]
        costs = [
            (answer.number(r.get("planned_cost")) or 0.0) if ok else 0.0
            for r, ok in zip(self.measures, spending, strict=True)
        ]
        fits = [c > 0 and c * low <= DECIMAL_COMMA <= c * high for c in costs]
        at = self._first("Measures", ("spent_state", "spent_donor"), fits, [c >= 10 for c in costs])
        if at >= 0:  # else 70 % of the planned cost, with the same ',50'
            whole = int(DECIMAL_COMMA) if fits[at] else round(costs[at] * (low + high) / 2)
            self.result["Measures"][at].update(spent_state=f"{whole},50", spent_donor=0)

    def _formula(self) -> None:
        self._type(self.every, spent_donor="=1000*2")

    def _locked_cell_changed(self) -> None:
        at = self._first("Measures", ("title",), self.every)
        if at >= 0:
            title = self.measures[at].get("title")
            changed = words.text("demo.mistake.changed_title", self.ctx.lang, title=title)
            self.result["Measures"][at]["title"] = changed

    def _missing_reporter(self) -> None:
        self.result["Cover"]["reporter_name"] = None
