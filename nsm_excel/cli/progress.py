"""A progress bar on standard error for long runs, shown only when there are many items."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

import click

MANY = 5


class Bar:
    """A callable ``(done, total, label)`` for the stages; draws nothing for a few items."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled or total < MANY:
            return
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_pos=True, item_show_func=None
            )
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.length - self._done)
            self._bar.__exit__(kind, exc, tb)
