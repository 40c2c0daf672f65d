"""A workspace: one folder holding the configuration, the plan, templates, inbox, outbox, records.

Layout::

    nsm.toml                 configuration (strategy, years, calendar rule, language, password)
    action_plan.xlsx         the plan register
    nsm.sqlite               records: the calendar, the register of issued templates, the ledger
    templates/xlsx/<PERIOD>/ issued templates, <CODE>_<PERIOD>.xlsx
    inbox/  outbox/          returns dropped in; feedback and reports written out
    archive/                 every received file, byte for byte
    backups/                 the last automatic copies of nsm.sqlite

A layout that is broken (a file where a folder belongs, the plan missing) is a
:class:`WorkspaceError` naming the path and what to do; :func:`os_problem` says the same of a
file-system error met on the way. A workspace on a network file system is one too, unless
``[workspace] network_ok = true`` (:mod:`nsm_excel.store.filesystem`).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from nsm_excel.core import clock, file_names
from nsm_excel.core.errors import WorkspaceError
from nsm_excel.core.periods import Period
from nsm_excel.store import atomic, calendar, config, database, filesystem
from nsm_excel.store.config import CONFIG_NAME, Config

FOLDERS = ("templates/xlsx", "inbox", "outbox")
DATABASE_NAME = "nsm.sqlite"
# every folder the commands read or write, with what it holds; <P> is each period of the calendar
LAYOUT = {
    "templates": "the issued templates",
    "templates/xlsx": "the issued templates",
    "templates/xlsx/<P>": "the period's templates",
    "templates/xlsx/<P>/superseded": "templates replaced by a new version",
    "inbox": "the returns to validate",
    "outbox": "feedback and reports",
    "outbox/<P>": "the period's reports",
    "outbox/<P>/feedback": "the period's feedback workbooks",
    "outbox/<P>/feedback/earlier": "feedback workbooks replaced by newer ones",
    "archive": "every received file",
    "archive/<P>": "the period's received files",
    "archive/unidentified": "received files that name no template",
    "backups": "the automatic copies of the records",
}


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """The workspace at ``root``; a clear :class:`WorkspaceError` when there is none."""
        path = root / CONFIG_NAME
        if path.is_dir():
            raise WorkspaceError(_in_the_way(path, "folder", "the configuration"))
        if not path.is_file():
            raise WorkspaceError(
                f"{root.resolve()} is not an nsm workspace (no {CONFIG_NAME}). "
                f"Run `nsm init {root}` to create one, or pass --workspace DIR."
            )
        space = cls(root, config.load(path))
        remote = None if space.config.network_ok else filesystem.network_place(root)
        if remote is not None:  # SQLite's locks cannot be trusted there
            raise WorkspaceError(remote.issue().message("en"))
        broken = space.layout_problems()
        if broken:
            raise WorkspaceError(broken[0])
        return space

    def folders(self) -> dict[Path, str]:
        """Every folder of the layout (for each period the rule gives), with what it holds."""
        codes = [p.code for p in self.config.periods()]
        return {
            self.root / k.replace("<P>", code): v
            for k, v in LAYOUT.items()
            for code in (codes if "<P>" in k else [""])
        }

    def today(self) -> dt.date:
        """The day it is in the workspace's time zone."""
        return clock.today(self.config.calendar.time_zone)

    def calendar_period(self, code: str | None = None) -> calendar.CalendarPeriod:
        """Period ``code`` of the calendar (default: the latest open), the calendar made first."""
        with database.connect(self.database, backup=False) as db:
            calendar.ensure(db, self.config, self.today())
            return calendar.require(db, code) if code else calendar.default_period(db)

    def current_period(self) -> Period:
        """The latest open period of the calendar."""
        return self.calendar_period().period

    def layout_problems(self) -> list[str]:
        """A sentence for each folder of the layout that is something else (a file, a link)."""
        return [
            _in_the_way(path, "file", what)
            for path, what in self.folders().items()
            if os.path.lexists(path) and not path.is_dir()
        ]

    def require_plan(self) -> Path:
        """The plan's path; a :class:`WorkspaceError` saying what to do when it is not there."""
        path = self.plan_path
        if path.is_dir():
            raise WorkspaceError(_in_the_way(path, "folder", "the Action Plan register"))
        if not path.is_file():
            raise WorkspaceError(
                f"the plan {path} is missing. Put the Action Plan register there (the .xlsx "
                f"file in the plan format), or set [action_plan] file in {CONFIG_NAME} to where "
                "it is, then run the command again."
            )
        return path

    @property
    def plan_path(self) -> Path:
        return self.root / self.config.plan_file

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    def templates_dir(self, period: Period) -> Path:
        return self.root / "templates" / "xlsx" / period.code

    def template_path(self, institution: str, period: Period) -> Path:
        """Where the template goes; :class:`PathTooLong` when Excel could not open it there."""
        name = file_names.safe(f"{institution}_{period.code}.xlsx")
        return file_names.check_openable(self.templates_dir(period) / name)


