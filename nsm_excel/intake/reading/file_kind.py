"""What a file that is neither a zip package nor an OLE container holds, in plain words."""

from __future__ import annotations

import codecs

_TEXT_SAMPLE = 64 * 1024
_MIN_PRINTABLE = 0.95


def kind_of(data: bytes) -> str:
    """What a file that is neither a zip nor an OLE container holds, in plain words."""
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith(b"PK\x05\x06"):
        return "an empty zip archive"
    text = _as_text(data[:_TEXT_SAMPLE])
    if text is None:
        return "unknown binary data"
    head = text[:2048].lstrip().lower()
    if head.startswith("<!doctype html") or "<html" in head:
        return "a web page (HTML)"
    if 'progid="excel.sheet"' in head:  # <?mso-application progid="Excel.Sheet"?>
        return "an Excel 2003 XML spreadsheet; save it as .xlsx"
    first_line = text.lstrip().split("\n", 1)[0]
    if any(mark in first_line for mark in ",;\t"):
        return "text (looks like CSV)"
    return "text (CSV or plain text)"


def _as_text(sample: bytes) -> str | None:
    """The sample as text when it reads as UTF-8, UTF-16 or mostly printable Latin-1."""
    utf16 = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    encodings = ["utf-16" if utf16 else "utf-8-sig"]
    if sample.count(0) * 3 > len(sample):  # UTF-16 without a BOM is half zero bytes
        encodings += ["utf-16-le", "utf-16-be"]
    for encoding in [*encodings, "latin-1"]:
        try:  # not final: the sample may end inside a character
            text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for char in text if char.isprintable() or char in "\t\r\n")
        if text and printable >= _MIN_PRINTABLE * len(text):
            return text
    return None
