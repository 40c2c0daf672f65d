"""What `nsm consolidate` prints about the figures and a closed period's outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.said import percent, say
from nsm_excel.core import words
from nsm_excel.store.calendar import PLANNED

if TYPE_CHECKING:
    from nsm_excel.consolidate.model import Overview
    from nsm_excel.outputs.publishing import Recheck
    from nsm_excel.store.calendar import CalendarPeriod

_t = terminal.shown


def print_figures(o: Overview, lang: str) -> None:
    """The returns received and the implementation, in two lines."""
    say(
        "cli.consolidate.returns",
        lang,
        period=o.period,
        accepted=o.accepted,
        expected=o.expected,
        rate=percent(o.reporting_rate, lang),
        on_time=o.on_time,
        late=o.late,
        rejected=o.rejected,
        missing=o.missing,
    )
    say(
        "cli.consolidate.implementation",
        lang,
        rate=percent(o.implementation_rate, lang),
        implemented=o.implemented,
        due=o.due,
        band=o.band or "–",
        execution=percent(o.execution, lang),
    )


def no_templates_note(entry: CalendarPeriod, lang: str) -> None:
    key = "cli.consolidate.no_templates" + ("_planned" if entry.state == PLANNED else "")
    state = words.text(f"outputs.status.period_state_{entry.state}", lang)
    say(key, lang, period=_t(entry.period.code), state=state)


def frozen_lines(found: Recheck) -> None:
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
