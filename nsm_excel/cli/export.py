"""`nsm export`: the tidy data package of one period or of every period opened so far."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # the package writer reads workbooks: imported by the command
    from nsm_excel.core.periods import Period
    from nsm_excel.outputs.package.writer import Exported

_t = terminal.shown


@main.command("export")
@workspace_option
@click.option("--period", callback=period_value, help="Only this period.")
@click.option("--all", "every", is_flag=True, help="Every period opened so far (the default).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write (default: outbox/export/<PERIOD or all>/).",
)
@click.option("--replace", is_flag=True, help="Write over an earlier export in that folder.")
@lang_option
@json_option
def export_command(
    root: Path,
    period: Period | None,
    every: bool,
    out: Path | None,
    replace: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Write a Frictionless data package: CSV tables and datapackage.json.

    One row per fact: periods, institutions, objectives, measures, indicators (with their
    passport), measure reports, contributions, indicator values, submissions, budget by year.
    An earlier export is never written over: the package goes to a new folder (all (2)) unless
    --replace is given.
    """
    if period is not None and every:
        raise click.UsageError("give --period P or --all, not both")
    space = open_workspace(root)
    from nsm_excel.outputs.package.writer import export

    done = export(space, period, period, out, replace)
    if as_json:
        print_json(done.to_dict())
        return
    _print_exported(done, lang)


def _print_exported(done: Exported, lang: str) -> None:
    """Where the package went, the rows of each table, and whether it holds any report."""
    folder = _t(str(done.folder))
    if len(done.periods) == 1:
        say("cli.export.written_one", lang, period=done.periods[0], folder=folder)
    else:
        first, last = done.periods[0], done.periods[-1]
        say(
            "cli.export.written",
            lang,
            count=len(done.periods),
            first=first,
            last=last,
            folder=folder,
        )
    if done.replaced:
        say("cli.export.replaced", lang)
    say("cli.export.tables", lang)
    width = max(len(name) for name in done.rows) + 4
    for name, rows in done.rows.items():
        click.echo(f"  {name + '.csv':{width}} {rows:>5}")
    if not done.has_returns:
        say("cli.export.no_returns", lang)
    say("cli.export.read", lang)
