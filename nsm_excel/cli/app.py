"""The ``nsm`` command: a thin adapter over the library. One library call per command.

Exit codes: 0 all good, 1 problems found in the inputs, 2 usage or fatal error.
Everything printed that comes from a file or the records (names, ids, texts, messages) goes
through :func:`nsm_excel.terminal.shown` (as ``_t``): a control character is shown as an
escape, never sent to the terminal; ``--json`` escapes them as JSON does.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from nsm_excel import __version__
from nsm_excel.cli import terminal
from nsm_excel.cli.progress import Bar
from nsm_excel.core import catalogue
from nsm_excel.core.errors import NsmError
from nsm_excel.core.issues import Report
from nsm_excel.core.periods import Period, parse_period
from nsm_excel.intake.run import validate_inbox
from nsm_excel.outputs.reports import build_reports
from nsm_excel.outputs.status import submission_status
from nsm_excel.plan import history as plan_history
from nsm_excel.store import workspace
from nsm_excel.template.generate import generate

F = TypeVar("F", bound=Callable[..., Any])
_t = terminal.shown


def workspace_option(command: F) -> F:
    return click.option(
        "--workspace",
        "-w",
        "root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default="the current folder",
        help="The workspace folder (created by `nsm init`).",
    )(command)


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(
        command
    )


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    period = parse_period(value)
    if period is None:
        raise click.BadParameter(f"'{_t(value)}' is not a period: write 2025, 2025-H1 or 2025-Q3")
    return period


def _open(root: Path) -> workspace.Workspace:
    return workspace.Workspace.open(root)


def _fail(message: str) -> NoReturn:
    click.secho(f"Error: {_t(message)}", fg="red", err=True)
    sys.exit(2)


def _print_json(data: dict[str, Any]) -> None:
    click.echo(terminal.as_json(data))


class _Group(click.Group):
    """Every command's :class:`NsmError`, and a file-system error on its way (a file where a
    folder belongs, no permission), becomes a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NsmError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            raise
        except OSError as exc:
            _fail(str(workspace.os_problem(exc)))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nsm")
