"""What ``nsm status`` shows of a period's figures is what consolidating it makes."""

from __future__ import annotations

from typing import Any

from nsm_excel.outputs.period_figures import figures_for, overview_and_lines
from nsm_excel.store import calendar, database, ledger


def test_the_status_figures_of_every_period_are_those_of_its_consolidation(
    six_periods: Any,
) -> None:
    """Late returns, an amendment, closed and open periods: the overview and the lines made
    from a period's own records equal those of its whole consolidation."""
    space = six_periods.space
    with database.connect(space.database, backup=False) as db:
        periods = calendar.all_periods(db)
        counted = {e.period.code: len(ledger.all_records(db, e.period.code)) for e in periods}
    live = [e for e in periods if e.state not in (calendar.CLOSED, calendar.APPROVED)]
    assert any(counted[e.period.code] for e in live)  # an open period with records is compared
    for entry in periods:
        made = figures_for(space, entry.period)
        assert overview_and_lines(space, entry.period) == (made.overview, made.institutions)
