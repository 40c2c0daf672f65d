"""`nsm decide`: the secretariat's decisions on returns, each kept with who, when and why."""

from __future__ import annotations

from pathlib import Path

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import json_option, main, open_workspace, print_json, workspace_option
from nsm_excel.cli.said import lang_option, say
from nsm_excel.core import words
from nsm_excel.store import merges


@main.group("decide")
def decide_group() -> None:
    """Decide on a return: accept it despite its problems, return it with a comment, or settle
    the cells two copies of one template differ in. Every decision keeps who and why."""


@decide_group.command("merge")
@click.argument("record", type=int)
@click.option(
    "--take",
    type=click.Choice(merges.TAKES),
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
