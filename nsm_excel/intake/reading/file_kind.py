"""What a file that is neither a zip package nor an OLE container holds, as a word
(``file-kind.*`` in the ``intake`` catalogues), shown in the language of the message."""

from __future__ import annotations

import codecs

from nsm_excel.core import words

_TEXT_SAMPLE = 64 * 1024
_MIN_PRINTABLE = 0.95


def kind_of(data: bytes) -> words.Ref:
    """What a file that is neither a zip nor an OLE container holds, as a word."""
    if data.startswith(b"%PDF"):
        return words.ref("file-kind.pdf")
    if data.startswith(b"PK\x05\x06"):
        return words.ref("file-kind.empty-zip")
    text = _as_text(data[:_TEXT_SAMPLE])
    if text is None:
        return words.ref("file-kind.binary")
    head = text[:2048].lstrip().lower()
    if head.startswith("<!doctype html") or "<html" in head:
        return words.ref("file-kind.html")
    if 'progid="excel.sheet"' in head:  # <?mso-application progid="Excel.Sheet"?>
        return words.ref("file-kind.excel-2003-xml")
    first_line = text.lstrip().split("\n", 1)[0]
    if any(mark in first_line for mark in ",;\t"):
        return words.ref("file-kind.csv")
    return words.ref("file-kind.text")


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
