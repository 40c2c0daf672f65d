"""A workspace: one folder holding the configuration, the plan, templates, inbox, outbox, records.

Layout::

    nsm.toml                 configuration (strategy, years, period, deadline, language, password)
    action_plan.xlsx         the plan register
    nsm.sqlite               records: the register of issued templates
    templates/xlsx/<PERIOD>/ issued templates, <CODE>_<PERIOD>.xlsx
    inbox/  outbox/          returns dropped in; feedback and reports written out
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from nsm_excel import atomic, config
from nsm_excel.config import CONFIG_NAME, Config
from nsm_excel.errors import WorkspaceError
from nsm_excel.periods import Period, last_finished_half_year

FOLDERS = ("templates/xlsx", "inbox", "outbox")
DATABASE_NAME = "nsm.sqlite"
DEADLINE_DAYS = 21


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """The workspace at ``root``; a clear :class:`WorkspaceError` when there is none."""
        path = root / CONFIG_NAME
        if not path.is_file():
            raise WorkspaceError(
                f"{root.resolve()} is not an nsm workspace (no {CONFIG_NAME}). "
                f"Run `nsm init {root}` to create one, or pass --workspace DIR."
            )
        return cls(root, config.load(path))

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
        return self.templates_dir(period) / f"{institution}_{period.code}.xlsx"


def default_config(today: dt.date) -> Config:
    """What ``nsm init`` writes: the NSM, its Action Plan 2024-2026, the last half-year."""
    return Config(
        strategy_code="NSM",
        strategy_name_sq="Strategjia Kombëtare për Migracionin 2024-2030",
        strategy_name_en="National Strategy on Migration 2024-2030",
        plan_file="action_plan.xlsx",
        years=(2024, 2025, 2026),
        period=last_finished_half_year(today),
        deadline=today + dt.timedelta(days=DEADLINE_DAYS),
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


def init(root: Path, settings: Config, plan_bytes: bytes) -> InitResult:
    """Create a workspace at ``root``: folders, ``nsm.toml`` and the plan (kept if already there).

    Refuses a folder that already holds ``nsm.toml``: nothing is ever overwritten.
    """
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise WorkspaceError(
            f"{root.resolve()} is already a workspace ({CONFIG_NAME} exists); nothing was changed."
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
    return InitResult(Workspace(root, settings), created, kept)
