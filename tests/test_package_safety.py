"""Safe opening of a returned workbook by its bytes: every file is built here, in Python."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook

from nsm_excel.core import words
from nsm_excel.core.issues import Issue
from nsm_excel.intake.reading import safety as package_safety
from nsm_excel.intake.reading.safety import MIB, Limits, Package, inspect

FILE = "MB_2025-H1.xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZEROS = "xl/media/zeros.bin"
DTD_BILLION_LAUGHS = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
DTD_EXTERNAL = b'<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XML_2003 = b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook/>'
LINK_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/externalLinkPath" Target="{target}" TargetMode="External"/></Relationships>'
)


def _workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: Mapping[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _xlsx(changes: Mapping[str, bytes] = {}, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A valid package from openpyxl with parts added or replaced."""
    return _zip({**_parts(_workbook()), **changes}, compression)


def _with_zeros(size: int = 2 * MIB, compression: int = zipfile.ZIP_STORED) -> bytes:
    """A valid package plus a part of zeros; stored it has ratio 1, deflated about 1000:1."""
    buffer = io.BytesIO(_xlsx())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(ZEROS, bytes(size), compression)
    return buffer.getvalue()


def _infos(data: bytes) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: info for info in archive.infolist()}


def _central_entry(data: bytes, name: str) -> int:
    """Offset of the central directory record of ``name``."""
    start = data.index(b"PK\x01\x02")
    while data[start + 46 : start + 46 + len(name)] != name.encode():
        start = data.index(b"PK\x01\x02", start + 1)
    return start


