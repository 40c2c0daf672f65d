"""Commands of the reporting cycle: `nsm generate`, `validate`, `consolidate`, `status`, `demo`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    json_option,
    main,
    open_workspace,
    period_value,
    plural,
    print_json,
    print_report,
    workspace_option,
)
from nsm_excel.cli.progress import Bar
from nsm_excel.core import clock, words
from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.core.issues import Report
from nsm_excel.core.periods import Period
from nsm_excel.intake.run import FileResult, validate_inbox
from nsm_excel.outputs.publishing import Recheck
from nsm_excel.outputs.reports import build_reports
from nsm_excel.outputs.status import PeriodStatus, state_word, submission_status
from nsm_excel.store.calendar import PLANNED, CalendarPeriod
from nsm_excel.template.generate import generate

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
@json_option
def generate_command(
    root: Path, period: Period | None, institutions: tuple[str, ...], force: bool, as_json: bool
) -> None:
    """Write one locked template per institution to templates/xlsx/<PERIOD>/.

    An issued template is never overwritten: use --force to issue a new version (the old file is
    kept in superseded/). Only an open period is issued (nsm period open PERIOD).
    """
    space = open_workspace(root)
    with Bar("Generating templates", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = generate(space, period, institutions, force, progress=bar)
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.plan.plan else 1)
    if result.plan.plan is None:
        print_report(result.plan.report, "en")
        click.echo(_refused(result.plan.report))
        sys.exit(1)
    for line in result.lines:
        counts = f"{line.measures:3} measures {line.indicators:3} indicators" if line.file else ""
        version = f"v{line.version}" if line.version else "  "
        click.echo(
            f"  {_t(line.institution):8} {line.outcome:9} {version:4} {counts}  {_t(line.note)}"
        )
    written = result.count("issued") + result.count("reissued")
    click.echo(
        f"{written} templates written, {result.count('kept')} kept, "
        f"{result.count('no rows')} without rows, in {result.seconds:.1f} s."
    )
    click.echo(f"Templates: {_t((space.root / result.folder).resolve())}")


def _refused(report: Report) -> str:
    if any(issue.code == IssueCode.PLAN_NOT_ADOPTED for issue in report):
        return "The plan was edited but not adopted: no template was generated."
    return "The plan has errors: no template was generated. Fix them and run again."


@main.command("validate")
@workspace_option
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@click.option("--details", is_flag=True, help="Print every issue under its file.")
@click.option(
    "--rejudge",
    is_flag=True,
    help="Judge again every file rejected for a reason outside it (its period was not open, "
    "its template was not in the register).",
)
@json_option
def validate_command(root: Path, lang: str, details: bool, rejudge: bool, as_json: bool) -> None:
    """Check every file in inbox/: archive it, record it, write feedback for the institution.

    Each return is judged for the period it names, accepted into any open period. Exits 0 when
    every file was accepted, 1 when any was rejected, 2 on a usage or fatal error.
    """
    space = open_workspace(root)
    with Bar("Validating returns", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = validate_inbox(space, progress=bar, rejudge=rejudge)
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.all_accepted else 1)
    if not result.files:
        click.echo(f"The inbox ({_t(space.inbox.resolve())}) is empty: nothing to validate.")
    for item in result.files:
        _print_file(item, lang, details)
    click.echo(
        f"{result.count('accepted')} accepted, {result.count('rejected')} rejected, "
        f"{result.count('duplicate')} duplicates, {result.count('waiting')} waiting, "
        f"in {result.seconds:.1f} s."
    )
    sys.exit(0 if result.all_accepted else 1)


def _print_file(item: FileResult, lang: str, details: bool) -> None:
    """One validated file on a line; its issues below it when asked or when it is on hold."""
    report = item.report
    colour = {"accepted": "green", "rejected": "red"}.get(item.status, "yellow")
    who = f"{_t(item.institution or '?'):8} {_t(item.period or '?'):8}"
    counts = f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
    status = click.style(f"{_t(item.status):9}", fg=colour)
    click.echo(f"{_t(item.file):40} {who} {status} {counts}")
    if details or item.status in ("waiting", "duplicate") or not item.institution:
        for issue in item.issues:
            message = f"{_t(issue.code):30} {_t(issue.message(lang))}"
            click.echo(f"    {issue.severity.value:7} {message}")
    if item.feedback:
        click.echo(f"    feedback: {_t(item.feedback)}")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


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
    space = open_workspace(root)
    result = build_reports(space, period, lang)
    if as_json:
        print_json(result.to_dict())
        return
    o = result.figures.overview
    if not o.expected:
        _no_templates_note(space.calendar_period(o.period))
    click.echo(
        f"{o.period}: {o.accepted} of {o.expected} returns accepted "
        f"({_percent(o.reporting_rate)}), {o.on_time} on time, {o.late} late, "
        f"{o.rejected} rejected, {o.missing} missing."
    )
    click.echo(
        f"Implementation rate {_percent(o.implementation_rate)} ({o.implemented} of {o.due} "
        f"measures due; band {o.band or '–'}); budget execution {_percent(o.execution)}."
    )
    if result.frozen is not None:
        _frozen_lines(result.frozen)
        return
    for line in _output_lines(result.files):
        click.echo(line)


def _output_lines(files: tuple[str, ...], base: Path | None = None) -> list[str]:
    """One line per output file, master workbooks first: "Master workbook: <path>"."""
    shown = [(f, _t(base / f if base else f)) for f in files]
    masters = [text for f, text in shown if f.endswith(".xlsx")]
    summaries = [text for f, text in shown if not f.endswith(".xlsx")]
    return [f"Master workbook: {m}" for m in masters] + [f"Summary report:  {s}" for s in summaries]


def _no_templates_note(entry: CalendarPeriod) -> None:
    code = _t(entry.period.code)
    first = f"open it with nsm period open {code}, then " if entry.state == PLANNED else ""
    click.echo(
        f"Note: period {code} is {entry.state} and no template was issued for it, so these "
        f"outputs expect no return. To report on it, {first}issue its templates with "
        f"nsm generate --period {code} and take the returns with nsm validate."
    )


def _frozen_lines(found: Recheck) -> None:
    """What making a closed period's outputs again found."""
    click.echo(
        f"{_t(found.period)} is closed: its outputs are those published at closing "
        f"{found.closing}, in {_t(found.folder)}."
    )
    if found.completed:
        click.echo("The publication a stopped run left was finished.")
    for file in found.restored:
        click.echo(f"Put back as published (it was missing or changed): {_t(file)}")
    if found.identical:
        click.echo(
            "Made again from the frozen facts: identical to the published files; nothing written."
        )
        return
    click.echo("Made again from the frozen facts, these differ from the published files:")
    for file in found.differs:
        click.echo(f"  {_t(file)}")
    click.echo("The published files are unchanged; the regenerated copies are beside them:")
    for file in found.regenerated:
        click.echo(f"  {_t(file)}")


@main.command("status")
@workspace_option
@click.option("--period", callback=period_value, help="Period (default: every open period).")
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def status_command(root: Path, period: Period | None, lang: str, as_json: bool) -> None:
    """Who has returned what: on time or late, rejected and why, pending or overdue."""
    space = open_workspace(root)
    result = submission_status(space, period)
    if as_json:
        print_json(result.to_dict())
        return
    for entry in result.periods:
        _print_period_status(entry, lang, space.config.calendar.time_zone)


def _print_period_status(entry: PeriodStatus, lang: str, zone: str) -> None:
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
        code, accepted = _t(line.code), _t(line.accepted_file)
        click.echo(f"  {code:8} {state} {said}  {accepted}")
        if line.taken_over:
            codes = ", ".join(line.taken_over)
            said = words.text("outputs.status.taken_over", lang, codes=codes, code=line.code)
            click.echo(f"           {_t(said)}")
        for problem in line.problems_in(lang)[:3]:
            click.echo(f"           {_t(problem)}")


_COLOURS = {"on time": "green", "late": "yellow", "rejected": "red", "overdue": "red"}


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
