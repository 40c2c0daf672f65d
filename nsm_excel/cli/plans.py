"""Commands of the plan's versions: `nsm plan adopt`, `nsm plan list`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    json_option,
    main,
    open_workspace,
    print_json,
    print_report,
    workspace_option,
)
from nsm_excel.core.issues import Report
from nsm_excel.plan import adoption

_t = terminal.shown


@main.group("plan")
def plan_group() -> None:
    """The adopted versions of the Action Plan and their effective dates."""


@plan_group.command("adopt")
@workspace_option
@click.option(
    "--effective",
    type=click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"]),
    help="The first day the version governs (default: today). A year's periods follow the "
    "version in force on 1 January.",
)
@click.option("--note", default="", help="Why the plan was amended (kept with the version).")
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def adopt_command(
    root: Path, effective: dt.datetime | None, note: str, lang: str, as_json: bool
) -> None:
    """Adopt action_plan.xlsx as a new version of the plan: check it, keep a copy in plans/.

    Refused when the plan has errors, reuses an answered code for another measure, or drops an
    institution that received templates without a Succession row. Exits 1 when refused.
    """
    result = adoption.adopt(open_workspace(root), effective.date() if effective else None, note)
    if as_json:
        print_json(result.to_dict())
        sys.exit(1 if result.outcome == adoption.REFUSED else 0)
    print_report(Report(result.changes), lang)
    print_report(result.check.report, lang)
    version = result.version
    if result.outcome == adoption.REFUSED or version is None:
        click.echo("The plan was not adopted: fix what is listed above and run again.")
        sys.exit(1)
    years = ", ".join(str(y) for y in result.years) or "none of the plan years"
    if result.outcome == adoption.UNCHANGED:
        click.echo(f"The plan is version {version.number} as adopted: nothing to adopt.")
        if effective is not None and effective.date() != version.effective:
            click.echo(
                f"Adopting it again from {effective:%d.%m.%Y} would not change the version "
                "that governs any plan year."
            )
    else:
        click.echo(
            f"Adopted version {version.number}, effective {version.effective:%d.%m.%Y}, "
            f"kept as {_t(version.file)}."
        )
    click.echo(f"Version {version.number} governs the periods of: {years}.")
    plan = result.check.plan
    if not result.years and plan is not None and version.effective.year in plan.years:
        click.echo(
            f"Each year follows the version in force on its 1 January, and this one is effective "
            f"{version.effective:%d.%m.%Y}. To make it govern {version.effective.year}'s periods, "
            f"run nsm plan adopt --effective {version.effective.year}-01-01."
        )


@plan_group.command("list")
@workspace_option
@json_option
def list_command(root: Path, as_json: bool) -> None:
    """The adopted versions with their effective dates."""
    versions = adoption.versions(open_workspace(root))
    if as_json:
        print_json({"versions": [v.to_dict() for v in versions]})
        return
    if not versions:
        click.echo("No version adopted yet: run nsm plan adopt.")
    for v in versions:
        click.echo(
            f"  v{v.number:<3} effective {v.effective:%d.%m.%Y}  {_t(v.file)}  "
            f"adopted {_t(v.adopted_at[:10])}  {_t(v.note)}"
        )
