"""The template's layout: every rule a reader of a template relies on, in one place.

The writer lays a template out by these rules; intake finds its way through a return by them;
the filler of the demo and the tests fill one by them. A row of keys (hidden) above the header
names each column by its stable key, so a reader finds columns by key, never by position.

A template's file name (``<institution>_<period>.xlsx``) is the workspace's rule
(:meth:`nsm_excel.store.workspace.Workspace.template_path`): the records below the template
stage keep the paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

TABLE_SHEETS = ("Cover", "Measures", "Indicators")  # the sheets an institution answers on
LISTS_SHEET = "Lists"  # hidden: the dropdowns' labels, statuses in column A, yes/no in B
LISTS_KEYS = ("status", "yes_no")  # the keys in row 1 of the Lists sheet, column by column
IDENTITY_SHEET = "Identity"  # hidden: the template's identity, one field a row
HELPER_SHEETS = (LISTS_SHEET, IDENTITY_SHEET)
SHEET_ORDER = ("Instructions", *TABLE_SHEETS, *HELPER_SHEETS)
# the key column naming each row of a table sheet (the key row holds it above the header)
SHEET_KEYS = {"Cover": "field", "Measures": "measure_code", "Indicators": "indicator_code"}
KEY_ROW = 3
HEADER_ROW = 4
FIRST_ROW = 5
KEY_SEARCH_ROWS = 10  # a reader looks for the key row among the first rows
DATA_BELOW_KEYS = FIRST_ROW - KEY_ROW  # the first row of data, counted from the key row found
COVER_WIDTHS = (16.0, 36.0, 60.0)
INSTRUCTIONS_WIDTH = 70.0  # fits a portrait A4 page in Excel and LibreOffice
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
