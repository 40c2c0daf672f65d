"""The workspace configuration, ``nsm.toml``: the strategy, the plan years, the calendar rule.

``[calendar]`` is the rule the reporting calendar is made from (which periods of each year, how
many days after a period's end its deadline falls, the time zone days are judged in); the
calendar itself lives in the records (:mod:`nsm_excel.store.calendar`). ``[cycle]`` (one period
and its deadline) is how a workspace was configured before; it is read only to migrate one.

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

from nsm_excel.core import clock
from nsm_excel.core.errors import ConfigError
from nsm_excel.core.periods import Period, parse_period
from nsm_excel.core.words import in_language
from nsm_excel.store import mail_settings
from nsm_excel.store.mail_settings import SmtpSettings

CONFIG_NAME = "nsm.toml"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # TOML strings hold none of them as they are


KINDS = ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "year")  # the periods a year can be reported in


@dataclass(frozen=True)
class CalendarRule:
    """Which periods each Action Plan year has, and when each one's deadline falls."""

    periods: tuple[str, ...] = ("H1", "year")
    deadline_days: int = 30  # the deadline is this many days after the period's last day
    time_zone: str = clock.DEFAULT_ZONE

    def codes(self, year: int) -> list[str]:
        return [str(year) if kind == "year" else f"{year}-{kind}" for kind in self.periods]

    def deadline(self, period: Period) -> dt.date:
        return period.last + dt.timedelta(days=self.deadline_days)


@dataclass(frozen=True)
class LegacyCycle:
    """``[cycle]`` of a workspace made before the calendar: its one period and deadline."""

    period: Period
    deadline: dt.date


@dataclass(frozen=True)
class Config:
    strategy_code: str
    strategy_name_sq: str
    strategy_name_en: str
    plan_file: str
    years: tuple[int, ...]
    language: str
    password: str
    secretariat_name: str
    secretariat_email: str
    secretariat_phone: str = ""
    network_ok: bool = False  # the records may live on a network file system (at its risk)
    calendar: CalendarRule = CalendarRule()
    cycle: LegacyCycle | None = None  # only in a workspace made before the calendar
    smtp: SmtpSettings | None = None  # None: messages are written as .eml files
    reminder_days: int = mail_settings.DAYS_BEFORE  # reminders this many days before a deadline

    def periods(self) -> list[Period]:
        """Every period the rule gives the Action Plan years (and the old cycle's), in order."""
        found = {p for y in self.years for c in self.calendar.codes(y) if (p := parse_period(c))}
        if self.cycle is not None:
            found.add(self.cycle.period)
        return sorted(found)

    def strategy_name(self, lang: str) -> str:
        return str(in_language(self, "strategy_name", lang))


def render(config: Config) -> str:
    """The text of ``nsm.toml`` for ``config``, with a comment on each setting."""
    years = ", ".join(str(y) for y in config.years)
    kinds = ", ".join(_q(k) for k in config.calendar.periods)
    cycle = ""
    if config.cycle is not None:  # kept as it was: the migration already read it
        cycle = (
            "\n[cycle]\n# The period of a workspace made before the calendar (read once, to "
            f"migrate it).\nperiod = {_q(config.cycle.period.code)}\n"
            f"deadline = {config.cycle.deadline.isoformat()}\n"
        )
    return f"""# nsm-excel workspace configuration. Edit by hand; `nsm check-plan` reads it back.

[strategy]
code = {_q(config.strategy_code)}
name_sq = {_q(config.strategy_name_sq)}
name_en = {_q(config.strategy_name_en)}

[action_plan]
# The plan register (see the Action Plan contract) and the years its costs and targets cover.
file = {_q(config.plan_file)}
years = [{years}]

[calendar]
# The periods each year is reported in (any of Q1, Q2, Q3, Q4, H1, H2, year). Each period of the
# Action Plan years is in the calendar (`nsm period list`); `nsm period open` opens one.
periods = [{kinds}]
# The deadline falls this many days after a period's last day (`nsm period set-deadline` moves it).
deadline_days = {config.calendar.deadline_days}
# Receipt days and deadlines are judged in this time zone.
time_zone = {_q(config.calendar.time_zone)}
{cycle}
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

{mail_settings.render(config.smtp, config.reminder_days)}"""


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
    language = get.value("templates", "language", str)
    if language not in ("sq", "en"):
        raise ConfigError(f'{path}: [templates] language must be "sq" or "en"')
    return Config(
        strategy_code=get.value("strategy", "code", str),
        strategy_name_sq=get.value("strategy", "name_sq", str),
        strategy_name_en=get.value("strategy", "name_en", str),
        plan_file=get.value("action_plan", "file", str),
        years=tuple(sorted(years)),
        language=language,
        password=get.value("templates", "password", str),
        secretariat_name=get.value("secretariat", "name", str),
        secretariat_email=get.value("secretariat", "email", str),
        secretariat_phone=get.optional("secretariat", "phone"),
        network_ok=get.flag("workspace", "network_ok"),
        calendar=_calendar(get),
        cycle=_cycle(get),
        smtp=mail_settings.smtp(data, path),
        reminder_days=mail_settings.days_before(data, path),
    )


def _calendar(get: _Getter) -> CalendarRule:
    """``[calendar]``, each key optional (the default rule for what is missing)."""
    rule = CalendarRule()
    if "calendar" not in get.data:
        return rule
    section = get.data["calendar"]
    if not isinstance(section, dict):
        raise ConfigError(f"{get.path}: [calendar] must be a table")
    kinds = section.get("periods", list(rule.periods))
    if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
        allowed = ", ".join(KINDS)
        raise ConfigError(f"{get.path}: [calendar] periods must be a list of {allowed}")
    days = section.get("deadline_days", rule.deadline_days)
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 366:
        raise ConfigError(f"{get.path}: [calendar] deadline_days must be a number of days, 0-366")
    zone = section.get("time_zone", rule.time_zone)
    try:
        clock.zone(zone if isinstance(zone, str) else "")
    except ValueError as exc:
        raise ConfigError(f"{get.path}: [calendar] time_zone: {exc}") from exc
    return CalendarRule(tuple(dict.fromkeys(kinds)), days, zone)


def _cycle(get: _Getter) -> LegacyCycle | None:
    """``[cycle]`` of an older workspace, or None when there is none."""
    if "cycle" not in get.data:
        return None
    period = parse_period(get.value("cycle", "period", str))
    if period is None:
        raise ConfigError(f"{get.path}: [cycle] period must look like 2025, 2025-H1 or 2025-Q3")
    return LegacyCycle(period, get.value("cycle", "deadline", dt.date))


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
