"""Commands of the reporting cycle: `nsm generate`, `validate`, `consolidate`, `status`, `demo`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    jobs_option,
    json_option,
    main,
    open_workspace,
    period_value,
    print_json,
    print_report,
    workspace_option,
)
from nsm_excel.cli.progress import Bar
from nsm_excel.cli.said import decimal, lang_option, print_file, say
from nsm_excel.core import words

if TYPE_CHECKING:  # each command imports the stage it calls, so that `nsm --help` loads none
    from nsm_excel.core.issues import Report
    from nsm_excel.core.periods import Period
    from nsm_excel.template.generate import GenerateResult

_t = terminal.shown


@main.command("generate")
@workspace_option
@click.option(
    "--period", callback=period_value, help="Period to issue (default: the latest open one)."
)
@click.option(
    "--institution", "-i", "institutions", multiple=True, help="Only this institution (repeatable)."
)
@click.option("--force", is_flag=True, help="Issue a new version even where one was issued.")
@lang_option
@json_option
def generate_command(
    root: Path,
    period: Period | None,
    institutions: tuple[str, ...],
    force: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Write one locked template per institution to templates/xlsx/<PERIOD>/.

    An issued template is never overwritten: use --force to issue a new version (the old file is
    kept in superseded/). Only an open period is issued (nsm period open PERIOD).
    """
    from nsm_excel.template.generate import generate

    space = open_workspace(root)
    with Bar("Generating templates", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = generate(space, period, institutions, force, progress=bar)
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.plan.plan else 1)
    if result.plan.plan is None:
        print_report(result.plan.report, lang)
        say(_refused(result.plan.report), lang)
        sys.exit(1)
    _print_generated(result, space.root, lang)


def _print_generated(result: GenerateResult, root: Path, lang: str) -> None:
    """One line per institution, then the counts and the folder."""
    for line in result.lines:
        counts = ""
        if line.file:
            measures, indicators = line.measures, line.indicators
            counts = words.text(
                "cli.generate.counts", lang, measures=measures, indicators=indicators
            )
        version = f"v{line.version}" if line.version else "  "
        outcome = words.text(f"cli.generate.outcome.{line.outcome}", lang)
        click.echo(
            f"  {_t(line.institution):8} {outcome:9} {version:4} {counts}  {_t(line.note_in(lang))}"
        )
    say(
        "cli.generate.summary",
        lang,
        written=result.count("issued") + result.count("reissued"),
        kept=result.count("kept"),
        no_rows=result.count("no rows"),
        seconds=decimal(result.seconds, lang),
    )
    say("cli.generate.folder", lang, folder=_t((root / result.folder).resolve()))


def _refused(report: Report) -> str:
    from nsm_excel.core.issue_codes import IssueCode

    if any(issue.code == IssueCode.PLAN_NOT_ADOPTED for issue in report):
        return "cli.generate.not_adopted"
    return "cli.generate.plan_errors"


_SUMMARY = {  # the summary line's counts: the placeholder, the status it counts
    "accepted": "accepted",
    "rejected": "rejected",
    "duplicates": "duplicate",
    "waiting": "waiting",
}


@main.command("validate")
@workspace_option
@lang_option
@click.option("--details", is_flag=True, help="Print every issue under its file.")
@click.option(
    "--rejudge",
    is_flag=True,
    help="Judge again every file rejected for a reason outside it (its period was not open, "
    "its template was not in the register).",
)
@jobs_option
@json_option
def validate_command(
    root: Path, lang: str, details: bool, rejudge: bool, jobs: int | None, as_json: bool
) -> None:
    """Check every file in inbox/: archive it, record it, write feedback for the institution.

    Each return is judged for the period it names, accepted into any open period. Exits 0 when
    every file was accepted, 1 when any was rejected, 2 on a usage or fatal error.
    """
    from nsm_excel.intake.run import validate_inbox
    from nsm_excel.outputs.status_page import write_pages

    space = open_workspace(root)
    with Bar("Validating returns", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = validate_inbox(space, progress=bar, rejudge=rejudge, jobs=jobs)
    write_pages(space)  # outbox/<PERIOD>/status.html
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.all_accepted else 1)
    if not result.files:
        say("cli.validate.empty", lang, inbox=_t(space.inbox.resolve()))
    for item in result.files:
        print_file(item, lang, details)
    counts = {word: result.count(status) for word, status in _SUMMARY.items()}
    say("cli.validate.summary", lang, **counts, seconds=decimal(result.seconds, lang))
    sys.exit(0 if result.all_accepted else 1)


