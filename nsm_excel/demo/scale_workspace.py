"""A workspace with a long history, for the scale figures of ``make bench``.

:func:`build` makes the sample plan bigger (the municipalities of ``data/municipalities.toml``
added as institutions, each supporting a few measures: 60 in all), a half-yearly calendar over
2024-2030 (14 periods), and takes the returns through intake period by period as the
secretariat would: the period opened, its templates generated once, several versions of each
institution's return sent one round after another (resends, each a new version in the ledger),
then the period closed before the next opens. Each template is read once and filled again for
every version (:func:`nsm_excel.demo.filler.fill_versions`). Everything is made inside ``folder``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from nsm_excel.core.periods import Period
from nsm_excel.demo import filler
from nsm_excel.demo.sample_data import readme_lines, sample_sheets
from nsm_excel.demo.sample_plan import plan_bytes
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store import period_changes, workspace
from nsm_excel.store.config import CalendarRule
from nsm_excel.template.generate import generate

YEARS = tuple(range(2024, 2031))
KINDS = ("H1", "H2")  # 7 years of half-years: 14 periods
MEASURES_EACH = 3  # measures each municipality supports
SENT_BEFORE = 25  # the first round arrives this many days before the deadline; then a day apart
_Sheets = dict[str, list[dict[str, object]]]


@dataclass(frozen=True)
class ScaleWorkspace:
    """The workspace built, and what went into it."""

    space: workspace.Workspace
    periods: tuple[Period, ...]  # in order; every one but the last closed, the last open
    institutions: int  # institutions with a template each period
    returns: int  # files taken through intake (the ledger holds one record each)
    accepted: int

    @property
    def open_period(self) -> Period:
        return self.periods[-1]


def municipalities() -> list[dict[str, str]]:
    """The municipalities of ``data/municipalities.toml``: code and name."""
    text = resources.files("nsm_excel.demo").joinpath("data", "municipalities.toml").read_text()
    return list(tomllib.loads(text)["municipality"])


def scale_sheets(institutions: int = 60) -> _Sheets:
    """The sample plan with municipalities added until it has ``institutions`` institutions."""
    sheets = sample_sheets()
    rows, measures = sheets["Institutions"], sheets["Measures"]
    added = municipalities()[: max(0, institutions - len(rows))]
    for n, town in enumerate(added):
        rows.append(_municipality(town, n))
        for k in range(MEASURES_EACH):
            measure = measures[(n * MEASURES_EACH + k) % len(measures)]
            supporting = [s for s in str(measure["supporting"]).split("; ") if s]
            measure["supporting"] = "; ".join([*supporting, town["code"]])
    return sheets


def _municipality(town: dict[str, str], n: int) -> dict[str, object]:
    first, last = ("Arta", "Besa", "Drita", "Eno")[n % 4], ("Lika", "Meta", "Zeka")[n % 3]
    return {
        "code": town["code"],
        "name_sq": f"Bashkia {town['name']}",
        "name_en": f"Municipality of {town['name']}",
        "acronym_en": "",
        "type": "local",
        "contact_name": f"{first} {last}",
        "contact_email": f"{first.lower()}.{last.lower()}.{n}@example.gov.al",
        "language": "sq",
    }


_BUILT: dict[tuple[int, int, int], ScaleWorkspace] = {}  # by its sizes, in this process


def build(
    folder: Path, returns: int = 5000, periods: int = 14, institutions: int = 60
) -> ScaleWorkspace:
    """A workspace at ``folder / "ws"`` holding ``returns`` records over ``periods`` periods;
    a copy of the one this process built already with the same sizes, while it exists."""
    sizes = (returns, periods, institutions)
    made = _BUILT.get(sizes)
    if made is not None and made.space.root.is_dir():
        shutil.copytree(made.space.root, folder / "ws")
        return dataclasses.replace(made, space=workspace.Workspace.open(folder / "ws"))
    _BUILT[sizes] = made = _build(folder, returns, periods, institutions)
    return made


def _build(folder: Path, returns: int, periods: int, institutions: int) -> ScaleWorkspace:
    settings = dataclasses.replace(
        workspace.default_config(dt.date(YEARS[0], 1, 1)),
        years=YEARS,
        calendar=CalendarRule(periods=KINDS),
    )
    codes = settings.periods()[:periods]
    data = plan_bytes(scale_sheets(institutions), readme_lines())
    first = (codes[0], settings.calendar.deadline(codes[0]))
    space = workspace.init(folder / "ws", settings, data, codes[0].last, first).workspace
    per_period = shares(returns, len(codes))
    taken = accepted = templates = 0
    for n, period in enumerate(codes):
        if n:
            period_changes.change(space, "open", period.code)
        issued = generate(space, period)
        files = [space.root / line.file for line in issued.lines if line.file]
        templates = len(files)
        deadline = settings.calendar.deadline(period)
        for round_files in _rounds(files, per_period[n], n, deadline):
            for name, data, sent in round_files:
                _drop(space, name, data, sent)
            sent_at = max(sent for _, _, sent in round_files)
            result = validate_inbox(space, clock=lambda at=sent_at: at)  # type: ignore[misc]
            taken += len(result.files)
            accepted += result.count("accepted")
        if n < len(codes) - 1:
            period_changes.change(space, "close", period.code)
    return ScaleWorkspace(space, tuple(codes), templates, taken, accepted)


def shares(count: int, parts: int) -> list[int]:
    """``count`` split in ``parts``, the first parts taking what does not divide."""
    return [count // parts + (1 if n < count % parts else 0) for n in range(parts)]


Dropped = tuple[str, bytes, dt.datetime]


def _rounds(files: list[Path], count: int, seed: int, deadline: dt.date) -> Iterator[list[Dropped]]:
    """``count`` returns of these templates, as rounds: round ``v`` holds each template's
    ``v``-th version, sent a day after round ``v - 1``."""
    versions = shares(count, len(files))
    made: list[list[bytes]] = []
    for i, path in enumerate(files):
        fillings = [
            filler.Filling(seed * 1000 + i * 10 + v, _sent(deadline, v).date())
            for v in range(versions[i])
        ]
        made.append(list(filler.fill_versions(path.read_bytes(), fillings)))
    for v in range(max(versions, default=0)):
        found = [
            (f"{path.stem}_v{v + 1}.xlsx", made[i][v], _sent(deadline, v))
            for i, path in enumerate(files)
            if v < len(made[i])
        ]
        if found:
            yield found


def _sent(deadline: dt.date, version: int) -> dt.datetime:
    """When version ``version`` (from 0) arrives: a day after the one before it."""
    day = deadline - dt.timedelta(days=SENT_BEFORE - version)
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


def _drop(space: workspace.Workspace, name: str, data: bytes, sent: dt.datetime) -> None:
    path = space.inbox / name
    path.write_bytes(data)
    os.utime(path, (sent.timestamp(), sent.timestamp()))
