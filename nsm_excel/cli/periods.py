"""`nsm period`: the reporting calendar: list, open, close, approve, reopen, set-deadline."""

from __future__ import annotations

import datetime as dt
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
from nsm_excel.core import words

if TYPE_CHECKING:  # each command imports what it calls, so that `nsm --help` loads no records
    from nsm_excel.core.periods import Period
    from nsm_excel.store.calendar import CalendarPeriod

_t = terminal.shown
_DATE = click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"])


@main.group("period")
def period_group() -> None:
    """The reporting calendar: every period of the plan years, its deadline and its state.

    A period is planned, then open (returns are taken), closed (no more returns counted),
    approved (the committee's figures). Every change is recorded with its reason.
    """


@period_group.command("list")
@workspace_option
@lang_option
@json_option
def list_command(root: Path, lang: str, as_json: bool) -> None:
    """Every period with its state and deadline."""
    from nsm_excel.store import period_changes

    found = period_changes.listing(open_workspace(root))
    if as_json:
        print_json(found.to_dict())
        return
    for entry in found.periods:
        click.echo(_line(entry, lang, found.published.get(entry.period.code, "")))


def _line(entry: CalendarPeriod, lang: str, folder: str = "") -> str:
    frozen = entry.frozen or {}
    counted = ""
    if "counted" in frozen:
        counted = words.text("cli.period.counted", lang, n=len(frozen["counted"]))
    where = words.text("cli.period.published", lang, folder=_t(folder)) if folder else ""
    return words.text(
        "cli.period.line",
        lang,
        code=_t(entry.period.code),
        state=words.text(f"outputs.status.period_state_{entry.state}", lang),
        deadline=f"{entry.deadline:%d.%m.%Y}",
        counted=counted,
        published=where,
    )


def _changed(
    root: Path,
    action: str,
    period: Period,
    lang: str,
    reason: str = "",
    deadline: dt.date | None = None,
) -> None:
    space = open_workspace(root)
    from nsm_excel.store import period_changes

    entry = period_changes.change(space, action, period.code, reason, deadline)
    click.echo(_line(entry, lang))
    if action in ("open", "set-deadline"):
        past_deadline_note(entry, space.today(), lang)


def past_deadline_note(entry: CalendarPeriod, today: dt.date, lang: str) -> None:
    """Say so when an open period's deadline is already past, and how to move it."""
    if entry.deadline < today:
        deadline, code = f"{entry.deadline:%d.%m.%Y}", _t(entry.period.code)
        say("cli.period.past_deadline", lang, deadline=deadline, period=code)


@period_group.command("open")
@click.argument("period", callback=period_value)
@workspace_option
@click.option("--deadline", type=_DATE, help="Its deadline (default: the calendar's).")
@lang_option
def open_command(period: Period, root: Path, deadline: dt.datetime | None, lang: str) -> None:
    """Open a planned PERIOD: templates can be issued and returns are taken."""
    _changed(root, "open", period, lang, deadline=deadline.date() if deadline else None)


@period_group.command("close")
@click.argument("period", callback=period_value)
@workspace_option
@lang_option
def close_command(period: Period, root: Path, lang: str) -> None:
    """Close PERIOD: no more returns counted; what it counted is frozen, and its master workbook
    and summary report are published from it in outbox/PERIOD/published/CLOSING/."""
    space = open_workspace(root)
    from nsm_excel.outputs import publishing, status  # writes the workbooks it publishes

    closed = publishing.close_period(space, period.code)
    for done in closed.publications:
        if done.period != period.code:
            say("cli.period.finished", lang, period=_t(done.period))
    mine = [p for p in closed.publications if p.period == period.code]
    click.echo(_line(closed.period, lang, mine[-1].folder if mine else ""))
    code = _t(period.code)
    if not (closed.period.frozen or {}).get("issued"):
        say("cli.period.no_templates", lang, period=code)
    elif closed.period.deadline >= space.today():
        silent = status.without_return(space, period)
        if silent:
            deadline = f"{closed.period.deadline:%d.%m.%Y}"
            codes = _t(", ".join(silent))
            say(
                "cli.period.closed_early",
                lang,
                deadline=deadline,
                n=len(silent),
                codes=codes,
                period=code,
            )


@period_group.command("approve")
@click.argument("period", callback=period_value)
@workspace_option
@lang_option
def approve_command(period: Period, root: Path, lang: str) -> None:
    """Approve a closed PERIOD: its figures are the committee's."""
    _changed(root, "approve", period, lang)


@period_group.command("reopen")
@click.argument("period", callback=period_value)
@workspace_option
@click.option("--reason", required=True, help="Why it is reopened (kept in the records).")
@lang_option
def reopen_command(period: Period, root: Path, reason: str, lang: str) -> None:
    """Reopen a closed or approved PERIOD, saying why."""
    _changed(root, "reopen", period, lang, reason)


@period_group.command("set-deadline")
@click.argument("period", callback=period_value)
@click.argument("deadline", type=_DATE)
@workspace_option
@click.option("--reason", default="", help="Why it moves (kept in the records).")
@lang_option
def set_deadline_command(
    period: Period, deadline: dt.datetime, root: Path, reason: str, lang: str
) -> None:
    """Move the deadline of a planned or open PERIOD to DEADLINE."""
    _changed(root, "set-deadline", period, lang, reason, deadline=deadline.date())
