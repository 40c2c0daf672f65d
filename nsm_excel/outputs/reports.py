"""The consolidation stage: the master workbook and the summary report of a period.

Reads the plan, the register and the ledger (never the inbox), builds the figures
(:mod:`nsm_excel.consolidation`) and writes both outputs atomically, in each language asked
(every language of the workspace by default), named as published releases are:
``outbox/<PERIOD>/NSM_master_<PERIOD>_<lang>.xlsx`` and
``outbox/<PERIOD>/NSM_summary_<PERIOD>_<lang>.html``. A run killed midway leaves the previous
outputs (or the new ones) and at most temporary files, which the next run removes before it
writes them again.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from nsm_excel.consolidate.history import History
from nsm_excel.consolidate.model import Consolidated
from nsm_excel.core import collector, file_names, words
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period
from nsm_excel.outputs.frozen import MASTER, SUMMARY, file_name
from nsm_excel.outputs.period_figures import FROZEN_STATES, figures_and_plan
from nsm_excel.outputs.period_figures import figures_for as figures_for  # where it was
from nsm_excel.outputs.previous import beside
from nsm_excel.outputs.publishing import Recheck, recheck
from nsm_excel.store import atomic, calendar, database
from nsm_excel.store.calendar import CalendarPeriod
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.workspace import Workspace


@dataclass(frozen=True)
class ReportResult:
    period: str
    master: str  # in the first language written: the one asked, or the workspace's
    summary: str
    figures: Consolidated
    seconds: float
    frozen: Recheck | None = None  # a closed or approved period: made again and compared
    files: tuple[str, ...] = ()  # every output written, each language's master then summary

    def to_dict(self) -> dict[str, Any]:
        head: dict[str, Any] = {"period": self.period, "master": self.master}
        head |= {"summary": self.summary, "files": list(self.files)}
        found = head | self.figures.overview.to_dict() | {"seconds": round(self.seconds, 3)}
        return found | ({"frozen": self.frozen.to_dict()} if self.frozen else {})


@collector.paused()
def build_reports(
    workspace: Workspace, period: Period | None = None, lang: str | None = None
) -> ReportResult:
    """Write the master workbook and the summary report of ``period`` (default: the latest open)
    in ``lang``, or in every language of the workspace (its own first) when ``lang`` is None.

    A closed or approved period's outputs are made again from its frozen facts and compared
    with those published at its closing (:func:`nsm_excel.outputs.publishing.recheck`).
    """
    from nsm_excel.outputs import master_workbook, summary_report

    started = time.perf_counter()
    period = period or workspace.current_period()
    langs = output_languages(workspace, lang)
    with workspace_lock(workspace.root, "consolidate"):
        entry = _frozen_entry(workspace, period)
        if entry is not None:
            return _rechecked(workspace, entry, langs[0], started)
        folder = workspace.outbox / period.code
        paths = [
            file_names.check_openable(folder / file_name(kind, period.code, one))
            for one in langs
            for kind in (MASTER, SUMMARY)
        ]
        consolidated, plan = figures_and_plan(workspace, period, backup=True)
        past = _history(workspace, period, consolidated)
        extra = beside(workspace, period, plan, past)
        made = dt.datetime.now(dt.UTC)
        for one, master, summary in zip(langs, paths[::2], paths[1::2], strict=True):
            book = master_workbook.render(
                consolidated, one, made, extra.before, extra.passport, past
            )
            atomic.write_bytes(master, book)
            html = summary_report.render(consolidated, one, workspace.config, made, extra.before)
            atomic.write_text(summary, html)
    files = tuple(path.relative_to(workspace.root).as_posix() for path in paths)
    return ReportResult(
        period=period.code,
        master=files[0],
        summary=files[1],
        figures=consolidated,
        seconds=time.perf_counter() - started,
        files=files,
    )


def _history(workspace: Workspace, period: Period, known: Consolidated) -> History | None:
    """The periods opened so far up to ``period``, for the master's history sheets; ``None``
    for a period never opened (its history would not hold it)."""
    from nsm_excel.outputs.history_read import history

    try:
        found = history(workspace, last=period, known=known)
    except NsmError:
        return None
    return found if found.periods[-1] == period else None


def output_languages(workspace: Workspace, lang: str | None = None) -> tuple[str, ...]:
    """``lang`` alone, or every language of the catalogues, the workspace's own first."""
    if lang:
        return (lang,)
    own = workspace.config.language
    return (own, *(one for one in words.languages() if one != own))


def _frozen_entry(workspace: Workspace, period: Period) -> CalendarPeriod | None:
    """Period ``period`` of the calendar when it is closed or approved (None otherwise)."""
    with database.connect(workspace.database, backup=False) as db:
        calendar.ensure(db, workspace.config, workspace.today())
        entry = calendar.get(db, period.code)
    return entry if entry is not None and entry.state in FROZEN_STATES else None


def _rechecked(
    workspace: Workspace, entry: CalendarPeriod, lang: str, started: float
) -> ReportResult:
    checked = recheck(workspace, entry, workspace.today())
    files = {(p.kind, p.language): p.file for p in checked.published}
    return ReportResult(
        period=entry.period.code,
        master=files.get((MASTER, lang), ""),
        summary=files.get((SUMMARY, lang), ""),
        figures=checked.figures,
        seconds=time.perf_counter() - started,
        frozen=checked,
        files=tuple(p.file for p in checked.published),
    )
