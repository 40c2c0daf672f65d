"""How the corpus's hostile files are made: zip packages, OLE containers, XML with entities,
and edits of filled templates. See :mod:`tests.corpus` for the cases themselves."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from tests.returns import edit, locate, repack

MIB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENTITIES = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)
EXTERNAL_ENTITY = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
Change = Callable[[Workbook], Any]


# --- zip packages, OLE containers, raw text ---


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(
    content: Mapping[str, bytes], compression: int = zipfile.ZIP_DEFLATED, level: int = 6
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=level) as archive:
        for name, body in content.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def with_dtd(data: bytes, part: str, dtd: bytes) -> bytes:
    """The part ``part`` of ``data`` with a document type declared after its XML declaration."""
    body = parts(data)[part]
    head, _, rest = body.partition(b"?>")
    return repack(data, {part: head + b"?>" + dtd + rest})


def content_types(data: bytes, *overrides: tuple[str, str]) -> bytes:
    text = parts(data)["[Content_Types].xml"].decode()
    extra = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides)
    return text.replace("</Types>", extra + "</Types>").encode()


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A small OLE compound file (version 3, 512-byte sectors) holding ``streams``.

    Every stream is padded to 4096 bytes so that it lives in regular sectors (no mini stream).
    Sector 0 is the FAT, sector 1 the directory, then the streams one after the other.
    """
    end, free, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    bodies = [body.ljust(max(4096, -(-len(body) // 512) * 512), b"\0") for body in streams.values()]
    fat = [fat_sector, end]
    starts = []
    for body in bodies:
        starts.append(len(fat))
        count = len(body) // 512
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128 and len(streams) <= 3
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *[free] * 108)
    directory = bytearray()
    names = ["Root Entry", *streams]
    for at, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if at == 0 else 2, 1)
        child = 1 if at == 0 else none
        right = at + 1 if 0 < at < len(names) - 1 else none
        struct.pack_into("<III", entry, 68, none, right, child)
        start, size = (end, 0) if at == 0 else (starts[at - 1], len(streams[name]))
        struct.pack_into("<IQ", entry, 116, start, size)
        directory += entry
    directory = directory.ljust(512, b"\0")
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return bytes(header) + fat_bytes + bytes(directory) + b"".join(bodies)


def biff_workbook() -> bytes:
    """The start of a BIFF8 workbook stream: a BOF record, a sheet name, an EOF record."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    return bof + struct.pack("<HH", 0x000A, 0)


def encrypted_package() -> bytes:
    """What Excel writes for a workbook with a password to open: an OLE container of streams."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    body = struct.pack("<Q", 20000) + bytes(range(256)) * 8
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": body})


# --- edits of filled templates ---


def puts(data: bytes, *cells: tuple[str, str, str, Any]) -> bytes:
    """``data`` with each (sheet, row code, key, value) typed in, and nothing else changed."""

    def change(book: Workbook) -> None:
        for sheet, code, key, value in cells:
            book[sheet][locate(book, sheet, code, key)].value = value

    return edit(data, change)


def as_text(sheet: str, code: str, key: str, text: str) -> Change:
    """Type ``text`` into a cell as text even when it starts with '=' (a quote prefix in Excel)."""

    def change(book: Workbook) -> None:
        cell = book[sheet][locate(book, sheet, code, key)]
        cell.value = text
        cell.data_type = "s"

    return change


def raw_numbers(data: bytes, *cells: tuple[str, str, str, bytes]) -> bytes:
    """``data`` with each (sheet, row code, key) holding a number cell whose stored text is the
    given bytes (``NaN``, 400 digits): what no spreadsheet writes, put straight into the XML."""
    marks = {f"{n + 0.123456789:.9f}": raw for n, (*_, raw) in enumerate(cells, start=917)}
    data = puts(data, *[(*cell[:3], float(mark)) for cell, mark in zip(cells, marks, strict=True)])
    changes = {}
    found = set()
    for name, body in parts(data).items():
        for mark, raw in marks.items():
            if name.startswith("xl/worksheets/") and f"<v>{mark}</v>".encode() in body:
                body = changes[name] = body.replace(f"<v>{mark}</v>".encode(), b"<v>%s</v>" % raw)
                found.add(mark)
    assert found == set(marks), "a number cell to replace was not found"
    return repack(data, changes)


def sheet_twice(data: bytes, name: str, copy_named: str) -> bytes:
    """``data`` with a protected copy of the sheet ``name`` added and named ``copy_named`` in
    the workbook's listing (Excel refuses a second sheet of the same name; its XML does not)."""

    def copy(book: Workbook) -> None:
        twin = book.copy_worksheet(book[name])
        twin.title = "NSMCOPY"
        twin.protection.sheet = True
        twin[locate(book, name, "A.1.1", "spent_state")].value = 987654  # unlike the original

    copied = edit(data, copy)
    listing = parts(copied)["xl/workbook.xml"]
    assert b'name="NSMCOPY"' in listing
    renamed = listing.replace(b'name="NSMCOPY"', b'name="%s"' % copy_named.encode())
    return repack(copied, {"xl/workbook.xml": renamed})


def strip_identity(book: Workbook) -> None:
    book.custom_doc_props.props = []  # type: ignore[attr-defined]
    for name in list(book.defined_names):
        if name.startswith("NSM_") and "LIST" not in name:
            del book.defined_names[name]
    for row in book["Identity"].iter_rows(min_row=2):
        row[1].value = None
    book["Cover"][locate(book, "Cover", "template_id", "value")].value = None


def unprotect(book: Workbook) -> None:
    for name in ("Cover", "Measures", "Indicators"):
        book[name].protection.sheet = False
    book.security = None


def added_sheet(data: bytes, name: str) -> bytes:
    """``data`` with a sheet added under ``name``, set in the package (Excel refuses some names,
    such as those holding '/', that the XML can hold)."""
    added = edit(data, lambda book: book.create_sheet("Added"))
    attribute = name.replace("&", "&amp;").replace("'", "&apos;").replace('"', "&quot;")
    xml = parts(added)["xl/workbook.xml"].replace(b'name="Added"', f'name="{attribute}"'.encode())
    return repack(added, {"xl/workbook.xml": xml})


def rename_sheet(book: Workbook) -> None:
    book["Measures"].title = "Masat"


def hide_row(book: Workbook) -> None:
    book["Measures"].row_dimensions[6].hidden = True


def merge(book: Workbook) -> None:
    book["Measures"].merge_cells("S5:T6")  # over status and progress


def graft_identity(other: bytes) -> Change:
    def change(book: Workbook) -> None:
        book["Identity"]["B2"].value = load_workbook(io.BytesIO(other))["Identity"]["B2"].value

    return change


def external_link(data: bytes) -> bytes:
    link = (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        ' r:id="rId1"/></externalLink>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/externalLinkPath" Target="file:///C:/Users/financa/Buxheti%202026.xlsx"'
        ' TargetMode="External"/></Relationships>'
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
    return repack(
        data,
        {
            "xl/externalLinks/externalLink1.xml": link.encode(),
            "xl/externalLinks/_rels/externalLink1.xml.rels": rels.encode(),
            "[Content_Types].xml": content_types(
                data, ("xl/externalLinks/externalLink1.xml", kind)
            ),
        },
    )


def with_macros(data: bytes) -> bytes:
    types = parts(data)["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    vba = OLE_MAGIC + b"\0" * 504 + b'Attribute VB_Name = "ThisWorkbook"\r\nSub Auto_Open()\r\n'
    return repack(data, {"xl/vbaProject.bin": vba, "[Content_Types].xml": types})


def zeros_part(data: bytes, size: int) -> bytes:
    """``data`` plus a deflated part of ``size`` zero bytes (about 1000:1)."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/media/image1.png", bytes(size), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def many_parts(data: bytes, count: int) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        for n in range(count):
            archive.writestr(f"xl/media/p{n}.bin", b"")
    return buffer.getvalue()


def flip_checksum(data: bytes) -> bytes:
    """A stored package whose workbook part no longer matches its checksum."""
    stored = package(parts(data), zipfile.ZIP_STORED)
    return stored.replace(b"<workbook ", b"<wOrkbook ", 1)


def ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
