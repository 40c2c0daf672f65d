"""`nsm decide`: the secretariat's decisions on returns, each kept with who, when and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    fail,
    json_option,
    main,
    open_workspace,
    print_json,
    workspace_option,
)
from nsm_excel.cli.said import lang_option, say
from nsm_excel.core import clock, words
from nsm_excel.store.merge_takes import TAKES

if TYPE_CHECKING:  # intake reads workbooks: imported by the commands that decide
    from nsm_excel.intake.decide import DecisionRefused, DecisionResult

_t = terminal.shown


@main.group("decide")
def decide_group() -> None:
    """Decide on a return: accept it despite its problems, return it with a comment, or settle
    the cells two copies of one template differ in. Every decision keeps who and why."""


def _refused(exc: DecisionRefused, lang: str, zone: str) -> NoReturn:
    facts = dict(exc.facts)
    if isinstance(facts.get("at"), str):
        facts["at"] = clock.local_time(facts["at"], zone)
    fail(words.text(f"decide.refused.{exc.key}", lang, **facts))


def _said(result: DecisionResult, kind: str, lang: str, as_json: bool, zone: str) -> None:
    """The decision's line, its time on the workspace's clock as nsm status and nsm log show it."""
    if as_json:
        print_json(result.to_dict())
        return
    d = result.decision
    at = clock.local_time(d.at, zone)
    values = {"record": d.record, "counted": result.counted, "by": _t(d.by), "at": at}
    say(f"cli.decide.{kind}", lang, institution=_t(result.institution), **values)
    for cell in result.cells:
        say("cli.decide.cell", lang, **{k: _t(v) for k, v in cell.items()})
    if result.feedback:
        click.echo("    " + words.text("cli.validate.feedback", lang, file=_t(result.feedback)))


@decide_group.command("accept")
@click.argument("record", type=int)
@click.option("--reason", required=True, help="Why the return is accepted (kept for good).")
@workspace_option
@lang_option
@json_option
def accept_command(root: Path, record: int, reason: str, lang: str, as_json: bool) -> None:
    """Accept return RECORD (its number in nsm validate and nsm log --json) despite its problems.

    A rejected return whose errors are all in cell values is counted, each such cell empty; an
    accepted return's warnings are marked accepted. Its feedback workbook is written again.
    """
    if not reason.strip():
        fail(words.text("decide.refused.no-reason", lang))
    from nsm_excel.intake import decide
    from nsm_excel.intake.decide import DecisionRefused

    ws = open_workspace(root)
    zone = ws.config.calendar.time_zone
    try:
        result = decide.accept(ws, record, reason.strip())
    except DecisionRefused as exc:
        _refused(exc, lang, zone)
    kind = "overridden" if result.counted != record else "warnings"
    _said(result, kind, lang, as_json, zone)


@decide_group.command("return")
@click.argument("record", type=int)
@click.option("--comment", required=True, help="What the institution should do (kept for good).")
@workspace_option
@lang_option
@json_option
def return_command(root: Path, record: int, comment: str, lang: str, as_json: bool) -> None:
    """Send accepted return RECORD back to its institution: it counts no more."""
    if not comment.strip():
        fail(words.text("decide.refused.no-reason", lang))
    from nsm_excel.intake import decide
    from nsm_excel.intake.decide import DecisionRefused

    ws = open_workspace(root)
    zone = ws.config.calendar.time_zone
    try:
        result = decide.send_back(ws, record, comment.strip())
    except DecisionRefused as exc:
        _refused(exc, lang, zone)
    _said(result, "returned", lang, as_json, zone)


@decide_group.command("merge")
@click.argument("record", type=int)
@click.option(
    "--take",
    type=click.Choice(TAKES),
    required=True,
    help="Whose value stands: the first copy's or the second's.",
)
@click.option(
    "--cell",
    "cells",
    multiple=True,
    metavar="SHEET!A1",
    help="A cell to settle, as the feedback names it (repeat; default: every open cell).",
)
@click.option("--reason", required=True, help="Why (kept in the records).")
@workspace_option
@json_option
@lang_option
def merge_command(
    record: int,
    take: str,
    cells: tuple[str, ...],
    reason: str,
    root: Path,
    as_json: bool,
    lang: str,
) -> None:
    """Settle the cells two copies of one template answered apart, in merged RECORD."""
    from nsm_excel.store import merges

    result = merges.decide(open_workspace(root), record, take, cells, reason)
    if as_json:
        print_json(result.to_dict())
        return
    for cell in result.cells:
        value = terminal.shown(str(getattr(cell, take)))
        whose = words.text(f"cli.decide.merge.{take}", lang)
        facts = {"cell": cell.address, "row": cell.row, "key": cell.key}
        say("cli.decide.merge.cell", lang, **facts, value=value, take=whose)
    say(
        "cli.decide.merge.done",
        lang,
        record=record,
        count=len(result.cells),
        still_open=result.still_open,
        decision=result.decision.id,
    )
