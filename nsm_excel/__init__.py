"""nsm-excel: the reporting cycle of a national strategy's Action Plan, run through Excel.

Library first: each command of the ``nsm`` CLI calls one public function of a stage module
(``plan_loader``, ``generate``, ...). Problems in user input are returned as :class:`Issue` records,
never raised.

:class:`Issue`, :class:`Report` and :class:`Severity` are imported when first asked for, so that
a command that needs none of them (``nsm --help``) does not load the words to start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nsm_excel.core.issues import Issue, Report, Severity

__version__ = "0.1.0"
__all__ = ["Issue", "Report", "Severity", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Issue", "Report", "Severity"):
        from nsm_excel.core import issues

        return getattr(issues, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
