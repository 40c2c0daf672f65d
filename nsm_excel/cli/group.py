"""The ``nsm`` group and what its commands share: options, the workspace, printing.

Exit codes: 0 all good, 1 problems found in the inputs, 2 usage or fatal error.
Everything printed that comes from a file or the records (names, ids, texts, messages) goes
through :func:`nsm_excel.cli.terminal.shown` (as ``_t``): a control character is shown as an
escape, never sent to the terminal; ``--json`` escapes them as JSON does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from nsm_excel import __version__
from nsm_excel.cli import terminal
from nsm_excel.core.errors import NsmError

if TYPE_CHECKING:  # imported where used, so that `nsm --help` loads neither the records nor words
    from nsm_excel.core.issues import Report
    from nsm_excel.core.periods import Period
    from nsm_excel.store import workspace

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


def jobs_option(command: F) -> F:
    """``--jobs N``: how many returns are read at once (nsm validate, nsm watch)."""
    return click.option(
        "--jobs",
        type=click.IntRange(min=1),
        show_default="the number of cores",
        help="Reading processes that read returns at once; 1 reads one file after the other.",
    )(command)


def period_value(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    from nsm_excel.core.periods import parse_period

    period = parse_period(value)
    if period is None:
        raise click.BadParameter(f"'{_t(value)}' is not a period: write 2025, 2025-H1 or 2025-Q3")
    return period


def open_workspace(root: Path) -> workspace.Workspace:
    from nsm_excel.store import workspace

    return workspace.Workspace.open(root)


def fail(message: str) -> NoReturn:
    click.secho(f"Error: {_t(message)}", fg="red", err=True)
    sys.exit(2)


def print_json(data: dict[str, Any]) -> None:
    click.echo(terminal.as_json(data))


class _Group(click.Group):
    """Every command's :class:`NsmError`, and a file-system error on its way (a file where a
    folder belongs, no permission), becomes a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NsmError as exc:
            fail(str(exc))
        except BrokenPipeError:
            raise
        except OSError as exc:
            from nsm_excel.store import workspace

            fail(str(workspace.os_problem(exc)))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nsm")
def main() -> None:
    """Run the reporting cycle of a strategy's Action Plan through Excel.

    Start with `nsm init DIR`, then `nsm check-plan` and `nsm generate` inside it.
    """


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def print_report(report: Report, lang: str) -> None:
    from nsm_excel.cli import said

    for issue in report:
        colour = "red" if issue.severity.value == "error" else "yellow"
        label = click.style(said.severity(issue.severity.value, lang), fg=colour)
        click.echo(f"{label} {_t(issue.code):28} {_t(issue.message(lang))}")
