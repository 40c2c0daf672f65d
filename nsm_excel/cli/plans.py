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
from nsm_excel.cli.said import lang_option, say
from nsm_excel.core import words

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
@lang_option
@json_option
def adopt_command(
    root: Path, effective: dt.datetime | None, note: str, lang: str, as_json: bool
) -> None:
    """Adopt action_plan.xlsx as a new version of the plan: check it, keep a copy in plans/.

    Refused when the plan has errors, reuses an answered code for another measure, or drops an
    institution that received templates without a Succession row. Exits 1 when refused.
    """
    from nsm_excel.core.issues import Report
    from nsm_excel.plan import adoption  # reads the plan workbook

    result = adoption.adopt(open_workspace(root), effective.date() if effective else None, note)
    if as_json:
        print_json(result.to_dict())
        sys.exit(1 if result.outcome == adoption.REFUSED else 0)
    print_report(Report(result.changes), lang)
    print_report(result.check.report, lang)
    version = result.version
    if result.outcome == adoption.REFUSED or version is None:
        say("cli.plan.refused", lang)
        sys.exit(1)
    number, since = version.number, f"{version.effective:%d.%m.%Y}"
    years = ", ".join(str(y) for y in result.years) or words.text("cli.plan.no_years", lang)
    if result.outcome == adoption.UNCHANGED:
        say("cli.plan.unchanged", lang, number=number)
        if effective is not None and effective.date() != version.effective:
            say("cli.plan.same_again", lang, effective=f"{effective:%d.%m.%Y}")
    else:
        say("cli.plan.adopted", lang, number=number, effective=since, file=_t(version.file))
    say("cli.plan.governs", lang, number=number, years=years)
    plan = result.check.plan
    if not result.years and plan is not None and version.effective.year in plan.years:
        say("cli.plan.first_january", lang, effective=since, year=version.effective.year)


@plan_group.command("list")
@workspace_option
@lang_option
@json_option
def list_command(root: Path, lang: str, as_json: bool) -> None:
    """The adopted versions with their effective dates."""
    from nsm_excel.plan import adoption

    versions = adoption.versions(open_workspace(root))
    if as_json:
        print_json({"versions": [v.to_dict() for v in versions]})
        return
    if not versions:
        say("cli.plan.none", lang)
    for v in versions:
        effective = f"{v.effective:%d.%m.%Y}"
        adopted = _t(f"{dt.date.fromisoformat(v.adopted_at[:10]):%d.%m.%Y}")
        file, note = _t(v.file), _t(v.note)
        say(
            "cli.plan.version",
            lang,
            number=v.number,
            effective=effective,
            file=file,
            adopted=adopted,
            note=note,
        )
