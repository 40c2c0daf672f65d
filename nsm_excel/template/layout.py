"""The template's layout: every rule a reader of a template relies on, in one place.

The writer lays a template out by these rules; intake finds its way through a return by them;
the filler of the demo and the tests fill one by them. A row of keys (hidden) above the header
names each column by its stable key, so a reader finds columns by key, never by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

KEY_ROW = 3
HEADER_ROW = 4
COVER_WIDTHS = (16.0, 36.0, 60.0)
INSTRUCTIONS_WIDTH = 70.0  # fits a portrait A4 page in Excel and LibreOffice
FIRST_ROW = 5
HELPER_SHEETS = ("Lists", "Identity")
STATUS_LIST = "NSM_STATUS_LIST"
YES_NO_LIST = "NSM_YES_NO_LIST"
IDENTITY_PREFIX = "nsm_"  # custom properties nsm_template_id ...; defined names NSM_TEMPLATE_ID ...
LINE_HEIGHT = 15.0  # points per line of 11-point text
CHARS_PER_WIDTH = 1.15  # characters of body text per unit of column width


def fit_height(texts_and_widths: Sequence[tuple[Any, float]], minimum_lines: int = 1) -> float:
    """A row height showing every wrapped text in full (spreadsheets do not grow rows on open)."""
    lines = minimum_lines
    for text, width in texts_and_widths:
        if not isinstance(text, str) or width <= 0:
            continue
        per_line = max(1, int(width * CHARS_PER_WIDTH))
        wrapped = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        lines = max(lines, wrapped)
    return LINE_HEIGHT * lines + 3
