"""The word of a submission state (on time, late, rejected, returned, pending, overdue), apart
from :mod:`.status` so that the audit log names a reminder's reason without the figures."""

from __future__ import annotations

from nsm_excel.core import words


def state_word(state: str, lang: str) -> str:
    """The word of a submission state in ``lang``."""
    return words.text(f"outputs.report.state_{state.replace(' ', '_')}", lang)
