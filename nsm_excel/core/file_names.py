"""File names that Windows accepts, and full paths that Excel opens.

Windows' rules are the strictest of the systems nsm runs on, so every name the tool chooses
follows them wherever it runs (a workspace on a shared drive is opened from Windows too):

- none of the characters ``< > : " / \\ | ? *`` nor a control character;
- no trailing dot or space (Windows drops them, so the name written is not the name asked);
- not a device name: CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also COM¹ ... LPT³), in any case, also
  followed by an extension (``CON.xlsx`` is the console too);
- at most 255 characters (and, on Linux, 255 bytes of UTF-8).

Excel opens no workbook whose full path is longer than :data:`EXCEL_PATH_LIMIT` characters;
:func:`check_openable` stops a command before it writes such a file (:class:`PathTooLong`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from nsm_excel.core.errors import NsmError

EXCEL_PATH_LIMIT = 218  # characters of a full path Excel opens
NAME_LIMIT = 255  # characters of one name on Windows, bytes on most Linux file systems
_DIGITS = "0123456789¹²³"
DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{d}" for port in ("COM", "LPT") for d in _DIGITS}
)
FORBIDDEN = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")  # DEL too: no file manager shows it
REPLACEMENT = "_"


class PathTooLong(NsmError):
    """A file people open would have a full path longer than Excel opens."""

    def __init__(self, path: Path) -> None:
        self.path = path
        length = len(str(path))
        super().__init__(
            f"{path} would be {length} characters long, but Excel opens no file whose full path "
            f"is longer than {EXCEL_PATH_LIMIT}. Nothing was written. Move the workspace to a "
            "folder with a shorter path (such as C:\\NSM) and run the command again."
        )


def problems(name: str) -> list[str]:
    """The rules of Windows that ``name`` (one name, not a path) breaks; empty when it is valid."""
    found = []
    if not name or name in (".", ".."):
        found.append("empty")
    if FORBIDDEN.search(name):
        found.append("forbidden character")
    if name.endswith((".", " ")):
        found.append("trailing dot or space")
    if is_device(name):
        found.append("device name")
    if len(name) > NAME_LIMIT or len(name.encode("utf-8", "surrogatepass")) > NAME_LIMIT:
        found.append("too long")
    return found


def is_device(name: str) -> bool:
    """``name`` (``CON``, ``nul.txt``, ``Com1 .xlsx``) is one of Windows' device names."""
    return name.split(".", 1)[0].rstrip(" ").upper() in DEVICES


def safe(name: str, limit: int = NAME_LIMIT, fallback: str = "file") -> str:
    """``name`` made valid: forbidden characters become ``_``, it is cut to ``limit`` bytes of
    UTF-8 (never inside a letter, the extension kept), trailing dots and spaces go, and a device
    name gets ``_`` after its device part (``CON.xlsx`` becomes ``CON_.xlsx``)."""
    name = bounded(FORBIDDEN.sub(REPLACEMENT, name), limit).rstrip(". ")
    if is_device(name):
        head, dot, tail = name.partition(".")
        name = bounded(f"{head.rstrip(' ')}{REPLACEMENT}{dot}{tail}", limit).rstrip(". ")
    return name or fallback


def bounded(name: str, limit: int) -> str:
    """``name`` cut to ``limit`` bytes of UTF-8 (file systems count bytes, not letters), never
    inside a letter, an extension of up to 16 bytes kept."""
    encoded = name.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return name
    stem, dot, suffix = name.rpartition(".")
    suffix = f".{suffix}" if dot and len(suffix.encode("utf-8", "surrogatepass")) <= 16 else ""
    room = max(limit - len(suffix.encode("utf-8", "surrogatepass")), 0)
    kept = (stem if suffix else name).encode("utf-8", "surrogatepass")[:room]
    return kept.decode("utf-8", "ignore") + suffix


def full_length(path: Path) -> int:
    """The characters of ``path`` made absolute, as Windows and Excel count them."""
    return len(os.path.abspath(path))


def room_in(folder: Path, limit: int = EXCEL_PATH_LIMIT) -> int:
    """How many characters a name in ``folder`` may have for its full path to fit ``limit``."""
    return limit - full_length(folder) - 1


def check_openable(path: Path) -> Path:
    """``path``, unless its full path is too long for Excel: then :class:`PathTooLong`."""
    if full_length(path) > EXCEL_PATH_LIMIT:
        raise PathTooLong(Path(os.path.abspath(path)))
    return path