def main() -> None:
    """Run the reporting cycle of a strategy's Action Plan through Excel.

    Start with `nsm init DIR`, then `nsm check-plan` and `nsm generate` inside it.
    """


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@workspace_option
@click.option("--period", callback=_period, help="Reporting period, e.g. 2026-H1.")
@click.option(
    "--deadline",
    type=click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"]),
    help="Submission deadline, e.g. 2027-01-31.",
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
    from dataclasses import replace

    from nsm_excel.demo.sample_plan import sample_plan_bytes

    target = directory or root
    settings = workspace.default_config(dt.date.today())
    changes: dict[str, Any] = {"period": period, "language": language, "password": password}
    changes["deadline"] = deadline.date() if deadline else None
    settings = replace(settings, **{k: v for k, v in changes.items() if v is not None})
    result = workspace.init(target, settings, sample_plan_bytes())
    click.echo(f"Workspace ready in {_t(target.resolve())}")
    for path in result.created:
        click.echo(f"  created {_t(path.relative_to(target).as_posix())}")
    for path in result.kept:
        click.echo(f"  kept    {_t(path.relative_to(target).as_posix())} (already there)")
    config = result.workspace.config
    click.echo(
        f"Period {config.period.code}, deadline {config.deadline.isoformat()}, "
        f"language {config.language}. Edit nsm.toml to change them."
    )
    click.echo("Next: nsm check-plan, then nsm generate.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _print_report(report: Report, lang: str) -> None:
    for issue in report:
        colour = "red" if issue.severity.value == "error" else "yellow"
        label = click.style(f"{issue.severity.value.upper():7}", fg=colour)
        click.echo(f"{label} {_t(issue.code):28} {_t(issue.message(lang))}")


@main.command("check-plan")
@workspace_option
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check this file instead of the workspace's plan.",
)
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def check_plan(root: Path, plan_file: Path | None, lang: str, as_json: bool) -> None:
    """Check the Action Plan register: every problem with its sheet and cell.

    In a workspace with accepted returns, also checks that no edit moves their answers to
    another measure or indicator. Exits 1 when the plan has errors, 0 otherwise (warnings
    allowed).
    """
    space = _open(root)
    result = plan_history.load(space, plan_file)
    if as_json:
        _print_json(result.to_dict())
    else:
        _print_report(result.report, lang)
        counts = result.to_dict()["counts"]
        summary = "".join(f"{n} {what}, " for what, n in counts.items())
        verdict = "usable" if result.report.valid else "NOT usable"
        click.echo(
            f"{_t(result.file)}: {summary}{_plural(len(result.report.errors), 'error')}, "
            f"{_plural(len(result.report.warnings), 'warning')}: the plan is {verdict}."
        )
    sys.exit(0 if result.report.valid else 1)


@main.command("generate")
@workspace_option
@click.option("--period", callback=_period, help="Period to issue (default: from nsm.toml).")
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
    kept in superseded/).
    """
    space = _open(root)
    with Bar("Generating templates", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = generate(space, period, institutions, force, progress=bar)
    if as_json:
        _print_json(result.to_dict())
        sys.exit(0 if result.plan.plan else 1)
    if result.plan.plan is None:
        _print_report(result.plan.report, "en")
        click.echo("The plan has errors: no template was generated. Fix them and run again.")
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


@main.command("codes")
@click.option(
    "--markdown", is_flag=True, help="Print the catalogue as the Markdown table of the docs."
)
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
def codes(markdown: bool, lang: str) -> None:
    """List every issue code with its severity and message."""
    if markdown:
        click.echo(catalogue.markdown(), nl=False)
        return
    for code, item in catalogue.CATALOGUE.items():
        click.echo(f"{code:30} {item.severity:8} {_t(item.template(lang))}")


@main.command("validate")
@workspace_option
@click.option("--period", callback=_period, help="Period being collected (default: nsm.toml).")
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@click.option("--details", is_flag=True, help="Print every issue under its file.")
@json_option
def validate_command(
    root: Path, period: Period | None, lang: str, details: bool, as_json: bool
) -> None:
    """Check every file in inbox/: archive it, record it, write feedback for the institution.

    Exits 0 when every file was accepted, 1 when any was rejected, 2 on a usage or fatal error.
    """
    space = _open(root)
    with Bar("Validating returns", enabled=not as_json and sys.stderr.isatty()) as bar:
        result = validate_inbox(space, period, progress=bar)
    if as_json:
        _print_json(result.to_dict())
        sys.exit(0 if result.all_accepted else 1)
    if not result.files:
        click.echo(f"The inbox ({_t(space.inbox.resolve())}) is empty: nothing to validate.")
    for item in result.files:
        report = item.report
        colour = {"accepted": "green", "rejected": "red"}.get(item.status, "yellow")
        who = f"{_t(item.institution or '?'):8} {_t(item.period or '?'):8}"
        counts = (
            f"{_plural(len(report.errors), 'error')}, {_plural(len(report.warnings), 'warning')}"
        )
        status = click.style(f"{_t(item.status):9}", fg=colour)
        click.echo(f"{_t(item.file):40} {who} {status} {counts}")
        if details or item.status in ("waiting", "duplicate") or not item.institution:
            for issue in item.issues:
                message = f"{_t(issue.code):30} {_t(issue.message(lang))}"
                click.echo(f"    {issue.severity.value:7} {message}")
        if item.feedback:
            click.echo(f"    feedback: {_t(item.feedback)}")
    click.echo(
        f"{result.count('accepted')} accepted, {result.count('rejected')} rejected, "
        f"{result.count('duplicate')} duplicates, {result.count('waiting')} waiting, "
        f"in {result.seconds:.1f} s."
    )
    sys.exit(0 if result.all_accepted else 1)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


@main.command("consolidate")
@workspace_option
@click.option("--period", callback=_period, help="Period to consolidate (default: nsm.toml).")
@click.option("--lang", type=click.Choice(["sq", "en"]), help="Language of the outputs.")
@json_option
def consolidate_command(root: Path, period: Period | None, lang: str | None, as_json: bool) -> None:
    """Write the master workbook and the summary report from the accepted returns.

    Reads the ledger, never the inbox: outbox/<PERIOD>/NSM_master_<PERIOD>.xlsx and
    outbox/<PERIOD>/NSM_summary_<PERIOD>.html.
    """
    result = build_reports(_open(root), period, lang)
    if as_json:
        _print_json(result.to_dict())
        return
    o = result.figures.overview
    click.echo(
        f"{o.period}: {o.accepted} of {o.expected} returns accepted "
        f"({_percent(o.reporting_rate)}), {o.on_time} on time, {o.late} late, "
        f"{o.rejected} rejected, {o.missing} missing."
    )
    click.echo(
        f"Implementation rate {_percent(o.implementation_rate)} ({o.implemented} of {o.due} "
        f"measures due; band {o.band or '–'}); budget execution {_percent(o.execution)}."
    )
    click.echo(f"Master workbook: {_t(result.master)}")
    click.echo(f"Summary report:  {_t(result.summary)}")


@main.command("status")
@workspace_option
@click.option("--period", callback=_period, help="Period (default: nsm.toml).")
@json_option
def status_command(root: Path, period: Period | None, as_json: bool) -> None:
    """Who has returned what: accepted on time or late, rejected and why, missing."""
    result = submission_status(_open(root), period)
    if as_json:
        _print_json(result.to_dict())
        return
    o = result.overview
    click.echo(f"{o.period}, deadline {o.deadline:%d.%m.%Y}: {o.accepted} of {o.expected} accepted")
    colours = {"on time": "green", "late": "yellow", "rejected": "red", "missing": "red"}
    for line in result.institutions:
        state = click.style(f"{_t(line.state):9}", fg=colours.get(line.state))
        when = _t(line.last_received[:16].replace("T", " ") or "–")
        code, accepted = _t(line.code), _t(line.accepted_file)
        click.echo(f"  {code:8} {state} files {line.files}  last {when}  {accepted}")
        for problem in line.problems[:3]:
            click.echo(f"           {_t(problem)}")


@main.command("doctor")
@workspace_option
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def doctor_command(root: Path, lang: str, as_json: bool) -> None:
    """Check the workspace without changing it: records, archive, feedback, templates, folders.

    Exits 0 when the workspace is healthy, 1 when problems were found, 2 when it cannot check.
    """
    from nsm_excel.store.doctor import examine

    result = examine(root)
    if as_json:
        _print_json(result.to_dict())
        sys.exit(0 if result.healthy else 1)
    for issue in result.report:
        colour = "red" if issue.severity.value == "error" else "yellow"
        label = click.style(f"{issue.severity.value.upper():7}", fg=colour)
        click.echo(f"{label} {_t(issue.code):30} {_t(issue.message(lang))}")
    c = result.checked
    click.echo(
        f"{_t(result.workspace)}: {_plural(c['records'], 'record')}, "
        f"{_plural(c['archive_files'], 'archive file')}, "
        f"{_plural(c['feedback_files'], 'feedback workbook')}, "
        f"{_plural(c['templates'], 'current template')} checked; "
        + ("healthy." if result.healthy else f"{_plural(len(result.report), 'problem')} found.")
    )
    sys.exit(0 if result.healthy else 1)


@main.command("backup")
@click.argument("directory", type=click.Path(path_type=Path))
@workspace_option
@click.option(
    "--replace", is_flag=True, help="Bring an earlier backup of this workspace up to date."
)
@json_option
def backup_command(directory: Path, root: Path, replace: bool, as_json: bool) -> None:
    """Copy the records, archive, templates, outbox, nsm.toml and the plan into DIRECTORY.

    DIRECTORY must be empty (or new), or hold an earlier backup of this workspace (with
    --replace). A manifest lists the sha256 of every file; `nsm restore DIRECTORY` puts it back.
    """
    from nsm_excel.store.backup import backup_workspace

    result = backup_workspace(_open(root), directory, replace)
    if as_json:
        _print_json(result.to_dict())
        return
    size = f"{result.bytes / 1048576:.1f} MiB"
    click.echo(
        f"Backup in {_t(result.folder)}: {_plural(result.files, 'file')} ({size}), "
        f"{result.copied} copied, the rest already there."
    )
    if result.replaced:
        click.echo(f"  it replaces the backup made {_t(result.replaced)}")
    for relative in result.removed:
        click.echo(f"  removed {_t(relative)} (no longer in the workspace)")
    if result.same_disk:
        click.secho(
            "Warning: the backup is on the same disk as the workspace; a failing disk loses "
            "both. Copy it to another disk.",
            fg="yellow",
        )


@main.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@workspace_option
@click.option("--force", is_flag=True, help="Restore even over records that hold more.")
@click.option("--requeue", is_flag=True, help="Put archive files the records lack back in inbox/.")
@json_option
def restore_command(source: Path, root: Path, force: bool, requeue: bool, as_json: bool) -> None:
    """Put back the records (and files) from SOURCE: a backup folder or a records file.

    SOURCE is a folder made by `nsm backup`, or a records copy such as backups/nsm-*.sqlite.
    What is replaced is kept in backups/replaced-<time>/. Refuses records that hold more than
    SOURCE unless --force.
    """
    from nsm_excel.store.restore import restore_workspace

    result = restore_workspace(root, source, force, requeue)
    if as_json:
        _print_json(result.to_dict())
        return
    click.echo(f"Restored from {_t(result.source)}: {_plural(len(result.restored), 'file')}.")
    if result.replaced_damaged:
        click.echo("  the records it replaced were damaged")
    if result.kept_aside:
        click.echo(f"  what it replaced is kept in {_t(result.kept_aside)}")
    if result.requeued:
        click.echo(
            f"{_plural(len(result.requeued), 'archive file')} not in the restored records put "
            "back in the inbox, as received; run nsm validate to record them:"
        )
    elif result.unrecorded:
        click.echo(
            f"{_plural(len(result.unrecorded), 'archive file')} not in the restored records "
            "(received after the backup); `nsm restore --requeue` puts them back in inbox/:"
        )
    for relative in result.requeued or result.unrecorded:
        click.echo(f"  {_t(relative)}")


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
    click.echo(f"Master workbook: {_t(base / reports.master)}")
    click.echo(f"Summary report:  {_t(base / reports.summary)}")
    for path in result.feedback:
        click.echo(f"Feedback:        {_t(base / path)}")
    click.echo(f"Ledger:          {_t(base / 'nsm.sqlite')} (nsm status -w {_t(target)})")
