"""Commands that tell what happened: `nsm log` (the audit log) and `nsm show RECORD`."""

from __future__ import annotations

from pathlib import Path

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    json_option,
    main,
    open_workspace,
    period_value,
    print_json,
    workspace_option,
)
from nsm_excel.cli.said import lang_option, say
from nsm_excel.core.periods import Period
from nsm_excel.outputs import event_log

_t = terminal.shown


def log_line(entry: event_log.LogEntry, lang: str) -> str:
    """One event: time, who, period, institution, what happened."""
    e = entry.event
    who, period, code = _t(e.by or "-"), _t(e.period or "-"), _t(e.institution or "-")
    return f"{entry.time:16} {who:12} {period:9} {code:12} {_t(event_log.sentence(e, lang))}"


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
    found = event_log.read(open_workspace(root), period.code if period else None, institution)
    if as_json:
        print_json(found.to_dict())
        return
    if not found.entries:
        say("log.nothing", lang)
        return
    say("log.header", lang)
    for entry in found.entries:
        click.echo(log_line(entry, lang))