def _patch(data: bytes, name: str, local_at: int, central_at: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of ``name`` in both its local header and its central record."""
    out = bytearray(data)
    struct.pack_into(fmt, out, _infos(data)[name].header_offset + local_at, value)
    struct.pack_into(fmt, out, _central_entry(data, name) + central_at, value)
    return bytes(out)


def _found(issues: list[Issue]) -> list[tuple[str, dict[str, Any]]]:
    """Codes and parameters, words shown in English (as the messages show them)."""
    return [(issue.code, _english(issue.params)) for issue in issues]


def _english(params: Mapping[str, Any]) -> dict[str, Any]:
    return {name: words.resolve(value, "en") for name, value in params.items()}


def _rejected(data: bytes, limits: Limits | None = None) -> list[tuple[str, dict[str, Any]]]:
    package, issues = inspect(data, FILE, limits or Limits())
    assert package is None
    assert all(issue.file == FILE for issue in issues)
    return _found(issues)


def _not_excel(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [("file-not-excel", {"kind": kind})]


def _corrupt(reason: str) -> list[tuple[str, dict[str, Any]]]:
    return [("file-corrupt", {"reason": reason})]


def _bomb(reason: str) -> list[tuple[str, dict[str, Any]]]:
    return [("file-zip-bomb", {"reason": reason})]


# --- a good package ---


def test_a_workbook_saved_by_openpyxl_passes_with_its_xml_parts() -> None:
    data = _workbook()
    package, issues = inspect(data, FILE)
    assert issues == []
    assert isinstance(package, Package)
    assert package.names == tuple(_infos(data))
    assert package.xml["xl/workbook.xml"] == _parts(data)["xl/workbook.xml"]
    assert set(package.xml) == {n for n in package.names if n.endswith((".xml", ".rels"))}


def test_a_utf16_part_is_stored_as_utf8_and_still_parses() -> None:
    text = _parts(_workbook())["xl/workbook.xml"].decode()
    stored = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")
    package, issues = inspect(_xlsx({"xl/workbook.xml": stored}), FILE)
    assert issues == [] and package is not None
    assert package.xml["xl/workbook.xml"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert ElementTree.fromstring(package.xml["xl/workbook.xml"]).tag.endswith("workbook")


# --- steps 1 and 2: size and magic bytes ---


def test_an_empty_file() -> None:
    assert _rejected(b"") == [("file-empty", {})]


def test_a_file_above_the_size_limit() -> None:
    data = b"x" * (MIB + MIB // 2)
    limits = Limits(max_file_bytes=MIB)
    assert _rejected(data, limits) == [("file-too-large", {"size": "1.5", "limit": "1"})]


NOT_A_ZIP = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
    "html": (b"<!DOCTYPE html>\n<html><body><table></table></body></html>", "a web page (HTML)"),
    "excel-html": (
        b'<html xmlns:o="urn:schemas-microsoft-com:office:office">',
        "a web page (HTML)",
    ),
    "csv": (b"Kodi;Statusi\nMB;zbatuar\n", "text (looks like CSV)"),
    "latin1-csv": ("Kodi,Përshkrimi\nMB,Masë\n".encode("latin-1"), "text (looks like CSV)"),
    "text": (b"Raporti u dergua me poste.\n", "text (CSV or plain text)"),
    "utf16": ("Kodi\tStatusi\nMB\tzbatuar\n".encode("utf-16"), "text (looks like CSV)"),
    "utf16-no-bom": ("Raporti gjashtëmujor\n".encode("utf-16-le"), "text (CSV or plain text)"),
    "utf16-greek": ("Έκθεση;Κατάσταση\n".encode("utf-16"), "text (looks like CSV)"),
    "xml-2003": (XML_2003, "an Excel 2003 XML spreadsheet; save it as .xlsx"),
    "random": (random.Random(7).randbytes(4096), "unknown binary data"),
    "zeros": (bytes(512), "unknown binary data"),
    "empty-zip": (_zip({}), "an empty zip archive"),
}


@pytest.mark.parametrize(("data", "kind"), NOT_A_ZIP.values(), ids=NOT_A_ZIP.keys())
def test_a_file_that_is_not_a_zip_says_what_it_is(data: bytes, kind: str) -> None:
    assert _rejected(data) == _not_excel(kind)


def test_an_old_xls_file() -> None:
    assert _rejected(OLE + bytes(1024)) == [("file-legacy-xls", {})]


@pytest.mark.parametrize("stream", ["EncryptionInfo", "EncryptedPackage"])
def test_an_ole_container_with_an_encrypted_package(stream: str) -> None:
    data = OLE + bytes(600) + stream.encode("utf-16-le") + bytes(100)
    assert _rejected(data) == [("file-encrypted", {})]


# --- step 3: a damaged zip package ---


def test_a_truncated_package() -> None:
    data = _workbook()
    assert _rejected(data[: len(data) // 2]) == _corrupt(
        "the zip package is incomplete or truncated"
    )


def test_a_part_whose_checksum_does_not_match() -> None:
    data = _xlsx(compression=zipfile.ZIP_STORED)
    flipped = data.replace(b"<workbook ", b"<wOrkbook ", 1)
    assert flipped != data
    assert _rejected(flipped) == _corrupt(
        "part xl/workbook.xml is damaged (its checksum does not match)"
    )


def test_a_part_whose_compressed_data_is_garbage() -> None:
    data = _workbook()
    info = _infos(data)["xl/workbook.xml"]
    start = info.header_offset + 30 + len(info.filename)
    start += struct.unpack_from("<H", data, info.header_offset + 28)[0]  # local extra field
    garbled = data[:start] + b"\xff" * 8 + data[start + 8 :]  # reserved deflate block type
    assert _rejected(garbled) == _corrupt("part xl/workbook.xml cannot be unpacked")


def test_a_part_whose_local_header_is_missing() -> None:
    data = _workbook()
    at = _infos(data)["xl/styles.xml"].header_offset
    broken = data[:at] + b"XX" + data[at + 2 :]
    assert _rejected(broken) == _corrupt("part xl/styles.xml is damaged")


def test_a_part_with_the_zip_encryption_flag() -> None:
    data = _patch(_workbook(), "xl/styles.xml", 6, 8, "<H", 0x1)
    assert _rejected(data) == _corrupt("a part is encrypted")


def test_a_part_with_a_feature_zipfile_does_not_implement() -> None:
    data = _patch(_workbook(), "xl/styles.xml", 6, 8, "<H", 0x20)  # compressed patched data
    assert _rejected(data) == _corrupt("a part uses an unsupported compression")


def test_a_part_with_a_compression_that_cannot_be_bounded() -> None:
    buffer = io.BytesIO(_workbook())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/media/image1.png", b"x" * 100, zipfile.ZIP_BZIP2)
    assert _rejected(buffer.getvalue()) == _corrupt("a part uses an unsupported compression")


def test_a_part_stored_twice() -> None:
    buffer = io.BytesIO(_workbook())
    with zipfile.ZipFile(buffer, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    assert _rejected(buffer.getvalue()) == _corrupt("part xl/workbook.xml appears twice")


# --- step 4: zip bombs, declared and actual ---


def test_more_parts_than_the_limit() -> None:
    assert _rejected(_workbook(), Limits(max_parts=3)) == _bomb(
        "the package holds more than 3 parts"
    )


def test_a_part_that_declares_more_than_the_part_limit() -> None:
    limits = Limits(max_part_bytes=MIB)
    assert _rejected(_with_zeros(), limits) == _bomb(f"part {ZEROS} declares 2.0 MB")


def test_a_part_that_declares_gigabytes_is_judged_without_unpacking_it() -> None:
    huge = 0xF000_0000
    data = _patch(_with_zeros(1024), ZEROS, 22, 24, "<I", huge)
    assert _rejected(data) == _bomb(f"part {ZEROS} declares {huge / 1024**3:.1f} GB")


def test_parts_that_declare_more_than_the_total_limit() -> None:
    data = _with_zeros(MIB)
    total = sum(info.file_size for info in _infos(data).values())
    limits = Limits(max_total_bytes=MIB)
    assert _rejected(data, limits) == _bomb(f"the parts declare {total / MIB:.1f} MB in total")


def test_a_part_that_compresses_too_well() -> None:
    data = _with_zeros(compression=zipfile.ZIP_DEFLATED)
    info = _infos(data)[ZEROS]
    ratio = info.file_size / info.compress_size
    assert ratio > 50
    expected = _bomb(f"part {ZEROS} compresses {ratio:.0f}:1")
    assert _rejected(data, Limits(max_ratio=50)) == expected


@pytest.mark.parametrize(
    ("limits", "compression", "reason"),
    [
        (
            Limits(max_part_bytes=MIB),
            zipfile.ZIP_STORED,
            f"part {ZEROS} unpacks to more than 1.0 MB",
        ),
        (
            Limits(max_total_bytes=MIB),
            zipfile.ZIP_STORED,
            "the parts unpack to more than 1.0 MB in total",
        ),
        (Limits(max_ratio=50), zipfile.ZIP_DEFLATED, f"part {ZEROS} compresses more than 50:1"),
    ],
    ids=["part", "total", "ratio"],
)
def test_a_lying_header_is_still_stopped_at_the_limit_while_reading(
    monkeypatch: pytest.MonkeyPatch, limits: Limits, compression: int, reason: str
) -> None:
    # The declared sizes are believed (as if the headers lied): the bytes read must stop it.
    monkeypatch.setattr(package_safety, "_check_declared", lambda infos, limits: None)
    assert _rejected(_with_zeros(compression=compression), limits) == _bomb(reason)


def test_a_header_that_understates_a_part_is_caught_by_its_checksum() -> None:
    data = _with_zeros(compression=zipfile.ZIP_DEFLATED)
    lying = _patch(data, ZEROS, 22, 24, "<I", 1000)  # uncompressed size: 1000 bytes
    assert _infos(lying)[ZEROS].file_size == 1000
    assert _rejected(lying) == _corrupt(f"part {ZEROS} is damaged (its checksum does not match)")


# --- step 5: zips that are not workbooks ---


def test_an_opendocument_spreadsheet() -> None:
    data = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""})
    assert _rejected(data) == _not_excel("an OpenDocument spreadsheet (.ods); save it as .xlsx")


def test_an_excel_binary_workbook() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})
    assert _rejected(data) == _not_excel("an Excel binary workbook (.xlsb); save it as .xlsx")


def test_a_word_document() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert _rejected(data) == _not_excel("a Word document (.docx)")


def test_a_zip_without_a_workbook_part() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "notes.txt": b"hello"})
    assert _rejected(data) == _not_excel("a zip archive that is not an Excel workbook")


# --- steps 6 to 8: macros, external links, XML entities ---


def test_a_macro_enabled_workbook_with_a_vba_project() -> None:
    data = _xlsx({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})
    assert _rejected(data) == [("file-macro-enabled", {})]


def test_a_macro_enabled_content_type_alone() -> None:
    types = _parts(_workbook())["[Content_Types].xml"]
    macro = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert macro != types
    assert _rejected(_xlsx({"[Content_Types].xml": macro})) == [("file-macro-enabled", {})]


def _links(*targets: str) -> dict[str, bytes]:
    parts = {}
    for number, target in enumerate(targets, start=1):
        name = f"externalLink{number}.xml"
        parts[f"xl/externalLinks/{name}"] = b"<externalLink/>"
        parts[f"xl/externalLinks/_rels/{name}.rels"] = LINK_RELS.format(target=target).encode()
    return parts


def test_external_links_name_their_targets() -> None:
    data = _xlsx(_links("file:///C:/Buxheti/2024.xlsx"))
    reason = "file:///C:/Buxheti/2024.xlsx"
    assert _rejected(data) == [("file-external-links", {"reason": reason})]


def test_external_links_list_at_most_three_targets_as_people_read_them() -> None:
    data = _xlsx(_links("R&amp;D.xlsx", "Plan%202024.xlsx", "c.xlsx", "d.xlsx"))
    reason = "R&D.xlsx, Plan 2024.xlsx, c.xlsx"
    assert _rejected(data) == [("file-external-links", {"reason": reason})]


def test_external_links_without_relationships() -> None:
    data = _xlsx({"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    assert _rejected(data) == [("file-external-links", {"reason": "external workbook links"})]


def test_external_links_declared_only_by_their_content_type() -> None:
    types = _parts(_workbook())["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/links/one.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
    )
    data = _xlsx({"[Content_Types].xml": types, "xl/links/one.xml": b"<externalLink/>"})
    assert _rejected(data) == [("file-external-links", {"reason": "external workbook links"})]


def _with_dtd(dtd: bytes, encoding: str = "utf-8") -> bytes:
    text = (dtd + _parts(_workbook())["xl/workbook.xml"]).decode()
    return _xlsx({"xl/workbook.xml": text.encode(encoding)})


@pytest.mark.parametrize(
    "data",
    [
        _with_dtd(DTD_BILLION_LAUGHS),
        _with_dtd(DTD_EXTERNAL),
        _with_dtd(b'<!doctype workbook [<!entity e "x">]>'),
        _with_dtd(DTD_BILLION_LAUGHS, "utf-16"),
        _with_dtd(DTD_EXTERNAL, "utf-16-le"),
    ],
    ids=["billion-laughs", "external-entity", "lower-case", "utf16", "utf16-without-bom"],
)
def test_a_part_that_declares_entities(data: bytes) -> None:
    assert _rejected(data) == [("file-xml-entities", {"part": "xl/workbook.xml"})]


def test_a_utf16_part_that_is_not_valid_utf16() -> None:
    data = _xlsx({"xl/styles.xml": b"\xff\xfe<\x00a"})  # a byte short of a character
    assert _rejected(data) == _corrupt("part xl/styles.xml is not valid UTF-16 text")


def test_a_file_with_several_problems_reports_them_all() -> None:
    data = _xlsx({"xl/vbaProject.bin": b"vba", **_links("budget.xlsx")})
    assert _rejected(data) == [
        ("file-macro-enabled", {}),
        ("file-external-links", {"reason": "budget.xlsx"}),
    ]


# --- never an exception ---


def test_damaged_bytes_give_issues_never_exceptions() -> None:
    rng, good = random.Random(2025), _xlsx(_links("a.xlsx"))
    for _ in range(300):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            data[at : at + rng.randint(0, 3)] = rng.randbytes(rng.randint(0, 3))
        package, issues = inspect(bytes(data), FILE)
        assert (package is None) == bool(issues)


# --- messages ---


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a;b\n",
        OLE,
        _workbook()[:100],
        _with_zeros(),
        _xlsx(_links("x.xlsx")),
        _with_dtd(DTD_EXTERNAL),
    ],
    ids=["empty", "csv", "ole", "corrupt", "bomb", "links", "entities"],
)
def test_messages_carry_the_specifics_in_both_languages(data: bytes) -> None:
    _, issues = inspect(data, FILE, Limits(max_part_bytes=MIB))
    assert issues
    for issue in issues:
        for lang in ("en", "sq"):
            message = issue.message(lang)
            assert "{" not in message
            shown = [str(words.resolve(value, lang)) for value in issue.params.values()]
            assert all(value in message for value in shown)
