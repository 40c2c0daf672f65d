"""The workspace configuration, ``nsm.toml``: the strategy, the Action Plan years and the cycle.

Read with the standard library's TOML reader; written from a commented template so the
secretariat can edit it by hand. Every wrong value is a :class:`ConfigError` naming the key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nsm_excel.core.errors import ConfigError
from nsm_excel.core.periods import Period, parse_period
from nsm_excel.core.words import in_language

CONFIG_NAME = "nsm.toml"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # TOML strings hold none of them as they are


@dataclass(frozen=True)
class Config:
    strategy_code: str
    strategy_name_sq: str
    strategy_name_en: str
    plan_file: str
    years: tuple[int, ...]
    period: Period
    deadline: dt.date
    language: str
    password: str
    secretariat_name: str
    secretariat_email: str
    secretariat_phone: str = ""
    network_ok: bool = False  # the records may live on a network file system (at its risk)

    def strategy_name(self, lang: str) -> str:
        return str(in_language(self, "strategy_name", lang))


def render(config: Config) -> str:
    """The text of ``nsm.toml`` for ``config``, with a comment on each setting."""
    years = ", ".join(str(y) for y in config.years)
    return f"""# nsm-excel workspace configuration. Edit by hand; `nsm check-plan` reads it back.

[strategy]
code = {_q(config.strategy_code)}
name_sq = {_q(config.strategy_name_sq)}
name_en = {_q(config.strategy_name_en)}

[action_plan]
# The plan register (see the Action Plan contract) and the years its costs and targets cover.
file = {_q(config.plan_file)}
years = [{years}]

[cycle]
# The period being reported on (2025, 2025-H1 or 2025-Q3) and the submission deadline.
period = {_q(config.period.code)}
deadline = {config.deadline.isoformat()}

[templates]
# Default language of templates and feedback (sq or en); an institution's own setting wins.
language = {_q(config.language)}
# Password of the sheet and workbook protection (a convenience for honest users, not security).
password = {_q(config.password)}

[secretariat]
# Shown in every template's instructions as the contact for questions.
name = {_q(config.secretariat_name)}
email = {_q(config.secretariat_email)}
phone = {_q(config.secretariat_phone)}

[workspace]
# Keep the workspace on a local disk: SQLite's locking of the records is unreliable on a
# network share, and commands stop there. Share only outbox/ (the outputs), or set true to
# accept the risk.
network_ok = {"true" if config.network_ok else "false"}
"""


def _q(text: str) -> str:
    """``text`` as a TOML basic string; control characters escaped, so the file reads back."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04X}", escaped) + '"'


def load(path: Path) -> Config:
    """Read and check ``nsm.toml``; any problem is a :class:`ConfigError` that names the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the line it names") from exc
    return _from_data(data, path)


def _from_data(data: dict[str, Any], path: Path) -> Config:
    get = _Getter(data, path)
    years = get.value("action_plan", "years", list)
    if not years or not all(isinstance(y, int) and 1900 <= y <= 2100 for y in years):
        raise ConfigError(f"{path}: [action_plan] years must be a list of years, e.g. [2024, 2025]")
    period = parse_period(get.value("cycle", "period", str))
    if period is None:
        raise ConfigError(f"{path}: [cycle] period must look like 2025, 2025-H1 or 2025-Q3")
    deadline = get.value("cycle", "deadline", dt.date)
    language = get.value("templates", "language", str)
    if language not in ("sq", "en"):
        raise ConfigError(f'{path}: [templates] language must be "sq" or "en"')
    return Config(
        strategy_code=get.value("strategy", "code", str),
        strategy_name_sq=get.value("strategy", "name_sq", str),
        strategy_name_en=get.value("strategy", "name_en", str),
        plan_file=get.value("action_plan", "file", str),
        years=tuple(sorted(years)),
        period=period,
        deadline=deadline,
        language=language,
        password=get.value("templates", "password", str),
        secretariat_name=get.value("secretariat", "name", str),
        secretariat_email=get.value("secretariat", "email", str),
        secretariat_phone=get.optional("secretariat", "phone"),
        network_ok=get.flag("workspace", "network_ok"),
    )


@dataclass(frozen=True)
class _Getter:
    data: dict[str, Any]
    path: Path

    def value(self, table: str, key: str, kind: type) -> Any:
        section = self.data.get(table)
        if not isinstance(section, dict) or key not in section:
            raise ConfigError(f"{self.path}: [{table}] {key} is missing; add it")
        found = section[key]
        if kind is dt.date and isinstance(found, dt.datetime):
            found = found.date()
        if not isinstance(found, kind):
            raise ConfigError(f"{self.path}: [{table}] {key} must be a {kind.__name__}")
        return found

    def flag(self, table: str, key: str) -> bool:
        """An optional true or false (false when missing)."""
        section = self.data.get(table)
        if section is None or (isinstance(section, dict) and key not in section):
            return False
        if not isinstance(section, dict):
            raise ConfigError(f"{self.path}: [{table}] must be a table")
        if not isinstance(section[key], bool):
            raise ConfigError(f"{self.path}: [{table}] {key} must be true or false")
        return bool(section[key])

    def optional(self, table: str, key: str) -> str:
        section = self.data.get(table) or {}
        found = section.get(key, "") if isinstance(section, dict) else ""
        return found if isinstance(found, str) else str(found)
