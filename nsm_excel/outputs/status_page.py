"""``outbox/<PERIOD>/status.html``: who has reported, as a page the secretariat opens anywhere.

One page per period shows, in every language one after the other, the rows of ``nsm status``
(:mod:`nsm_excel.outputs.status`): each expected institution on time, late, rejected and why,
pending or overdue, the days left to the deadline, and a link to the institution's latest
feedback workbook where one is on disk. It needs no script, reads on a phone, and every text
that came from a file or the plan is escaped by the template; a link is made from the
institution's code (never from a received file's name) and percent-encoded. ``nsm validate``
and ``nsm watch`` write it again, atomically, after every batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nsm_excel.consolidate.model import REJECTED_ONLY, InstitutionLine
from nsm_excel.core import clock, words
from nsm_excel.core.errors import NsmError
from nsm_excel.intake.feedback import files as feedback_files
from nsm_excel.outputs.status import RETURNED, PeriodStatus, state_word, submission_status
from nsm_excel.outputs.summary_report import environment
from nsm_excel.store import atomic, calendar, decisions, write_journal
from nsm_excel.store.workspace import Workspace

PAGE = "status.html"
_HEADS = ("institution", "state", "last", "feedback", "feedback_link", "why")


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    state: str  # the css class: on_time, late, rejected, pending, overdue
    state_word: str
    last: str
    feedback: str  # the link, relative to the page; '' when there is none
    why: tuple[str, ...]


def write_pages(
    workspace: Workspace, today: dt.date | None = None, now: dt.datetime | None = None
) -> list[Path]:
    """The status page of every open period (else the latest) written again; their paths."""
    now = now or dt.datetime.now(dt.UTC)
    zone = workspace.config.calendar.time_zone
    today = today or clock.today(zone, now)
    written = []
    for entry in submission_status(workspace, today=today).periods:
        folder = workspace.outbox / entry.overview.period
        links = feedback_links(workspace.root, entry)
        html = render(entry, today, clock.local_time(now.isoformat(), zone), links, zone)
        with write_journal.journalled(workspace.root):  # written after the lock is let go
            atomic.write_text(folder / PAGE, html)
        written.append(folder / PAGE)
    return written


def feedback_links(root: Path, entry: PeriodStatus) -> dict[str, str]:
    """Each institution's latest feedback workbook that exists, as a link from the page."""
    links = {}
    for line in entry.institutions:
        try:
            path = feedback_files.current(root, line.code, entry.overview.period)
        except NsmError:  # a path Excel could not open: no workbook was written there
            continue
        if path.is_file():
            links[line.code] = f"{path.parent.name}/{quote(path.name)}"
    return links


def render(entry: PeriodStatus, today: dt.date, made: str, links: dict[str, str], zone: str) -> str:
    """The page's HTML: one section per language."""
    pages = [_page(entry, today, made, links, zone, lang) for lang in words.languages()]
    return environment().get_template("status.html.j2").render(pages=pages)


def _page(
    entry: PeriodStatus,
    today: dt.date,
    made: str,
    links: dict[str, str],
    zone: str,
    lang: str,
) -> dict[str, Any]:
    o = entry.overview

    def said(key: str, **values: Any) -> str:
        return words.text(f"status_page.{key}", lang, **values)

    left = (o.deadline - today).days
    days = (
        said("days_left", days=left)
        if left > 0
        else said("due_today")
        if left == 0
        else said("days_over", days=-left)
    )
    state = words.text(f"outputs.status.period_state_{entry.state}", lang)
    summary = said(
        "summary",
        accepted=o.accepted,
        expected=o.expected,
        state=state,
        deadline=f"{o.deadline:%d.%m.%Y}",
    )
    rows = [
        Row(
            code=line.code,
            name=getattr(line, f"name_{lang}", "") or line.name_en,
            state=line.state.replace(" ", "_"),
            state_word=state_word(line.state, lang),
            last=clock.local_time(line.last_received, zone) if line.last_received else "–",
            feedback=links.get(line.code, ""),
            why=_why(entry, line, lang),
        )
        for line in entry.institutions
    ]
    return {
        "lang": lang,
        "language": said("language"),
        "title": said("title", period=o.period),
        "summary": summary,
        "days": days if entry.state == calendar.OPEN else "",
        "made": said("made", made=made),
        "rows": rows,
        "heads": {key: said(key) for key in _HEADS},
        "none": said("none"),
    }


def _why(entry: PeriodStatus, line: InstitutionLine, lang: str) -> tuple[str, ...]:
    """Why an institution has no return counted: the errors found, or the secretariat's comment."""
    if line.state == RETURNED:
        back = [d for d in entry.decisions_of(line.code) if d.kind == decisions.RETURN]
        return tuple(d.reason for d in back[-1:])
    return line.problems_in(lang) if line.state == REJECTED_ONLY else ()
