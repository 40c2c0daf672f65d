"""Generation: one locked template per institution and period, recorded in the register.

``generate`` is the stage's entry point: it loads the plan, builds each institution's content
(:mod:`nsm_excel.template.content`), writes the file (:mod:`nsm_excel.template.writer`) and records
the issue. An issued template is never overwritten: without ``force`` it is kept; with ``force``
the old file is moved to ``superseded/`` and a new version is issued. A template is noted
(:mod:`nsm_excel.pending_writes`) before it is written and recorded after, so a run killed in
between leaves nothing the next run takes for someone's file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsm_excel.core import collector, words
from nsm_excel.core.errors import NsmError
from nsm_excel.core.periods import Period, parse_period
from nsm_excel.plan import adoption
from nsm_excel.plan import history as plan_history
from nsm_excel.plan.loader import PlanCheck
from nsm_excel.plan.model import Institution, Plan
from nsm_excel.plan.succession import predecessors, successors
from nsm_excel.store import (
    atomic,
    calendar,
    database,
    ledger,
    pending_writes,
    plan_versions,
    register,
)
from nsm_excel.store.lock import workspace_lock
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.store.workspace import Workspace
from nsm_excel.template import carry, reissue
from nsm_excel.template import content as template_content
from nsm_excel.template import writer as template_writer
from nsm_excel.template.protection import PasswordHash, hash_password

ISSUED, REISSUED, KEPT, NO_ROWS = "issued", "reissued", "kept", "no rows"
WITHDRAWN = "withdrawn"
SUCCEEDED, NO_ROWS_NOW = "succeeded", "no-rows"  # why a template was withdrawn


@dataclass(frozen=True)
class Line:
    """What happened to one institution's template."""

    institution: str
    outcome: str  # issued, reissued, kept or no rows
    file: str = ""
    version: int = 0
    measures: int = 0
    indicators: int = 0
    notes: tuple[reissue.Note, ...] = ()  # facts, worded when shown

    @property
    def note(self) -> str:
        return self.note_in("en")

    def note_in(self, lang: str) -> str:
        return "; ".join(words.text(key, lang, **values) for key, values in self.notes)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "notes"}
        return data | {"note": self.note}


@dataclass
class GenerateResult:
    period: str
    plan: PlanCheck
    lines: list[Line] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def folder(self) -> str:
        return f"templates/xlsx/{self.period}"

    def count(self, outcome: str) -> int:
        return sum(line.outcome == outcome for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "folder": self.folder,
            "plan": self.plan.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[int, int, str], None]  # (done so far, total, what is next)


def generate(
    workspace: Workspace,
    period: Period | None = None,
    institutions: Sequence[str] = (),
    force: bool = False,
    progress: Progress | None = None,
) -> GenerateResult:
    """Issue the templates of ``period`` (default: the latest open one) for the plan's institutions.

    A period that is not open is refused, saying how to open it.
    With ``institutions``, only those codes. The templates are issued from the plan version in
    force in the period's year (its stored copy). When the plan has errors, or was edited but
    not adopted, nothing is written and the result holds the plan's report.
    """
    started = time.perf_counter()
    entry = _open_entry(workspace, period)
    period = entry.period
    checked = plan_history.load(workspace)
    result = GenerateResult(period.code, checked)
    if checked.plan is None:
        return result
    hashed = hash_password(workspace.config.password)
    with workspace_lock(workspace.root, "generate"), database.connect(workspace.database) as db:
        governing = adoption.governing(workspace, db, checked, period.year)
        if governing.plan is None:
            result.plan = governing
            return result
        plan = governing.plan
        chosen = _choose(plan, institutions)
        for institution in chosen:  # a workspace too deep for Excel is refused before writing
            workspace.template_path(institution.code, period)
        _complete_interrupted(workspace, db, period)
        job = _Job(workspace, plan, period, hashed, db, entry.deadline)
        for done, institution in enumerate(chosen):
            if progress:
                progress(done, len(chosen), institution.code)
            result.lines.append(job.run(institution, force))
        if not institutions:
            result.lines.extend(job.withdraw_others())
    result.seconds = time.perf_counter() - started
    return result


def _open_entry(workspace: Workspace, period: Period | None) -> calendar.CalendarPeriod:
    """The calendar's entry for ``period`` (default: the latest open); refused unless open."""
    entry = workspace.calendar_period(period.code if period else None)
    if entry.state != calendar.OPEN:
        code = entry.period.code
        advice = (
            f"open it with `nsm period open {code}`"
            if entry.state == calendar.PLANNED
            else f"reopen it with `nsm period reopen {code} --reason TEXT`"
        )
        raise NsmError(f"period {code} is {entry.state}: no templates are issued for it; {advice}.")
    return entry


def _complete_interrupted(workspace: Workspace, db: Any, period: Period) -> None:
    """Remove what a killed run left: a template written but not recorded (its temporary files
    are gone already: the workspace lock removes those its journal names)."""
    pending_writes.recover(db, workspace.root, lambda file, sha: register.holds(db, file, sha))