@main.command("consolidate")
@workspace_option
@click.option(
    "--period", callback=period_value, help="Period to consolidate (default: the latest open one)."
)
@click.option("--lang", type=click.Choice(["sq", "en"]), help="Language of the outputs.")
@json_option
def consolidate_command(root: Path, period: Period | None, lang: str | None, as_json: bool) -> None:
    """Write the master workbook and the summary report from the accepted returns.

    Reads the ledger, never the inbox: outbox/<PERIOD>/NSM_master_<PERIOD>_<LANG>.xlsx and
    outbox/<PERIOD>/NSM_summary_<PERIOD>_<LANG>.html, in every language (sq and en) unless
    --lang names one.
    """
    from nsm_excel.cli.consolidated import frozen_lines, no_templates_note, print_figures
    from nsm_excel.outputs.reports import build_reports

    space = open_workspace(root)
    result = build_reports(space, period, lang)
    if as_json:
        print_json(result.to_dict())
        return
    said_in = lang or "en"
    if not result.figures.overview.expected:
        no_templates_note(space.calendar_period(result.figures.overview.period), said_in)
    print_figures(result.figures.overview, said_in)
    if result.frozen is not None:
        frozen_lines(result.frozen)
        return
    for line in _output_lines(result.files):
        click.echo(line)


def _output_lines(files: tuple[str, ...], base: Path | None = None) -> list[str]:
    """One line per output file, master workbooks first: "Master workbook: <path>"."""
    shown = [(f, _t(base / f if base else f)) for f in files]
    masters = [text for f, text in shown if f.endswith(".xlsx")]
    summaries = [text for f, text in shown if not f.endswith(".xlsx")]
    return [f"Master workbook: {m}" for m in masters] + [f"Summary report:  {s}" for s in summaries]


@main.command("status")
@workspace_option
@click.option("--period", callback=period_value, help="Period (default: every open period).")
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def status_command(root: Path, period: Period | None, lang: str, as_json: bool) -> None:
    """Who has returned what: on time or late, rejected and why, pending or overdue."""
    from nsm_excel.cli.status_lines import print_period_status
    from nsm_excel.outputs.status import submission_status

    space = open_workspace(root)
    result = submission_status(space, period)
    if as_json:
        print_json(result.to_dict())
        return
    for entry in result.periods:
        print_period_status(entry, lang, space.config.calendar.time_zone)


@main.command("demo")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def demo_command(directory: Path | None) -> None:
    """Run the whole cycle on the sample plan in a fresh DIRECTORY (default: nsm-demo).

    Generates templates, fills most as institutions would (a few late, a few with mistakes,
    one silent, one resubmission), validates, consolidates, and prints where the outputs are.
    """
    from nsm_excel.demo.run import fresh_folder, run_demo

    target = directory or fresh_folder(Path("nsm-demo"))
    result = run_demo(target, say=lambda text: click.echo(_t(text)))
    reports = result.reports
    assert reports is not None
    base = target.resolve()
    click.echo(f"Templates:       {_t(base / result.generated.folder)}")
    for line in _output_lines(reports.files, base):
        click.echo(line)
    for path in result.feedback:
        click.echo(f"Feedback:        {_t(base / path)}")
    click.echo(f"Ledger:          {_t(base / 'nsm.sqlite')} (nsm status -w {_t(target)})")
