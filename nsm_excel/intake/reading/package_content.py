"""What a readable package holds that a template never does: macros, links to other workbooks,
data connections and XML parts that declare a document type or entities."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode as C

_TARGET = re.compile(rb"""\bTarget\s*=\s*["']([^"']*)""")
_DTD = re.compile(rb"<!(doctype|entity)", re.IGNORECASE)
_CONNECTION_PARTS = ("xl/connections.xml", "xl/querytables/")
_CONNECTION_TYPES = (b"connections+xml", b"querytable+xml")
_CONNECTION_SOURCE = re.compile(
    rb"""\b(?:url|sourceFile|connection|name)\s*=\s*["']([^"']{1,200})"""
)

Finding = tuple[str, dict[str, object]]  # a code and its parameters: facts and words


@dataclass(frozen=True)
class Package:
    """A readable .xlsx package: its part names in zip order and its XML parts, as UTF-8 bytes."""

    names: tuple[str, ...]
    xml: Mapping[str, bytes]  # every .xml and .rels part, decompressed


def findings(package: Package) -> list[Finding]:
    """Every such content of ``package``: issue codes and their parameters."""
    found = _macros(package) + _external_links(package) + _connections(package)
    return found + _entities(package)


def _macros(package: Package) -> list[Finding]:
    content_types = package.xml.get("[Content_Types].xml", b"")
    vba = any(name.lower().endswith("vbaproject.bin") for name in package.names)
    if vba or b"macroenabled" in content_types.lower():
        return [(C.FILE_MACRO_ENABLED, {})]
    return []


def _external_links(package: Package) -> list[Finding]:
    content_types = package.xml.get("[Content_Types].xml", b"").lower()
    linked = any(name.lower().startswith("xl/externallinks/") for name in package.names)
    if not linked and b"externallink+xml" not in content_types:
        return []
    targets: list[str] = []
    for name, content in package.xml.items():
        if name.lower().startswith("xl/externallinks/_rels/") and name.endswith(".rels"):
            for match in _TARGET.finditer(content):
                target = unquote(html.unescape(match.group(1).decode("utf-8", "replace")))
                if target and target not in targets:
                    targets.append(target)
    reason = ", ".join(targets[:3]) or words.ref("reason.external-links")
    return [(C.FILE_EXTERNAL_LINKS, {"reason": reason})]


def _connections(package: Package) -> list[Finding]:
    """Data connections (queries, web or database sources) refresh from outside on opening."""
    content_types = package.xml.get("[Content_Types].xml", b"").lower()
    parts = [n for n in package.names if n.lower().startswith(_CONNECTION_PARTS)]
    if not parts and not any(kind in content_types for kind in _CONNECTION_TYPES):
        return []
    sources: list[str] = []
    for name in parts:
        for match in _CONNECTION_SOURCE.finditer(package.xml.get(name, b"")):
            source = html.unescape(match.group(1).decode("utf-8", "replace"))
            if source not in sources:
                sources.append(source)
    return [
        (C.FILE_DATA_CONNECTIONS, {"reason": ", ".join(sources[:2]) or words.ref("reason.a-query")})
    ]


def _entities(package: Package) -> list[Finding]:
    found = [name for name, content in package.xml.items() if _declares_dtd(content)]
    return [(C.FILE_XML_ENTITIES, {"part": name}) for name in found]


def _declares_dtd(content: bytes) -> bool:
    """``<!DOCTYPE`` or ``<!ENTITY``; zero bytes removed, so UTF-16 without a BOM hides neither."""
    if _DTD.search(content):
        return True
    return b"\x00" in content and bool(_DTD.search(content.replace(b"\x00", b"")))
