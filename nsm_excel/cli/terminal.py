"""Text for a terminal: what comes from a file or the records is shown, never obeyed.

A file name, an id, a cell's text or a message made from one can hold control characters: ESC
starts sequences that move the cursor, recolour or retitle the window; CR and LF start what
looks like a line of the program's own ("MB_2026-H1.xlsx  accepted"); bidirectional controls
reorder what is seen. :func:`shown` writes each as a visible escape (``\\x1b``, ``\\r``,
``\\n``, ``\\u202e``), on a terminal or in a pipe alike. :func:`as_json` is JSON whose strings
escape the same characters (JSON itself escapes only those below U+0020).
"""

from __future__ import annotations

import json
import re
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_REORDERING = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_REORDERING}]")
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{_REORDERING}]")  # what json.dumps leaves as is


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object) -> str:
    """``value`` as text whose control characters are visible escapes."""
    return _HIDDEN.sub(_escape, str(value))


def as_json(data: Any) -> str:
    """``data`` as indented JSON; every control character in it is an escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
