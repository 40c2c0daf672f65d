"""`nsm period`: the reporting calendar: list, open, close, approve, reopen, set-deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from nsm_excel.core.periods import Period
from nsm_excel.outputs import publishing, status
from nsm_excel.store import period_changes
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
@json_option
def list_command(root: Path, as_json: bool) -> None:
    """Every period with its state and deadline."""
    found = period_changes.listing(open_workspace(root))
    if as_json:
        print_json(found.to_dict())
        return
    for entry in found.periods:
        click.echo(_line(entry, found.published.get(entry.period.code, "")))


def _line(entry: CalendarPeriod, folder: str = "") -> str:
    frozen = entry.frozen or {}
    counted = f"  {len(frozen['counted'])} returns counted" if "counted" in frozen else ""
    where = f"  published in {_t(folder)}" if folder else ""
    return (
        f"  {_t(entry.period.code):8} {entry.state:9} deadline {entry.deadline:%d.%m.%Y}"
        f"{counted}{where}"
    )


def _changed(
    root: Path, action: str, period: Period, reason: str = "", deadline: dt.date | None = None
) -> None:
    space = open_workspace(root)
    entry = period_changes.change(space, action, period.code, reason, deadline)
    click.echo(_line(entry))
    if action in ("open", "set-deadline"):
        past_deadline_note(entry, space.today())


def past_deadline_note(entry: CalendarPeriod, today: dt.date) -> None:
    """Say so when an open period's deadline is already past, and how to move it."""
    if entry.deadline < today:
        click.echo(
            f"Note: the deadline {entry.deadline:%d.%m.%Y} is already past: every return received "
            "now is late, and an institution that sent nothing is overdue. To give institutions "
            f"time, move it: nsm period set-deadline {_t(entry.period.code)} DATE --reason TEXT."
        )


@period_group.command("open")
@click.argument("period", callback=period_value)
@workspace_option
@click.option("--deadline", type=_DATE, help="Its deadline (default: the calendar's).")
def open_command(period: Period, root: Path, deadline: dt.datetime | None) -> None:
    """Open a planned PERIOD: templates can be issued and returns are taken."""
    _changed(root, "open", period, deadline=deadline.date() if deadline else None)


@period_group.command("close")
@click.argument("period", callback=period_value)
@workspace_option
def close_command(period: Period, root: Path) -> None:
    """Close PERIOD: no more returns counted; what it counted is frozen, and its master workbook
    and summary report are published from it in outbox/PERIOD/published/CLOSING/."""
    space = open_workspace(root)
    closed = publishing.close_period(space, period.code)
    for done in closed.publications:
        if done.period != period.code:
            click.echo(f"  {_t(done.period)}: the publication a stopped run left is finished.")
    mine = [p for p in closed.publications if p.period == period.code]
    click.echo(_line(closed.period, mine[-1].folder if mine else ""))
    if not (closed.period.frozen or {}).get("issued"):
        click.echo(
            f"Note: no template was issued for {_t(period.code)}, so its published outputs expect "
            f"no return. To report on it: nsm period reopen {_t(period.code)} --reason TEXT, "
            f"then nsm generate --period {_t(period.code)}."
        )
    elif closed.period.deadline >= space.today():
        silent = status.without_return(space, period)
        if silent:
            click.echo(
                f"Note: closed before its deadline {closed.period.deadline:%d.%m.%Y}, with no "
                f"return counted from {len(silent)} institution(s): {_t(', '.join(silent))}. "
                "A return they send now is rejected as one for a closed period; to count it, "
                f"nsm period reopen {_t(period.code)} --reason TEXT, then nsm validate."
            )


@period_group.command("approve")
@click.argument("period", callback=period_value)
@workspace_option
def approve_command(period: Period, root: Path) -> None:
    """Approve a closed PERIOD: its figures are the committee's."""
    _changed(root, "approve", period)


@period_group.command("reopen")
@click.argument("period", callback=period_value)
@workspace_option
@click.option("--reason", required=True, help="Why it is reopened (kept in the records).")
def reopen_command(period: Period, root: Path, reason: str) -> None:
    """Reopen a closed or approved PERIOD, saying why."""
    _changed(root, "reopen", period, reason)


@period_group.command("set-deadline")
@click.argument("period", callback=period_value)
@click.argument("deadline", type=_DATE)
@workspace_option
@click.option("--reason", default="", help="Why it moves (kept in the records).")
def set_deadline_command(period: Period, deadline: dt.datetime, root: Path, reason: str) -> None:
    """Move the deadline of a planned or open PERIOD to DEADLINE."""
    _changed(root, "set-deadline", period, reason, deadline=deadline.date())
