"""The ``nsm`` command: a thin adapter over the library, one library call per command.

The group and its shared options are in :mod:`nsm_excel.cli.group`; the commands, by what they
are for, in :mod:`~nsm_excel.cli.start`, :mod:`~nsm_excel.cli.cycle`,
:mod:`~nsm_excel.cli.periods` and
:mod:`~nsm_excel.cli.records`. Importing this module registers them all on :func:`main`.
"""

from __future__ import annotations

from nsm_excel.cli import (
    cycle,
    decide,
    export,
    history,
    mail,
    periods,
    plans,
    records,
    review,
    start,
    watching,
)
from nsm_excel.cli.group import main

COMMANDS = (
    start,
    cycle,
    periods,
    records,
    plans,
    export,
    review,
    decide,
    watching,
    history,
    mail,
)  # the modules whose commands `main` holds

__all__ = ["main"]
