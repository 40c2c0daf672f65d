"""Fill a generated template the way a careful person at the institution would.

Used by the demo, the benchmark and the tests. :mod:`.workbook` reads the template through the
contract and types the answers in; :mod:`.answers` draws them; :mod:`.mistakes` makes the
deviations a filling asks for; :mod:`.texts` holds the sentences, names and contacts typed.

Answers are drawn from ``random.Random`` seeded by text (the seed, the template id, the row), so
the same template and :class:`Filling` always give the same answers and rows do not depend on one
another. :data:`MISTAKES` names the deviations a filling can be asked to make, each once.
"""

from __future__ import annotations

from nsm_excel.demo.filler.context import Filling
from nsm_excel.demo.filler.mistakes import MISTAKES
from nsm_excel.demo.filler.workbook import STATUS_CODES, answers, fill, fill_versions

__all__ = ["MISTAKES", "STATUS_CODES", "Filling", "answers", "fill", "fill_versions"]
