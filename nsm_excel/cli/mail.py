"""`nsm send` and `nsm remind`: messages to institutions, as .eml files or by e-mail."""

from __future__ import annotations

import sys
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
from nsm_excel.cli.said import lang_option, severity
from nsm_excel.core import words

if TYPE_CHECKING:  # the desk reads the plan's contacts: imported by the commands that send
    from nsm_excel.core.periods import Period
    from nsm_excel.desk.dispatch import MailResult

_t = terminal.shown
_COLOURS = {"sent": "green", "drafted": "green", "failed": "red", "unknown": "red"}


def _options(command: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            workspace_option,
            click.option("--period", callback=period_value, help="The period (default: open)."),
            click.option(
                "--institution",
                "-i",
                "institutions",
                multiple=True,
                help="Only this institution (repeatable).",
            ),
            click.option("--again", is_flag=True, help="Send again what was sent before."),
            lang_option,
            json_option,
        )
    ):
        command = option(command)
    return command


@main.command("send")
@_options
def send_command(
    root: Path,
    period: Period | None,
    institutions: tuple[str, ...],
    again: bool,
    lang: str,
    as_json: bool,
) -> None:
    """E-mail each institution its template of the period, with the deadline.

    Without [smtp] in nsm.toml each message is written to outbox/<PERIOD>/mail/ as an .eml
    file to open and send from the mail program. A message already sent is refused unless
    --again.
    """
    from nsm_excel.desk.send import send_templates

    result = send_templates(open_workspace(root), period, institutions, again)
    _show(result, lang, as_json)


@main.command("remind")
@_options
def remind_command(
    root: Path,
    period: Period | None,
    institutions: tuple[str, ...],
    again: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Remind the institutions whose return is due soon, overdue or rejected.

    Due soon is [reminders] days_before days before the deadline; a rejected return's feedback
    workbook is attached and its problems listed.
    """
    from nsm_excel.desk.remind import send_reminders

    result = send_reminders(open_workspace(root), period, institutions, again)
    _show(result, lang, as_json)


def _show(result: MailResult, lang: str, as_json: bool) -> None:
    if as_json:
        print_json(result.to_dict())
    else:
        if not result.outcomes:
            click.echo(words.text("mail.none", lang, period=_t(result.period)))
        for outcome in result.outcomes:
            state = words.text(f"mail.state.{outcome.state}", lang)
            shown = click.style(f"{_t(state):10}", fg=_COLOURS.get(outcome.state))
            to = ", ".join(outcome.recipients)
            click.echo(f"  {_t(outcome.institution):8} {shown} {_t(outcome.file)}  {_t(to)}")
            if outcome.failure:
                said = words.text(f"mail.failure.{outcome.failure['kind']}", lang)
                click.echo(f"           {_t(said)} ({_t(outcome.failure['detail'])})")
        if any(o.state == "already" for o in result.outcomes):
            click.echo(words.text("mail.again_hint", lang))
        for issue in result.issues:
            label = click.style(severity(issue.severity.value, lang), fg="red")
            click.echo(f"{label} {_t(issue.message(lang))}")
    sys.exit(0 if result.ok else 1)
