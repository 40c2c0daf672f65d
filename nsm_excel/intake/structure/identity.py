"""Which issued template a returned workbook is: found by its content, never by its file name.

The template id is looked for in the custom properties, the defined names, the hidden Identity
sheet and the Cover; the places must agree, and with the register. A file name that names
another institution or period is a warning. The period the identity names must be open in the
calendar.
"""

from __future__ import annotations

import re

from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.intake.reading.reader import ReturnedWorkbook, SheetGrid
from nsm_excel.intake.structure.examined import Examined, RegisterView, note, shown
from nsm_excel.intake.structure.table_rows import key_row
from nsm_excel.store.period_rules import APPROVED, CLOSED, OPEN
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.template.layout import DATA_BELOW_KEYS, IDENTITY_PREFIX, IDENTITY_SHEET

# as the workspace names a template: <institution>_<period>.xlsx
_FILE_NAME = re.compile(r"^([A-Za-z0-9_]{2,12})_(\d{4}(?:-[HQhq]\d)?)")


def _identity_sources(book: ReturnedWorkbook) -> dict[str, dict[str, str]]:
    """Identity fields as each place in the file states them."""
    sources: dict[str, dict[str, str]] = {}
    props = {
        k.removeprefix(IDENTITY_PREFIX): v
        for k, v in book.properties.items()
        if k.startswith(IDENTITY_PREFIX)
    }
    sources["properties"] = props
    names = {
        k.lower().removeprefix(IDENTITY_PREFIX): v.strip('"')
        for k, v in book.names.items()
        if k.lower().startswith(IDENTITY_PREFIX)
    }
    sources["names"] = names
    identity = book.sheet(IDENTITY_SHEET)
    if identity is not None:
        sources["Identity"] = {
            str(r[0]): shown(r[1]) for r in identity.cells[1:] if len(r) > 1 and r[0]
        }
    cover = book.sheet("Cover")
    if cover is not None:
        sources["Cover"] = _cover_fields(cover)
    return sources


def _cover_fields(cover: SheetGrid) -> dict[str, str]:
    at = key_row(cover, "field")
    if at is None:
        return {}
    keys = [cover.value(at, c) for c in range(1, 4)]
    if keys[0] != "field" or "value" not in keys:
        return {}
    column = keys.index("value") + 1
    found = {}
    for row in range(at + DATA_BELOW_KEYS, cover.last_row + 1):
        key = cover.value(row, 1)
        if key:
            found[str(key)] = shown(cover.value(row, column))
    return found


def identify(
    book: ReturnedWorkbook, out: Examined, register: RegisterView
) -> IssuedTemplate | None:
    sources = _identity_sources(book)
    ids = list(dict.fromkeys(s["template_id"] for s in sources.values() if s.get("template_id")))
    if not ids:
        note(out, C.RETURN_NO_IDENTITY)
        return None
    known = [i for i in ids if register.by_id(i) is not None]
    if len(ids) > 1:
        note(out, C.RETURN_IDENTITY_CONFLICT, value=ids[0], other=ids[1])
        return None
    record = register.by_id(known[0]) if known else None
    if record is None:
        note(out, C.RETURN_UNKNOWN_TEMPLATE, value=ids[0])
        return None
    _identity_fields(sources, record, out)
    _period_open(out, record, register)
    _file_name(out, record)
    return record


def _period_open(out: Examined, record: IssuedTemplate, register: RegisterView) -> None:
    """A return counts only for an open period: closed, approved or never opened, it is refused."""
    state = register.period_state(record.period)
    if state in (CLOSED, APPROVED):
        note(out, C.RETURN_PERIOD_CLOSED, value=record.period, contact=register.contact)
    elif state != OPEN:
        note(out, C.RETURN_PERIOD_NOT_OPEN, value=record.period, contact=register.contact)


def _identity_fields(
    sources: dict[str, dict[str, str]], record: IssuedTemplate, out: Examined
) -> None:
    issued = {
        "institution": record.institution,
        "period": record.period,
        "template_version": str(record.version),
    }
    for place, fields in sources.items():
        for name, expected in issued.items():
            stated = fields.get(name)
            if stated and stated != expected:
                sheet = place if place in ("Cover", "Identity") else ""
                note(
                    out,
                    C.RETURN_IDENTITY_CHANGED,
                    sheet,
                    value=stated,
                    field=name,
                    issued=expected,
                    template_id=record.template_id,
                )
                return


def _file_name(out: Examined, record: IssuedTemplate) -> None:
    name = out.file.rsplit("/", 1)[-1]
    match = _FILE_NAME.match(name)
    if not match:
        return
    code, period = match.group(1).upper(), match.group(2).upper()
    if (code, period) != (record.institution, record.period):
        note(
            out,
            C.RETURN_FILE_RENAMED,
            value=f"{code} {period}",
            institution=record.institution,
            period=record.period,
        )
