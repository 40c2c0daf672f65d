"""Commands that set a workspace up: `nsm init`, `nsm check-plan`, `nsm codes`."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    json_option,
    main,
    open_workspace,
    period_value,
    print_json,
    print_report,
    workspace_option,
)
from nsm_excel.cli.periods import past_deadline_note
from nsm_excel.cli.said import count, lang_option, say
from nsm_excel.core import words
from nsm_excel.core.errors import NsmError

if TYPE_CHECKING:  # each command imports what it calls, so that `nsm --help` loads no records
    from nsm_excel.core.periods import Period
    from nsm_excel.store import workspace
    from nsm_excel.store.config import Config

_t = terminal.shown


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@workspace_option
@click.option(
    "--period",
    callback=period_value,
    help="The period to open, e.g. 2026-H1 (default: the latest that has ended).",
)
@click.option(
    "--deadline",
    type=click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"]),
    help="Its submission deadline, e.g. 2027-01-31 (default: from the calendar rule).",
)
@click.option("--language", type=click.Choice(["sq", "en"]), help="Default template language.")
@click.option("--password", help="Protection password of the templates (random if not given).")
def init(
    directory: Path | None,
    root: Path,
    period: Period | None,
    deadline: dt.datetime | None,
    language: str | None,
    password: str | None,
) -> None:
    """Create a workspace in DIRECTORY: configuration, sample plan and folders.

    The sample plan is illustrative. Replace action_plan.xlsx with your own plan, keeping the
    format, then run `nsm check-plan`.
    """
    from nsm_excel.demo.sample_plan import sample_plan_bytes
    from nsm_excel.store import workspace

    target = directory or root
    changes: dict[str, Any] = {"language": language, "password": password}
    opening = (period, deadline.date() if deadline else None) if period else None
    today = dt.date.today()
    result = workspace.init(target, _settings(changes), sample_plan_bytes(), today, opening)
    click.echo(f"Workspace ready in {_t(target.resolve())}")
    for path in result.created:
        click.echo(f"  created {_t(path.relative_to(target).as_posix())}")
    for path in result.kept:
        click.echo(f"  kept    {_t(path.relative_to(target).as_posix())} (already there)")
    _say_opened(result.workspace, period, today)


def _say_opened(space: workspace.Workspace, period: Period | None, today: dt.date) -> None:
    click.echo(
        f"{_opened(space)}, language {space.config.language}. See the "
        "calendar with nsm period list; edit nsm.toml to change its rule."
    )
    click.echo("Next: nsm check-plan, then nsm generate.")
    if period is not None:
        past_deadline_note(space.calendar_period(period.code), today, "en")


def _opened(space: workspace.Workspace) -> str:
    try:
        opened = space.calendar_period()
    except NsmError:  # no period of the plan years has ended yet
        return "No period open yet (nsm period open PERIOD opens one)"
    return f"Period {opened.period.code} open, deadline {opened.deadline.isoformat()}"


def _settings(changes: dict[str, Any]) -> Config:
    """Today's default settings with the options given on the command line."""
    from nsm_excel.store import workspace

    settings = workspace.default_config(dt.date.today())
    return replace(settings, **{k: v for k, v in changes.items() if v is not None})


@main.command("check-plan")
@workspace_option
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check this file instead of the workspace's plan.",
)
@lang_option
@json_option
def check_plan(root: Path, plan_file: Path | None, lang: str, as_json: bool) -> None:
    """Check the Action Plan register: every problem with its sheet and cell.

    In a workspace with accepted returns, also checks that no edit moves their answers to
    another measure or indicator. Exits 1 when the plan has errors, 0 otherwise (warnings
    allowed).
    """
    space = open_workspace(root)
    from nsm_excel.plan import adoption, history  # the workbook: openpyxl, pandas, pandera

    result = history.load(space, plan_file)
    if plan_file is None:  # the live plan against the version adopted last
        result.report.extend(adoption.pending(space, result))
    if as_json:
        print_json(result.to_dict())
    else:
        print_report(result.report, lang)
        counts = result.to_dict()["counts"]
        summary = "".join(
            words.text(f"cli.plan_count.{what}", lang, n=n) + ", " for what, n in counts.items()
        )
        say(
            "cli.check_plan." + ("usable" if result.report.valid else "not_usable"),
            lang,
            file=_t(result.file),
            counts=summary,
            errors=count(len(result.report.errors), "error", lang),
            warnings=count(len(result.report.warnings), "warning", lang),
        )
    sys.exit(0 if result.report.valid else 1)


@main.command("codes")
@click.option(
    "--markdown", is_flag=True, help="Print the catalogue as the Markdown table of the docs."
)
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
def codes(markdown: bool, lang: str) -> None:
    """List every issue code with its severity and message."""
    from nsm_excel.core import catalogue

    if markdown:
        click.echo(catalogue.markdown(), nl=False)
        return
    for code, item in catalogue.CATALOGUE.items():
        click.echo(f"{code:30} {item.severity:8} {_t(item.template(lang))}")
