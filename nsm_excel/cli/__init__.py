"""The ``nsm`` command: a thin adapter over the library."""

from nsm_excel.cli.app import main

__all__ = ["main"]
