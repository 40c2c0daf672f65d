"""`nsm review`: the mid-term review of a range of periods, as HTML and (with Chromium) PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from nsm_excel.cli.said import say

if TYPE_CHECKING:
    from nsm_excel.core.periods import Period

_t = terminal.shown


@main.command("review")
@workspace_option
@click.option("--from", "first", callback=period_value, help="First period (default: the first).")
@click.option("--to", "last", callback=period_value, help="Last period (default: the latest).")
@click.option("--lang", type=click.Choice(["sq", "en"]), help="Language of the review.")
@click.option(
    "--notes",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A text file with the secretariat's conclusions and recommendations.",
)
@json_option
def review_command(
    root: Path,
    first: Period | None,
    last: Period | None,
    lang: str | None,
    notes: Path | None,
    as_json: bool,
) -> None:
    """Write the mid-term review of the periods from --from to --to.

    outbox/review/NSM_review_<FROM>_<TO>_<LANG>.html in every language (sq and en) unless
    --lang names one, and a PDF beside each where Chromium is installed: implementation over
    time, each indicator's trajectory to its final target, budget execution by year, each
    institution's reporting record, the challenges reported and the indicator passport.
    """
    from nsm_excel.outputs import review  # it reads the plan workbook

    result = review.build_review(open_workspace(root), first, last, lang, notes)
    if as_json:
        print_json(result.to_dict())
        return
    _say_review(result, lang or "en")


def _say_review(result: Any, said_in: str) -> None:
    say("cli.review.range", said_in, first=_t(result.first), last=_t(result.last))
    if not result.has_returns:
        say("cli.review.no_returns", said_in)
    v = result.verdicts
    say("cli.review.verdicts", said_in, on=v["on_track"], off=v["off_track"], few=v["too_few"])
    for file in result.files:
        say("cli.review.file", said_in, file=_t(file))
    if result.pdf_missing:
        say(f"cli.review.no_pdf_{result.pdf_missing}", said_in)
