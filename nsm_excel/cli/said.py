"""What the commands print, from the catalogues in the language asked for (``--lang``).

Every sentence a command prints is a ``cli.*`` word; the values put into it (counts, names,
dates, paths) are facts, and numbers take the language's decimal mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from nsm_excel.cli import terminal
from nsm_excel.core import words

if TYPE_CHECKING:
    from nsm_excel.intake.results import FileResult

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(command: F) -> F:
    """``--lang``: the language of what the command prints (English unless asked)."""
    return click.option(
        "--lang",
        type=click.Choice(["sq", "en"]),
        default="en",
        show_default=True,
        help="The language of what is printed.",
    )(command)


def say(key: str, lang: str, /, **values: object) -> None:
    """Print the word ``key`` in ``lang`` with its values."""
    click.echo(words.text(key, lang, **values))


def count(n: int, what: str, lang: str) -> str:
    """'1 error', '2 errors' ('1 gabim', '2 gabime'): ``what`` is error or warning."""
    return words.text(f"cli.count.{what}.{'one' if n == 1 else 'other'}", lang, n=n)


def severity(value: str, lang: str) -> str:
    """ERROR or WARNING in ``lang``, padded to the longest of the two."""
    width = max(len(words.text(f"cli.severity.{v}", lang)) for v in ("error", "warning"))
    return f"{words.text(f'cli.severity.{value}', lang):{width}}"


def decimal(value: float, lang: str) -> str:
    """``value`` with one decimal, written with the language's decimal mark."""
    return f"{value:.1f}".replace(".", words.text("cli.decimal_mark", lang))


def percent(value: float | None, lang: str) -> str:
    return "–" if value is None else f"{decimal(value, lang)} %"


def print_file(item: FileResult, lang: str, details: bool) -> None:
    """One validated file on a line; its issues below it when asked or when it is on hold."""
    report = item.report
    colour = {"accepted": "green", "rejected": "red"}.get(item.status, "yellow")
    who = f"{terminal.shown(item.institution or '?'):8} {terminal.shown(item.period or '?'):8}"
    errors, warnings = len(report.errors), len(report.warnings)
    counts = f"{count(errors, 'error', lang)}, {count(warnings, 'warning', lang)}"
    shown = words.text(f"cli.validate.status.{item.status}", lang)
    status = click.style(f"{terminal.shown(shown):9}", fg=colour)
    record = (
        words.text("cli.validate.record", lang, record=item.record_id) if item.record_id else ""
    )
    click.echo(f"{terminal.shown(item.file):40} {who} {status} {counts}{record}")
    if details or item.status in ("waiting", "duplicate") or not item.institution:
        for issue in item.issues:
            message = f"{terminal.shown(issue.code):30} {terminal.shown(issue.message(lang))}"
            click.echo(f"    {severity(issue.severity.value, lang).lower()} {message}")
    if item.feedback:
        click.echo(
            "    " + words.text("cli.validate.feedback", lang, file=terminal.shown(item.feedback))
        )
