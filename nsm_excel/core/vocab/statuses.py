"""The statuses of a measure: word, colour, and what each asks of a return and counts for.

``NO_REPORT`` (the empty code) is the status of a measure whose lead sent no report: it has a
word and a colour, and comes last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nsm_excel.core.vocab.colours import WHITE, Colour
from nsm_excel.core.words import Word


@dataclass(frozen=True)
class Status:
    code: str
    colour: Colour
    reason: Literal["", "always", "once started"] = ""  # when a return must say why
    progress: bool = True  # a return says what was done
    done: bool = False  # completed: evidence and a completion date are asked for
    idle: bool = False  # nothing is spent on it

    @property
    def word(self) -> Word:
        return Word(f"status.{self.code}" if self.code else "status.no_report")


STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status("completed", Colour("#08306B", WHITE), done=True),
        Status("partial", Colour("#6BAED6"), reason="always"),
        Status("on_track", Colour("#2171B5", WHITE)),
        Status("delayed", Colour("#807DBA", WHITE), reason="always"),
        Status(
            "not_started",
            Colour("#54278F", WHITE),
            reason="once started",
            progress=False,
            idle=True,
        ),
        Status("cancelled", Colour("#8C6D31", WHITE), idle=True),
    )
}
NO_REPORT = Status("", Colour("#F4CAE4"), progress=False)
ORDER = (*STATUSES, NO_REPORT.code)  # the order of tables and charts, 'no report' last
BEHIND = tuple(code for code, s in STATUSES.items() if s.reason)  # delayed, partial, not started


def status(code: str | None) -> Status:
    """The status of ``code`` ('' or None: no report)."""
    return STATUSES[code] if code else NO_REPORT


def colour(code: str | None) -> Colour:
    return STATUSES[code].colour if code in STATUSES else NO_REPORT.colour