def _choose(plan: Plan, codes: Sequence[str]) -> list[Institution]:
    wanted = [c.strip().upper() for c in codes]
    known = {i.code for i in plan.institutions}
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise NsmError(
            f"not in the plan's Institutions sheet: {', '.join(unknown)}. "
            f"Known codes: {', '.join(sorted(known))}"
        )
    return [i for i in plan.institutions if not wanted or i.code in wanted]


@dataclass
class _Job:
    workspace: Workspace
    plan: Plan
    period: Period
    hashed: PasswordHash
    db: Any
    deadline: dt.date

    @collector.paused()  # one template at a time: its garbage is collected before the next
    def run(self, institution: Institution, force: bool) -> Line:
        codes = (institution.code, *predecessors(self.plan, institution.code))
        earlier = _earlier_answers(self.db, codes)
        content = template_content.build(
            self.plan, self.workspace.config, institution, self.period, self.deadline, earlier
        )
        previous = register.latest(self.db, institution.code, self.period.code)
        if content.empty:
            if previous and previous.expected:
                why = SUCCEEDED if self._successors(institution.code) else NO_ROWS_NOW
                return self._withdraw(previous, why)
            return Line(institution.code, NO_ROWS, notes=(("template.note.no_rows", {}),))
        path = self.workspace.template_path(institution.code, self.period)
        counts = {"measures": len(content.measures), "indicators": len(content.indicators)}
        if previous and not force:
            problem = reissue.file_problem(path, previous)
            if problem is None:
                kept = (reissue.plan_note(previous, content.prefilled()),)
                return Line(
                    institution.code, KEPT, self._rel(path), previous.version, **counts, notes=kept
                )
            notes: list[reissue.Note] = [problem]
        else:
            notes = []
        moved = reissue.move_aside(path, previous)
        issued = self._issue(content, path, previous)
        if moved:
            notes.append(("template.note.moved", {"file": self._rel(moved)}))
        outcome = REISSUED if previous else ISSUED
        return Line(
            institution.code, outcome, self._rel(path), issued.version, **counts, notes=tuple(notes)
        )

    def _issue(
        self, content: template_content.TemplateContent, path: Path, previous: IssuedTemplate | None
    ) -> IssuedTemplate:
        version = previous.version + 1 if previous else 1
        adopted = plan_versions.in_force(self.db, self.period.year)
        if adopted is not None and adopted.fingerprint != self.plan.version:
            adopted = None
        identity = template_content.Identity(
            template_id=f"{content.institution.code}-{self.period.code}-v{version}-"
            f"{secrets.token_hex(4)}",
            institution=content.institution.code,
            period=self.period.code,
            version=version,
            plan_version=self.plan.version,
            plan_number=adopted.number if adopted else 0,
            plan_effective=adopted.effective if adopted else None,
        )
        data = template_writer.render(content, identity, self.workspace.config, self.hashed)
        issued = IssuedTemplate(
            template_id=identity.template_id,
            institution=identity.institution,
            period=identity.period,
            version=version,
            plan_version=identity.plan_version,
            language=content.language,
            file=self._rel(path),
            sha256=hashlib.sha256(data).hexdigest(),
            issued_at=_now(),
            content=content.prefilled()
            | {"cover": template_writer.cover_values(content, identity, self.workspace.config)},
        )
        pending_writes.note(self.db, issued.file, issued.sha256)
        atomic.write_bytes(path, data)
        with database.transaction(self.db):
            register.record(self.db, issued)
            pending_writes.clear(self.db, issued.file)
        return issued

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.workspace.root).as_posix()

    def withdraw_others(self) -> list[Line]:
        """Withdraw the expected templates of the period whose institution left the plan."""
        present = {i.code for i in self.plan.institutions}
        return [
            self._withdraw(t, SUCCEEDED if self._successors(t.institution) else NO_ROWS_NOW)
            for t in register.expected(self.db, self.period.code)
            if t.institution not in present
        ]

    def _successors(self, code: str) -> tuple[str, ...]:
        found = successors(self.plan, code, self.period.last)
        return () if found == (code,) else found

    def _withdraw(self, issued: IssuedTemplate, reason: str) -> Line:
        """Mark ``issued`` withdrawn (facts: when, why, who took over): no return is expected."""
        taken_by = self._successors(issued.institution)
        params = {"plan_version": self.plan.version, "successors": list(taken_by)}
        with database.transaction(self.db):
            register.withdraw(self.db, issued.template_id, _now(), reason, **params)
        note = reissue.withdrawn_note(issued.version, taken_by)
        return Line(issued.institution, WITHDRAWN, issued.file, issued.version, notes=(note,))


def _earlier_answers(db: Any, codes: Sequence[str]) -> list[carry.Answer]:
    """The current accepted return of each period of the institution and of those it took over
    (``codes``: history follows the succession), as carry-forward reads them."""
    found = []
    for code in codes:
        for record in ledger.current_returns(db, code):
            period = parse_period(record.period)
            if period is not None and record.accepted_values:
                found.append(carry.Answer(period, record.accepted_values))
    return found


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