def _in_the_way(path: Path, found: str, holds: str = "") -> str:
    """``path`` is a ``found`` ("file" or "folder") where nsm needs the other kind."""
    needed = "folder" if found == "file" else "file"
    purpose = f" (for {holds})" if holds else ""
    return (
        f"{path} is a {found}, but nsm needs a {needed} there{purpose}. Rename or move the "
        f"{found} (keep it if it matters), then run the command again."
    )


def os_problem(exc: OSError) -> WorkspaceError:
    """A file-system error as a sentence that names the path and says what to do."""
    names = [n for n in (exc.filename2, exc.filename) if n is not None]
    paths = [Path(os.fsdecode(n)) for n in names]
    if isinstance(exc, IsADirectoryError) and paths:
        folder = next((p for p in paths if p.is_dir()), paths[0])
        return WorkspaceError(_in_the_way(folder, "folder"))
    if isinstance(exc, NotADirectoryError | FileExistsError):
        blocker = next((b for b in map(_file_on_the_way, paths) if b is not None), None)
        if blocker is not None:
            return WorkspaceError(_in_the_way(blocker, "file"))
    where = paths[-1] if paths else Path(".")
    if isinstance(exc, PermissionError):
        return WorkspaceError(
            f"{where}: permission denied. Give your user the right to read and write it and "
            "its folder, then run the command again."
        )
    return WorkspaceError(
        f"{where}: {exc.strerror or exc}. Check the disk and the path, then run the command again."
    )


def _file_on_the_way(path: Path) -> Path | None:
    """The nearest of ``path`` and its parents that exists; None when that one is a folder."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return None if candidate.is_dir() else candidate
    return None


def default_config(today: dt.date) -> Config:
    """What ``nsm init`` writes: the NSM, its Action Plan 2024-2026, half-yearly reporting."""
    return Config(
        strategy_code="NSM",
        strategy_name_sq="Strategjia Kombëtare për Migracionin 2024-2030",
        strategy_name_en="National Strategy on Migration 2024-2030",
        plan_file="action_plan.xlsx",
        years=(2024, 2025, 2026),
        language="sq",
        password=secrets.token_urlsafe(12),
        secretariat_name="Sekretariati Teknik për Migracionin, Ministria e Brendshme",
        secretariat_email="sekretariati.migracionit@example.gov.al",
        secretariat_phone="+355 4 000 0000",
    )


@dataclass(frozen=True)
class InitResult:
    workspace: Workspace
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def init(
    root: Path,
    settings: Config,
    plan_bytes: bytes,
    today: dt.date | None = None,
    opening: tuple[Period, dt.date | None] | None = None,
) -> InitResult:
    """Create a workspace at ``root``: folders, ``nsm.toml``, the plan (kept if already there)
    and the calendar, whose latest period ended before ``today`` is open (or ``opening``: a
    period and its deadline).

    Refuses a folder that already holds ``nsm.toml``: nothing is ever overwritten.
    """
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise WorkspaceError(
            f"{root.resolve()} is already a workspace ({CONFIG_NAME} exists); nothing was changed."
        )
    if opening is not None and opening[0].year not in settings.years:
        years = ", ".join(str(y) for y in settings.years)
        raise WorkspaceError(
            f"period {opening[0].code} is outside the Action Plan years ({years}): its templates "
            "would ask for no cost or target. Open a period of those years (--period), and add "
            "a year to [action_plan] years in nsm.toml once the plan covers it; nothing was "
            "changed."
        )
    created: list[Path] = []
    kept: list[Path] = []
    for folder in FOLDERS:
        path = root / folder
        if not path.is_dir():
            path.mkdir(parents=True)
            created.append(path)
    plan_path = root / settings.plan_file
    if plan_path.exists():
        kept.append(plan_path)
    else:
        atomic.write_bytes(plan_path, plan_bytes)
        created.append(plan_path)
    atomic.write_text(config_path, config.render(settings))
    created.append(config_path)
    space = Workspace(root, settings)
    with database.connect(space.database) as db:  # the first copy: the calendar as made
        calendar.ensure(db, settings, today or space.today(), opening)
    return InitResult(space, created, kept)
