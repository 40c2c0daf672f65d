"""Safe opening of a returned workbook, judged by its bytes before a spreadsheet library reads it.

This module owns the ``file-*`` checks that need only the bytes: empty or oversized files, files
that are not .xlsx at all (PDF, web page, CSV, old .xls, OLE-encrypted), damaged zip packages, zip
bombs, macro-enabled workbooks, links to other workbooks, and XML parts that declare a document
type or entities. :func:`inspect` is pure (bytes in, a :class:`Package` and issues out); reading
the file from disk is the caller's edge. Every part is decompressed in chunks and never beyond the
:class:`Limits`, whatever the zip headers declare.
"""

from __future__ import annotations

import codecs
import io
import lzma
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NoReturn

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue, Severity
from nsm_excel.intake.reading import package_content
from nsm_excel.intake.reading.file_kind import kind_of
from nsm_excel.intake.reading.package_content import Finding as _Finding
from nsm_excel.intake.reading.package_content import Package
from nsm_excel.intake.reading.worksheet_xml import Extent

MIB = 1024 * 1024
_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTION = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, OSError)
_INFLATE_ERRORS = (zlib.error, lzma.LZMAError, struct.error)
_SAFE_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # others inflate unbounded
_UTF16_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])utf-16[^"']*""", re.I)
_STRICT = b"purl.oclc.org/ooxml/spreadsheetml/main"

_Infos = list[zipfile.ZipInfo]


@dataclass(frozen=True)
class Limits:
    """How much a returned workbook may hold; beyond any of these it is not opened."""

    max_file_bytes: int = 20 * MIB
    max_part_bytes: int = 50 * MIB  # declared or actual uncompressed size of one part
    max_total_bytes: int = 200 * MIB  # all parts together, uncompressed
    max_ratio: float = 200.0  # uncompressed/compressed of a part above 1 MiB
    max_parts: int = 5000
    extent: Extent = field(
        default_factory=Extent
    )  # cells beyond it are refused, nothing is allocated for them
    reader_memory_bytes: int = 1536 * MIB  # address space of the process that reads a file
    reader_seconds: float = 60.0  # a file whose reading takes longer is refused


