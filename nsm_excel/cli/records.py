"""Commands that keep the records safe: `nsm doctor`, `nsm backup`, `nsm restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from nsm_excel.cli import terminal
from nsm_excel.cli.group import (
    json_option,
    main,
    open_workspace,
    plural,
    print_json,
    workspace_option,
)
from nsm_excel.core import words

_t = terminal.shown


@main.command("doctor")
@workspace_option
@click.option("--lang", type=click.Choice(["sq", "en"]), default="en", show_default=True)
@json_option
def doctor_command(root: Path, lang: str, as_json: bool) -> None:
    """Check the workspace without changing it: records, archive, feedback, templates, folders.

    Exits 0 when the workspace is healthy, 1 when problems were found, 2 when it cannot check.
    """
    from nsm_excel.store.doctor import examine

    result = examine(root)
    if as_json:
        print_json(result.to_dict())
        sys.exit(0 if result.healthy else 1)
    for issue in result.report:
        colour = "red" if issue.severity.value == "error" else "yellow"
        label = click.style(f"{issue.severity.value.upper():7}", fg=colour)
        click.echo(f"{label} {_t(issue.code):30} {_t(issue.message(lang))}")
    c = result.checked
    verdict = words.text("cli.doctor.problems", lang, problems=len(result.report))
    click.echo(
        words.text(
            "cli.doctor.summary",
            lang,
            workspace=_t(result.workspace),
            records=c["records"],
            archive=c["archive_files"],
            feedback=c["feedback_files"],
            templates=c["templates"],
            verdict=words.text("cli.doctor.healthy", lang) if result.healthy else verdict,
        )
    )
    sys.exit(0 if result.healthy else 1)


@main.command("backup")
@click.argument("directory", type=click.Path(path_type=Path))
@workspace_option
@click.option(
    "--replace", is_flag=True, help="Bring an earlier backup of this workspace up to date."
)
@json_option
def backup_command(directory: Path, root: Path, replace: bool, as_json: bool) -> None:
    """Copy the records, archive, templates, outbox, nsm.toml and the plan into DIRECTORY.

    DIRECTORY must be empty (or new), or hold an earlier backup of this workspace (with
    --replace). A manifest lists the sha256 of every file; `nsm restore DIRECTORY` puts it back.
    """
    from nsm_excel.store.backup import backup_workspace

    result = backup_workspace(open_workspace(root), directory, replace)
    if as_json:
        print_json(result.to_dict())
        return
    size = f"{result.bytes / 1048576:.1f} MiB"
    click.echo(
        f"Backup in {_t(result.folder)}: {plural(result.files, 'file')} ({size}), "
        f"{result.copied} copied, the rest already there."
    )
    if result.replaced:
        click.echo(f"  it replaces the backup made {_t(result.replaced)}")
    for relative in result.removed:
        click.echo(f"  removed {_t(relative)} (no longer in the workspace)")
    if result.same_disk:
        click.secho(
            "Warning: the backup is on the same disk as the workspace; a failing disk loses "
            "both. Copy it to another disk.",
            fg="yellow",
        )


@main.command("restore")
@click.argument("source", type=click.Path(path_type=Path))
@workspace_option
@click.option("--force", is_flag=True, help="Restore even over records that hold more.")
@click.option("--requeue", is_flag=True, help="Put archive files the records lack back in inbox/.")
@json_option
def restore_command(source: Path, root: Path, force: bool, requeue: bool, as_json: bool) -> None:
    """Put back the records (and files) from SOURCE: a backup folder or a records file.

    SOURCE is a folder made by `nsm backup`, or a records copy such as backups/nsm-*.sqlite.
    What is replaced is kept in backups/replaced-<time>/. Refuses records that hold more than
    SOURCE unless --force.
    """
    from nsm_excel.store.restore import restore_workspace

    result = restore_workspace(root, source, force, requeue)
    if as_json:
        print_json(result.to_dict())
        return
    click.echo(f"Restored from {_t(result.source)}: {plural(len(result.restored), 'file')}.")
    if result.replaced_damaged:
        click.echo("  the records it replaced were damaged")
    if result.kept_aside:
        click.echo(f"  what it replaced is kept in {_t(result.kept_aside)}")
    if result.requeued:
        click.echo(
            f"{plural(len(result.requeued), 'archive file')} not in the restored records put "
            "back in the inbox, as received; run nsm validate to record them:"
        )
    elif result.unrecorded:
        click.echo(
            f"{plural(len(result.unrecorded), 'archive file')} not in the restored records "
            "(received after the backup); `nsm restore --requeue` puts them back in inbox/:"
        )
    for relative in result.requeued or result.unrecorded:
        click.echo(f"  {_t(relative)}")
