"""`nsm watch`: the inbox judged as files settle in it, until Ctrl-C."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import jobs_option, main, open_workspace, workspace_option
from nsm_excel.cli.said import decimal, lang_option, print_file, say

if TYPE_CHECKING:  # the watcher runs intake: imported by the command
    from nsm_excel.desk import watch as watching


@main.command("watch")
@workspace_option
@click.option(
    "--interval",
    type=click.FloatRange(min=0.5),
    default=5.0,
    show_default=True,
    help="Seconds between two looks at inbox/; a file is judged once two looks agree.",
)
@jobs_option
@lang_option
def watch_command(root: Path, interval: float, jobs: int | None, lang: str) -> None:
    """Judge files as they settle in inbox/, one line each as nsm validate prints them.

    A file still being copied waits until its size and time stop changing. The workspace is
    locked only while a batch is judged; the status pages (outbox/<PERIOD>/status.html) are
    written after each. Ctrl-C stops once the batch in hand is done (exit 0).
    """
    from nsm_excel.desk import watch as watching
    from nsm_excel.intake.run import validate_inbox

    space = open_workspace(root)
    inbox = terminal.shown(str(space.inbox.resolve()))
    say("watch.started", lang, inbox=inbox, seconds=decimal(interval, lang))
    with watching.stop_on_interrupt(lambda: say("watch.stopping", lang)) as stop:
        try:
            validate = functools.partial(validate_inbox, jobs=jobs)
            heard = _shown(lang)
            done = watching.watch(
                space, interval=interval, stop=stop, on_batch=heard, validate=validate
            )
        except KeyboardInterrupt:
            say("watch.abandoned", lang)
            sys.exit(0)
    say("watch.stopped", lang, batches=done.batches, files=len(done.files))


def _shown(lang: str) -> watching.BatchHeard:
    def heard(batch: watching.Batch) -> None:
        if batch.busy:
            say("watch.busy", lang)
        for item in batch.files:
            print_file(item, lang, False)
        for page in batch.pages:
            say("watch.page", lang, page=terminal.shown(str(page.resolve())))

    return heard