class _Rejected(Exception):
    """Internal: the file cannot be used; caught by :func:`inspect`, never raised to callers."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.finding: _Finding = (code, params)


def inspect(
    data: bytes, file: str, limits: Limits = Limits()
) -> tuple[Package | None, list[Issue]]:
    """Judge the bytes of a returned workbook; the package only when no issue is an error."""
    try:
        package, findings = _inspect(data, limits)
    except _Rejected as rejected:
        package, findings = None, [rejected.finding]
    issues = [Issue(code, file=file, params=params) for code, params in findings]
    if any(issue.severity is Severity.ERROR for issue in issues):
        return None, issues
    return package, issues


def _inspect(data: bytes, limits: Limits) -> tuple[Package, list[_Finding]]:
    _check_size(data, limits)
    _check_magic(data)
    with _open_zip(data, limits) as archive:
        infos = archive.infolist()
        _check_entries(infos)
        _check_declared(infos, limits)
        _check_is_workbook(archive)
        xml = _read_parts(archive, infos, limits)
    package = Package(tuple(info.filename for info in infos), MappingProxyType(xml))
    _check_strict(package)
    return package, package_content.findings(package)


def _check_size(data: bytes, limits: Limits) -> None:
    if not data:
        raise _Rejected(C.FILE_EMPTY)
    if len(data) > limits.max_file_bytes:
        size = math.ceil(len(data) * 10 / MIB) / 10  # rounded up: never shown equal to the limit
        limit = f"{limits.max_file_bytes / MIB:.1f}".removesuffix(".0")
        raise _Rejected(C.FILE_TOO_LARGE, size=f"{size:.1f}", limit=limit)


def _check_magic(data: bytes) -> None:
    if data.startswith(b"PK\x03\x04"):
        return
    if data.startswith(_OLE_MAGIC):
        if any(stream in data for stream in _OLE_ENCRYPTION):
            raise _Rejected(C.FILE_ENCRYPTED)
        raise _Rejected(C.FILE_LEGACY_XLS)
    raise _Rejected(C.FILE_NOT_EXCEL, kind=kind_of(data))


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    # Every central directory entry starts with this signature: an upper bound on the parts,
    # checked before zipfile builds one record per entry.
    if data.count(b"PK\x01\x02") > limits.max_parts:
        _bomb("reason.too-many-parts", count=limits.max_parts)
    with _zip_errors(None):
        return zipfile.ZipFile(io.BytesIO(data))


@contextmanager
def _zip_errors(part: str | None) -> Iterator[None]:
    """Turn what zipfile raises on damaged data into ``file-corrupt``: of ``part``, or of the
    package itself when ``None``."""
    try:
        yield
    except (*_ZIP_ERRORS, *_INFLATE_ERRORS) as exc:
        raise _Rejected(C.FILE_CORRUPT, reason=_corrupt_reason(exc, part)) from None


def _corrupt_reason(exc: BaseException, part: str | None) -> words.Ref:
    if isinstance(exc, NotImplementedError):
        return words.ref("reason.part-compression")
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        return _of("checksum", part)
    if isinstance(exc, EOFError) or part is None:  # it starts as a zip but does not end as one
        return _of("truncated", part)
    if isinstance(exc, zipfile.BadZipFile):
        return _of("damaged", part)
    return _of("unpack", part)


def _of(what: str, part: str | None) -> words.Ref:
    """``reason.part-<what>`` naming the part, or ``reason.package-<what>``."""
    return words.ref(f"reason.package-{what}") if part is None else _part(what, part)


def _part(what: str, part: str, /, **values: object) -> words.Ref:
    return words.ref(f"reason.part-{what}", part=part, **values)


def _check_entries(infos: _Infos) -> None:
    seen: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise _Rejected(C.FILE_CORRUPT, reason=words.ref("reason.part-encrypted"))
        if info.compress_type not in _SAFE_COMPRESSIONS:
            raise _Rejected(C.FILE_CORRUPT, reason=words.ref("reason.part-compression"))
        name = info.filename
        if "\\" in name or name.startswith("/") or ".." in name.split("/") or "\x00" in name:
            raise _Rejected(C.FILE_CORRUPT, reason=_part("name", repr(name[:60])))
        if info.filename.lower() in seen:  # part names are case-insensitive in a package
            raise _Rejected(C.FILE_CORRUPT, reason=_part("twice", info.filename))
        seen.add(info.filename.lower())


def _check_declared(infos: _Infos, limits: Limits) -> None:
    """The sizes the zip headers declare; :func:`_check_actual` does not trust them."""
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            _bomb("reason.part-declares", part=info.filename, size=_size_words(info.file_size))
        if info.file_size > MIB and info.file_size > limits.max_ratio * info.compress_size:
            ratio = info.file_size / max(info.compress_size, 1)
            _bomb("reason.part-ratio", part=info.filename, ratio=f"{ratio:.0f}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        _bomb("reason.total-declares", size=_size_words(total))


def _bomb(key: str, /, **values: object) -> NoReturn:
    raise _Rejected(C.FILE_ZIP_BOMB, reason=words.ref(key, **values))


def _size_words(size: int) -> words.Ref:
    """``4.2 GB``, ``2.0 MB``, ``512 bytes`` (``size.*`` words)."""
    for unit, factor in (("gb", 1024 * MIB), ("mb", MIB), ("kb", 1024)):
        if size >= factor:
            return words.ref(f"size.{unit}", size=f"{size / factor:.1f}")
    return words.ref("size.bytes", size=str(size))


def _check_is_workbook(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        return
    if "mimetype" in names:
        with _zip_errors("mimetype"), archive.open("mimetype") as stream:
            if stream.read(len(_ODS_MIMETYPE)) == _ODS_MIMETYPE:
                raise _Rejected(C.FILE_NOT_EXCEL, kind=words.ref("file-kind.ods"))
    if "xl/workbook.bin" in names:
        raise _Rejected(C.FILE_NOT_EXCEL, kind=words.ref("file-kind.xlsb"))
    if "word/document.xml" in names:
        raise _Rejected(C.FILE_NOT_EXCEL, kind=words.ref("file-kind.docx"))
    raise _Rejected(C.FILE_NOT_EXCEL, kind=words.ref("file-kind.other-zip"))


def _read_parts(archive: zipfile.ZipFile, infos: _Infos, limits: Limits) -> dict[str, bytes]:
    """Every part is unpacked (checksums verified, limits enforced); XML parts are kept."""
    xml: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        keep = info.filename.lower().endswith((".xml", ".rels"))
        size, content = _read_part(archive, info, limits, limits.max_total_bytes - total, keep)
        total += size
        if keep:
            xml[info.filename] = _as_utf8(info.filename, content)
    return xml


def _read_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, room: int, keep: bool
) -> tuple[int, bytes]:
    """The actual size of a part, and its bytes when ``keep``; stops as soon as a limit is past."""
    chunks: list[bytes] = []
    size = 0
    with _zip_errors(info.filename), archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            _check_actual(info, size, limits, room)
            if keep:
                chunks.append(chunk)
    return size, b"".join(chunks)


def _check_actual(info: zipfile.ZipInfo, size: int, limits: Limits, room: int) -> None:
    """The limits on bytes actually unpacked so far, whatever the headers declared."""
    if size > limits.max_part_bytes:
        _bomb("reason.part-unpacks", part=info.filename, size=_size_words(limits.max_part_bytes))
    if size > room:
        _bomb("reason.total-unpacks", size=_size_words(limits.max_total_bytes))
    if size > MIB and size > limits.max_ratio * info.compress_size:
        _bomb("reason.part-ratio-more", part=info.filename, ratio=f"{limits.max_ratio:.0f}")


def _as_utf8(name: str, content: bytes) -> bytes:
    """A part stored as UTF-16 (with a BOM), re-encoded as UTF-8 with a matching declaration."""
    if not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content
    try:
        text = content.decode("utf-16")
    except UnicodeDecodeError:
        raise _Rejected(C.FILE_CORRUPT, reason=_part("not-utf16", name)) from None
    return _UTF16_DECLARATION.sub(r"\g<1>UTF-8", text, count=1).encode("utf-8")


def _check_strict(package: Package) -> None:
    if _STRICT in package.xml.get("xl/workbook.xml", b"")[:4096]:
        raise _Rejected(C.FILE_STRICT_OOXML)


__all__ = ["MIB", "Limits", "Package", "inspect"]
