"""What `nsm status` prints about a period: the heading, then one line per institution."""

from __future__ import annotations

import click

from nsm_excel.cli import terminal
from nsm_excel.core import clock, words
from nsm_excel.outputs.state_words import state_word
from nsm_excel.outputs.status import PeriodStatus
from nsm_excel.store.calendar import PLANNED

_t = terminal.shown


def print_period_status(entry: PeriodStatus, lang: str, zone: str) -> None:
    o = entry.overview
    values = {
        "period": _t(o.period),
        "state": words.text(f"outputs.status.period_state_{entry.state}", lang),
        "deadline": f"{o.deadline:%d.%m.%Y}",
        "accepted": o.accepted,
        "expected": o.expected,
    }
    heading = "outputs.status.heading"
    if not o.expected:
        planned = entry.state == PLANNED
        heading = "outputs.status.no_templates" + ("_planned" if planned else "")
    click.echo(words.text(heading, lang, **values))
    width = max([9] + [len(state_word(line.state, lang)) + 1 for line in entry.institutions])
    for line in entry.institutions:
        shown = _t(state_word(line.state, lang))
        state = click.style(f"{shown:{width}}", fg=_COLOURS.get(line.state))
        when = clock.local_time(line.last_received, zone) if line.last_received else "–"
        said = words.text("outputs.status.line", lang, files=line.files, when=when)
        if (record := entry.record_of(line.code)) is not None:
            said += words.text("outputs.status.record", lang, record=f"{record:<4}")
        code, accepted = _t(line.code), _t(line.accepted_file)
        click.echo(f"  {code:8} {state} {said}  {accepted}")
        if line.taken_over:
            codes = ", ".join(line.taken_over)
            said = words.text("outputs.status.taken_over", lang, codes=codes, code=line.code)
            click.echo(f"           {_t(said)}")
        for problem in line.problems_in(lang)[:3]:
            click.echo(f"           {_t(problem)}")
        for made in entry.decisions_of(line.code):
            when = clock.local_time(made.at, zone)
            values = {"record": made.record, "by": made.by, "at": when, "reason": made.reason}
            said = words.text(f"outputs.status.decided_{made.kind}", lang, **values)
            click.echo(f"           {_t(said)}")
        if unsettled := entry.unsettled_of(line.code):
            said = words.text(
                "outputs.status.unsettled", lang, record=unsettled[0], cells=unsettled[1]
            )
            click.echo(f"           {_t(said)}")


_COLOURS = {
    "on time": "green",
    "late": "yellow",
    "rejected": "red",
    "returned": "magenta",
    "overdue": "red",
}
