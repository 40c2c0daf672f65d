"""Commands that tell what happened: `nsm log` (the audit log) and `nsm show RECORD`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    fail,
    json_option,
    main,
    open_workspace,
    period_value,
    print_json,
    workspace_option,
)
from nsm_excel.cli.said import lang_option, say
from nsm_excel.core import words

if TYPE_CHECKING:  # imported by the command that reads them, so that `nsm --help` loads neither
    from nsm_excel.core.periods import Period
    from nsm_excel.outputs import event_log, record_view

_t = terminal.shown


def log_line(entry: event_log.LogEntry, lang: str, zone: str) -> str:
    """One event: time, who, period, institution, what happened."""
    from nsm_excel.outputs import event_log

    e = entry.event
    who, period, code = _t(e.by or "-"), _t(e.period or "-"), _t(e.institution or "-")
    said = _t(event_log.sentence(e, lang, zone))
    return f"{entry.time:16} {who:12} {period:9} {code:12} {said}"


@main.command("log")
@workspace_option
@click.option("--period", callback=period_value, help="Only the events of this period.")
@click.option("--institution", "-i", help="Only the events of this institution (its code).")
@lang_option
@json_option
def log_command(
    root: Path, period: Period | None, institution: str | None, lang: str, as_json: bool
) -> None:
    """Every event of the records in order: templates issued, messages sent, files received
    and judged, decisions, calendar changes, plans adopted; with when and who. Nothing in it is
    ever changed or deleted."""
    from nsm_excel.outputs import event_log

    found = event_log.read(open_workspace(root), period.code if period else None, institution)
    if as_json:
        print_json(found.to_dict())
        return
    if not found.entries:
        say("log.nothing", lang)
        return
    say("log.header", lang)
    # one write for the whole log: a workspace of thousands of events prints at once
    click.echo("\n".join(log_line(entry, lang, found.time_zone) for entry in found.entries))


@main.command("show")
@workspace_option
@click.argument("record", type=int)
@lang_option
@json_option
def show_command(root: Path, record: int, lang: str, as_json: bool) -> None:
    """Everything the records know of one received file (RECORD is its number in the ledger):
    its verdict and issues, the decisions on it, what it changed against the return it
    replaced, and its events."""
    from nsm_excel.outputs import record_view

    found = record_view.show(open_workspace(root), record)
    if found is None:
        fail(words.text("show.missing", lang, record=record))
    if as_json:
        print_json(found.to_dict())
        return
    print_view(found, lang)


def print_view(view: record_view.RecordView, lang: str) -> None:
    from nsm_excel.core import issues
    from nsm_excel.outputs import event_log
    from nsm_excel.template import changes

    r = view.record
    time = event_log.local(r.received_at, view.zone)
    verdict = f"log.verdict.{r.status}"
    status = words.text(verdict, lang) if words.has(verdict, lang) else _t(r.status)
    say("show.file", lang, record=r.id, file=_t(r.original_name), status=status,
        institution=_t(r.institution or "-"), period=_t(r.period or "-"), time=time)  # fmt: skip
    say("show.issues" if r.issues else "show.no_issues", lang)
    for issue in r.issues:
        click.echo(f"  {_t(issue.get('sheet') or '')}!{_t(issue.get('cell') or '')} "
                   f"{_t(issues.shown(issue, lang))}")  # fmt: skip
    if view.decisions:
        say("show.decisions", lang)
    for d in view.decisions:
        kind = words.text(f"log.decision.{d.kind}", lang)
        say("show.decision", lang, time=event_log.local(d.at, view.zone), by=_t(d.by or "-"),
            decision=kind, reason=_t(d.reason))  # fmt: skip
    if view.replaced is not None:
        say("show.changes" if view.changes else "show.no_changes", lang, record=view.replaced)
    for change in view.changes:
        click.echo(f"  {_t(changes.described(change, lang))}")
    say("show.events", lang)
    for entry in view.events:
        click.echo(log_line(entry, lang, view.zone))
