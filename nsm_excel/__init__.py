"""nsm-excel: the reporting cycle of a national strategy's Action Plan, run through Excel.

Library first: each command of the ``nsm`` CLI calls one public function of a stage module
(``plan_loader``, ``generate``, ...). Problems in user input are returned as :class:`Issue` records,
never raised.
"""

from nsm_excel.core.issues import Issue, Report, Severity

__version__ = "0.1.0"
__all__ = ["Issue", "Report", "Severity", "__version__"]
