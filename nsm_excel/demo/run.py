"""``nsm demo``: the whole reporting cycle on the sample plan, in a fresh workspace.

Generates the templates, fills most of them as institutions would (plausible answers from
:mod:`nsm_excel.demo.filler`; a few late, a few with mistakes, one institution silent), validates
them, lets one institution resend a corrected file, validates again and consolidates. Receipt
times are set on the files (the ledger takes the file's time when it is earlier than the run),
so on time and late are real outcomes of the rules, not labels.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nsm_excel.core.errors import WorkspaceError
from nsm_excel.core.periods import last_finished_half_year
from nsm_excel.demo import filler
from nsm_excel.demo.sample_plan import sample_workspace
from nsm_excel.desk.remind import send_reminders
from nsm_excel.desk.send import send_templates
from nsm_excel.intake.run import IntakeResult, validate_inbox
from nsm_excel.outputs.reports import ReportResult, build_reports
from nsm_excel.store import workspace
from nsm_excel.store.atomic import free_name
from nsm_excel.template.generate import GenerateResult, generate

SILENT = "BSH"  # sends nothing
LATE = ("MSHD", "ADISA", "BASHKIA")  # send after the deadline
MISTAKES = {  # send a return with mistakes
    "DKM": ("status-misspelled", "women-men-mismatch", "formula"),
    "MASR": ("missing-delay-reason", "ambiguous-amount"),
    "INSTAT": ("missing-reporter",),
}
RESENDS = "DKM"  # resends a corrected file after the feedback
Say = Callable[[str], None]


@dataclass
class DemoResult:
    root: Path
    generated: GenerateResult
    rounds: list[IntakeResult] = field(default_factory=list)
    reports: ReportResult | None = None
    messages: int = 0  # the .eml drafts of the templates
    reminders: int = 0  # the .eml drafts of the reminders due

    @property
    def feedback(self) -> list[str]:
        """Feedback workbooks still current (a corrected resubmission retires its feedback)."""
        paths = {f.feedback for r in self.rounds for f in r.files if f.feedback}
        return sorted(p for p in paths if (self.root / p).exists())


def run_demo(
    root: Path, today: dt.date | None = None, say: Say = lambda _: None, reports: bool = True
) -> DemoResult:
    """The cycle in a new workspace at ``root`` (which must not exist or be empty).

    ``reports=False`` stops before consolidation (the intake is done).
    """
    if root.exists() and any(root.iterdir()):
        raise WorkspaceError(f"{root} is not empty; the demo needs a fresh folder")
    today = today or dt.date.today()
    period = last_finished_half_year(today)
    deadline = period.last + dt.timedelta(days=31)
    space = sample_workspace(root, today, period, deadline)  # the period opened until deadline
    say(f"Workspace {root} for {period.code}, deadline {deadline:%d.%m.%Y}")
    result = DemoResult(root, generate(space, period))
    say(f"Generated {result.generated.count('issued')} templates")
    mail = f"outbox/{period.code}/mail/"
    result.messages = len(send_templates(space, period).outcomes)
    say(f"Wrote {result.messages} messages with the templates to {mail} (nsm send)")
    _first_round(space, result, deadline)
    result.rounds.append(validate_inbox(space))
    say(_round_line("First round", result.rounds[-1]))
    _resend(space, result, deadline, period.code)
    result.rounds.append(validate_inbox(space))
    say(_round_line("Second round", result.rounds[-1]))
    result.reminders = len(send_reminders(space, period, today=today).outcomes)
    say(f"Wrote {result.reminders} reminders to {mail} (nsm remind)")
    if reports:
        result.reports = build_reports(space, period)
    return result


def fresh_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3``... the first that does not exist yet."""
    return free_name(base, "{stem}-{n}{suffix}")


def _round_line(name: str, intake: IntakeResult) -> str:
    return (
        f"{name}: {intake.count('accepted')} accepted, {intake.count('rejected')} rejected, "
        f"{intake.count('duplicate')} duplicates"
    )


def _sent_on(deadline: dt.date, code: str, n: int) -> dt.datetime:
    """When the institution's file arrived: before the deadline, or after it when late."""
    days = -(3 + n % 17) if code not in LATE else 4 + n % 9
    moment = dt.datetime.combine(deadline + dt.timedelta(days=days), dt.time(10 + n % 6, 15))
    return moment.replace(tzinfo=dt.UTC)


def _drop(space: workspace.Workspace, name: str, data: bytes, sent: dt.datetime) -> None:
    path = space.inbox / name
    path.write_bytes(data)
    stamp = sent.timestamp()
    os.utime(path, (stamp, stamp))


def _first_round(space: workspace.Workspace, result: DemoResult, deadline: dt.date) -> None:
    for n, line in enumerate(result.generated.lines):
        if not line.file or line.institution == SILENT:
            continue
        sent = _sent_on(deadline, line.institution, n)
        filling = filler.Filling(n, sent.date(), mistakes=MISTAKES.get(line.institution, ()))
        data = filler.fill((space.root / line.file).read_bytes(), filling)
        _drop(space, Path(line.file).name, data, sent)


def _resend(space: workspace.Workspace, result: DemoResult, deadline: dt.date, code: str) -> None:
    line = next(x for x in result.generated.lines if x.institution == RESENDS)
    sent = _sent_on(deadline, RESENDS, 1) + dt.timedelta(days=2)
    data = filler.fill((space.root / line.file).read_bytes(), filler.Filling(99, sent.date()))
    _drop(space, f"{RESENDS}_{code}_corrected.xlsx", data, sent)
